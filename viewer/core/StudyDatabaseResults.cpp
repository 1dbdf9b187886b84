// StudyDatabase: the results models found in volumes (schema version 3, see StudyDatabase.cpp).
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <limits>

#include "core/StudyDatabase.h"
#include "core/StudyDatabaseImpl.h"

namespace lumen::core {
namespace {

using Statement = SqliteStatement;
using Transaction = SqliteTransaction;

/// How a task is stored; nullptr for a value outside the enum.
const char* storedTaskName(ModelResult::Task task) {
  switch (task) {
    case ModelResult::Task::Classification:
      return "classification";
    case ModelResult::Task::Segmentation:
      return "segmentation";
  }
  return nullptr;
}

/// How a volume kind is stored; nullptr for a value outside the enum.
const char* storedKindName(ResultVolume::Kind kind) {
  switch (kind) {
    case ResultVolume::Kind::Heatmap:
      return "heatmap";
    case ResultVolume::Kind::LabelMap:
      return "label_map";
  }
  return nullptr;
}

/// The checksum as stored: lower case.
std::string storedSha256(std::string sha) {
  for (char& c : sha) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return sha;
}

bool isSha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

bool isUnitInterval(double value) { return std::isfinite(value) && value >= 0 && value <= 1; }
bool isSize(double value) { return std::isfinite(value) && value >= 0; }

/// Throws Error(InvalidArgument) unless `result` can be stored for `volumeKey` and `seriesUid`
/// as it is.
void checkStorable(const std::string& volumeKey, const std::string& seriesUid,
                   const ModelResult& result, const std::string& context) {
  const auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, context + ": model result cannot be stored: " + what);
  };
  if (volumeKey.empty()) fail("empty volume key");
  const bool dicomKey = volumeKey.rfind("dicom:", 0) == 0;
  if (!seriesUid.empty() && volumeKey.rfind("dicom:" + seriesUid + "#", 0) != 0)
    fail("the volume key is not one of series " + seriesUid);
  if (seriesUid.empty() && dicomKey) fail("a DICOM volume key without a series UID");
  if (!isSha256(result.modelSha256)) fail("the model checksum is not 64 hex digits");
  if (!storedTaskName(result.task)) fail("unknown task");
  for (std::size_t n = 0; n < result.findings.size(); ++n) {
    const ResultFinding& f = result.findings[n];
    if (!isUnitInterval(f.probability) || !isUnitInterval(f.threshold))
      fail("finding " + std::to_string(n) + ": probability or threshold outside [0, 1]");
  }
  for (std::size_t n = 0; n < result.segments.size(); ++n) {
    const ResultSegment& s = result.segments[n];
    if (s.voxels < 0 || !isSize(s.volumeMl))
      fail("segment " + std::to_string(n) + ": negative or non-finite size");
  }
  for (std::size_t n = 0; n < result.volumes.size(); ++n) {
    const ResultVolume& v = result.volumes[n];
    const std::string which = "volume " + std::to_string(n) + ": ";
    if (!storedKindName(v.kind)) fail(which + "unknown kind");
    if (!v.volume) fail(which + "null");
    if (v.volume->pixelType() != PixelType::UInt8 || v.volume->components() != 1) {
      fail(which + pixelTypeName(v.volume->pixelType()) + " with " +
           std::to_string(v.volume->components()) + " components, not uint8 with one");
    }
  }
  for (const ResultTiming& t : result.timings) {
    if (!isSize(t.milliseconds)) fail("timing of " + t.stage + " negative or not finite");
  }
}

/// Now, in UTC ISO 8601 to the second: "2025-06-20T10:15:00Z".
std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// The voxels of `volume` as one zlib stream, at the fastest level: model outputs are mostly
/// background and smooth, which even that level shrinks well.
std::vector<std::uint8_t> compressVoxels(const Volume& volume, const std::string& context) {
  uLongf size = compressBound(static_cast<uLong>(volume.byteSize()));
  std::vector<std::uint8_t> bytes(size);
  const int status = compress2(bytes.data(), &size, static_cast<const Bytef*>(volume.data()),
                               static_cast<uLong>(volume.byteSize()), Z_BEST_SPEED);
  if (status != Z_OK) {
    throw Error(ErrorCode::WriteFailed,
                context + ": cannot compress voxels (zlib " + std::to_string(status) + ")");
  }
  bytes.resize(size);
  return bytes;
}

/// Decodes `bytes` into `volume`, which must come out exactly full. Throws Error(ReadFailed).
void decompressVoxels(const std::vector<std::uint8_t>& bytes, Volume& volume,
                      const std::string& context) {
  uLongf size = static_cast<uLongf>(volume.byteSize());
  const int status = uncompress(static_cast<Bytef*>(volume.data()), &size, bytes.data(),
                                static_cast<uLong>(bytes.size()));
  if (status != Z_OK || size != volume.byteSize()) {
    throw Error(ErrorCode::ReadFailed, context + ": voxel data is corrupt or does not fill its " +
                                           std::to_string(volume.byteSize()) + " bytes (zlib " +
                                           std::to_string(status) + ", " +
                                           std::to_string(bytes.size()) + " bytes stored)");
  }
}

// Columns of a result_volumes row after result_ref and position, in the order of the table.
const char* const kVolumeColumns =
    "kind, label, size_i, size_j, size_k, spacing_i, spacing_j, spacing_k, origin_x, origin_y, "
    "origin_z, d_00, d_01, d_02, d_10, d_11, d_12, d_20, d_21, d_22, voxels";

/// Reads a result_volumes row (selected as kVolumeColumns) into a volume. Throws
/// Error(ReadFailed) for a kind or geometry it cannot be, or corrupt voxels.
ResultVolume readVolume(const Statement& row, const std::string& context) {
  ResultVolume result;
  const std::string kind = row.text(0);
  if (kind == storedKindName(ResultVolume::Kind::Heatmap)) {
    result.kind = ResultVolume::Kind::Heatmap;
  } else if (kind == storedKindName(ResultVolume::Kind::LabelMap)) {
    result.kind = ResultVolume::Kind::LabelMap;
  } else {
    throw Error(ErrorCode::ReadFailed, context + ": unknown volume kind " + kind);
  }
  result.label = row.text(1);
  VolumeGeometry geometry;
  for (int axis = 0; axis < 3; ++axis) {
    const std::int64_t size = row.integer(2 + axis);
    if (size <= 0 || size > std::numeric_limits<int>::max())
      throw Error(ErrorCode::ReadFailed, context + ": volume size " + std::to_string(size));
    geometry.size[axis] = static_cast<std::size_t>(size);
    geometry.spacing[axis] = row.real(5 + axis);
    geometry.origin[axis] = row.real(8 + axis);
    for (int column = 0; column < 3; ++column)
      geometry.direction[axis][column] = row.real(11 + 3 * axis + column);
  }
  std::unique_ptr<Volume> volume;
  try {
    volume = std::make_unique<Volume>(PixelType::UInt8, geometry);
  } catch (const Error& e) {
    throw Error(ErrorCode::ReadFailed, context + ": " + e.what());
  }
  decompressVoxels(row.blob(20), *volume, context);
  result.volume = std::move(volume);
  return result;
}

}  // namespace

void StudyDatabase::saveModelResult(const std::string& volumeKey, const std::string& seriesUid,
                                    const ModelResult& result) {
  Impl& d = *m_impl;
  const std::string context = d.context + ", volume " + volumeKey;
  checkStorable(volumeKey, seriesUid, result, context);
  // Compressed before the transaction, so that other connections wait only for the writes.
  std::vector<std::vector<std::uint8_t>> voxels;
  const auto largest = static_cast<std::size_t>(sqlite3_limit(d.db, SQLITE_LIMIT_LENGTH, -1));
  for (const ResultVolume& v : result.volumes) {
    voxels.push_back(compressVoxels(*v.volume, context));
    if (voxels.back().size() > largest) {
      const std::string size = std::to_string(voxels.back().size());
      throw Error(ErrorCode::WriteFailed, context + ": voxels of " + size +
                                              " bytes compressed exceed SQLite's limit of " +
                                              std::to_string(largest));
    }
  }

  Transaction transaction(d.db, d.context);
  const std::string sha = storedSha256(result.modelSha256);
  Statement remove =
      d.write("DELETE FROM model_results WHERE volume_key = ?1 AND model_sha256 = ?2");
  remove.bind(1, volumeKey).bind(2, sha).run();  // its parts cascade
  Statement insert = d.write(
      "INSERT INTO model_results(volume_key, model_sha256, series_uid, model_name, "
      "model_version, intended_use, not_for_clinical_use, task, device, created_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  insert.bind(1, volumeKey).bind(2, sha).bind(3, seriesUid).bind(4, result.modelName);
  insert.bind(5, result.modelVersion).bind(6, result.intendedUse);
  insert.bind(7, std::int64_t{result.notForClinicalUse ? 1 : 0});
  insert.bind(8, storedTaskName(result.task)).bind(9, result.device);
  insert.bind(10, result.createdAt.empty() ? utcNow() : result.createdAt).run();
  const std::int64_t id = sqlite3_last_insert_rowid(d.db);

  Statement finding = d.write(
      "INSERT INTO result_findings(result_ref, position, label, probability, threshold, "
      "positive) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  for (std::size_t n = 0; n < result.findings.size(); ++n) {
    const ResultFinding& f = result.findings[n];
    finding.bind(1, id).bind(2, static_cast<std::int64_t>(n)).bind(3, f.label);
    finding.bind(4, f.probability).bind(5, f.threshold);
    finding.bind(6, std::int64_t{f.positive ? 1 : 0}).run();
  }
  Statement segment = d.write(
      "INSERT INTO result_segments(result_ref, position, label, value, voxels, volume_ml) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  for (std::size_t n = 0; n < result.segments.size(); ++n) {
    const ResultSegment& s = result.segments[n];
    segment.bind(1, id).bind(2, static_cast<std::int64_t>(n)).bind(3, s.label);
    segment.bind(4, std::int64_t{s.value}).bind(5, s.voxels).bind(6, s.volumeMl).run();
  }
  Statement volume =
      d.write((std::string("INSERT INTO result_volumes(result_ref, position, ") + kVolumeColumns +
               ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
               "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)")
                  .c_str());
  for (std::size_t n = 0; n < result.volumes.size(); ++n) {
    const ResultVolume& v = result.volumes[n];
    const VolumeGeometry& g = v.volume->geometry();
    volume.bind(1, id).bind(2, static_cast<std::int64_t>(n)).bind(3, storedKindName(v.kind));
    volume.bind(4, v.label);
    for (int axis = 0; axis < 3; ++axis) {
      volume.bind(5 + axis, static_cast<std::int64_t>(g.size[axis]));
      volume.bind(8 + axis, g.spacing[axis]).bind(11 + axis, g.origin[axis]);
      for (int column = 0; column < 3; ++column)
        volume.bind(14 + 3 * axis + column, g.direction[axis][column]);
    }
    volume.bindBlob(23, voxels[n]).run();
  }
  Statement timing = d.write(
      "INSERT INTO result_timings(result_ref, position, stage, milliseconds) "
      "VALUES(?1, ?2, ?3, ?4)");
  for (std::size_t n = 0; n < result.timings.size(); ++n) {
    timing.bind(1, id).bind(2, static_cast<std::int64_t>(n)).bind(3, result.timings[n].stage);
    timing.bind(4, result.timings[n].milliseconds).run();
  }
  Statement note =
      d.write("INSERT INTO result_notes(result_ref, position, note) VALUES(?1, ?2, ?3)");
  for (std::size_t n = 0; n < result.notes.size(); ++n)
    note.bind(1, id).bind(2, static_cast<std::int64_t>(n)).bind(3, result.notes[n]).run();
  transaction.commit();
}

std::vector<ModelResult> StudyDatabase::modelResults(const std::string& volumeKey) const {
  Impl& d = *m_impl;
  // One snapshot for every table, so that a result replaced meanwhile is read whole.
  Transaction snapshot(d.db, d.context, Transaction::Mode::Read);
  Statement select = d.read(
      "SELECT id, model_sha256, model_name, model_version, intended_use, not_for_clinical_use, "
      "task, device, created_at FROM model_results WHERE volume_key = ?1 "
      "ORDER BY model_name, model_sha256");
  Statement findings = d.read(
      "SELECT label, probability, threshold, positive FROM result_findings WHERE result_ref = ?1 "
      "ORDER BY position");
  Statement segments = d.read(
      "SELECT label, value, voxels, volume_ml FROM result_segments WHERE result_ref = ?1 "
      "ORDER BY position");
  Statement volumes = d.read((std::string("SELECT ") + kVolumeColumns +
                              " FROM result_volumes WHERE result_ref = ?1 ORDER BY position")
                                 .c_str());
  Statement timings = d.read(
      "SELECT stage, milliseconds FROM result_timings WHERE result_ref = ?1 ORDER BY position");
  Statement notes = d.read("SELECT note FROM result_notes WHERE result_ref = ?1 ORDER BY position");

  std::vector<ModelResult> results;
  select.bind(1, volumeKey);
  while (select.step()) {
    ModelResult r;
    const std::int64_t id = select.integer(0);
    r.modelSha256 = select.text(1);
    r.modelName = select.text(2);
    r.modelVersion = select.text(3);
    r.intendedUse = select.text(4);
    r.notForClinicalUse = select.integer(5) != 0;
    const std::string context =
        d.context + ", volume " + volumeKey + ", model " + r.modelName + " (" + r.modelSha256 + ")";
    const std::string task = select.text(6);
    if (task == storedTaskName(ModelResult::Task::Classification)) {
      r.task = ModelResult::Task::Classification;
    } else if (task == storedTaskName(ModelResult::Task::Segmentation)) {
      r.task = ModelResult::Task::Segmentation;
    } else {
      throw Error(ErrorCode::ReadFailed, context + ": unknown task " + task);
    }
    r.device = select.text(7);
    r.createdAt = select.text(8);

    findings.bind(1, id);
    while (findings.step()) {
      r.findings.push_back(
          {findings.text(0), findings.real(1), findings.real(2), findings.integer(3) != 0});
    }
    segments.bind(1, id);
    while (segments.step()) {
      r.segments.push_back({segments.text(0), static_cast<int>(segments.integer(1)),
                            segments.integer(2), segments.real(3)});
    }
    volumes.bind(1, id);
    while (volumes.step()) r.volumes.push_back(readVolume(volumes, context));
    timings.bind(1, id);
    while (timings.step()) r.timings.push_back({timings.text(0), timings.real(1)});
    notes.bind(1, id);
    while (notes.step()) r.notes.push_back(notes.text(0));
    results.push_back(std::move(r));
  }
  return results;
}

void StudyDatabase::removeModelResults(const std::string& modelSha256) {
  // One statement, one transaction: the results' parts cascade.
  Statement remove = m_impl->write("DELETE FROM model_results WHERE model_sha256 = ?1");
  remove.bind(1, storedSha256(modelSha256)).run();
}

}  // namespace lumen::core
