#include "core/dicom/DicomSegmentation.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmiod/iodreferences.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "core/CaseFold.h"
#include "core/Error.h"
#include "core/dicom/DicomToolkit.h"

namespace lumen::core {
namespace {

/// The image a frame derives from: an instance, and its frame when the source is multi-frame.
struct SourceImage {
  OFString sopClassUid;
  OFString sopInstanceUid;
  Uint16 frame = 0;  ///< 1-based; 0 for a single-frame image
};

/// The source series as the Common Instance Reference module lists it.
struct SourceSeries {
  std::vector<SourceImage> images;  ///< one per slice
  IODReferences references;         ///< one per file
};

void require(const OFCondition& status, const std::string& what) {
  if (status.bad()) throw Error(ErrorCode::WriteFailed, what + ": " + status.text());
}

/// A decimal string (DS, at most 16 characters).
OFString decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.8g", std::abs(value) < 1e-9 ? 0.0 : value);
  return text;
}

/// Reads one header (up to the pixel data) or throws Error(ReadFailed).
std::unique_ptr<DcmFileFormat> readHeader(const std::string& file) {
  auto format = std::make_unique<DcmFileFormat>();
  const OFCondition status = format->loadFileUntilTag(
      file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
  if (status.bad()) throw Error(ErrorCode::ReadFailed, file + ": " + status.text());
  return format;
}

/// One SourceImage per slice of `size`, reading each file's header once and checking its rows,
/// columns and frames. Keeps the first header in `first` for the patient, study and frame of
/// reference.
void readSources(const std::vector<SegmentationSource>& sources, const Size3& size,
                 std::unique_ptr<DcmFileFormat>& first, SourceSeries& series) {
  const auto fail = [](const std::string& what) { throw Error(ErrorCode::InvalidArgument, what); };
  if (sources.size() != size[2]) {
    fail(std::to_string(sources.size()) + " source images for " + std::to_string(size[2]) +
         " slices");
  }
  struct FileHeader {
    OFString sopClassUid;
    OFString sopInstanceUid;
    Sint32 frames = 1;
  };
  std::map<std::string, FileHeader> headers;
  for (const SegmentationSource& source : sources) {
    auto known = headers.find(source.file);
    if (known == headers.end()) {
      std::unique_ptr<DcmFileFormat> header = readHeader(source.file);
      DcmDataset& d = *header->getDataset();
      FileHeader h;
      Uint16 rows = 0;
      Uint16 columns = 0;
      d.findAndGetOFString(DCM_SOPClassUID, h.sopClassUid);
      d.findAndGetOFString(DCM_SOPInstanceUID, h.sopInstanceUid);
      d.findAndGetUint16(DCM_Rows, rows);
      d.findAndGetUint16(DCM_Columns, columns);
      d.findAndGetSint32(DCM_NumberOfFrames, h.frames);
      if (h.sopClassUid.empty() || h.sopInstanceUid.empty()) {
        throw Error(ErrorCode::ReadFailed, source.file + ": no SOP Class or Instance UID");
      }
      if (rows != size[1] || columns != size[0]) {
        fail(source.file + ": " + std::to_string(columns) + "×" + std::to_string(rows) +
             " pixels, the label map's slices are " + std::to_string(size[0]) + "×" +
             std::to_string(size[1]));
      }
      OFString patientId;
      OFString studyUid;
      OFString seriesUid;
      d.findAndGetOFString(DCM_PatientID, patientId);
      d.findAndGetOFString(DCM_StudyInstanceUID, studyUid);
      d.findAndGetOFString(DCM_SeriesInstanceUID, seriesUid);
      series.references.add(
          new IODImageReference(patientId, studyUid, seriesUid, h.sopInstanceUid, h.sopClassUid));
      if (!first) first = std::move(header);
      known = headers.emplace(source.file, h).first;
    }
    const FileHeader& h = known->second;
    if (source.frame < 0 || source.frame > h.frames || (h.frames > 1 && source.frame == 0)) {
      fail(source.file + ": frame " + std::to_string(source.frame) + " of " +
           std::to_string(h.frames));
    }
    series.images.push_back({h.sopClassUid, h.sopInstanceUid, static_cast<Uint16>(source.frame)});
  }
}

CodeSequenceMacro codeOf(const std::optional<CodedConcept>& concept) {
  if (!concept) return CodeSequenceMacro("85756007", "SCT", "Tissue");
  return CodeSequenceMacro(concept->code.c_str(), concept->scheme.c_str(),
                           concept->meaning.c_str());
}

/// Adds the segment for `label`; returns its segment number.
Uint16 addSegment(DcmSegmentation& seg, const LabelDefinition& label,
                  const SegmentationAuthoring& authoring) {
  const auto made = authoring.provenance.find(label.value);
  const bool fromModel = made != authoring.provenance.end() && !made->second.manual();
  DcmSegment* segment = nullptr;
  require(
      DcmSegment::create(segment, label.name.c_str(), codeOf(label.category), codeOf(label.type),
                         fromModel ? DcmSegTypes::SAT_SEMIAUTOMATIC : DcmSegTypes::SAT_MANUAL,
                         fromModel ? made->second.modelName.c_str() : ""),
      "segment " + label.name);
  double l = 0;
  double a = 0;
  double b = 0;
  IODCIELabUtil::rgb2DicomLab(l, a, b, label.colour[0] / 255.0, label.colour[1] / 255.0,
                              label.colour[2] / 255.0);
  segment->setRecommendedDisplayCIELabValue(static_cast<Uint16>(l), static_cast<Uint16>(a),
                                            static_cast<Uint16>(b));
  Uint16 number = 0;
  const OFCondition added = seg.addSegment(segment, number);
  if (added.bad()) delete segment;
  require(added, "segment " + label.name);
  return number;
}

}  // namespace

void writeDicomSegmentation(const std::string& path, const LabelMap& labels,
                            const LabelSchema& schema,
                            const std::vector<SegmentationSource>& sources,
                            const SegmentationAuthoring& authoring) {
  initializeDicomToolkit();
  schema.validate();
  const Size3& size = labels.size();
  const VolumeGeometry& g = labels.geometry();
  std::unique_ptr<DcmFileFormat> first;
  SourceSeries series;
  readSources(sources, size, first, series);
  const std::vector<SourceImage>& images = series.images;
  std::vector<bool> drawn(256, false);
  for (std::size_t n = 0; n < labels.volume().voxelCount(); ++n) drawn[labels.data()[n]] = true;
  for (int value = 1; value < 256; ++value) {
    if (drawn[static_cast<std::size_t>(value)] && !schema.label(static_cast<std::uint8_t>(value))) {
      throw Error(ErrorCode::InvalidArgument,
                  "label value " + std::to_string(value) + " is drawn but not in the schema");
    }
  }

  DcmSegmentation* created = nullptr;
  const IODGeneralEquipmentModule::EquipmentInfo equipment(
      "Lumen", "Lumen", "1",
      authoring.softwareVersion.empty() ? "Lumen" : authoring.softwareVersion.c_str());
  const ContentIdentificationMacro content("1", "LUMEN_LABELS", authoring.seriesDescription.c_str(),
                                           authoring.creator.c_str());
  require(
      DcmSegmentation::createBinarySegmentation(created, static_cast<Uint16>(size[1]),
                                                static_cast<Uint16>(size[0]), equipment, content),
      path);
  const std::unique_ptr<DcmSegmentation> seg(created);
  require(seg->importFromSourceImage(*first->getDataset()), "patient and study of the source");
  if (seg->getCommonInstanceReference().addReferences(series.references) == 0) {
    throw Error(ErrorCode::WriteFailed, path + ": cannot list the source images");
  }
  seg->getSeries().setSeriesDescription(authoring.seriesDescription.c_str());
  seg->getSeries().setSeriesNumber("9001");

  // Shared by every frame: pixel spacing (rows, then columns), slice thickness, orientation.
  FGPixelMeasures measures;
  require(measures.setPixelSpacing((decimal(g.spacing[1]) + "\\" + decimal(g.spacing[0])).c_str()),
          "pixel spacing");
  require(measures.setSliceThickness(decimal(g.spacing[2])), "slice thickness");
  require(measures.setSpacingBetweenSlices(decimal(g.spacing[2])), "spacing between slices");
  require(seg->addForAllFrames(measures), "pixel measures");
  const Mat3& d = g.direction;
  std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
      decimal(d[0][0]), decimal(d[1][0]), decimal(d[2][0]), decimal(d[0][1]), decimal(d[1][1]),
      decimal(d[2][1])));
  require(seg->addForAllFrames(*orientation), "orientation");

  const OFString dimensions = [] {
    char uid[100];
    return OFString(dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
  }();
  IODMultiframeDimensionModule& dims = seg->getDimensions();
  require(dims.addDimensionIndex(DCM_ReferencedSegmentNumber, dimensions,
                                 DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber"),
          "dimension");
  require(dims.addDimensionIndex(DCM_ImagePositionPatient, dimensions, DCM_PlanePositionSequence,
                                 "ImagePositionPatient"),
          "dimension");

  std::vector<Uint8> frame(size[0] * size[1]);
  for (const LabelDefinition& label : schema.labels) {
    if (!drawn[label.value]) continue;
    const Uint16 segment = addSegment(*seg, label, authoring);
    for (std::size_t k = 0; k < size[2]; ++k) {
      bool any = false;
      const std::uint8_t* slice = labels.data() + labels.volume().offset(0, 0, k);
      for (std::size_t n = 0; n < frame.size(); ++n) {
        frame[n] = slice[n] == label.value ? 1 : 0;
        any = any || frame[n] != 0;
      }
      if (!any) continue;
      const Vec3 at = labels.volume().indexToWorld({0.0, 0.0, static_cast<double>(k)});
      std::unique_ptr<FGPlanePosPatient> position(
          FGPlanePosPatient::createMinimal(decimal(at[0]), decimal(at[1]), decimal(at[2])));
      FGFrameContent frameContent;
      require(frameContent.setDimensionIndexValues(segment, 0), "dimension index");
      require(frameContent.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1),
              "dimension index");
      const SourceImage& source = images[k];
      ImageSOPInstanceReferenceMacro* reference = nullptr;
      require(ImageSOPInstanceReferenceMacro::create(source.sopClassUid, source.sopInstanceUid,
                                                     reference),
              "source reference");
      const std::unique_ptr<ImageSOPInstanceReferenceMacro> owned(reference);
      if (source.frame > 0)
        require(reference->addReferencedFrameNumber(source.frame), "frame reference");
      OFVector<ImageSOPInstanceReferenceMacro> references;
      references.push_back(*reference);
      std::unique_ptr<FGDerivationImage> derivation(
          DcmSegmentation::createDerivationImageFG(references, "Labels drawn in Lumen"));
      if (!derivation) throw Error(ErrorCode::WriteFailed, path + ": derivation image");
      OFVector<FGBase*> perFrame;
      perFrame.push_back(position.get());
      perFrame.push_back(&frameContent);
      perFrame.push_back(derivation.get());
      require(seg->addFrame(frame.data(), segment, perFrame), "frame " + std::to_string(k + 1));
    }
  }
  require(seg->saveFile(path.c_str(), EXS_LittleEndianExplicit), path);
}

namespace {

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
  throw Error(ErrorCode::InvalidArgument, path + ": " + what);
}

/// The slice frame `f` belongs to: by the image (and frame) it derives from, else by its position.
std::size_t sliceOfFrame(DcmSegmentation& seg, Uint32 f, const Volume& grid,
                         const std::map<std::pair<std::string, int>, std::size_t>& sliceOf,
                         const std::string& path) {
  FGInterface& groups = seg.getFunctionalGroups();
  auto* derivation =
      dynamic_cast<FGDerivationImage*>(groups.get(f, DcmFGTypes::EFG_DERIVATIONIMAGE));
  if (derivation && !derivation->getDerivationImageItems().empty()) {
    DerivationImageItem* item = derivation->getDerivationImageItems()[0];
    if (!item->getSourceImageItems().empty()) {
      ImageSOPInstanceReferenceMacro& reference =
          item->getSourceImageItems()[0]->getImageSOPInstanceReference();
      OFString uid;
      reference.getReferencedSOPInstanceUID(uid);
      OFVector<Uint16> frames;
      reference.getReferencedFrameNumber(frames);
      const int frame = frames.size() == 1 ? frames[0] : 0;
      const auto slice = sliceOf.find({uid.c_str(), frame});
      if (slice != sliceOf.end()) return slice->second;
      refuse(path, "frame " + std::to_string(f + 1) + " refers to image " + uid.c_str() +
                       (frame > 0 ? " frame " + std::to_string(frame) : std::string()) +
                       ", which is not in this series");
    }
  }
  auto* position = dynamic_cast<FGPlanePosPatient*>(groups.get(f, DcmFGTypes::EFG_PLANEPOSPATIENT));
  Float64 x = 0;
  Float64 y = 0;
  Float64 z = 0;
  if (!position || position->getImagePositionPatient(x, y, z).bad()) {
    refuse(path,
           "frame " + std::to_string(f + 1) + " says neither its source image nor its position");
  }
  const Vec3 index = grid.worldToIndex({x, y, z});
  const double k = std::round(index[2]);
  if (std::abs(index[0]) > 0.01 || std::abs(index[1]) > 0.01 || std::abs(index[2] - k) > 0.01 ||
      k < 0 || k >= static_cast<double>(grid.size()[2])) {
    refuse(path, "frame " + std::to_string(f + 1) + " does not lie on a slice of this series");
  }
  return static_cast<std::size_t>(k);
}

}  // namespace

LabelMap readDicomSegmentation(const std::string& path, const VolumeGeometry& grid,
                               const std::vector<SliceReference>& slices,
                               const LabelSchema& schema) {
  initializeDicomToolkit();
  DcmFileFormat file;
  OFCondition status = file.loadFile(path.c_str());
  DcmSegmentation* loaded = nullptr;
  if (status.good()) status = DcmSegmentation::loadDataset(*file.getDataset(), loaded);
  if (status.bad() || loaded == nullptr) {
    throw Error(ErrorCode::ReadFailed,
                path + ": not a readable DICOM Segmentation (" + status.text() + ")");
  }
  const std::unique_ptr<DcmSegmentation> seg(loaded);
  const Volume target(PixelType::UInt8, grid);
  Uint16 rows = 0;
  Uint16 columns = 0;
  file.getDataset()->findAndGetUint16(DCM_Rows, rows);
  file.getDataset()->findAndGetUint16(DCM_Columns, columns);
  if (rows != grid.size[1] || columns != grid.size[0]) {
    refuse(path, "frames of " + std::to_string(columns) + "×" + std::to_string(rows) +
                     " pixels on slices of " + std::to_string(grid.size[0]) + "×" +
                     std::to_string(grid.size[1]));
  }
  std::map<Uint16, std::uint8_t> valueOfSegment;
  for (std::size_t s = 1; s <= seg->getNumberOfSegments(); ++s) {
    OFString name;
    DcmSegment* segment = seg->getSegment(s);
    if (segment) segment->getSegmentLabel(name);
    const LabelDefinition* label = nullptr;
    for (const LabelDefinition& l : schema.labels) {
      if (foldCaseUtf8(l.name) == foldCaseUtf8(name.c_str())) label = &l;
    }
    if (!label)
      refuse(path, std::string("segment \"") + name.c_str() + "\" is not a label of the project");
    valueOfSegment[static_cast<Uint16>(s)] = label->value;
  }
  std::map<std::pair<std::string, int>, std::size_t> sliceOf;
  for (std::size_t k = 0; k < slices.size(); ++k)
    sliceOf[{slices[k].sopInstanceUid, slices[k].frame}] = k;
  const bool fractional = seg->getSegmentationType() == DcmSegTypes::ST_FRACTIONAL;
  Uint16 fractionalMaximum = 255;
  file.getDataset()->findAndGetUint16(DCM_MaximumFractionalValue, fractionalMaximum);

  std::vector<std::uint8_t> voxels(target.voxelCount(), 0);
  const std::size_t pixels = std::size_t{rows} * columns;
  for (Uint32 f = 0; f < seg->getNumberOfFrames(); ++f) {
    auto* identification = dynamic_cast<FGSegmentation*>(
        seg->getFunctionalGroups().get(f, DcmFGTypes::EFG_SEGMENTATION));
    Uint16 segment = 0;
    if (!identification || identification->getReferencedSegmentNumber(segment).bad() ||
        valueOfSegment.count(segment) == 0) {
      refuse(path, "frame " + std::to_string(f + 1) + " names no segment of the file");
    }
    const std::size_t k = sliceOfFrame(*seg, f, target, sliceOf, path);
    const DcmIODTypes::Frame* frame = seg->getFrame(f);
    std::unique_ptr<DcmIODTypes::Frame> unpacked;
    if (frame && !fractional && frame->length < pixels) {
      unpacked.reset(DcmSegUtils::unpackBinaryFrame(frame, rows, columns));
      frame = unpacked.get();
    }
    if (!frame || frame->length < pixels)
      refuse(path, "frame " + std::to_string(f + 1) + " is cut off");
    const std::uint8_t value = valueOfSegment[segment];
    std::uint8_t* slice = voxels.data() + target.offset(0, 0, k);
    for (std::size_t n = 0; n < pixels; ++n) {
      const bool set =
          fractional ? 2u * frame->pixData[n] >= fractionalMaximum : frame->pixData[n] != 0;
      if (set) slice[n] = value;
    }
  }
  return LabelMap(grid, voxels);
}

}  // namespace lumen::core
