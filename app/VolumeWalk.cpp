#include "VolumeWalk.h"

#include "JsonWriter.h"
#include "core/Error.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomVolumeReader.h"

namespace lumen::app {

VolumeWalk forEachVolume(
    const std::vector<std::string>& paths,
    const std::function<void(std::shared_ptr<const core::Volume>, core::VolumeSource,
                             const std::string& where)>& visit) {
  VolumeWalk walk;
  std::vector<std::string> dicomPaths;
  for (const std::string& path : paths) {
    if (!core::isVolumeFileName(path)) {
      dicomPaths.push_back(path);
      continue;
    }
    std::shared_ptr<const core::Volume> volume;
    try {
      volume = core::readVolumeFile(path);
    } catch (const Error& e) {
      walk.rejected.push_back({path, e.what()});
      continue;
    }
    visit(std::move(volume), {}, path);
  }
  if (dicomPaths.empty()) return walk;
  const core::DicomScan scan = core::scanDicom(dicomPaths);
  walk.rejected.insert(walk.rejected.end(), scan.rejected.begin(), scan.rejected.end());
  walk.skipped = scan.skipped;
  for (const core::DicomVolumePlan& plan : scan.volumes) {
    const std::string& first = scan.instances[plan.slices.front().instance].path;
    core::DicomVolumeRead read;
    try {
      read = core::readDicomVolume(plan, scan.instances);
    } catch (const Error& e) {
      walk.rejected.push_back({first, e.what()});
      continue;
    }
    walk.rejected.insert(walk.rejected.end(), read.rejected.begin(), read.rejected.end());
    visit(std::move(read.volume), std::move(read.source), first);
  }
  return walk;
}

void writeWalkJson(JsonWriter& json, const VolumeWalk& walk) {
  json.key("rejected");
  json.beginArray();
  for (const core::DicomRejection& r : walk.rejected) {
    json.beginObject();
    json.key("path");
    json.value(r.path);
    json.key("reason");
    json.value(r.reason);
    json.endObject();
  }
  json.endArray();
  json.key("skipped");
  json.value(walk.skipped);
}

}  // namespace lumen::app
