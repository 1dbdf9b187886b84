#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Volume.h"
#include "core/VolumeSource.h"
#include "core/dicom/DicomScan.h"

namespace lumen::app {

class JsonWriter;

/// What a walk over paths could not use.
struct VolumeWalk {
  std::vector<core::DicomRejection> rejected;  ///< files refused, with the reason
  std::size_t skipped = 0;                     ///< files that are not DICOM images
};

/// Reads every volume under `paths` (DICOM files, folders and DICOMDIRs; NIfTI, NRRD and
/// MetaImage files) one at a time on the calling thread and hands each to `visit` with what it
/// is (empty for non-DICOM files) and where it came from (the file, or a DICOM series' first
/// file). A file that cannot be read is listed, never thrown.
VolumeWalk forEachVolume(
    const std::vector<std::string>& paths,
    const std::function<void(std::shared_ptr<const core::Volume>, core::VolumeSource,
                             const std::string& where)>& visit);

/// Writes the keys "rejected" ([{path, reason}]) and "skipped" (a count) into the open object.
void writeWalkJson(JsonWriter& json, const VolumeWalk& walk);

}  // namespace lumen::app
