#include "core/dicom/DicomHeaderReader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/Error.h"
#include "core/SystemMemory.h"
#include "core/dicom/DicomText.h"
#include "core/dicom/DicomToolkit.h"

namespace lumen::core {
namespace {

/// Values longer than this stay in the file until asked for: the pixel data above all.
constexpr Uint32 kLargestValueRead = 4096;

[[noreturn]] void reject(ErrorCode code, const std::string& path, const std::string& reason) {
  throw Error(code, path + ": " + reason);
}

/// True when the file starts like DICOM: the "DICM" marker after the preamble, or (for files
/// written without one) a first element in group 0002 or 0008, in either byte order.
bool looksLikeDicom(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char head[132] = {};
  file.read(head, sizeof head);
  const std::streamsize got = file.gcount();
  if (got == 132 && std::equal(head + 128, head + 132, "DICM")) return true;
  if (got < 8) return false;
  const auto byte = [&](int n) {
    return static_cast<unsigned>(static_cast<unsigned char>(head[n]));
  };
  const unsigned little = byte(0) | byte(1) << 8;
  const unsigned big = byte(0) << 8 | byte(1);
  return little == 0x0002 || little == 0x0008 || big == 0x0002 || big == 0x0008;
}

std::string text(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) return {};
  return trimDicomText(std::string(value.c_str(), value.length()));
}

/// A text value of a dataset whose character set DCMTK could not convert.
std::string unconvertedText(DcmItem& item, const DcmTagKey& tag) {
  return decodeDicomText(text(item, tag));
}

std::optional<long> integer(DcmItem& item, const DcmTagKey& tag) {
  Uint16 u16 = 0;
  if (item.findAndGetUint16(tag, u16).good()) return u16;
  Sint32 s32 = 0;
  if (item.findAndGetSint32(tag, s32).good()) return s32;
  Sint16 s16 = 0;
  if (item.findAndGetSint16(tag, s16).good()) return s16;
  return std::nullopt;
}

std::optional<double> decimal(DcmItem& item, const DcmTagKey& tag, unsigned long at = 0) {
  Float64 value = 0;
  if (item.findAndGetFloat64(tag, value, at).bad() || !std::isfinite(value)) return std::nullopt;
  return value;
}

template <std::size_t N>
std::optional<std::array<double, N>> decimals(DcmItem& item, const DcmTagKey& tag) {
  std::array<double, N> values{};
  for (std::size_t n = 0; n < N; ++n) {
    const std::optional<double> value = decimal(item, tag, n);
    if (!value) return std::nullopt;
    values[n] = *value;
  }
  return values;
}

/// The first item of sequence `tag` inside a functional group item, or null.
DcmItem* macro(DcmItem* group, const DcmTagKey& tag) {
  DcmItem* item = nullptr;
  if (group == nullptr || group->findAndGetSequenceItem(tag, item, 0).bad()) return nullptr;
  return item;
}

/// The direction PatientOrientation (0020,0020) names for one image axis ("L", "F", "LF" ...):
/// the sum of each letter's LPS direction, normalised; nothing for an unknown letter.
std::optional<std::array<double, 3>> directionOfLetters(const std::string& letters) {
  std::array<double, 3> d{0, 0, 0};
  for (const char c : letters) {
    switch (c) {
      case 'L':
        d[0] += 1;
        break;
      case 'R':
        d[0] -= 1;
        break;
      case 'P':
        d[1] += 1;
        break;
      case 'A':
        d[1] -= 1;
        break;
      case 'H':
        d[2] += 1;
        break;
      case 'F':
        d[2] -= 1;
        break;
      default:
        return std::nullopt;
    }
  }
  const double length = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  if (length == 0.0) return std::nullopt;
  for (double& c : d) c /= length;
  return d;
}

/// The orientation of a projection image (DX, CR, MG) that has no ImageOrientationPatient, from
/// its PatientOrientation: the row and column directions in patient terms ("L\\F" for a PA
/// chest). Nothing when absent, malformed or not perpendicular.
std::optional<std::array<double, 6>> orientationOfLetters(DcmItem& item) {
  OFString row;
  OFString column;
  if (item.findAndGetOFString(DCM_PatientOrientation, row, 0).bad() ||
      item.findAndGetOFString(DCM_PatientOrientation, column, 1).bad())
    return std::nullopt;
  const auto across = directionOfLetters(row.c_str());
  const auto down = directionOfLetters(column.c_str());
  if (!across || !down) return std::nullopt;
  const double dot =
      (*across)[0] * (*down)[0] + (*across)[1] * (*down)[1] + (*across)[2] * (*down)[2];
  if (std::abs(dot) > 1e-3) return std::nullopt;
  return std::array<double, 6>{(*across)[0], (*across)[1], (*across)[2],
                               (*down)[0],   (*down)[1],   (*down)[2]};
}

/// One frame's plane: the per-frame functional group first, then the shared one, then the
/// top-level attributes (classic single-frame images).
FramePlane readPlane(DcmItem& top, DcmItem* shared, DcmItem* perFrame) {
  FramePlane plane;
  const auto lookup = [&](const DcmTagKey& macroTag, auto read) {
    for (DcmItem* group : {perFrame, shared}) {
      if (DcmItem* item = macro(group, macroTag)) {
        if (auto value = read(*item)) return value;
      }
    }
    return read(top);
  };
  plane.position = lookup(DCM_PlanePositionSequence, [](DcmItem& item) {
    auto value = decimals<3>(item, DCM_ImagePositionPatient);
    return value ? std::optional<Vec3>(Vec3{(*value)[0], (*value)[1], (*value)[2]})
                 : std::optional<Vec3>();
  });
  plane.orientation = lookup(DCM_PlaneOrientationSequence, [](DcmItem& item) {
    return decimals<6>(item, DCM_ImageOrientationPatient);
  });
  if (!plane.orientation && !plane.position) plane.orientation = orientationOfLetters(top);
  plane.spacing = lookup(DCM_PixelMeasuresSequence, [](DcmItem& item) {
    auto value = decimals<2>(item, DCM_PixelSpacing);
    return value ? value : decimals<2>(item, DCM_ImagerPixelSpacing);
  });
  const auto slope = lookup(DCM_PixelValueTransformationSequence,
                            [](DcmItem& item) { return decimal(item, DCM_RescaleSlope); });
  const auto intercept = lookup(DCM_PixelValueTransformationSequence,
                                [](DcmItem& item) { return decimal(item, DCM_RescaleIntercept); });
  // A zero slope would flatten the image: scanners that write it mean "no rescale".
  if (slope && *slope != 0.0) plane.rescaleSlope = *slope;
  if (intercept) plane.rescaleIntercept = *intercept;
  return plane;
}

std::vector<FramePlane> readPlanes(DcmDataset& data, int frames) {
  DcmItem* shared = nullptr;
  data.findAndGetSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0);
  DcmSequenceOfItems* perFrame = nullptr;
  if (data.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame).good() &&
      perFrame != nullptr && perFrame->card() > 0) {
    std::vector<FramePlane> planes;
    planes.reserve(static_cast<std::size_t>(frames));
    for (int f = 0; f < frames; ++f) {
      DcmItem* item = static_cast<unsigned long>(f) < perFrame->card()
                          ? perFrame->getItem(static_cast<unsigned long>(f))
                          : nullptr;
      planes.push_back(readPlane(data, shared, item));
    }
    return planes;
  }
  FramePlane plane = readPlane(data, shared, nullptr);
  // RT dose and some NM: frames along the normal at GridFrameOffsetVector (mm) from the
  // position.
  DcmElement* offsets = nullptr;
  if (frames > 1 && plane.position && plane.orientation &&
      data.findAndGetElement(DCM_GridFrameOffsetVector, offsets).good() &&
      offsets->getVM() == static_cast<unsigned long>(frames)) {
    const auto& o = *plane.orientation;
    const Vec3 normal{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                      o[0] * o[4] - o[1] * o[3]};
    std::vector<FramePlane> planes(static_cast<std::size_t>(frames), plane);
    for (int f = 0; f < frames; ++f) {
      Float64 offset = 0;
      offsets->getFloat64(offset, static_cast<unsigned long>(f));
      for (int axis = 0; axis < 3; ++axis) {
        (*planes[f].position)[axis] = (*plane.position)[axis] + offset * normal[axis];
      }
    }
    return planes;
  }
  return {plane};
}

std::vector<WindowPreset> readWindows(DcmItem& data) {
  std::vector<WindowPreset> windows;
  OFString name;
  for (unsigned long n = 0;; ++n) {
    const auto center = decimal(data, DCM_WindowCenter, n);
    const auto width = decimal(data, DCM_WindowWidth, n);
    if (!center || !width) break;
    if (*width <= 0.0) continue;
    WindowPreset window{*center, *width, {}};
    if (data.findAndGetOFString(DCM_WindowCenterWidthExplanation, name, n).good()) {
      window.name = trimDicomText(name.c_str());
    }
    windows.push_back(window);
  }
  return windows;
}

std::optional<DicomInstance::Palette> readPalette(DcmDataset& data, const std::string& path) {
  if (data.tagExists(DCM_SegmentedRedPaletteColorLookupTableData)) {
    reject(ErrorCode::UnsupportedPixelType, path,
           "segmented palette colour tables are not supported");
  }
  DicomInstance::Palette palette;
  const DcmTagKey descriptors[] = {DCM_RedPaletteColorLookupTableDescriptor,
                                   DCM_GreenPaletteColorLookupTableDescriptor,
                                   DCM_BluePaletteColorLookupTableDescriptor};
  const DcmTagKey tables[] = {DCM_RedPaletteColorLookupTableData,
                              DCM_GreenPaletteColorLookupTableData,
                              DCM_BluePaletteColorLookupTableData};
  for (int c = 0; c < 3; ++c) {
    Uint16 entries = 0, first = 0, bits = 0;
    if (data.findAndGetUint16(descriptors[c], entries, 0).bad() ||
        data.findAndGetUint16(descriptors[c], first, 1).bad() ||
        data.findAndGetUint16(descriptors[c], bits, 2).bad()) {
      reject(ErrorCode::ReadFailed, path, "PALETTE COLOR image without a palette descriptor");
    }
    const Uint16* values = nullptr;
    unsigned long count = 0;
    const std::size_t wanted = entries == 0 ? 65536 : entries;
    if (data.findAndGetUint16Array(tables[c], values, &count).bad() || count < wanted) {
      reject(ErrorCode::ReadFailed, path,
             "PALETTE COLOR table holds fewer entries than its descriptor says");
    }
    palette.first = first;
    palette.bits = bits > 8 ? 16 : 8;
    palette.tables[c].assign(values, values + wanted);
  }
  // Tables declared 16-bit but holding 8-bit values in the low byte exist; keep values as given.
  return palette;
}

std::vector<std::string> referencedFiles(DcmDataset& data, const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::vector<std::string> files;
  DcmSequenceOfItems* records = nullptr;
  if (data.findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || records == nullptr) {
    return files;
  }
  for (unsigned long n = 0; n < records->card(); ++n) {
    OFString id;
    if (records->getItem(n)->findAndGetOFStringArray(DCM_ReferencedFileID, id).bad()) continue;
    std::string relative(id.c_str());
    std::replace(relative.begin(), relative.end(), '\\', '/');
    std::filesystem::path file = folder / trimDicomText(relative);
    if (!std::filesystem::exists(file)) {
      // CDs are written in upper case; copies of them are sometimes lower-cased.
      std::string lower = file.filename().string();
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      file = folder / std::filesystem::path(trimDicomText(relative)).parent_path() / lower;
    }
    files.push_back(file.string());
  }
  return files;
}

PixelEncoding encodingOf(const DcmXfer& xfer, const std::string& path) {
  switch (xfer.getXfer()) {
    case EXS_LittleEndianImplicit:
    case EXS_LittleEndianExplicit:
      return PixelEncoding::NativeLittleEndian;
    case EXS_BigEndianExplicit:
    case EXS_DeflatedLittleEndianExplicit:
      return PixelEncoding::Native;
    case EXS_JPEGProcess1:
    case EXS_JPEGProcess2_4:
    case EXS_JPEGProcess14:
    case EXS_JPEGProcess14SV1:
    case EXS_RLELossless:
      return PixelEncoding::Encapsulated;
    case EXS_JPEGLSLossless:
    case EXS_JPEGLSLossy:
      return PixelEncoding::JpegLs;
    case EXS_JPEG2000LosslessOnly:
    case EXS_JPEG2000:
      return PixelEncoding::Jpeg2000;
    default:
      reject(ErrorCode::UnsupportedFormat, path,
             std::string("transfer syntax ") + xfer.getXferID() + " (" + xfer.getXferName() +
                 ") is not supported");
  }
}

void readPixelFormat(DcmDataset& data, DicomInstance& instance) {
  const std::string& path = instance.path;
  const auto require = [&](const DcmTagKey& tag, const char* name) {
    const std::optional<long> value = integer(data, tag);
    if (!value)
      reject(ErrorCode::ReadFailed, path, std::string(name) + " is missing or not a number");
    return *value;
  };
  instance.rows = static_cast<int>(require(DCM_Rows, "Rows"));
  instance.columns = static_cast<int>(require(DCM_Columns, "Columns"));
  instance.bitsAllocated = static_cast<int>(require(DCM_BitsAllocated, "Bits Allocated"));
  instance.samplesPerPixel = static_cast<int>(integer(data, DCM_SamplesPerPixel).value_or(1));
  instance.bitsStored =
      static_cast<int>(integer(data, DCM_BitsStored).value_or(instance.bitsAllocated));
  instance.highBit = static_cast<int>(integer(data, DCM_HighBit).value_or(instance.bitsStored - 1));
  instance.signedPixels = integer(data, DCM_PixelRepresentation).value_or(0) == 1;
  instance.planarConfiguration =
      static_cast<int>(integer(data, DCM_PlanarConfiguration).value_or(0));
  instance.photometric = text(data, DCM_PhotometricInterpretation);
  const long frames = integer(data, DCM_NumberOfFrames).value_or(1);

  if (instance.rows <= 0 || instance.columns <= 0) {
    reject(ErrorCode::UnsupportedDimensions, path,
           "image of " + std::to_string(instance.columns) + "×" + std::to_string(instance.rows) +
               " pixels");
  }
  if (frames < 1)
    reject(ErrorCode::UnsupportedDimensions, path, "Number of Frames is " + std::to_string(frames));
  instance.frames = static_cast<int>(frames);
  const bool bitPacked = instance.bitsAllocated == 1 && instance.samplesPerPixel == 1 &&
                         (instance.encoding == PixelEncoding::NativeLittleEndian ||
                          instance.encoding == PixelEncoding::Native);
  if (instance.bitsAllocated != 8 && instance.bitsAllocated != 16 && instance.bitsAllocated != 32 &&
      !bitPacked) {
    reject(ErrorCode::UnsupportedPixelType, path,
           "Bits Allocated " + std::to_string(instance.bitsAllocated) +
               " (1 for uncompressed grey, 8, 16 or 32 are supported)");
  }
  if (instance.bitsStored < 1 || instance.bitsStored > instance.bitsAllocated) {
    instance.bitsStored = instance.bitsAllocated;
  }
  if (instance.highBit < instance.bitsStored - 1 || instance.highBit >= instance.bitsAllocated) {
    instance.highBit = instance.bitsStored - 1;
  }
  if (instance.photometric.empty()) {
    instance.photometric = instance.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2";
  }
  const std::string& pi = instance.photometric;
  const bool grey = pi == "MONOCHROME1" || pi == "MONOCHROME2" || pi == "PALETTE COLOR";
  const bool colour = pi == "RGB" || pi == "YBR_FULL" || pi == "YBR_FULL_422" || pi == "YBR_RCT" ||
                      pi == "YBR_ICT" || pi == "YBR_PARTIAL_420";
  if (!(grey && instance.samplesPerPixel == 1) && !(colour && instance.samplesPerPixel == 3)) {
    reject(ErrorCode::UnsupportedPixelType, path,
           "Photometric Interpretation " + pi + " with " +
               std::to_string(instance.samplesPerPixel) + " samples per pixel is not supported");
  }
  if (instance.samplesPerPixel == 3 && instance.bitsAllocated != instance.bitsStored &&
      instance.bitsAllocated == 8) {
    instance.bitsStored = 8;
  }
  if (pi == "PALETTE COLOR") instance.palette = readPalette(data, path);
}

void checkPixelData(DcmElement& pixels, const DcmXfer& xfer, DicomInstance& instance) {
  const std::string& path = instance.path;
  const std::uint64_t samples = static_cast<std::uint64_t>(instance.rows) *
                                static_cast<std::uint64_t>(instance.columns) *
                                static_cast<std::uint64_t>(instance.samplesPerPixel);
  const std::uint64_t bytesPerSample =
      static_cast<std::uint64_t>(std::max(1, instance.bitsAllocated / 8));
  // Up to 2^31 frames could take the product past 64 bits, wrapping it to a size small enough to
  // pass every check below: saturate instead.
  const std::uint64_t frameBytes = samples * bytesPerSample;  // below 2^36
  const auto frames = static_cast<std::uint64_t>(instance.frames);
  const std::uint64_t decoded = frameBytes > std::numeric_limits<std::uint64_t>::max() / frames
                                    ? std::numeric_limits<std::uint64_t>::max()
                                    : frameBytes * frames;
  const std::string dimensions = "Rows=" + std::to_string(instance.rows) +
                                 ", Columns=" + std::to_string(instance.columns) + ", " +
                                 std::to_string(instance.frames) + " frame(s)";
  requireAvailableMemory(decoded, path + ": " + dimensions);

  if (!xfer.isEncapsulated()) {
    std::uint64_t needed = decoded;
    // YBR_FULL_422 native data stores two chroma samples per two pixels.
    if (instance.photometric == "YBR_FULL_422") needed = decoded * 2 / 3;
    if (instance.bitsAllocated == 1) needed = (decoded + 7) / 8;
    instance.pixelDataLength = pixels.getLength();
    if (instance.pixelDataLength < needed) {
      reject(ErrorCode::ReadFailed, path,
             "Pixel Data holds " + std::to_string(instance.pixelDataLength) + " bytes, but " +
                 dimensions + " need " + std::to_string(needed));
    }
    const auto* stream = dynamic_cast<const DcmInputFileStreamFactory*>(pixels.getInputStream());
    const bool direct = instance.encoding == PixelEncoding::NativeLittleEndian &&
                        stream != nullptr && instance.photometric != "YBR_FULL_422" &&
                        !instance.palette;
    if (!direct) {
      if (instance.encoding == PixelEncoding::NativeLittleEndian) {
        instance.encoding = PixelEncoding::Native;
      }
      return;
    }
    instance.pixelDataOffset = static_cast<std::uint64_t>(stream->getOffset());
    const std::uint64_t fileSize = std::filesystem::file_size(path);
    if (instance.pixelDataOffset + needed > fileSize) {
      reject(ErrorCode::ReadFailed, path,
             "the file is cut off: it ends " +
                 std::to_string(fileSize > instance.pixelDataOffset
                                    ? fileSize - instance.pixelDataOffset
                                    : 0) +
                 " bytes into its pixel data, which needs " + std::to_string(needed));
    }
    return;
  }
  auto* pixelData = dynamic_cast<DcmPixelData*>(&pixels);
  DcmPixelSequence* fragments = nullptr;
  if (pixelData == nullptr ||
      pixelData->getEncapsulatedRepresentation(xfer.getXfer(), nullptr, fragments).bad() ||
      fragments == nullptr || fragments->card() < 2) {
    reject(ErrorCode::ReadFailed, path, "compressed Pixel Data holds no fragments");
  }
  // Every frame takes one fragment or more (PS3.5 A.4; item 0 is the offset table). Checked here
  // because a tiny file could otherwise claim millions of frames: each costs bookkeeping far
  // beyond its decoded size.
  const unsigned long frameFragments = fragments->card() - 1;
  if (frameFragments < static_cast<unsigned long>(instance.frames)) {
    reject(ErrorCode::ReadFailed, path,
           "Number of Frames is " + std::to_string(instance.frames) +
               ", but the compressed Pixel Data holds only " + std::to_string(frameFragments) +
               " fragment(s)");
  }
}

void readIdentity(DcmDataset& data, DicomInstance& instance, bool converted) {
  const auto text = converted ? lumen::core::text : unconvertedText;
  instance.sopClassUid = text(data, DCM_SOPClassUID);
  instance.sopInstanceUid = text(data, DCM_SOPInstanceUID);
  instance.studyInstanceUid = text(data, DCM_StudyInstanceUID);
  instance.seriesInstanceUid = text(data, DCM_SeriesInstanceUID);
  instance.frameOfReferenceUid = text(data, DCM_FrameOfReferenceUID);
  instance.patientName = trimPersonName(text(data, DCM_PatientName));
  instance.patientId = text(data, DCM_PatientID);
  instance.patientBirthDate = text(data, DCM_PatientBirthDate);
  instance.patientSex = text(data, DCM_PatientSex);
  instance.studyDate = text(data, DCM_StudyDate);
  instance.studyTime = text(data, DCM_StudyTime);
  instance.studyDescription = text(data, DCM_StudyDescription);
  instance.seriesDescription = text(data, DCM_SeriesDescription);
  instance.modality = text(data, DCM_Modality);
  instance.bodyPart = text(data, DCM_BodyPartExamined);
  instance.seriesNumber = static_cast<int>(integer(data, DCM_SeriesNumber).value_or(0));
  instance.instanceNumber = static_cast<int>(integer(data, DCM_InstanceNumber).value_or(0));
}

/// Reads everything but the identity; throws Error when the file cannot be shown.
void readImage(DcmFileFormat& file, DicomHeader& header) {
  DcmDataset& data = *file.getDataset();
  DicomInstance& instance = header.instance;
  const std::string& path = instance.path;
  OFString mediaClass;
  file.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, mediaClass);
  if (mediaClass == UID_MediaStorageDirectoryStorage ||
      data.tagExists(DCM_DirectoryRecordSequence)) {
    header.kind = DicomHeader::Kind::Directory;
    header.referencedFiles = referencedFiles(data, path);
    return;
  }
  DcmElement* pixels = nullptr;
  if (data.findAndGetElement(DCM_PixelData, pixels).bad() || pixels == nullptr) {
    if (data.tagExists(DCM_FloatPixelData) || data.tagExists(DCM_DoubleFloatPixelData)) {
      reject(ErrorCode::UnsupportedPixelType, path, "floating-point pixel data is not supported");
    }
    if (data.tagExists(DCM_Rows) && data.tagExists(DCM_Columns)) {
      reject(ErrorCode::ReadFailed, path, "image without Pixel Data");
    }
    header.kind = DicomHeader::Kind::NotImage;
    return;
  }
  const DcmXfer xfer(data.getOriginalXfer());
  instance.transferSyntaxUid = xfer.getXferID();
  instance.encoding = encodingOf(xfer, path);
  readPixelFormat(data, instance);
  checkPixelData(*pixels, xfer, instance);
  instance.sliceThickness = decimal(data, DCM_SliceThickness).value_or(0.0);
  instance.spacingBetweenSlices = decimal(data, DCM_SpacingBetweenSlices).value_or(0.0);
  instance.windows = readWindows(data);
  instance.planes = readPlanes(data, instance.frames);
  header.kind = DicomHeader::Kind::Image;
}

}  // namespace

DicomHeader readDicomHeader(const std::string& path) {
  DicomHeader header;
  header.instance.path = path;
  try {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      reject(ErrorCode::FileNotFound, path, "not a readable file");
    }
    if (!looksLikeDicom(path)) return header;
    initializeDicomToolkit();
    DcmFileFormat file;
    const OFCondition status = file.loadFile(OFFilename(path.c_str()), EXS_Unknown, EGL_noChange,
                                             kLargestValueRead, ERM_autoDetect);
    if (status == EC_StreamNotifyClient || status == EC_InvalidStream) {
      reject(ErrorCode::ReadFailed, path,
             std::string("the file is cut off or damaged (DCMTK: ") + status.text() + ")");
    }
    if (status.bad()) {
      reject(ErrorCode::ReadFailed, path, std::string("not readable as DICOM: ") + status.text());
    }
    DcmDataset& data = *file.getDataset();
    if (data.card() == 0) reject(ErrorCode::ReadFailed, path, "the file holds no DICOM data set");
    readIdentity(data, header.instance, convertDicomTextToUtf8(data));
    readImage(file, header);
  } catch (const Error& e) {
    header.kind = DicomHeader::Kind::Rejected;
    header.reason = e.what();
  } catch (const std::exception& e) {
    header.kind = DicomHeader::Kind::Rejected;
    header.reason = path + ": " + e.what();
  }
  return header;
}

}  // namespace lumen::core
