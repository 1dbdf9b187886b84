#pragma once

#include <string>
#include <vector>

#include "core/Volume.h"

namespace lumen::core {

/// How a series is written.
struct DicomSeriesOptions {
  enum class Encoding {
    ImplicitLittleEndian,
    ExplicitLittleEndian,
    ExplicitBigEndian,
    JpegLsLossless,
    RleLossless,
    JpegLossless
  };
  Encoding encoding = Encoding::ExplicitLittleEndian;
  /// CT, MR, or DX (Digital X-Ray For Presentation: one 2D image per file, PA chest view, no
  /// position in space).
  std::string modality = "CT";
  std::string patientName = "Phantom^Lumen";  ///< UTF-8; written with ISO_IR 192
  std::string patientId = "LUMEN-0001";
  std::string patientBirthDate;  ///< YYYYMMDD; not written when empty
  std::string patientSex;        ///< M, F or O; not written when empty
  std::string studyDate = "20260101";
  std::string studyDescription;   ///< not written when empty
  std::string bodyPart;           ///< BodyPartExamined (CHEST ...); not written when empty
  std::string studyInstanceUid;   ///< generated when empty
  std::string seriesInstanceUid;  ///< generated when empty
  /// When set, slice k's SOP Instance UID is this + "." + (k + 1) and the frame of reference's
  /// this + ".0", so writing the same series again gives the same UIDs; generated when empty.
  std::string instanceUidPrefix;
  std::string seriesDescription = "Synthetic";
  int seriesNumber = 1;
  int bitsStored = 16;
  bool signedPixels = true;
  double rescaleSlope = 1.0;  ///< stored = (value − intercept) / slope, rounded
  double rescaleIntercept = 0.0;
  /// One Enhanced CT/MR file with per-frame positions instead of one file per slice.
  bool multiFrame = false;
};

/// Writes a grey integer volume (int16, uint16, uint8) as a DICOM series in `folder`: one file
/// per slice (CT or MR Image Storage; InstanceNumber = k + 1) or one enhanced multi-frame file,
/// with positions and orientation from the volume's geometry (LPS). Writes the stored values
/// (value − intercept) / slope, masked to BitsStored. Returns the files written, in slice order.
/// Throws Error(UnsupportedPixelType) for other volumes, Error(WriteFailed) when a file cannot
/// be written or encoded.
std::vector<std::string> writeDicomSeries(const Volume& volume, const std::string& folder,
                                          const DicomSeriesOptions& options);

}  // namespace lumen::core
