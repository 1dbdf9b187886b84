#include "InfoCommand.h"

#include <sstream>

#include "JsonWriter.h"
#include "VolumeWalk.h"
#include "core/IntensityStatistics.h"

namespace lumen::app {
namespace {

struct Described {
  core::VolumeSource source;
  core::VolumeGeometry geometry;
  int components = 1;
  const char* pixelType = "";
  double minimum = 0, maximum = 0, mean = 0;
};

Described describe(const core::Volume& volume, core::VolumeSource source) {
  const core::IntensityStatistics statistics(volume);
  return {std::move(source),    volume.geometry(),
          volume.components(),  core::pixelTypeName(volume.pixelType()),
          statistics.minimum(), statistics.maximum(),
          statistics.mean()};
}

void writeTriple(JsonWriter& json, const char* name, const core::Vec3& values) {
  json.key(name);
  json.beginInlineArray();
  for (double v : values) json.value(v);
  json.endArray();
}

std::string writeJson(const std::vector<Described>& volumes, const VolumeWalk& walk) {
  JsonWriter json;
  json.beginObject();
  json.key("volumes");
  json.beginArray();
  for (const Described& v : volumes) {
    json.beginObject();
    json.key("series_instance_uid");
    json.value(v.source.seriesInstanceUid);
    json.key("study_instance_uid");
    json.value(v.source.studyInstanceUid);
    json.key("modality");
    json.value(v.source.modality);
    json.key("patient_name");
    json.value(v.source.patientName);
    json.key("size");
    json.beginInlineArray();
    for (std::size_t n : v.geometry.size) json.value(n);
    json.endArray();
    writeTriple(json, "spacing", v.geometry.spacing);
    writeTriple(json, "origin", v.geometry.origin);
    json.key("direction");
    json.beginArray();
    for (int axis = 0; axis < 3; ++axis) {
      json.beginInlineArray();
      for (int row = 0; row < 3; ++row) json.value(v.geometry.direction[row][axis]);
      json.endArray();
    }
    json.endArray();
    json.key("components");
    json.value(v.components);
    json.key("stats");
    json.beginObject();
    json.key("min");
    json.value(v.minimum);
    json.key("max");
    json.value(v.maximum);
    json.key("mean");
    json.value(v.mean);
    json.endObject();
    json.key("warnings");
    json.beginArray();
    for (const std::string& warning : v.source.warnings) json.value(warning);
    json.endArray();
    json.endObject();
  }
  json.endArray();
  writeWalkJson(json, walk);
  json.endObject();
  return json.text();
}

std::string writeText(const std::vector<Described>& volumes, const VolumeWalk& walk) {
  std::ostringstream out;
  out.precision(6);
  for (const Described& v : volumes) {
    const auto& g = v.geometry;
    out << (v.source.modality.empty() ? "?" : v.source.modality) << "  " << g.size[0] << "×"
        << g.size[1] << "×" << g.size[2] << " " << v.pixelType << (v.components == 3 ? " RGB" : "")
        << "  " << g.spacing[0] << "×" << g.spacing[1] << "×" << g.spacing[2] << " mm  values "
        << v.minimum << " to " << v.maximum << ", mean " << v.mean;
    if (!v.source.seriesDescription.empty()) out << "  \"" << v.source.seriesDescription << "\"";
    out << "\n";
    for (const std::string& warning : v.source.warnings) out << "  warning: " << warning << "\n";
  }
  for (const core::DicomRejection& r : walk.rejected) out << "rejected: " << r.reason << "\n";
  out << volumes.size() << " volume(s), " << walk.rejected.size() << " file(s) rejected, "
      << walk.skipped << " skipped (not DICOM images)\n";
  return out.str();
}

}  // namespace

InfoReport describeImages(const std::vector<std::string>& paths, bool json) {
  std::vector<Described> volumes;
  const VolumeWalk walk = forEachVolume(paths, [&](FoundVolume found) {
    volumes.push_back(describe(*found.volume, std::move(found.source)));
  });
  InfoReport report;
  report.text = json ? writeJson(volumes, walk) : writeText(volumes, walk);
  report.exitCode = volumes.empty() && !walk.rejected.empty() ? 1 : 0;
  return report;
}

}  // namespace lumen::app
