#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Job.h"
#include "core/Volume.h"
#include "core/VolumeSource.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSegmentation.h"

namespace lumen::core {
class StudyDatabase;
}

namespace lumen::app {

class JsonWriter;

/// What a walk over paths could not use.
struct VolumeWalk {
  std::vector<core::DicomRejection> rejected;  ///< files refused, with the reason
  std::size_t skipped = 0;                     ///< files that are not DICOM images
};

/// A volume found by forEachVolume().
struct FoundVolume {
  std::shared_ptr<const core::Volume> volume;
  core::VolumeSource source;  ///< empty for non-DICOM files
  std::string where;          ///< the file, or a DICOM series' first file
  /// Which volume of its DICOM series it is, counted as VolumeLoader counts (0 for files).
  int volumeInSeries = 0;
  /// Where its slices come from, in k order (file, and frame from 1 of a multi-frame file);
  /// empty for non-DICOM files.
  std::vector<core::SegmentationSource> sourceSlices;
};

/// Reads every volume under `paths` (DICOM files, folders and DICOMDIRs; NIfTI, NRRD and
/// MetaImage files) one at a time on the calling thread and hands each to `visit`. `wanted`, when
/// given, is asked first (with the volume's source, its index in its series and where it is) and
/// a volume it declines is not read. A file that cannot be read is listed, never thrown. A set
/// `cancel` stops the walk with Error(Cancelled) during a DICOM scan or decode.
VolumeWalk forEachVolume(const std::vector<std::string>& paths,
                         const std::function<void(FoundVolume)>& visit,
                         const std::function<bool(const core::VolumeSource&, int volumeInSeries,
                                                  const std::string& where)>& wanted = {},
                         const core::CancelToken* cancel = nullptr);

/// Reads the volume `key` names (LoadedVolume::volumeKey): "file:<path>", or
/// "dicom:<series uid>#<volume in series>" looked up in `database`. Throws lumen::Error when it
/// cannot be found or read.
FoundVolume findVolume(const std::string& key, const core::StudyDatabase& database);

/// The images the slices of the DICOM volume `key` are, in k order, as a DICOM SEG refers to
/// them (from the headers alone); empty for a "file:" key. Throws as findVolume does.
std::vector<core::SliceReference> sliceReferences(const std::string& key,
                                                  const core::StudyDatabase& database);

/// Writes the keys "rejected" ([{path, reason}]) and "skipped" (a count) into the open object.
void writeWalkJson(JsonWriter& json, const VolumeWalk& walk);

}  // namespace lumen::app
