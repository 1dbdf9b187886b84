#pragma once

#include <string>
#include <vector>

namespace lumen::app {

/// What `lumen info` printed and how it ends.
struct InfoReport {
  std::string text;  ///< JSON (see the README) or lines for a person
  int exitCode = 0;  ///< 0, or 1 when files were given but no volume could be read
};

/// `lumen info PATH... [--json]`: reads every volume under `paths` (DICOM files, folders and
/// DICOMDIRs; NIfTI, NRRD and MetaImage files) and describes each one: identity, geometry in LPS,
/// value statistics over modality values, warnings; then the rejected files with their reasons
/// and the count of files skipped quietly. Runs on the calling thread.
InfoReport describeImages(const std::vector<std::string>& paths, bool json);

}  // namespace lumen::app
