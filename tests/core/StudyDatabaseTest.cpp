// The local study database on real SQLite files, filled from real DICOM series written by
// DicomSeriesWriter and read back by scanDicom: import, search, series, paths, thumbnails, copies.
#include <sqlite3.h>

#include <filesystem>

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

}  // namespace
}  // namespace lumen::core::test
