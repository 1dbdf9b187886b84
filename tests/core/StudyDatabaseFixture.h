#pragma once
// What the study database tests share: real DICOM series written once per process (two patients,
// three studies, four series), a fresh folder per test, and queries on connections of their own.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.h"
#include "core/StudyDatabase.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::core::test {

inline const std::string kStudyA = "1.2.826.0.1.3680043.10.543.1";  // Müller, 20240315, CT + MR
inline const std::string kStudyB = "1.2.826.0.1.3680043.10.543.2";  // Müller, 20230102, MR
inline const std::string kStudyC = "1.2.826.0.1.3680043.10.543.3";  // Smith, 20250620, CT
inline const std::string kSeriesA1 = kStudyA + ".1", kSeriesA2 = kStudyA + ".2";
inline const std::string kSeriesB1 = kStudyB + ".1", kSeriesC1 = kStudyC + ".1";
constexpr std::size_t kSlices = 4;  ///< files per series

/// SQL that takes a database written by this build back to schema version 2 (without model
/// results), as a version 2 build left it.
inline const std::string kBackToSchemaV2 =
    "DROP TABLE result_findings; DROP TABLE result_segments; DROP TABLE result_volumes; "
    "DROP TABLE result_timings; DROP TABLE result_notes; DROP TABLE model_results; "
    "PRAGMA user_version = 2;";

/// The DICOM files, written and scanned once per process; removed when the process exits.
struct Corpus {
  std::vector<DicomInstance> instances;
  std::map<std::string, std::vector<std::string>> files;  ///< by series UID, in slice order
  ~Corpus();
};

/// The corpus, made on first use.
const Corpus& corpus();

/// The instances of one study of the corpus.
std::vector<DicomInstance> instancesOf(const std::string& studyUid);

/// The first column of the first row of `sql` as text ("(no row)" when none), run on a
/// connection of the test's own.
std::string query(const std::string& path, const std::string& sql);

/// The code of the Error that `action` throws, or nothing.
std::optional<ErrorCode> errorOf(const std::function<void()>& action);

/// An import summary in words, so that a failed comparison says what differs.
std::string counts(const ImportSummary& summary);

/// The study UIDs of search results, in order.
std::vector<std::string> studyUids(const std::vector<StudyRecord>& studies);

/// A fresh folder per test for the database file and the store.
class StudyDatabaseFixture : public ::testing::Test {
 protected:
  void SetUp() override;

  std::string dbPath() const { return (m_folder / "studies.sqlite").string(); }
  std::string store() const { return (m_folder / "store").string(); }

  std::filesystem::path m_folder;
};

}  // namespace lumen::core::test
