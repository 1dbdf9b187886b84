#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Volume.h"
#include "core/VolumeSource.h"

namespace lumen::core {

/// Where one frame of an instance lies, when the header says.
struct FramePlane {
  std::optional<Vec3> position;                      ///< LPS of the first voxel's centre, mm
  std::optional<std::array<double, 6>> orientation;  ///< row and column unit vectors, LPS
  std::optional<std::array<double, 2>> spacing;  ///< PixelSpacing: between rows, between columns
  double rescaleSlope = 1.0;
  double rescaleIntercept = 0.0;
};

/// How an instance's pixel data is laid out in its file.
enum class PixelEncoding {
  NativeLittleEndian,  ///< uncompressed, little endian: read straight from the file
  Native,              ///< uncompressed big endian or deflated: decoded through DCMTK
  Jpeg2000,            ///< encapsulated JPEG 2000: decoded through OpenJPEG
  JpegLs,              ///< encapsulated JPEG-LS: decoded through CharLS
  Encapsulated,        ///< other encapsulated (JPEG, RLE): decoded through DCMTK
};

/// What the header of one DICOM image instance (one file) says: identity, text converted to
/// UTF-8, the pixel format and each frame's plane. Read without pixel data.
struct DicomInstance {
  std::string path;
  std::string sopClassUid;
  std::string sopInstanceUid;
  std::string studyInstanceUid;
  std::string seriesInstanceUid;
  std::string frameOfReferenceUid;
  std::string patientName;  ///< as in the header, components joined by ^ and =
  std::string patientId;
  std::string patientBirthDate;
  std::string patientSex;
  std::string studyDate;
  std::string studyTime;
  std::string studyDescription;
  std::string seriesDescription;
  std::string modality;
  std::string bodyPart;
  int seriesNumber = 0;
  int instanceNumber = 0;

  std::string transferSyntaxUid;
  PixelEncoding encoding = PixelEncoding::NativeLittleEndian;
  int rows = 0;
  int columns = 0;
  int frames = 1;
  int samplesPerPixel = 1;
  int bitsAllocated = 0;
  int bitsStored = 0;
  int highBit = 0;
  bool signedPixels = false;  ///< PixelRepresentation 1
  int planarConfiguration = 0;
  std::string photometric;  ///< PhotometricInterpretation, e.g. MONOCHROME2, RGB, YBR_FULL
  /// Offset and length of the Pixel Data value in the file (for NativeLittleEndian).
  std::uint64_t pixelDataOffset = 0;
  std::uint64_t pixelDataLength = 0;

  double sliceThickness = 0.0;        ///< mm, 0 when absent
  double spacingBetweenSlices = 0.0;  ///< mm, 0 when absent
  std::vector<WindowPreset> windows;
  /// One entry per frame (per-frame functional groups, GridFrameOffsetVector), or one entry
  /// shared by all frames.
  std::vector<FramePlane> planes;
  /// PALETTE COLOR lookup tables (red, green, blue), each indexed by stored value - first.
  struct Palette {
    int first = 0;
    std::array<std::vector<std::uint16_t>, 3> tables;
    int bits = 8;
  };
  std::optional<Palette> palette;

  bool isColour() const { return samplesPerPixel == 3 || photometric == "PALETTE COLOR"; }
  const FramePlane& plane(int frame) const {
    return planes.size() == 1 ? planes.front() : planes.at(static_cast<std::size_t>(frame));
  }
};

}  // namespace lumen::core
