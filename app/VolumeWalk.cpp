#include "VolumeWalk.h"

#include <map>

#include "JsonWriter.h"
#include "core/Error.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomVolumeReader.h"

namespace lumen::app {

VolumeWalk forEachVolume(
    const std::vector<std::string>& paths, const std::function<void(FoundVolume)>& visit,
    const std::function<bool(const core::VolumeSource&, int, const std::string&)>& wanted,
    const core::CancelToken* cancel) {
  VolumeWalk walk;
  std::vector<std::string> dicomPaths;
  for (const std::string& path : paths) {
    if (!core::isVolumeFileName(path)) {
      dicomPaths.push_back(path);
      continue;
    }
    if (wanted && !wanted({}, 0, path)) continue;
    FoundVolume found;
    try {
      found.volume = core::readVolumeFile(path);
    } catch (const Error& e) {
      walk.rejected.push_back({path, e.what()});
      continue;
    }
    found.where = path;
    visit(std::move(found));
  }
  if (dicomPaths.empty()) return walk;
  const core::DicomScan scan = core::scanDicom(dicomPaths, {}, cancel);
  walk.rejected.insert(walk.rejected.end(), scan.rejected.begin(), scan.rejected.end());
  walk.skipped = scan.skipped;
  std::map<std::string, int> volumesOfSeries;
  for (const core::DicomVolumePlan& plan : scan.volumes) {
    const std::string& first = scan.instances[plan.slices.front().instance].path;
    const int volumeInSeries = volumesOfSeries[plan.source.seriesInstanceUid]++;
    if (wanted && !wanted(plan.source, volumeInSeries, first)) continue;
    core::DicomVolumeRead read;
    try {
      read = core::readDicomVolume(plan, scan.instances, {}, cancel);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::Cancelled) throw;
      walk.rejected.push_back({first, e.what()});
      continue;
    }
    walk.rejected.insert(walk.rejected.end(), read.rejected.begin(), read.rejected.end());
    std::vector<core::SegmentationSource> sources;
    for (const core::DicomSlice& slice : plan.slices) {
      const core::DicomInstance& instance = scan.instances[slice.instance];
      sources.push_back({instance.path, instance.frames > 1 ? slice.frame + 1 : 0});
    }
    visit({std::move(read.volume), std::move(read.source), first, volumeInSeries,
           std::move(sources)});
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
