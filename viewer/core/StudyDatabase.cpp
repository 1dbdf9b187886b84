#include "core/StudyDatabase.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <limits>
#include <set>

#include "core/AtomicFileCopy.h"
#include "core/CaseFold.h"
#include "core/Error.h"
#include "core/SqliteStatement.h"
#include "core/StudyDatabaseImpl.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

// Schema version 1 (from an empty file). Text columns hold '' rather than NULL so that
// UNIQUE(patient_id, name) holds. name_key and id_key are foldCaseUtf8() of the name (with ^ as
// space) and the ID: SQLite's own LIKE and lower() fold ASCII only.
const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS patients(
  id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, name TEXT NOT NULL, birth_date TEXT NOT NULL,
  sex TEXT NOT NULL, name_key TEXT NOT NULL, id_key TEXT NOT NULL, UNIQUE(patient_id, name));
CREATE TABLE IF NOT EXISTS studies(
  id INTEGER PRIMARY KEY, study_instance_uid TEXT NOT NULL UNIQUE,
  patient_ref INTEGER NOT NULL REFERENCES patients(id),
  date TEXT NOT NULL, time TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS series(
  id INTEGER PRIMARY KEY, series_instance_uid TEXT NOT NULL UNIQUE,
  study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL, modality TEXT NOT NULL, description TEXT NOT NULL,
  body_part TEXT NOT NULL, thumbnail BLOB);
CREATE TABLE IF NOT EXISTS instances(
  id INTEGER PRIMARY KEY, sop_instance_uid TEXT NOT NULL UNIQUE,
  series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  path TEXT NOT NULL, instance_number INTEGER NOT NULL, frames INTEGER NOT NULL,
  managed INTEGER NOT NULL CHECK(managed IN (0, 1)));
CREATE INDEX IF NOT EXISTS studies_by_date ON studies(date);
CREATE INDEX IF NOT EXISTS studies_by_patient ON studies(patient_ref);
CREATE INDEX IF NOT EXISTS series_by_study ON series(study_ref, number);
CREATE INDEX IF NOT EXISTS series_by_modality ON series(modality, study_ref);
CREATE INDEX IF NOT EXISTS instances_by_series ON instances(series_ref, instance_number);
PRAGMA user_version = 1;
)sql";

// Version 1 → 2: measurements, one row each, keyed by (volume key, id). Points 0 and 1 always,
// point 2 for an angle only; plane vectors as drawn. Idempotent, like version 1, so that two
// processes migrating the same file at once both succeed.
const char* const kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS measurements(
  volume_key TEXT NOT NULL, id INTEGER NOT NULL CHECK(id > 0),
  kind TEXT NOT NULL CHECK(kind IN ('distance', 'angle', 'ellipse', 'rectangle')),
  x0 REAL NOT NULL, y0 REAL NOT NULL, z0 REAL NOT NULL,
  x1 REAL NOT NULL, y1 REAL NOT NULL, z1 REAL NOT NULL,
  x2 REAL, y2 REAL, z2 REAL,
  right_x REAL NOT NULL, right_y REAL NOT NULL, right_z REAL NOT NULL,
  up_x REAL NOT NULL, up_y REAL NOT NULL, up_z REAL NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY(volume_key, id),
  CHECK((kind = 'angle') = (x2 IS NOT NULL) AND (x2 IS NULL) = (y2 IS NULL)
        AND (x2 IS NULL) = (z2 IS NULL)));
PRAGMA user_version = 2;
)sql";

// Version 2 → 3: model results, one row per (volume key, model checksum), with their parts in
// tables of their own (ordered by position). series_uid is '' for a volume that is not DICOM;
// searchStudies() and removeStudy() find a study's results by it. Voxels are zlib streams of the
// uint8 samples, i fastest; the geometry sits beside them, direction row-major (d_rc).
const char* const kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS model_results(
  id INTEGER PRIMARY KEY, volume_key TEXT NOT NULL, model_sha256 TEXT NOT NULL,
  series_uid TEXT NOT NULL, model_name TEXT NOT NULL, model_version TEXT NOT NULL,
  intended_use TEXT NOT NULL,
  not_for_clinical_use INTEGER NOT NULL CHECK(not_for_clinical_use IN (0, 1)),
  task TEXT NOT NULL CHECK(task IN ('classification', 'segmentation')),
  device TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE(volume_key, model_sha256));
CREATE INDEX IF NOT EXISTS model_results_by_series ON model_results(series_uid);
CREATE INDEX IF NOT EXISTS model_results_by_model ON model_results(model_sha256);
CREATE TABLE IF NOT EXISTS result_findings(
  result_ref INTEGER NOT NULL REFERENCES model_results(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, label TEXT NOT NULL,
  probability REAL NOT NULL CHECK(probability BETWEEN 0 AND 1), threshold REAL NOT NULL,
  positive INTEGER NOT NULL CHECK(positive IN (0, 1)), PRIMARY KEY(result_ref, position));
CREATE TABLE IF NOT EXISTS result_segments(
  result_ref INTEGER NOT NULL REFERENCES model_results(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, label TEXT NOT NULL, value INTEGER NOT NULL,
  voxels INTEGER NOT NULL, volume_ml REAL NOT NULL, PRIMARY KEY(result_ref, position));
CREATE TABLE IF NOT EXISTS result_volumes(
  result_ref INTEGER NOT NULL REFERENCES model_results(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('heatmap', 'label_map')),
  label TEXT NOT NULL,
  size_i INTEGER NOT NULL, size_j INTEGER NOT NULL, size_k INTEGER NOT NULL,
  spacing_i REAL NOT NULL, spacing_j REAL NOT NULL, spacing_k REAL NOT NULL,
  origin_x REAL NOT NULL, origin_y REAL NOT NULL, origin_z REAL NOT NULL,
  d_00 REAL NOT NULL, d_01 REAL NOT NULL, d_02 REAL NOT NULL,
  d_10 REAL NOT NULL, d_11 REAL NOT NULL, d_12 REAL NOT NULL,
  d_20 REAL NOT NULL, d_21 REAL NOT NULL, d_22 REAL NOT NULL,
  voxels BLOB NOT NULL, PRIMARY KEY(result_ref, position));
CREATE TABLE IF NOT EXISTS result_timings(
  result_ref INTEGER NOT NULL REFERENCES model_results(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, stage TEXT NOT NULL, milliseconds REAL NOT NULL,
  PRIMARY KEY(result_ref, position));
CREATE TABLE IF NOT EXISTS result_notes(
  result_ref INTEGER NOT NULL REFERENCES model_results(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, note TEXT NOT NULL, PRIMARY KEY(result_ref, position));
PRAGMA user_version = 3;
)sql";

// kSchemaSteps[n] takes a database from version n to n + 1.
const char* const kSchemaSteps[] = {kSchema, kSchemaV2, kSchemaV3};
static_assert(std::size(kSchemaSteps) == StudyDatabase::kSchemaVersion);

using Statement = SqliteStatement;
using Transaction = SqliteTransaction;

/// A UID usable as a file name: DICOM allows digits and dots; letters, - and _ are tolerated.
bool isFileNameUid(const std::string& uid) {
  return !uid.empty() && uid.size() <= 128 && uid.front() != '.' &&
         std::all_of(uid.begin(), uid.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
         });
}

/// How a measurement kind is stored; nullptr for a value outside the enum.
const char* storedKindName(MeasurementKind kind) {
  switch (kind) {
    case MeasurementKind::Distance:
      return "distance";
    case MeasurementKind::Angle:
      return "angle";
    case MeasurementKind::Ellipse:
      return "ellipse";
    case MeasurementKind::Rectangle:
      return "rectangle";
  }
  return nullptr;
}

// Columns of a measurement row after volume_key, in the order of the table.
const char* const kMeasurementColumns =
    "id, kind, x0, y0, z0, x1, y1, z1, x2, y2, z2, right_x, right_y, right_z, up_x, up_y, up_z, "
    "label";

/// Throws Error(InvalidArgument) unless every measurement can be stored as it is.
void checkStorable(const std::vector<Measurement>& measurements, const std::string& context) {
  std::set<std::int64_t> ids;
  for (std::size_t n = 0; n < measurements.size(); ++n) {
    const Measurement& m = measurements[n];
    const auto fail = [&](const std::string& what) {
      throw Error(ErrorCode::InvalidArgument,
                  context + ": measurement " + std::to_string(n) + " cannot be stored: " + what);
    };
    if (!storedKindName(m.kind)) fail("unknown kind");
    if (m.points.size() != static_cast<std::size_t>(pointCount(m.kind)))
      fail(std::to_string(m.points.size()) + " points");
    if (m.id < 0) fail("negative id " + std::to_string(m.id));
    if (m.id > 0 && !ids.insert(m.id).second) fail("id " + std::to_string(m.id) + " repeated");
    std::vector<Vec3> vectors = m.points;
    vectors.push_back(m.planeRight);
    vectors.push_back(m.planeUp);
    for (const Vec3& v : vectors) {
      if (!std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2]))
        fail("a coordinate is not finite");
    }
  }
}

/// What name and ID are searched by: folded, ^ (the component separator) as a space.
std::string searchKey(const std::string& text) {
  std::string key = foldCaseUtf8(text);
  std::replace(key.begin(), key.end(), '^', ' ');
  return key;
}

}  // namespace

StudyDatabase::StudyDatabase(const std::string& path) : m_impl(std::make_unique<Impl>()) {
  Impl& d = *m_impl;
  d.path = path;
  d.context = "study database " + path;
  const bool existed = fs::exists(path);
  const fs::path folder = fs::path(path).parent_path();
  std::error_code error;
  if (!folder.empty()) fs::create_directories(folder, error);
  const ErrorCode openCode = existed ? ErrorCode::ReadFailed : ErrorCode::WriteFailed;
  if (sqlite3_open_v2(path.c_str(), &d.db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    throwSqliteError(openCode, d.db, d.context, "cannot open");
  }
  sqlite3_extended_result_codes(d.db, 1);
  sqlite3_busy_timeout(d.db, 5000);
  int version = 0;
  {
    Statement query = d.read("PRAGMA user_version");
    version = query.step() ? static_cast<int>(query.integer(0)) : 0;
    query.reset();
  }
  if (version > kSchemaVersion) {
    throw Error(ErrorCode::ReadFailed, d.context + ": schema version " + std::to_string(version) +
                                           " is newer than this build's " +
                                           std::to_string(kSchemaVersion));
  }
  d.exec("PRAGMA foreign_keys = ON", openCode, "cannot enable foreign keys");
  d.exec("PRAGMA journal_mode = WAL", openCode, "cannot enable WAL");
  if (version < kSchemaVersion) {
    Transaction transaction(d.db, d.context);
    for (int step = version; step < kSchemaVersion; ++step) {
      d.exec(kSchemaSteps[step], ErrorCode::WriteFailed,
             "cannot update the schema to version " + std::to_string(step + 1));
    }
    transaction.commit();
  }
}

StudyDatabase::~StudyDatabase() = default;
StudyDatabase::StudyDatabase(StudyDatabase&&) noexcept = default;
StudyDatabase& StudyDatabase::operator=(StudyDatabase&&) noexcept = default;

const std::string& StudyDatabase::path() const { return m_impl->path; }

ImportSummary StudyDatabase::importInstances(const std::vector<DicomInstance>& instances,
                                             ImportMode mode, const std::string& storeFolder,
                                             const ProgressCallback& progress,
                                             const CancelToken* cancel) {
  Impl& d = *m_impl;
  const bool copy = mode == ImportMode::CopyIntoStore;
  if (copy && storeFolder.empty())
    throw Error(ErrorCode::WriteFailed, d.context + ": no store folder to copy to");
  const fs::path store = copy ? fs::absolute(storeFolder).lexically_normal() : fs::path();
  ImportSummary summary;
  std::vector<fs::path> copies;  // made by this call: removed again unless it commits
  std::set<fs::path> folders;    // to fsync before the commit
  try {
    Transaction transaction(d.db, d.context);
    Statement findInstance = d.read("SELECT 1 FROM instances WHERE sop_instance_uid = ?1");
    Statement addPatient = d.write(
        "INSERT INTO patients(patient_id, name, birth_date, sex, name_key, id_key) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    Statement findPatient = d.read("SELECT id FROM patients WHERE patient_id = ?1 AND name = ?2");
    Statement addStudy = d.write(
        "INSERT INTO studies(study_instance_uid, patient_ref, date, time, description) "
        "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    Statement findStudy = d.read("SELECT id FROM studies WHERE study_instance_uid = ?1");
    Statement addSeries = d.write(
        "INSERT INTO series(series_instance_uid, study_ref, number, modality, description, "
        "body_part) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    Statement findSeries = d.read("SELECT id FROM series WHERE series_instance_uid = ?1");
    Statement addInstance = d.write(
        "INSERT INTO instances(sop_instance_uid, series_ref, path, instance_number, frames, "
        "managed) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    // Inserts a row unless it exists (ON CONFLICT DO NOTHING), then returns its id.
    const auto ensure = [&](Statement& add, Statement& find, std::size_t& added) {
      add.run();
      if (sqlite3_changes(d.db) > 0) {
        ++added;
        return static_cast<std::int64_t>(sqlite3_last_insert_rowid(d.db));
      }
      if (!find.step()) throwSqliteError(ErrorCode::WriteFailed, d.db, d.context, "row vanished");
      const std::int64_t id = find.integer(0);
      find.reset();
      return id;
    };
    std::string lastSeries;
    std::int64_t lastSeriesId = 0;
    for (std::size_t n = 0; n < instances.size(); ++n) {
      if (cancel && cancel->isCancelled()) throw Error(ErrorCode::Cancelled, "import cancelled");
      const DicomInstance& in = instances[n];
      const bool usable = copy ? isFileNameUid(in.sopInstanceUid) &&
                                     isFileNameUid(in.seriesInstanceUid) &&
                                     isFileNameUid(in.studyInstanceUid)
                               : !in.sopInstanceUid.empty() && !in.seriesInstanceUid.empty() &&
                                     !in.studyInstanceUid.empty();
      if (!usable) {
        ++summary.instancesSkipped;
      } else if (findInstance.bind(1, in.sopInstanceUid).step()) {
        findInstance.reset();
        ++summary.instancesPresent;
      } else {
        if (in.seriesInstanceUid != lastSeries) {
          addPatient.bind(1, in.patientId).bind(2, in.patientName).bind(3, in.patientBirthDate);
          addPatient.bind(4, in.patientSex).bind(5, searchKey(in.patientName));
          addPatient.bind(6, searchKey(in.patientId));
          findPatient.bind(1, in.patientId).bind(2, in.patientName);
          const std::int64_t patient = ensure(addPatient, findPatient, summary.patientsAdded);
          addStudy.bind(1, in.studyInstanceUid).bind(2, patient).bind(3, in.studyDate);
          addStudy.bind(4, in.studyTime).bind(5, in.studyDescription);
          findStudy.bind(1, in.studyInstanceUid);
          const std::int64_t study = ensure(addStudy, findStudy, summary.studiesAdded);
          addSeries.bind(1, in.seriesInstanceUid).bind(2, study);
          addSeries.bind(3, std::int64_t{in.seriesNumber}).bind(4, in.modality);
          addSeries.bind(5, in.seriesDescription).bind(6, in.bodyPart);
          findSeries.bind(1, in.seriesInstanceUid);
          lastSeriesId = ensure(addSeries, findSeries, summary.seriesAdded);
          lastSeries = in.seriesInstanceUid;
        }
        fs::path file = fs::absolute(in.path).lexically_normal();
        if (copy) {  // store/<study>/<series>/<sop>.dcm, each folder synced before the commit
          const fs::path target = store / in.studyInstanceUid / in.seriesInstanceUid;
          std::error_code error;
          fs::create_directories(target, error);
          if (error) throw Error(ErrorCode::WriteFailed, "cannot create folder " + target.string());
          const fs::path copied = target / (in.sopInstanceUid + ".dcm");
          copyFileAtomically(file.string(), copied.string());
          copies.push_back(copied);
          folders.insert({store, target.parent_path(), target});
          file = copied;
        }
        addInstance.bind(1, in.sopInstanceUid).bind(2, lastSeriesId).bind(3, file.string());
        addInstance.bind(4, std::int64_t{in.instanceNumber}).bind(5, std::int64_t{in.frames});
        addInstance.bind(6, std::int64_t{copy ? 1 : 0}).run();
        ++summary.instancesAdded;
      }
      if (progress) progress(static_cast<double>(n + 1) / static_cast<double>(instances.size()));
    }
    for (const fs::path& folder : folders) syncFolder(folder.string());
    transaction.commit();
  } catch (...) {
    std::error_code ignored;
    for (const fs::path& file : copies) fs::remove(file, ignored);
    throw;
  }
  return summary;
}

std::vector<StudyRecord> StudyDatabase::searchStudies(const StudyQuery& query) const {
  Statement select = m_impl->read(R"sql(
    SELECT p.name, p.patient_id, p.birth_date, p.sex, st.study_instance_uid, st.date, st.time,
      st.description,
      (SELECT group_concat(DISTINCT s.modality) FROM series s WHERE s.study_ref = st.id),
      (SELECT count(*) FROM series s WHERE s.study_ref = st.id),
      (SELECT count(*) FROM instances i JOIN series s ON i.series_ref = s.id
        WHERE s.study_ref = st.id),
      (SELECT max(f.probability) FROM series s
        JOIN model_results r ON r.series_uid = s.series_instance_uid
        JOIN result_findings f ON f.result_ref = r.id WHERE s.study_ref = st.id),
      EXISTS (SELECT 1 FROM series s JOIN model_results r ON r.series_uid = s.series_instance_uid
        JOIN result_findings f ON f.result_ref = r.id WHERE s.study_ref = st.id AND f.positive)
    FROM studies st JOIN patients p ON st.patient_ref = p.id
    WHERE (?1 = '' OR instr(p.name_key, ?1) > 0 OR instr(p.id_key, ?1) > 0)
      AND (?2 = '' OR st.date >= ?2) AND (?3 = '' OR st.date <= ?3)
      AND (?4 = '' OR EXISTS (SELECT 1 FROM series s WHERE s.study_ref = st.id
                              AND s.modality = ?4))
    ORDER BY st.date DESC, p.name_key, p.name, st.study_instance_uid)sql");
  select.bind(1, searchKey(query.text)).bind(2, query.dateFrom).bind(3, query.dateTo);
  select.bind(4, query.modality);
  std::vector<StudyRecord> studies;
  while (select.step()) {
    std::vector<std::string> modalities;  // group_concat: comma-separated
    const std::string list = select.text(8);
    for (std::size_t start = 0; start < list.size();) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) modalities.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
    std::sort(modalities.begin(), modalities.end());
    const auto count = [&](int column) { return static_cast<std::size_t>(select.integer(column)); };
    std::optional<double> aiMax;  // NULL when no finding is stored for the study
    if (!select.isNull(11)) aiMax = select.real(11);
    StudyRecord study{select.text(0),         select.text(1), select.text(2), select.text(3),
                      select.text(4),         select.text(5), select.text(6), select.text(7),
                      std::move(modalities),  count(9),       count(10),      aiMax,
                      select.integer(12) != 0};
    studies.push_back(std::move(study));
  }
  return studies;
}

std::vector<SeriesRecord> StudyDatabase::seriesOf(const std::string& studyUid) const {
  Statement select = m_impl->read(R"sql(
    SELECT s.series_instance_uid, s.number, s.modality, s.description, s.body_part,
      (SELECT count(*) FROM instances i WHERE i.series_ref = s.id), s.thumbnail IS NOT NULL
    FROM series s JOIN studies st ON s.study_ref = st.id WHERE st.study_instance_uid = ?1
    ORDER BY s.number, s.series_instance_uid)sql");
  select.bind(1, studyUid);
  std::vector<SeriesRecord> series;
  while (select.step()) {
    series.push_back({select.text(0), static_cast<int>(select.integer(1)), select.text(2),
                      select.text(3), select.text(4), static_cast<std::size_t>(select.integer(5)),
                      select.integer(6) != 0});
  }
  return series;
}

std::vector<std::string> StudyDatabase::instancePaths(const std::string& seriesOrStudyUid) const {
  Statement select = m_impl->read(R"sql(
    SELECT i.path FROM instances i JOIN series s ON i.series_ref = s.id
      JOIN studies st ON s.study_ref = st.id
    WHERE s.series_instance_uid = ?1 OR st.study_instance_uid = ?1
    ORDER BY s.number, s.series_instance_uid, i.instance_number, i.sop_instance_uid)sql");
  select.bind(1, seriesOrStudyUid);
  std::vector<std::string> paths;
  while (select.step()) paths.push_back(select.text(0));
  return paths;
}

void StudyDatabase::setThumbnail(const std::string& seriesUid,
                                 const std::vector<std::uint8_t>& png) {
  Statement update =
      m_impl->write("UPDATE series SET thumbnail = ?2 WHERE series_instance_uid = ?1");
  update.bind(1, seriesUid);
  update.bindBlob(2, png).run();
  if (sqlite3_changes(m_impl->db) == 0) {
    throw Error(ErrorCode::WriteFailed,
                m_impl->context + ": no series " + seriesUid + " for a thumbnail");
  }
}

std::vector<std::uint8_t> StudyDatabase::thumbnail(const std::string& seriesUid) const {
  Statement select = m_impl->read("SELECT thumbnail FROM series WHERE series_instance_uid = ?1");
  std::vector<std::uint8_t> png;
  if (select.bind(1, seriesUid).step()) {
    png = select.blob(0);
    select.reset();
  }
  return png;
}

void StudyDatabase::removeStudy(const std::string& studyUid) {
  Impl& d = *m_impl;
  std::vector<fs::path> managed;
  {
    Transaction transaction(d.db, d.context);
    Statement find = d.read("SELECT id, patient_ref FROM studies WHERE study_instance_uid = ?1");
    if (!find.bind(1, studyUid).step()) return;
    const std::int64_t study = find.integer(0), patient = find.integer(1);
    find.reset();
    Statement files = d.read(
        "SELECT i.path FROM instances i JOIN series s ON i.series_ref = s.id "
        "WHERE s.study_ref = ?1 AND i.managed = 1");
    files.bind(1, study);
    while (files.step()) managed.emplace_back(files.text(0));
    // Measurements of the study's volumes: keys "dicom:<series uid>#<volume index>".
    Statement measurements = d.write(
        "DELETE FROM measurements WHERE EXISTS (SELECT 1 FROM series s WHERE s.study_ref = ?1 "
        "AND substr(volume_key, 1, length(s.series_instance_uid) + 7) = "
        "'dicom:' || s.series_instance_uid || '#')");
    measurements.bind(1, study).run();
    // Model results of the study's series (their findings, volumes, ... cascade).
    Statement results = d.write(
        "DELETE FROM model_results WHERE series_uid IN (SELECT series_instance_uid FROM series "
        "WHERE study_ref = ?1)");
    results.bind(1, study).run();
    d.write("DELETE FROM studies WHERE id = ?1").bind(1, study).run();  // cascades
    Statement orphan = d.write(
        "DELETE FROM patients WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM studies WHERE "
        "patient_ref = ?1)");
    orphan.bind(1, patient).run();
    transaction.commit();
  }
  // After the commit: a process killed here leaves unreferenced copies, never rows without files.
  std::error_code ignored;
  for (const fs::path& file : managed) {
    fs::remove(file, ignored);
    fs::remove(file.parent_path(), ignored);                // the series folder, when empty
    fs::remove(file.parent_path().parent_path(), ignored);  // the study folder, when empty
  }
}

std::vector<Measurement> StudyDatabase::saveMeasurements(
    const std::string& volumeKey, const std::vector<Measurement>& measurements) {
  Impl& d = *m_impl;
  checkStorable(measurements, d.context + ", volume " + volumeKey);
  std::vector<Measurement> stored = measurements;
  Transaction transaction(d.db, d.context);
  std::int64_t lastId = 0;  // fresh ids follow every id given or stored before
  {
    Statement select = d.read("SELECT max(id) FROM measurements WHERE volume_key = ?1");
    if (select.bind(1, volumeKey).step()) {
      lastId = select.integer(0);
      select.reset();
    }
  }
  for (const Measurement& m : stored) lastId = std::max(lastId, m.id);
  for (Measurement& m : stored) {
    if (m.id != 0) continue;
    if (lastId == std::numeric_limits<std::int64_t>::max())
      throw Error(ErrorCode::InvalidArgument, d.context + ", volume " + volumeKey + ": no id left");
    m.id = ++lastId;
  }
  d.write("DELETE FROM measurements WHERE volume_key = ?1").bind(1, volumeKey).run();
  Statement insert =
      d.write((std::string("INSERT INTO measurements(volume_key, ") + kMeasurementColumns +
               ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
               "?14, ?15, ?16, ?17, ?18, ?19)")
                  .c_str());
  for (const Measurement& m : stored) {
    insert.bind(1, volumeKey).bind(2, m.id).bind(3, storedKindName(m.kind)).bind(19, m.label);
    for (int point = 0; point < 3; ++point) {  // NULL for a point the kind does not have
      for (int axis = 0; axis < 3; ++axis) {
        const int parameter = 4 + 3 * point + axis;
        if (point < static_cast<int>(m.points.size())) {
          insert.bind(parameter, m.points[static_cast<std::size_t>(point)][axis]);
        } else {
          insert.bindNull(parameter);
        }
      }
    }
    for (int axis = 0; axis < 3; ++axis) insert.bind(13 + axis, m.planeRight[axis]);
    for (int axis = 0; axis < 3; ++axis) insert.bind(16 + axis, m.planeUp[axis]);
    insert.run();
  }
  transaction.commit();
  return stored;
}

std::vector<Measurement> StudyDatabase::measurements(const std::string& volumeKey) const {
  const Impl& d = *m_impl;
  Statement select = m_impl->read((std::string("SELECT ") + kMeasurementColumns +
                                   " FROM measurements WHERE volume_key = ?1 ORDER BY id")
                                      .c_str());
  select.bind(1, volumeKey);
  std::vector<Measurement> result;
  while (select.step()) {
    Measurement m;
    m.id = select.integer(0);
    const std::string kind = select.text(1);
    bool known = false;
    for (MeasurementKind candidate : {MeasurementKind::Distance, MeasurementKind::Angle,
                                      MeasurementKind::Ellipse, MeasurementKind::Rectangle}) {
      if (kind == storedKindName(candidate)) {
        m.kind = candidate;
        known = true;
      }
    }
    if (!known) {
      throw Error(ErrorCode::ReadFailed, d.context + ", volume " + volumeKey + ": measurement " +
                                             std::to_string(m.id) + " has unknown kind " + kind);
    }
    m.points.resize(static_cast<std::size_t>(pointCount(m.kind)));
    for (std::size_t point = 0; point < m.points.size(); ++point) {
      for (int axis = 0; axis < 3; ++axis) {
        m.points[point][axis] = select.real(2 + 3 * static_cast<int>(point) + axis);
      }
    }
    for (int axis = 0; axis < 3; ++axis) {
      m.planeRight[axis] = select.real(11 + axis);
      m.planeUp[axis] = select.real(14 + axis);
    }
    m.label = select.text(17);
    result.push_back(std::move(m));
  }
  return result;
}

std::string dicomVolumeKey(const std::string& seriesUid, int volumeIndex) {
  return "dicom:" + seriesUid + "#" + std::to_string(volumeIndex);
}

}  // namespace lumen::core
