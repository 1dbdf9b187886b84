#include "InferCommand.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iomanip>
#include <memory>
#include <sstream>

#include "InferenceBridge.h"
#include "JsonWriter.h"
#include "VolumeWalk.h"
#include "core/VolumeFile.h"
#include "inference/InferenceWorker.h"
#include "inference/Runtime.h"

namespace lumen::app {
namespace {

using inference::JobOutcome;

/// One volume and what became of it.
struct Row {
  std::string where;
  std::string modality;
  std::string seriesUid;
  core::Size3 size{};
  std::string status;  ///< "done", "failed", "cancelled" or "not applicable"
  std::string error;   ///< why it failed or does not apply
  std::shared_ptr<const inference::InferenceResult> result;
  std::vector<std::pair<std::string, std::string>> files;  ///< label → NIfTI written
  std::vector<std::string> warnings;  ///< about the volume itself (missing slices, ...)
};

std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "label" : out;
}

/// Writes the result's heatmaps and label map as NIfTI into `directory`, named after the
/// volume's place in the report.
void writeVolumes(Row& row, std::size_t index, const std::string& directory) {
  std::filesystem::create_directories(directory);
  const inference::InferenceResult& r = *row.result;
  const std::string stem = directory + "/volume" + std::to_string(index + 1) + "_";
  for (std::size_t n = 0; n < r.heatmaps.size(); ++n) {
    const inference::Heatmap& heatmap = r.heatmaps[n];
    // The label's number keeps "left lung" and "left-lung" apart.
    const std::string path =
        stem + std::to_string(n + 1) + "-" + slug(heatmap.label) + "_heatmap.nii.gz";
    core::writeVolumeFile(*volumeOf(heatmap.values, r.geometry), path);
    row.files.emplace_back(heatmap.label + " heatmap", path);
  }
  if (!r.labelMap.empty()) {
    const std::string path = stem + "labels.nii.gz";
    core::writeVolumeFile(*volumeOf(r.labelMap, r.geometry), path);
    row.files.emplace_back("label map", path);
  }
}

Row runOne(inference::InferenceWorker& worker, const inference::ModelPackage& model,
           std::shared_ptr<const core::Volume> volume, const core::VolumeSource& source,
           const std::string& where) {
  Row row{where, source.modality, source.seriesInstanceUid, volume->size(), "", "", {},
          {},    source.warnings};
  const inference::ImageInput image = imageInputOf(*volume);
  const std::string reason =
      inference::whyNotApplicable(model.manifest, source.modality, source.bodyPart, image.geometry);
  if (!reason.empty()) {
    row.status = "not applicable";
    row.error = reason;
    return row;
  }
  inference::InferenceJob job;
  job.model = model;
  job.image = image;
  job.keepAlive = volume;
  job.modality = source.modality;
  job.bodyPart = source.bodyPart;
  std::promise<JobOutcome> ended;
  job.finished = [&ended](const JobOutcome& outcome) { ended.set_value(outcome); };
  worker.submit(std::move(job));
  const JobOutcome outcome = ended.get_future().get();
  switch (outcome.status) {
    case JobOutcome::Status::Done:
      row.status = "done";
      row.result = outcome.result;
      break;
    case JobOutcome::Status::Failed:
      row.status = "failed";
      row.error = outcome.error;
      break;
    case JobOutcome::Status::Cancelled:
      row.status = "cancelled";
      break;
  }
  return row;
}

const char* taskName(inference::ModelTask task) {
  switch (task) {
    case inference::ModelTask::Classification:
      return "classification";
    case inference::ModelTask::Segmentation:
      return "segmentation";
    case inference::ModelTask::Detection:
      return "detection";
  }
  return "";
}

std::string writeJson(const inference::ModelPackage& model, const std::string& device,
                      const std::vector<Row>& rows, const VolumeWalk& walk) {
  JsonWriter json;
  json.beginObject();
  json.key("model");
  json.beginObject();
  json.key("name");
  json.value(model.manifest.name);
  json.key("version");
  json.value(model.manifest.version);
  json.key("sha256");
  json.value(model.sha256);
  json.key("task");
  json.value(taskName(model.manifest.task));
  json.key("not_for_clinical_use");
  json.value(model.manifest.notForClinicalUse);
  json.endObject();
  json.key("device");
  json.value(device);
  json.key("volumes");
  json.beginArray();
  for (const Row& row : rows) {
    json.beginObject();
    json.key("source");
    json.value(row.where);
    json.key("series_instance_uid");
    json.value(row.seriesUid);
    json.key("modality");
    json.value(row.modality);
    json.key("size");
    json.beginInlineArray();
    for (std::size_t n : row.size) json.value(n);
    json.endArray();
    json.key("status");
    json.value(row.status);
    if (!row.error.empty()) {
      json.key("error");
      json.value(row.error);
    }
    json.key("warnings");
    json.beginArray();
    for (const std::string& warning : row.warnings) json.value(warning);
    json.endArray();
    if (row.result) {
      const inference::InferenceResult& r = *row.result;
      json.key("device");
      json.value(r.device);
      json.key("findings");
      json.beginArray();
      for (const inference::Finding& f : r.findings) {
        json.beginObject();
        json.key("label");
        json.value(f.label);
        json.key("probability");
        json.value(f.probability);
        json.key("threshold");
        json.value(f.threshold);
        json.key("positive");
        json.value(f.positive);
        json.endObject();
      }
      json.endArray();
      json.key("segments");
      json.beginArray();
      for (const inference::Segment& s : r.segments) {
        json.beginObject();
        json.key("label");
        json.value(s.label);
        json.key("value");
        json.value(s.value);
        json.key("voxels");
        json.value(static_cast<long long>(s.voxels));
        json.key("volume_ml");
        json.value(s.volumeMl);
        json.endObject();
      }
      json.endArray();
      json.key("files");
      json.beginArray();
      for (const auto& [what, path] : row.files) {
        json.beginObject();
        json.key("content");
        json.value(what);
        json.key("path");
        json.value(path);
        json.endObject();
      }
      json.endArray();
      json.key("notes");
      json.beginArray();
      for (const std::string& note : r.notes) json.value(note);
      json.endArray();
      json.key("timings_ms");
      json.beginObject();
      for (const inference::StageTiming& t : r.timings) {
        json.key(t.stage);
        json.value(t.milliseconds);
      }
      json.endObject();
    }
    json.endObject();
  }
  json.endArray();
  writeWalkJson(json, walk);
  json.endObject();
  return json.text();
}

std::string writeText(const inference::ModelPackage& model, const std::string& device,
                      const std::vector<Row>& rows, const VolumeWalk& walk) {
  std::ostringstream out;
  out << std::fixed;
  const inference::ModelManifest& m = model.manifest;
  out << m.name << " " << m.version << " (" << taskName(m.task) << ", sha256 "
      << model.sha256.substr(0, 12) << "…) on " << device << "\n";
  if (m.notForClinicalUse) out << "Not for clinical use.\n";
  for (const Row& row : rows) {
    out << "\n"
        << row.where << "  " << (row.modality.empty() ? "?" : row.modality) << " " << row.size[0]
        << "×" << row.size[1] << "×" << row.size[2] << "\n";
    for (const std::string& warning : row.warnings) out << "  warning: " << warning << "\n";
    if (!row.result) {
      out << "  " << row.status << (row.error.empty() ? "" : ": " + row.error) << "\n";
      continue;
    }
    const inference::InferenceResult& r = *row.result;
    for (const inference::Finding& f : r.findings) {
      out << "  " << f.label << "  " << std::setprecision(3) << f.probability
          << (f.positive ? "  POSITIVE" : "  negative") << " (threshold " << std::setprecision(2)
          << f.threshold << ")\n";
    }
    for (const inference::Segment& s : r.segments) {
      out << "  " << s.label << "  " << std::setprecision(2) << s.volumeMl << " ml (" << s.voxels
          << " voxels, value " << s.value << ")\n";
    }
    for (const auto& [what, path] : row.files) out << "  " << what << ": " << path << "\n";
    for (const std::string& note : r.notes) out << "  note: " << note << "\n";
    out << "  " << r.device << ":";
    for (const inference::StageTiming& t : r.timings) {
      out << " " << t.stage << " " << std::setprecision(0) << t.milliseconds << " ms,";
    }
    out << " total " << r.totalMilliseconds() << " ms\n";
  }
  for (const core::DicomRejection& r : walk.rejected) out << "rejected: " << r.reason << "\n";
  const auto ran = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.result; });
  out << "\n"
      << rows.size() << " volume(s), " << ran << " run, " << walk.rejected.size()
      << " file(s) rejected, " << walk.skipped << " skipped (not DICOM images)\n";
  return out.str();
}

}  // namespace

InferReport runInference(const InferRequest& request) {
  InferReport report;
  inference::ModelPackage model;
  std::unique_ptr<inference::InferenceWorker> worker;
  try {
    model = inference::readModelPackage(request.model);
    inference::InferenceWorker::Settings settings;
    settings.device = request.device;
    worker = std::make_unique<inference::InferenceWorker>(settings);
  } catch (const std::exception& e) {
    report.error = std::string("lumen infer: ") + e.what() + "\n";
    report.exitCode = 1;
    return report;
  }
  std::vector<Row> rows;
  const VolumeWalk walk = forEachVolume(request.paths, [&](FoundVolume found) {
    const std::shared_ptr<const core::Volume>& volume = found.volume;
    const std::string& where = found.where;
    Row row;
    try {
      row = runOne(*worker, model, volume, found.source, where);
      if (row.result && !request.heatmapDirectory.empty()) {
        writeVolumes(row, rows.size(), request.heatmapDirectory);
      }
    } catch (const std::exception& e) {  // a colour volume, or a file not written
      row.where = where;
      row.size = volume->size();
      row.status = "failed";
      row.error = e.what();
      row.result.reset();
    }
    rows.push_back(std::move(row));
  });
  const std::string device =
      worker->device() + ", " + inference::describeRuntime(inference::runtimeInfo());
  report.text =
      request.json ? writeJson(model, device, rows, walk) : writeText(model, device, rows, walk);
  const bool anyRan = std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.result; });
  const bool anyFailed =
      std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.status == "failed"; });
  report.exitCode = anyRan && !anyFailed ? 0 : 1;
  return report;
}

}  // namespace lumen::app
