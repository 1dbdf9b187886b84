#include "StudyDatabaseFixture.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>

#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace fs = std::filesystem;

namespace lumen::core::test {
namespace {

/// A folder of its own for this process (ctest runs tests as parallel processes).
fs::path tempRoot() {
  return fs::temp_directory_path() / ("lumen-studydb-" + std::to_string(::getpid()));
}

void writeSeries(Corpus& corpus, const std::string& study, const std::string& series, int number,
                 const std::string& modality, const std::string& patientName,
                 const std::string& patientId, const std::string& date) {
  VolumeGeometry g;
  g.size = {8, 6, kSlices};
  Volume volume(PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(volume.data()), volume.voxelCount(), std::int16_t{7});
  DicomSeriesOptions options;
  options.modality = modality;
  options.patientName = patientName;
  options.patientId = patientId;
  options.studyInstanceUid = study;
  options.seriesInstanceUid = series;
  options.seriesNumber = number;
  options.seriesDescription = modality + " series " + std::to_string(number);
  const std::vector<std::string> files =
      writeDicomSeries(volume, (tempRoot() / "dicom" / series).string(), options);
  // The writer has no options for these: set them in the files.
  for (const std::string& file : files) {
    DcmFileFormat format;
    ASSERT_TRUE(format.loadFile(file.c_str()).good());
    format.loadAllDataIntoMemory();
    DcmDataset& data = *format.getDataset();
    data.putAndInsertString(DCM_StudyDate, date.c_str());
    data.putAndInsertString(DCM_StudyTime, "101500");
    data.putAndInsertString(DCM_StudyDescription, "Thorax");
    data.putAndInsertString(DCM_PatientBirthDate, "19610203");
    data.putAndInsertString(DCM_PatientSex, "M");
    ASSERT_TRUE(format.saveFile(file.c_str()).good());
  }
  corpus.files[series] = files;
}

}  // namespace

Corpus::~Corpus() { fs::remove_all(tempRoot()); }

const Corpus& corpus() {
  static const Corpus corpus = [] {
    Corpus c;
    fs::remove_all(tempRoot());
    writeSeries(c, kStudyA, kSeriesA1, 1, "CT", "Müller^Jürgen", "LUMEN-MUE-1", "20240315");
    writeSeries(c, kStudyA, kSeriesA2, 2, "MR", "Müller^Jürgen", "LUMEN-MUE-1", "20240315");
    writeSeries(c, kStudyB, kSeriesB1, 1, "MR", "Müller^Jürgen", "LUMEN-MUE-1", "20230102");
    writeSeries(c, kStudyC, kSeriesC1, 3, "CT", "Smith^Anna", "LUMEN-SMI-2", "20250620");
    c.instances = scanDicom({(tempRoot() / "dicom").string()}).instances;
    return c;
  }();
  return corpus;
}

std::vector<DicomInstance> instancesOf(const std::string& studyUid) {
  std::vector<DicomInstance> selected;
  for (const DicomInstance& in : corpus().instances)
    if (in.studyInstanceUid == studyUid) selected.push_back(in);
  return selected;
}

std::string query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
  std::string value = "(no row)";
  if (sqlite3_step(statement) == SQLITE_ROW)
    value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

std::optional<ErrorCode> errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.code();
  }
  return std::nullopt;
}

std::string counts(const ImportSummary& s) {
  return std::to_string(s.patientsAdded) + " patients, " + std::to_string(s.studiesAdded) +
         " studies, " + std::to_string(s.seriesAdded) + " series, " +
         std::to_string(s.instancesAdded) + " instances added; " +
         std::to_string(s.instancesPresent) + " present, " + std::to_string(s.instancesSkipped) +
         " skipped";
}

std::vector<std::string> studyUids(const std::vector<StudyRecord>& studies) {
  std::vector<std::string> uids;
  for (const StudyRecord& s : studies) uids.push_back(s.studyInstanceUid);
  return uids;
}

void StudyDatabaseFixture::SetUp() {
  ASSERT_EQ(corpus().instances.size(), 4 * kSlices);
  m_folder = tempRoot() / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::remove_all(m_folder);
  fs::create_directories(m_folder);
}

}  // namespace lumen::core::test
