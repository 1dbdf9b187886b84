#pragma once

#include <string>
#include <vector>

namespace lumen::core {

/// A window the file suggests (DICOM WindowCenter/WindowWidth), in modality units.
struct WindowPreset {
  double center = 0.0;
  double width = 0.0;
  std::string name;  ///< WindowCenterWidthExplanation, UTF-8, may be empty
};

/// What a loaded volume is, beyond its voxels: the patient, study and series it belongs to
/// (UTF-8, empty when the file does not say, as for NIfTI), how to show it, and what was odd
/// about it. Contains patient data: never log it by default.
struct VolumeSource {
  std::string patientName;  ///< DICOM PN as in the header: components joined by ^ and =
  std::string patientId;
  std::string patientBirthDate;  ///< YYYYMMDD
  std::string patientSex;
  std::string studyInstanceUid;
  std::string studyDate;  ///< YYYYMMDD
  std::string studyTime;
  std::string studyDescription;
  std::string seriesInstanceUid;
  std::string seriesDescription;
  int seriesNumber = 0;
  std::string modality;  ///< CT, MR, DX, ...
  std::string bodyPart;
  bool invertForDisplay = false;  ///< MONOCHROME1: low values are shown bright
  std::vector<WindowPreset> windows;
  std::vector<std::string> warnings;  ///< in English, one sentence each
};

}  // namespace lumen::core
