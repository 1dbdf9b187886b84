// The study database when things go wrong: a missing file, a cancelled import, a process killed
// in the middle of an import, a file that is not a study database, a newer schema.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "StudyDatabaseFixture.h"

namespace fs = std::filesystem;

namespace lumen::core::test {
namespace {

using StudyDatabaseRecovery = StudyDatabaseFixture;

TEST_F(StudyDatabaseRecovery, FailedOrCancelledImportChangesNothing) {
  StudyDatabase db(dbPath());
  std::vector<DicomInstance> instances = instancesOf(kStudyC);
  instances.back().path = (m_folder / "missing.dcm").string();
  EXPECT_EQ(errorOf([&] { db.importInstances(instances, ImportMode::CopyIntoStore, store()); }),
            ErrorCode::ReadFailed);
  EXPECT_TRUE(db.searchStudies({}).empty());
  EXPECT_TRUE(fs::is_empty(fs::path(store()) / kStudyC / kSeriesC1));  // copies removed again

  CancelToken cancel;
  const ProgressCallback cancelHalfway = [&](double done) {
    if (done >= 0.5) cancel.cancel();
  };
  EXPECT_EQ(errorOf([&] {
              db.importInstances(corpus().instances, ImportMode::ReferenceInPlace, {},
                                 cancelHalfway, &cancel);
            }),
            ErrorCode::Cancelled);
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM instances"), "0");
  EXPECT_EQ(db.importInstances(corpus().instances, ImportMode::ReferenceInPlace).instancesAdded,
            16u);
}

/// Imports `instances` in a child process that kills itself (SIGKILL) halfway through.
void importAndDieHalfway(const std::string& path, const std::vector<DicomInstance>& instances,
                         ImportMode mode, const std::string& store) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      StudyDatabase db(path);
      db.importInstances(instances, mode, store, [](double done) {
        if (done >= 0.5) ::raise(SIGKILL);
      });
    } catch (...) {
    }
    ::_exit(3);  // not killed: the parent reports it
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST_F(StudyDatabaseRecovery, KilledImportLeavesTheDatabaseAsItWas) {
  { StudyDatabase(dbPath()).importInstances(instancesOf(kStudyA), ImportMode::ReferenceInPlace); }
  // Many instances of a new patient, study and series, all pointing at real files.
  std::vector<DicomInstance> many;
  for (int n = 0; n < 3000; ++n) {
    DicomInstance in = corpus().instances[static_cast<std::size_t>(n) % 16];
    in.patientName = "Killed^Import";
    in.studyInstanceUid = "1.2.826.0.1.3680043.10.543.9";
    in.seriesInstanceUid = in.studyInstanceUid + "." + std::to_string(n / 1000);
    in.sopInstanceUid = in.seriesInstanceUid + "." + std::to_string(n);
    many.push_back(in);
  }
  importAndDieHalfway(dbPath(), many, ImportMode::ReferenceInPlace, {});
  importAndDieHalfway(dbPath(), instancesOf(kStudyC), ImportMode::CopyIntoStore, store());

  EXPECT_EQ(query(dbPath(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query(dbPath(), "PRAGMA foreign_key_check"), "(no row)");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM instances"), std::to_string(2 * kSlices));
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM studies"), "1");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM patients"), "1");

  // The same imports then succeed whole.
  StudyDatabase reopened(dbPath());
  EXPECT_EQ(reopened.importInstances(many, ImportMode::ReferenceInPlace).instancesAdded, 3000u);
  EXPECT_EQ(reopened.importInstances(instancesOf(kStudyC), ImportMode::CopyIntoStore, store())
                .instancesAdded,
            kSlices);
  EXPECT_EQ(reopened.searchStudies({"killed", "", "", ""}).at(0).instanceCount, 3000u);
}

TEST_F(StudyDatabaseRecovery, RefusesOtherFilesAndNewerSchemas) {
  const std::string text = (m_folder / "notes.txt").string();
  std::ofstream(text) << "not a database, but long enough to have a header of its own...........";
  try {
    StudyDatabase db(text);
    FAIL() << "opened a text file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::ReadFailed);
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos);
  }
  { StudyDatabase db(dbPath()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(errorOf([&] { StudyDatabase newer(dbPath()); }), ErrorCode::ReadFailed);
}

}  // namespace
}  // namespace lumen::core::test
