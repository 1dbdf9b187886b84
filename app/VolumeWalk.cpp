#include "VolumeWalk.h"

#include <charconv>
#include <map>
#include <optional>

#include "JsonWriter.h"
#include "core/Error.h"
#include "core/StudyDatabase.h"
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

namespace {

/// Where the volume a key names lies: its files, and for DICOM its series and index in it.
struct VolumeLocation {
  std::vector<std::string> paths;
  std::string series;  ///< empty for a file
  int volumeInSeries = 0;
};

VolumeLocation locate(const std::string& key, const core::StudyDatabase& database) {
  VolumeLocation location;
  if (key.rfind("file:", 0) == 0) {
    location.paths.push_back(key.substr(5));
    return location;
  }
  if (key.rfind("dicom:", 0) != 0 || key.find('#') == std::string::npos) {
    throw Error(ErrorCode::InvalidArgument, "no volume is known by " + key);
  }
  location.series = key.substr(6, key.rfind('#') - 6);
  const std::string index = key.substr(key.rfind('#') + 1);
  const auto [end, error] =
      std::from_chars(index.data(), index.data() + index.size(), location.volumeInSeries);
  if (error != std::errc() || end != index.data() + index.size() || location.volumeInSeries < 0) {
    throw Error(ErrorCode::InvalidArgument, "no volume is known by " + key);
  }
  location.paths = database.instancePaths(location.series);
  if (location.paths.empty()) {
    throw Error(ErrorCode::FileNotFound,
                "series " + location.series + " is not in the study database");
  }
  return location;
}

}  // namespace

FoundVolume findVolume(const std::string& key, const core::StudyDatabase& database) {
  const VolumeLocation location = locate(key, database);
  std::optional<FoundVolume> result;
  const VolumeWalk walk = forEachVolume(
      location.paths, [&](FoundVolume found) { result = std::move(found); },
      [&](const core::VolumeSource& source, int index, const std::string&) {
        return location.series.empty() ||
               (source.seriesInstanceUid == location.series && index == location.volumeInSeries);
      });
  if (!result) {
    const std::string why =
        walk.rejected.empty() ? std::string("not found") : walk.rejected.front().reason;
    throw Error(ErrorCode::ReadFailed, key + ": " + why);
  }
  return std::move(*result);
}

std::vector<core::SliceReference> sliceReferences(const std::string& key,
                                                  const core::StudyDatabase& database) {
  const VolumeLocation location = locate(key, database);
  if (location.series.empty()) return {};
  const core::DicomScan scan = core::scanDicom(location.paths);
  int index = 0;
  for (const core::DicomVolumePlan& plan : scan.volumes) {
    if (plan.source.seriesInstanceUid != location.series) continue;
    if (index++ != location.volumeInSeries) continue;
    std::vector<core::SliceReference> slices;
    for (const core::DicomSlice& slice : plan.slices) {
      const core::DicomInstance& instance = scan.instances[slice.instance];
      slices.push_back({instance.sopInstanceUid, instance.frames > 1 ? slice.frame + 1 : 0});
    }
    return slices;
  }
  throw Error(ErrorCode::ReadFailed, key + ": its images are no longer where they were");
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
