#include "core/dicom/DicomSeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "core/Error.h"
#include "core/dicom/DicomToolkit.h"
#include "core/dicom/JpegLs.h"

namespace lumen::core {
namespace {

using Encoding = DicomSeriesOptions::Encoding;

void registerEncodersOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    DJEncoderRegistration::registerCodecs();
    DcmRLEEncoderRegistration::registerCodecs();
  });
}

std::string newUid() {
  char uid[100];
  return dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
}

/// A decimal string (VR DS) of at most 16 characters.
std::string decimal(double value) {
  char text[32];
  for (int digits = 10; digits > 3; --digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strlen(text) <= 16) break;
  }
  return text;
}

std::string decimals(std::initializer_list<double> values) {
  std::string text;
  for (double v : values) text += (text.empty() ? "" : "\\") + decimal(v);
  return text;
}

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
  if (item.putAndInsertString(tag, value.c_str()).bad()) {
    throw Error(ErrorCode::WriteFailed,
                "cannot set DICOM attribute " + std::string(DcmTag(tag).getTagName()));
  }
}

DcmItem& macro(DcmItem& group, const DcmTagKey& sequence) {
  DcmItem* item = nullptr;
  group.findOrCreateSequenceItem(sequence, item, 0);
  return *item;
}

E_TransferSyntax transferSyntax(Encoding encoding) {
  switch (encoding) {
    case Encoding::ImplicitLittleEndian:
      return EXS_LittleEndianImplicit;
    case Encoding::ExplicitLittleEndian:
      return EXS_LittleEndianExplicit;
    case Encoding::ExplicitBigEndian:
      return EXS_BigEndianExplicit;
    case Encoding::JpegLsLossless:
      return EXS_JPEGLSLossless;
    case Encoding::RleLossless:
      return EXS_RLELossless;
    case Encoding::JpegLossless:
      return EXS_JPEGProcess14SV1;
  }
  return EXS_LittleEndianExplicit;
}

/// Stored values of slices [first, first + count), masked to BitsStored.
std::vector<Uint16> storedValues(const Volume& volume, std::size_t first, std::size_t count,
                                 const DicomSeriesOptions& options) {
  const std::size_t perSlice = volume.size()[0] * volume.size()[1];
  const std::uint32_t mask = (1u << options.bitsStored) - 1u;
  std::vector<Uint16> stored(perSlice * count);
  dispatchPixelType(volume.pixelType(), [&](auto zero) {
    using T = decltype(zero);
    const T* voxels = static_cast<const T*>(volume.data()) + first * perSlice;
    for (std::size_t n = 0; n < stored.size(); ++n) {
      const double value =
          (static_cast<double>(voxels[n]) - options.rescaleIntercept) / options.rescaleSlope;
      stored[n] = static_cast<Uint16>(
          static_cast<std::uint32_t>(static_cast<std::int32_t>(std::lround(value))) & mask);
    }
  });
  return stored;
}

struct SeriesIdentity {
  std::string study, series, frameOfReference;
};

const char* sopClass(const std::string& modality, bool enhanced) {
  if (modality == "DX") return UID_DigitalXRayImageStorageForPresentation;
  if (modality == "MR") return enhanced ? UID_EnhancedMRImageStorage : UID_MRImageStorage;
  return enhanced ? UID_EnhancedCTImageStorage : UID_CTImageStorage;
}

void putIfSet(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
  if (!value.empty()) put(item, tag, value);
}

void writeCommon(DcmDataset& data, const Volume& volume, const DicomSeriesOptions& options,
                 const SeriesIdentity& identity, bool enhanced, std::size_t instance) {
  put(data, DCM_SpecificCharacterSet, "ISO_IR 192");
  put(data, DCM_SOPClassUID, sopClass(options.modality, enhanced));
  put(data, DCM_SOPInstanceUID,
      options.instanceUidPrefix.empty()
          ? newUid()
          : options.instanceUidPrefix + "." + std::to_string(instance + 1));
  put(data, DCM_StudyInstanceUID, identity.study);
  put(data, DCM_SeriesInstanceUID, identity.series);
  if (options.modality != "DX") put(data, DCM_FrameOfReferenceUID, identity.frameOfReference);
  put(data, DCM_PatientName, options.patientName);
  put(data, DCM_PatientID, options.patientId);
  putIfSet(data, DCM_PatientBirthDate, options.patientBirthDate);
  putIfSet(data, DCM_PatientSex, options.patientSex);
  put(data, DCM_StudyDate, options.studyDate);
  put(data, DCM_StudyTime, "090000");
  putIfSet(data, DCM_StudyDescription, options.studyDescription);
  putIfSet(data, DCM_BodyPartExamined, options.bodyPart);
  put(data, DCM_Modality, options.modality);
  put(data, DCM_SeriesDescription, options.seriesDescription);
  put(data, DCM_SeriesNumber, std::to_string(options.seriesNumber));
  const VolumeGeometry& g = volume.geometry();
  put(data, DCM_Rows, std::to_string(g.size[1]));
  put(data, DCM_Columns, std::to_string(g.size[0]));
  put(data, DCM_SamplesPerPixel, "1");
  put(data, DCM_PhotometricInterpretation, "MONOCHROME2");
  put(data, DCM_BitsAllocated, "16");
  put(data, DCM_BitsStored, std::to_string(options.bitsStored));
  put(data, DCM_HighBit, std::to_string(options.bitsStored - 1));
  put(data, DCM_PixelRepresentation, options.signedPixels ? "1" : "0");
}

/// The DX attributes of a PA chest radiograph for presentation: rows run to the patient's
/// feet, columns to the patient's left; the spacing is at the detector (no magnification known);
/// the window spans the stored range.
void putRadiograph(DcmDataset& data, const std::string& pixelSpacing, int bitsStored) {
  put(data, DCM_ImageType, "ORIGINAL\\PRIMARY");
  put(data, DCM_PresentationIntentType, "FOR PRESENTATION");
  put(data, DCM_ImagerPixelSpacing, pixelSpacing);
  put(data, DCM_PatientOrientation, "L\\F");
  put(data, DCM_ViewPosition, "PA");
  put(data, DCM_RescaleType, "US");
  put(data, DCM_PresentationLUTShape, "IDENTITY");
  put(data, DCM_BurnedInAnnotation, "NO");
  put(data, DCM_PixelIntensityRelationship, "LIN");
  put(data, DCM_PixelIntensityRelationshipSign, "1");
  put(data, DCM_ImageLaterality, "U");
  put(data, DCM_DetectorType, "");
  put(data, DCM_WindowCenter, std::to_string(1 << (bitsStored - 1)));
  put(data, DCM_WindowWidth, std::to_string(1 << bitsStored));
  put(data, DCM_Manufacturer, "Lumen (synthetic)");
}

/// Puts the frames, encoded with CharLS, into the data set as encapsulated JPEG-LS Pixel Data.
/// (DCMTK's own JPEG-LS codec is not used: its bundled CharLS 1 clashes with Debian's CharLS 2,
/// which decodes faster, in one process.)
void putJpegLs(DcmDataset& data, const std::vector<Uint16>& stored, const Volume& volume,
               std::size_t frames, int bitsStored) {
  const int width = static_cast<int>(volume.size()[0]);
  const int height = static_cast<int>(volume.size()[1]);
  auto* sequence = new DcmPixelSequence(DCM_PixelSequenceTag);
  sequence->insert(new DcmPixelItem(DCM_PixelItemTag));  // empty basic offset table
  for (std::size_t f = 0; f < frames; ++f) {
    std::vector<std::uint8_t> codestream = encodeJpegLs(
        stored.data() + f * static_cast<std::size_t>(width * height), width, height, bitsStored);
    if (codestream.size() % 2 != 0) codestream.push_back(0);
    auto* fragment = new DcmPixelItem(DCM_PixelItemTag);
    fragment->putUint8Array(codestream.data(), static_cast<unsigned long>(codestream.size()));
    sequence->insert(fragment);
  }
  auto* pixels = new DcmPixelData(DCM_PixelData);
  pixels->putOriginalRepresentation(EXS_JPEGLSLossless, nullptr, sequence);
  data.insert(pixels, true);
}

void putPixels(DcmDataset& data, const std::vector<Uint16>& stored, const Volume& volume,
               std::size_t frames, const DicomSeriesOptions& options) {
  if (options.encoding == Encoding::JpegLsLossless) {
    putJpegLs(data, stored, volume, frames, options.bitsStored);
  } else {
    data.putAndInsertUint16Array(DCM_PixelData, stored.data(),
                                 static_cast<unsigned long>(stored.size()));
  }
}

void writeFile(DcmFileFormat& file, const std::string& path, Encoding encoding) {
  DcmDataset& data = *file.getDataset();
  const E_TransferSyntax xfer = transferSyntax(encoding);
  const DJ_RPLossless jpegLossless;
  const DcmRepresentationParameter* parameter =
      encoding == Encoding::JpegLossless ? &jpegLossless : nullptr;
  if (DcmXfer(xfer).isEncapsulated() && encoding != Encoding::JpegLsLossless) {
    registerEncodersOnce();
    if (data.chooseRepresentation(xfer, parameter).bad() || !data.canWriteXfer(xfer)) {
      throw Error(ErrorCode::WriteFailed,
                  path + ": cannot encode as " + DcmXfer(xfer).getXferName());
    }
  }
  const OFCondition status = file.saveFile(path.c_str(), xfer);
  if (status.bad()) throw Error(ErrorCode::WriteFailed, path + ": " + status.text());
}

}  // namespace

std::vector<std::string> writeDicomSeries(const Volume& volume, const std::string& folder,
                                          const DicomSeriesOptions& options) {
  const PixelType type = volume.pixelType();
  if (volume.components() != 1 ||
      (type != PixelType::Int16 && type != PixelType::UInt16 && type != PixelType::UInt8)) {
    throw Error(
        ErrorCode::UnsupportedPixelType,
        std::string("DICOM series are written from grey int16, uint16 or uint8 volumes, not ") +
            pixelTypeName(type));
  }
  if (options.modality == "DX" && (options.multiFrame || volume.size()[2] != 1)) {
    throw Error(ErrorCode::InvalidArgument, "a DX image is written from one 2D image per file");
  }
  initializeDicomToolkit();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  const SeriesIdentity identity{
      options.studyInstanceUid.empty() ? newUid() : options.studyInstanceUid,
      options.seriesInstanceUid.empty() ? newUid() : options.seriesInstanceUid,
      options.instanceUidPrefix.empty() ? newUid() : options.instanceUidPrefix + ".0"};
  const VolumeGeometry& g = volume.geometry();
  const Mat3& d = g.direction;
  const std::string orientation = decimals({d[0][0], d[1][0], d[2][0], d[0][1], d[1][1], d[2][1]});
  const std::string pixelSpacing = decimals({g.spacing[1], g.spacing[0]});
  const auto position = [&](std::size_t k) {
    const Vec3 p = volume.indexToWorld({0.0, 0.0, static_cast<double>(k)});
    return decimals({p[0], p[1], p[2]});
  };
  const std::size_t slices = g.size[2];
  std::vector<std::string> files;

  if (options.multiFrame) {
    DcmFileFormat file;
    DcmDataset& data = *file.getDataset();
    writeCommon(data, volume, options, identity, true, 0);
    put(data, DCM_InstanceNumber, "1");
    put(data, DCM_NumberOfFrames, std::to_string(slices));
    DcmItem* shared = nullptr;
    data.findOrCreateSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0);
    put(macro(*shared, DCM_PixelMeasuresSequence), DCM_PixelSpacing, pixelSpacing);
    put(macro(*shared, DCM_PixelMeasuresSequence), DCM_SliceThickness, decimal(g.spacing[2]));
    put(macro(*shared, DCM_PlaneOrientationSequence), DCM_ImageOrientationPatient, orientation);
    put(macro(*shared, DCM_PixelValueTransformationSequence), DCM_RescaleSlope,
        decimal(options.rescaleSlope));
    put(macro(*shared, DCM_PixelValueTransformationSequence), DCM_RescaleIntercept,
        decimal(options.rescaleIntercept));
    for (std::size_t k = 0; k < slices; ++k) {
      DcmItem* frame = nullptr;
      data.findOrCreateSequenceItem(DCM_PerFrameFunctionalGroupsSequence, frame,
                                    static_cast<signed long>(k));
      put(macro(*frame, DCM_PlanePositionSequence), DCM_ImagePositionPatient, position(k));
    }
    putPixels(data, storedValues(volume, 0, slices, options), volume, slices, options);
    files.push_back((std::filesystem::path(folder) / "enhanced.dcm").string());
    writeFile(file, files.back(), options.encoding);
    return files;
  }

  for (std::size_t k = 0; k < slices; ++k) {
    DcmFileFormat file;
    DcmDataset& data = *file.getDataset();
    writeCommon(data, volume, options, identity, false, k);
    put(data, DCM_InstanceNumber, std::to_string(k + 1));
    put(data, DCM_PixelSpacing, pixelSpacing);
    if (options.modality == "DX") {
      putRadiograph(data, pixelSpacing, options.bitsStored);
    } else {
      put(data, DCM_ImagePositionPatient, position(k));
      put(data, DCM_ImageOrientationPatient, orientation);
      put(data, DCM_SliceThickness, decimal(g.spacing[2]));
    }
    put(data, DCM_RescaleSlope, decimal(options.rescaleSlope));
    put(data, DCM_RescaleIntercept, decimal(options.rescaleIntercept));
    putPixels(data, storedValues(volume, k, 1, options), volume, 1, options);
    char name[32];
    std::snprintf(name, sizeof name, "IM%05zu.dcm", k + 1);
    files.push_back((std::filesystem::path(folder) / name).string());
    writeFile(file, files.back(), options.encoding);
  }
  return files;
}

}  // namespace lumen::core
