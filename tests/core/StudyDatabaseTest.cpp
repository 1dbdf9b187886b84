// The local study database on real SQLite files, filled from real DICOM series written by
// DicomSeriesWriter and read back by scanDicom: import, search, series, paths, thumbnails, copies,
// measurements.
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <limits>

#include "StudyDatabaseFixture.h"
#include "core/dicom/DicomScan.h"

namespace fs = std::filesystem;

namespace lumen::core::test {
namespace {

using StudyDatabaseTest = StudyDatabaseFixture;

StudyQuery byText(const std::string& text) {
  StudyQuery query;
  query.text = text;
  return query;
}

Measurement measurement(MeasurementKind kind, std::vector<Vec3> points, std::string label = {},
                        std::int64_t id = 0) {
  Measurement m;
  m.id = id;
  m.kind = kind;
  m.points = std::move(points);
  m.label = std::move(label);
  return m;
}

/// Every field of each measurement, doubles to the last bit, so that a failed comparison shows
/// what differs.
std::vector<std::string> describe(const std::vector<Measurement>& measurements) {
  std::vector<std::string> lines;
  for (const Measurement& m : measurements) {
    std::string line = std::to_string(m.id) + " kind " + std::to_string(static_cast<int>(m.kind));
    std::vector<Vec3> vectors = m.points;
    vectors.push_back(m.planeRight);
    vectors.push_back(m.planeUp);
    for (const Vec3& v : vectors) {
      char text[96];
      std::snprintf(text, sizeof text, " (%a %a %a)", v[0], v[1], v[2]);
      line += text;
    }
    lines.push_back(line + " '" + m.label + "'");
  }
  return lines;
}

/// One of each kind, with coordinates that need every bit of a double and labels beyond ASCII.
std::vector<Measurement> drawnMeasurements() {
  std::vector<Measurement> drawn{
      measurement(MeasurementKind::Distance,
                  {{0.1, -123.45678901234567, 1e-7}, {1.0 / 3, 2.0 / 3, 410.25}},
                  "Läsion — 肺结节 ✓ 🫁"),
      measurement(MeasurementKind::Angle, {{1, 2, 3}, {-4.5, 5.25, -6}, {7e10, -8e-10, 9}}),
      measurement(MeasurementKind::Ellipse, {{-250.125, 13.0, 77.7}, {-240.0, 20.5, 79.1}},
                  "ROI 1"),
      measurement(MeasurementKind::Rectangle, {{0, 0, 0}, {10, 10, 0}},
                  "it's \"quoted\"; DROP TABLE measurements; --"),
  };
  drawn[2].planeRight = {0.6, 0.0, 0.8};
  drawn[2].planeUp = {0.0, -1.0, 0.0};
  drawn[3].planeRight = {0.0, 1.0, 0.0};
  drawn[3].planeUp = {0.0, 0.0, 1.0};
  return drawn;
}

TEST_F(StudyDatabaseTest, ImportIndexesPatientsStudiesSeriesAndInstances) {
  StudyDatabase db(dbPath());
  EXPECT_EQ(counts(db.importInstances(corpus().instances, ImportMode::ReferenceInPlace)),
            "2 patients, 3 studies, 4 series, 16 instances added; 0 present, 0 skipped");

  const std::vector<StudyRecord> studies = db.searchStudies({});
  EXPECT_EQ(studyUids(studies), (std::vector<std::string>{kStudyC, kStudyA, kStudyB}));
  const StudyRecord& a = studies.at(1);
  EXPECT_EQ(a.patientName, "Müller^Jürgen");
  EXPECT_EQ(a.patientId, "LUMEN-MUE-1");
  EXPECT_EQ(a.patientBirthDate, "19610203");
  EXPECT_EQ(a.patientSex, "M");
  EXPECT_EQ(a.studyDate, "20240315");
  EXPECT_EQ(a.studyTime, "101500");
  EXPECT_EQ(a.studyDescription, "Thorax");
  EXPECT_EQ(a.modalities, (std::vector<std::string>{"CT", "MR"}));
  EXPECT_EQ(a.seriesCount, 2u);
  EXPECT_EQ(a.instanceCount, 2 * kSlices);
  EXPECT_EQ(query(dbPath(), "PRAGMA user_version"), std::to_string(StudyDatabase::kSchemaVersion));
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM patients"), "2");
}

TEST_F(StudyDatabaseTest, ReimportChangesNothing) {
  {
    StudyDatabase db(dbPath());
    db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  }
  // A connection of our own sees data_version change whenever another connection commits.
  sqlite3* observer = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath().c_str(), &observer), SQLITE_OK);
  const auto dataVersion = [&] {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(observer, "PRAGMA data_version", -1, &statement, nullptr);
    const long long version =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return version;
  };
  const long long before = dataVersion();
  StudyDatabase db(dbPath());
  EXPECT_EQ(counts(db.importInstances(corpus().instances, ImportMode::ReferenceInPlace)),
            "0 patients, 0 studies, 0 series, 0 instances added; 16 present, 0 skipped");
  EXPECT_EQ(dataVersion(), before);
  // A change by the database is seen, so the check above can fail.
  db.setThumbnail(kSeriesA1, {1, 2, 3});
  EXPECT_NE(dataVersion(), before);
  sqlite3_close(observer);
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM instances"), "16");
  EXPECT_EQ(db.searchStudies({}).at(1).instanceCount, 2 * kSlices);
}

TEST_F(StudyDatabaseTest, SearchesByNameOrIdCaseInsensitivelyBeyondAscii) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const auto find = [&](const std::string& text) {
    return studyUids(db.searchStudies(byText(text)));
  };
  const std::vector<std::string> mueller{kStudyA, kStudyB};
  EXPECT_EQ(find("müller"), mueller);
  EXPECT_EQ(find("MÜLLER"), mueller);
  EXPECT_EQ(find("jürgen"), mueller);
  EXPECT_EQ(find("Müller^Jürgen"), mueller);
  EXPECT_EQ(find("müller jür"), mueller);
  EXPECT_EQ(find("sMiTh"), std::vector<std::string>{kStudyC});
  EXPECT_EQ(find("lumen-smi"), std::vector<std::string>{kStudyC});
  EXPECT_EQ(find("MUE-1"), mueller);
  EXPECT_EQ(find("lumen").size(), 3u);
  EXPECT_TRUE(find("muller").empty());  // no accent folding, by design
  EXPECT_TRUE(find("%").empty());       // no LIKE wildcards
  EXPECT_TRUE(find("nobody").empty());
}

TEST_F(StudyDatabaseTest, SearchesByInclusiveDateRangeAndModality) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const auto find = [&](StudyQuery query) { return studyUids(db.searchStudies(query)); };
  using Uids = std::vector<std::string>;
  EXPECT_EQ(find({"", "20240315", "20240315", ""}), Uids{kStudyA});
  EXPECT_EQ(find({"", "20240101", "", ""}), (Uids{kStudyC, kStudyA}));
  EXPECT_EQ(find({"", "", "20240314", ""}), Uids{kStudyB});
  EXPECT_TRUE(find({"", "20250621", "", ""}).empty());
  EXPECT_EQ(find({"", "", "", "MR"}), (Uids{kStudyA, kStudyB}));
  EXPECT_EQ(find({"", "", "", "CT"}), (Uids{kStudyC, kStudyA}));
  EXPECT_TRUE(find({"", "", "", "US"}).empty());
  EXPECT_TRUE(find({"", "", "", "C"}).empty());
  EXPECT_EQ(find({"müller", "20240101", "", "CT"}), Uids{kStudyA});
}

TEST_F(StudyDatabaseTest, ListsSeriesAndInstancePaths) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const std::vector<SeriesRecord> series = db.seriesOf(kStudyA);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].seriesInstanceUid, kSeriesA1);
  EXPECT_EQ(series[0].seriesNumber, 1);
  EXPECT_EQ(series[0].modality, "CT");
  EXPECT_EQ(series[0].description, "CT series 1");
  EXPECT_EQ(series[0].instanceCount, kSlices);
  EXPECT_FALSE(series[0].hasThumbnail);
  EXPECT_EQ(series[1].seriesInstanceUid, kSeriesA2);
  EXPECT_EQ(series[1].modality, "MR");
  EXPECT_TRUE(db.seriesOf("1.2.3").empty());

  const std::vector<std::string>& a1 = corpus().files.at(kSeriesA1);
  const std::vector<std::string>& a2 = corpus().files.at(kSeriesA2);
  EXPECT_EQ(db.instancePaths(kSeriesA1), a1);  // by InstanceNumber = slice order
  std::vector<std::string> study = a1;
  study.insert(study.end(), a2.begin(), a2.end());
  EXPECT_EQ(db.instancePaths(kStudyA), study);
  EXPECT_TRUE(db.instancePaths("1.2.3").empty());
}

TEST_F(StudyDatabaseTest, StoresThumbnails) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', 0, 255};
  db.setThumbnail(kSeriesB1, png);
  EXPECT_EQ(db.thumbnail(kSeriesB1), png);
  EXPECT_TRUE(db.seriesOf(kStudyB).at(0).hasThumbnail);
  EXPECT_TRUE(db.thumbnail(kSeriesA1).empty());
  db.setThumbnail(kSeriesB1, {});
  EXPECT_TRUE(db.thumbnail(kSeriesB1).empty());
  EXPECT_FALSE(db.seriesOf(kStudyB).at(0).hasThumbnail);
  EXPECT_EQ(errorOf([&] { db.setThumbnail("1.2.3", png); }), ErrorCode::WriteFailed);
}

TEST_F(StudyDatabaseTest, CopyModeCopiesFilesThatOpen) {
  StudyDatabase db(dbPath());
  const ImportSummary summary =
      db.importInstances(corpus().instances, ImportMode::CopyIntoStore, store());
  EXPECT_EQ(summary.instancesAdded, 16u);
  const std::vector<std::string> paths = db.instancePaths(kSeriesC1);
  ASSERT_EQ(paths.size(), kSlices);
  for (const std::string& path : paths) {
    EXPECT_EQ(fs::path(path).parent_path(), fs::absolute(store()) / kStudyC / kSeriesC1);
    EXPECT_EQ(fs::path(path).extension(), ".dcm");
  }
  const DicomScan copies = scanDicom({store()});
  EXPECT_EQ(copies.instances.size(), 16u);
  EXPECT_EQ(copies.volumes.size(), 4u);
  EXPECT_TRUE(copies.rejected.empty());
  for (const DicomInstance& in : copies.instances) {
    EXPECT_EQ(fs::path(in.path).stem(), in.sopInstanceUid);
    EXPECT_EQ(fs::path(in.path).parent_path().filename(), in.seriesInstanceUid);
  }
  EXPECT_EQ(
      db.importInstances(corpus().instances, ImportMode::CopyIntoStore, store()).instancesPresent,
      16u);
}

TEST_F(StudyDatabaseTest, RemoveStudyDeletesRowsAndManagedCopiesOnly) {
  StudyDatabase db(dbPath());
  db.importInstances(instancesOf(kStudyA), ImportMode::CopyIntoStore, store());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);  // B and C in place
  ASSERT_TRUE(fs::exists(fs::path(store()) / kStudyA));

  db.removeStudy(kStudyA);
  EXPECT_FALSE(fs::exists(fs::path(store()) / kStudyA));  // copies and their folders
  for (const std::string& file : corpus().files.at(kSeriesA1)) EXPECT_TRUE(fs::exists(file));
  EXPECT_TRUE(db.instancePaths(kStudyA).empty());
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM patients"), "2");

  db.removeStudy(kStudyB);  // in place: the files stay, Müller goes with his last study
  for (const std::string& file : corpus().files.at(kSeriesB1)) EXPECT_TRUE(fs::exists(file));
  EXPECT_EQ(studyUids(db.searchStudies({})), std::vector<std::string>{kStudyC});
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM patients"), "1");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM series"), "1");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM instances"), std::to_string(kSlices));
  db.removeStudy(kStudyB);  // unknown now: nothing happens
}

TEST_F(StudyDatabaseTest, MeasurementsRoundTripWithFreshIdsAndUtf8Labels) {
  const std::string key = dicomVolumeKey(kSeriesA1, 0);
  EXPECT_EQ(key, "dicom:" + kSeriesA1 + "#0");
  const std::vector<Measurement> drawn = drawnMeasurements();
  std::vector<Measurement> expected = drawn;
  for (std::size_t n = 0; n < expected.size(); ++n) expected[n].id = static_cast<int>(n) + 1;
  {
    StudyDatabase db(dbPath());
    EXPECT_TRUE(db.measurements(key).empty());
    EXPECT_EQ(describe(db.saveMeasurements(key, drawn)), describe(expected));
    EXPECT_EQ(describe(db.measurements(key)), describe(expected));
    EXPECT_TRUE(db.measurements(dicomVolumeKey(kSeriesA1, 1)).empty());
    EXPECT_TRUE(db.measurements("file:/nowhere.nii").empty());
  }
  EXPECT_EQ(describe(StudyDatabase(dbPath()).measurements(key)), describe(expected));
  // One row each, in real columns; the third point only for the angle.
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM measurements"), "4");
  EXPECT_EQ(query(dbPath(), "SELECT group_concat(typeof(x0) || typeof(up_z)) FROM measurements"),
            "realreal,realreal,realreal,realreal");
  EXPECT_EQ(query(dbPath(), "SELECT group_concat(kind || ':' || typeof(z2)) FROM measurements"),
            "distance:null,angle:real,ellipse:null,rectangle:null");
  EXPECT_EQ(query(dbPath(), "SELECT label FROM measurements WHERE id = 1"),
            "Läsion — 肺结节 ✓ 🫁");
}

TEST_F(StudyDatabaseTest, SavingReplacesTheListKeepsGivenIdsAndAssignsNewOnes) {
  StudyDatabase db(dbPath());
  const std::string key = "file:/data/chest ct.nii.gz", other = dicomVolumeKey(kSeriesB1, 2);
  const std::vector<Measurement> drawn = drawnMeasurements();
  db.saveMeasurements(other, {drawn[0]});
  const std::vector<Measurement> first = db.saveMeasurements(key, {drawn[0], drawn[1], drawn[2]});
  ASSERT_EQ(first.size(), 3u);

  // Measurement 2 deleted, 1 edited, one added: the new one follows the largest id.
  std::vector<Measurement> edited{first[2], first[0], drawn[3]};
  edited[1].label = "edited";
  edited[1].points[1] = {5.0, 6.0, 7.0};
  const std::vector<Measurement> second = db.saveMeasurements(key, edited);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0].id, 3);  // in the order given
  EXPECT_EQ(second[1].id, 1);
  EXPECT_EQ(second[2].id, 4);
  const std::vector<Measurement> stored = db.measurements(key);
  EXPECT_EQ(describe(stored), describe({second[1], second[0], second[2]}));  // in id order
  EXPECT_EQ(stored.at(0).label, "edited");

  // Ids given are kept, larger ones included; fresh ids follow them.
  const std::vector<Measurement> third = db.saveMeasurements(
      key, {drawn[0], measurement(MeasurementKind::Distance, {{0, 0, 0}, {1, 1, 1}}, "kept", 42)});
  EXPECT_EQ(third.at(0).id, 43);
  EXPECT_EQ(third.at(1).id, 42);
  EXPECT_EQ(describe(db.measurements(key)), describe({third[1], third[0]}));

  EXPECT_TRUE(db.saveMeasurements(key, {}).empty());
  EXPECT_TRUE(db.measurements(key).empty());
  EXPECT_EQ(db.measurements(other).size(), 1u);  // other volumes are left alone
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM measurements"), "1");
}

TEST_F(StudyDatabaseTest, RefusesMeasurementsItCannotStoreAndKeepsTheOldOnes) {
  StudyDatabase db(dbPath());
  const std::string key = dicomVolumeKey(kSeriesC1, 0);
  const std::vector<Measurement> before = db.saveMeasurements(key, drawnMeasurements());
  const auto refused = [&](const std::function<void(std::vector<Measurement>&)>& spoil) {
    std::vector<Measurement> list = drawnMeasurements();
    spoil(list);
    return errorOf([&] { db.saveMeasurements(key, list); });
  };
  const std::optional<ErrorCode> invalid = ErrorCode::InvalidArgument;
  EXPECT_EQ(refused([](auto& list) { list[0].id = list[1].id = 7; }), invalid);
  EXPECT_EQ(refused([](auto& list) { list[3].id = -1; }), invalid);
  EXPECT_EQ(refused([](auto& list) { list[1].points.pop_back(); }), invalid);  // an angle of 2
  EXPECT_EQ(refused([](auto& list) { list[0].points.push_back({1, 2, 3}); }), invalid);
  EXPECT_EQ(
      refused([](auto& list) { list[2].points[1][1] = std::numeric_limits<double>::quiet_NaN(); }),
      invalid);
  EXPECT_EQ(
      refused([](auto& list) { list[2].planeUp[0] = std::numeric_limits<double>::infinity(); }),
      invalid);
  EXPECT_EQ(refused([](auto& list) { list[3].kind = static_cast<MeasurementKind>(9); }), invalid);
  EXPECT_EQ(describe(db.measurements(key)), describe(before));           // nothing stored
  EXPECT_EQ(refused([](auto& list) { list[0].id = 7; }), std::nullopt);  // can succeed
  const std::vector<Measurement> after = db.measurements(key);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(after[0].id, 7);
  EXPECT_EQ(after[3].id, 10);
}

TEST_F(StudyDatabaseTest, MigratesAVersion1DatabaseKeepingItsStudies) {
  {
    StudyDatabase db(dbPath());
    db.importInstances(instancesOf(kStudyA), ImportMode::ReferenceInPlace);
  }
  // Turn it into the file a version 1 build wrote: the same tables without measurements (and
  // without model results).
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath().c_str(), &raw), SQLITE_OK);
  const std::string backToV1 = kBackToSchemaV2 + "DROP TABLE measurements; PRAGMA user_version = 1";
  ASSERT_EQ(sqlite3_exec(raw, backToV1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  const std::string hasTable = "SELECT count(*) FROM sqlite_master WHERE name = 'measurements'";
  ASSERT_EQ(query(dbPath(), hasTable), "0");
  ASSERT_EQ(query(dbPath(), "PRAGMA user_version"), "1");

  StudyDatabase db(dbPath());
  EXPECT_EQ(query(dbPath(), "PRAGMA user_version"), std::to_string(StudyDatabase::kSchemaVersion));
  EXPECT_EQ(query(dbPath(), hasTable), "1");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM sqlite_master WHERE name = 'model_results'"),
            "1");
  EXPECT_EQ(studyUids(db.searchStudies({})), std::vector<std::string>{kStudyA});
  EXPECT_EQ(db.instancePaths(kSeriesA1), corpus().files.at(kSeriesA1));
  const std::string key = dicomVolumeKey(kSeriesA1, 0);
  EXPECT_TRUE(db.measurements(key).empty());
  const std::vector<Measurement> stored = db.saveMeasurements(key, drawnMeasurements());
  EXPECT_EQ(describe(StudyDatabase(dbPath()).measurements(key)), describe(stored));
}

TEST_F(StudyDatabaseTest, RemoveStudyDeletesTheMeasurementsOfItsSeriesOnly) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const std::vector<Measurement> one{drawnMeasurements()[0]};
  const std::vector<std::string> ofStudyA{dicomVolumeKey(kSeriesA1, 0),
                                          dicomVolumeKey(kSeriesA2, 1)};
  // Keys of other volumes, one of a series whose UID only starts with series A1's.
  const std::vector<std::string> others{dicomVolumeKey(kSeriesB1, 0),
                                        dicomVolumeKey(kSeriesA1 + "0", 0), "file:" + kSeriesA1,
                                        "file:/data/ct.nii.gz"};
  for (const std::string& key : ofStudyA) db.saveMeasurements(key, one);
  for (const std::string& key : others) db.saveMeasurements(key, one);

  db.removeStudy(kStudyA);
  for (const std::string& key : ofStudyA) EXPECT_TRUE(db.measurements(key).empty()) << key;
  for (const std::string& key : others) EXPECT_EQ(db.measurements(key).size(), 1u) << key;
  db.removeStudy(kStudyB);
  EXPECT_TRUE(db.measurements(others[0]).empty());
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM measurements"), "3");
}

}  // namespace
}  // namespace lumen::core::test
