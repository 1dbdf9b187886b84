#pragma once

#include <string>
#include <vector>

#include "core/dicom/DicomInstance.h"

namespace lumen::core {

/// What one file turned out to be.
struct DicomHeader {
  enum class Kind {
    Image,      ///< an image instance: `instance` is filled
    NotImage,   ///< DICOM without pixel data (SR, PDF, presentation state, RT plan, ...)
    NotDicom,   ///< not a DICOM file at all
    Directory,  ///< a DICOMDIR: `referencedFiles` lists the files it points to
    Rejected,   ///< DICOM (or meant to be) that cannot be shown: `reason` says why
  };
  Kind kind = Kind::NotDicom;
  /// For Image, everything; for NotImage and for Rejected files whose header could be read, the
  /// identity and text fields (patient, study, series, UIDs).
  DicomInstance instance;
  std::vector<std::string> referencedFiles;
  std::string reason;  ///< for Rejected: the file's path and what is wrong, in English
};

/// Reads the header of one file through DCMTK, stopping short of the pixel data, and converts its
/// text to UTF-8. A file that is DICOM but cannot be shown (truncated, missing attributes, pixel
/// data shorter than the header says, an absurd size, an unknown transfer syntax) comes back as
/// Rejected with a reason a person understands. Never throws. Safe to call from several threads
/// at once.
DicomHeader readDicomHeader(const std::string& path);

}  // namespace lumen::core
