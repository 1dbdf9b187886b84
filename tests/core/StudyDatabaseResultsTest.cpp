// Model results in the study database, on real SQLite files: round trips voxel for voxel in the
// geometry saved, replacement, triage fields in the study list, removal, refusals, corrupt voxel
// data, migration from schema version 2, speed of a full-size heatmap, and a process killed while
// saving.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <regex>
#include <thread>

#include "StudyDatabaseFixture.h"

namespace lumen::core::test {
namespace {

using StudyDatabaseResults = StudyDatabaseFixture;

const std::string kShaX = std::string(63, 'a') + "1";
const std::string kShaY = std::string(64, 'b');

/// An oblique (orthonormal, not axis-aligned) direction: columns i, j, k.
const Mat3 kOblique{{{0.6, -0.48, 0.64}, {0.8, 0.36, -0.48}, {0.0, 0.8, 0.6}}};

/// A uint8 volume whose voxel (i, j, k) holds value(i, j, k).
template <typename Value>
std::shared_ptr<const Volume> uint8Volume(const VolumeGeometry& geometry, Value value) {
  auto volume = std::make_shared<Volume>(PixelType::UInt8, geometry);
  auto* voxels = static_cast<std::uint8_t*>(volume->data());
  for (std::size_t k = 0; k < geometry.size[2]; ++k)
    for (std::size_t j = 0; j < geometry.size[1]; ++j)
      for (std::size_t i = 0; i < geometry.size[0]; ++i)
        voxels[volume->offset(i, j, k)] = static_cast<std::uint8_t>(value(i, j, k));
  return volume;
}

/// A heatmap and a label map on an oblique grid with non-unit spacing, and every other part.
ModelResult fullResult(const std::string& sha = kShaX, const std::string& name = "Chest X") {
  ModelResult r;
  r.modelSha256 = sha;
  r.modelName = name;
  r.modelVersion = "1.4.2";
  r.intendedUse = "Research: nodule triage — not for diagnosis";
  r.notForClinicalUse = false;  // the default is true: both are stored
  r.task = ModelResult::Task::Segmentation;
  r.device = "cuda:0 (fp16)";
  r.createdAt = "2025-06-20T10:15:00Z";
  r.findings = {{"Nodule", 0.7312345678901234, 0.5, true}, {"Pleural effusion", 0.0, 0.25, false}};
  r.segments = {{"Left lung", 1, 123456789012, 1.0 / 3}, {"Läsion ✓", 255, 0, 0.0}};
  VolumeGeometry g;
  g.size = {7, 5, 3};
  g.spacing = {0.7, 0.8123456789, 2.5};
  g.origin = {-120.5, 1.0 / 3, 1e-7};
  g.direction = kOblique;
  r.volumes.push_back(
      {ResultVolume::Kind::Heatmap, "Nodule",
       uint8Volume(g, [](auto i, auto j, auto k) { return i * 7 + j * 13 + k * 29; })});
  g.size = {4, 6, 2};
  g.spacing = {1.5, 1.5, 3.0};
  r.volumes.push_back({ResultVolume::Kind::LabelMap, "lungs",
                       uint8Volume(g, [](auto i, auto j, auto) { return i > j ? 1 : 255; })});
  r.timings = {{"preprocess", 12.5}, {"model", 840.25}, {"heatmap", 0.0}};
  r.notes = {"resampled to 1 mm", "", "ünïcode note\nwith a line break"};
  return r;
}

/// A classification result with these findings (label "f<n>", threshold 0.5) and nothing else.
ModelResult classification(const std::string& sha, std::vector<double> probabilities) {
  ModelResult r;
  r.modelSha256 = sha;
  r.modelName = "Classifier " + sha.substr(0, 4);
  r.createdAt = "2025-01-02T03:04:05Z";
  for (std::size_t n = 0; n < probabilities.size(); ++n) {
    r.findings.push_back({"f" + std::to_string(n), probabilities[n], 0.5, probabilities[n] >= 0.5});
  }
  return r;
}

std::string hex(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%a", value);
  return text;
}

/// Every field of a result, doubles to the last bit and voxels as a checksum, one per line so that
/// a failed comparison shows what differs.
std::vector<std::string> describe(const ModelResult& r) {
  std::vector<std::string> lines{
      r.modelSha256 + " " + r.modelName + " " + r.modelVersion + " " + r.intendedUse,
      std::to_string(r.notForClinicalUse) + " task " + std::to_string(static_cast<int>(r.task)) +
          " " + r.device + " " + r.createdAt};
  for (const ResultFinding& f : r.findings) {
    lines.push_back("finding " + f.label + " " + hex(f.probability) + " " + hex(f.threshold) + " " +
                    std::to_string(f.positive));
  }
  for (const ResultSegment& s : r.segments) {
    lines.push_back("segment " + s.label + " " + std::to_string(s.value) + " " +
                    std::to_string(s.voxels) + " " + hex(s.volumeMl));
  }
  for (const ResultVolume& v : r.volumes) {
    const VolumeGeometry& g = v.volume->geometry();
    std::string line = "volume " + std::to_string(static_cast<int>(v.kind)) + " " + v.label;
    for (int axis = 0; axis < 3; ++axis) {
      line += " " + std::to_string(g.size[axis]) + " " + hex(g.spacing[axis]) + " " +
              hex(g.origin[axis]);
      for (double d : g.direction[axis]) line += " " + hex(d);
    }
    line += std::string(" ") + pixelTypeName(v.volume->pixelType()) + " x" +
            std::to_string(v.volume->components());
    lines.push_back(line);
  }
  for (const ResultTiming& t : r.timings)
    lines.push_back("timing " + t.stage + " " + hex(t.milliseconds));
  for (const std::string& note : r.notes) lines.push_back("note " + note);
  return lines;
}

/// Whether two volumes hold the same bytes.
bool sameVoxels(const Volume& a, const Volume& b) {
  return a.byteSize() == b.byteSize() && std::memcmp(a.data(), b.data(), a.byteSize()) == 0;
}

/// Runs `sql` on a connection of the test's own.
void execute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(db);
}

/// Rows of the result tables that belong to no result (none when the cascades work).
std::string orphans(const std::string& path) {
  std::string sql = "SELECT 0";
  for (const char* table :
       {"result_findings", "result_segments", "result_volumes", "result_timings", "result_notes"}) {
    sql += std::string(" + (SELECT count(*) FROM ") + table +
           " WHERE result_ref NOT IN (SELECT id FROM model_results))";
  }
  return query(path, sql);
}

TEST_F(StudyDatabaseResults, RoundTripsEveryPartAndVolumesVoxelForVoxel) {
  const std::string key = dicomVolumeKey(kSeriesA1, 0);
  const ModelResult saved = fullResult();
  {
    StudyDatabase db(dbPath());
    EXPECT_TRUE(db.modelResults(key).empty());
    db.saveModelResult(key, kSeriesA1, saved);
  }
  const std::vector<ModelResult> loaded = StudyDatabase(dbPath()).modelResults(key);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(describe(loaded[0]), describe(saved));
  ASSERT_EQ(loaded[0].volumes.size(), 2u);
  for (std::size_t n = 0; n < 2; ++n)
    EXPECT_TRUE(sameVoxels(*loaded[0].volumes[n].volume, *saved.volumes[n].volume)) << n;
  // Stored compressed, beside the geometry in real columns.
  EXPECT_EQ(query(dbPath(),
                  "SELECT group_concat(typeof(voxels) || typeof(d_21)) FROM "
                  "result_volumes"),
            "blobreal,blobreal");
  EXPECT_EQ(query(dbPath(), "SELECT hex(substr(voxels, 1, 1)) FROM result_volumes LIMIT 1"),
            "78");  // a zlib header
  StudyDatabase db(dbPath());
  EXPECT_TRUE(db.modelResults(dicomVolumeKey(kSeriesA1, 1)).empty());
  EXPECT_TRUE(db.modelResults("/data/ct.nii.gz").empty());
}

TEST_F(StudyDatabaseResults, SetsCreatedAtAndStoresTheChecksumInLowerCase) {
  StudyDatabase db(dbPath());
  ModelResult r = classification(std::string(64, 'C'), {0.25});
  r.createdAt.clear();
  db.saveModelResult("/data/ct.nii.gz", {}, r);
  const std::vector<ModelResult> loaded = db.modelResults("/data/ct.nii.gz");
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].modelSha256, std::string(64, 'c'));
  EXPECT_TRUE(std::regex_match(loaded[0].createdAt,
                               std::regex(R"(20\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-6]\dZ)")))
      << loaded[0].createdAt;
  // The same model in either case is the same model: replaced, not added.
  db.saveModelResult("/data/ct.nii.gz", {}, classification(std::string(64, 'c'), {0.5}));
  ASSERT_EQ(db.modelResults("/data/ct.nii.gz").size(), 1u);
  EXPECT_EQ(db.modelResults("/data/ct.nii.gz")[0].findings.at(0).probability, 0.5);
}

TEST_F(StudyDatabaseResults, ResavingReplacesOneModelsResultAndKeepsTheOthers) {
  StudyDatabase db(dbPath());
  const std::string key = dicomVolumeKey(kSeriesB1, 2);
  db.saveModelResult(key, kSeriesB1, fullResult(kShaX, "Zeta"));
  db.saveModelResult(key, kSeriesB1, fullResult(kShaY, "Alpha"));
  db.saveModelResult(dicomVolumeKey(kSeriesB1, 3), kSeriesB1, fullResult(kShaX, "Zeta"));
  const ModelResult replacement = classification(kShaX, {0.9});
  db.saveModelResult(key, kSeriesB1, replacement);

  const std::vector<ModelResult> loaded = db.modelResults(key);
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(describe(loaded[0]), describe(fullResult(kShaY, "Alpha")));  // by model name
  std::vector<std::string> expected = describe(replacement);
  EXPECT_EQ(describe(loaded[1]), expected);
  EXPECT_EQ(db.modelResults(dicomVolumeKey(kSeriesB1, 3)).size(), 1u);
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM model_results"), "3");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM result_volumes"), "4");  // two results' two
  EXPECT_EQ(orphans(dbPath()), "0");
}

TEST_F(StudyDatabaseResults, StudyListCarriesTheHighestProbabilityAndAnyPositive) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const auto byUid = [&](const std::string& uid) {
    for (const StudyRecord& s : db.searchStudies({}))
      if (s.studyInstanceUid == uid) return s;
    ADD_FAILURE() << "no study " << uid;
    return StudyRecord{};
  };
  EXPECT_EQ(byUid(kStudyA).aiMaxProbability, std::nullopt);

  // Study A: two series, two models; the highest finding is not positive (threshold 0.95).
  db.saveModelResult(dicomVolumeKey(kSeriesA1, 0), kSeriesA1, classification(kShaX, {0.3, 0.72}));
  ModelResult high = classification(kShaY, {0.9});
  high.findings[0].threshold = 0.95;
  high.findings[0].positive = false;
  db.saveModelResult(dicomVolumeKey(kSeriesA2, 0), kSeriesA2, high);
  // Study B: nothing positive. Study C: a segmentation without findings only.
  db.saveModelResult(dicomVolumeKey(kSeriesB1, 0), kSeriesB1, classification(kShaX, {0.1, 0.2}));
  ModelResult segmentation = fullResult(kShaY);
  segmentation.findings.clear();
  db.saveModelResult(dicomVolumeKey(kSeriesC1, 0), kSeriesC1, segmentation);
  // A file volume (no series) counts for no study.
  db.saveModelResult("/data/ct.nii.gz", {}, classification(kShaX, {0.99}));

  const StudyRecord a = byUid(kStudyA), b = byUid(kStudyB), c = byUid(kStudyC);
  EXPECT_EQ(a.aiMaxProbability, 0.9);
  EXPECT_TRUE(a.aiPositive);  // 0.72 ≥ 0.5 in series A1
  EXPECT_EQ(b.aiMaxProbability, 0.2);
  EXPECT_FALSE(b.aiPositive);
  EXPECT_EQ(c.aiMaxProbability, std::nullopt);
  EXPECT_FALSE(c.aiPositive);
  // The other fields are as before.
  EXPECT_EQ(a.seriesCount, 2u);
  EXPECT_EQ(a.instanceCount, 2 * kSlices);

  // Replacing A1's result with a negative one leaves A's highest probability but not positive.
  db.saveModelResult(dicomVolumeKey(kSeriesA1, 0), kSeriesA1, classification(kShaX, {0.1}));
  EXPECT_EQ(byUid(kStudyA).aiMaxProbability, 0.9);
  EXPECT_FALSE(byUid(kStudyA).aiPositive);
}

TEST_F(StudyDatabaseResults, RemoveStudyAndRemoveModelResultsDeleteTheirResultsOnly) {
  StudyDatabase db(dbPath());
  db.importInstances(corpus().instances, ImportMode::ReferenceInPlace);
  const std::vector<std::string> ofStudyA{dicomVolumeKey(kSeriesA1, 0),
                                          dicomVolumeKey(kSeriesA2, 1)};
  db.saveModelResult(ofStudyA[0], kSeriesA1, fullResult(kShaX));
  db.saveModelResult(ofStudyA[0], kSeriesA1, fullResult(kShaY));
  db.saveModelResult(ofStudyA[1], kSeriesA2, fullResult(kShaX));
  db.saveModelResult(dicomVolumeKey(kSeriesB1, 0), kSeriesB1, fullResult(kShaX));
  db.saveModelResult("/data/ct.nii.gz", {}, fullResult(kShaY));

  db.removeStudy(kStudyA);
  for (const std::string& key : ofStudyA) EXPECT_TRUE(db.modelResults(key).empty()) << key;
  EXPECT_EQ(db.modelResults(dicomVolumeKey(kSeriesB1, 0)).size(), 1u);
  EXPECT_EQ(db.modelResults("/data/ct.nii.gz").size(), 1u);
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM model_results"), "2");
  EXPECT_EQ(orphans(dbPath()), "0");

  db.removeModelResults(std::string(64, 'B'));  // kShaY, in upper case
  EXPECT_TRUE(db.modelResults("/data/ct.nii.gz").empty());
  EXPECT_EQ(db.modelResults(dicomVolumeKey(kSeriesB1, 0)).size(), 1u);
  db.removeModelResults(std::string(64, 'e'));  // unknown: nothing happens
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM model_results"), "1");
  EXPECT_EQ(orphans(dbPath()), "0");
}

TEST_F(StudyDatabaseResults, RefusesResultsItCannotStoreAndKeepsTheOldOne) {
  StudyDatabase db(dbPath());
  const std::string key = dicomVolumeKey(kSeriesC1, 0);
  db.saveModelResult(key, kSeriesC1, fullResult());
  const std::vector<std::string> before = describe(db.modelResults(key).at(0));
  const auto refused = [&](const std::function<void(ModelResult&)>& spoil,
                           const std::string& volumeKey = {}, const std::string& series = {}) {
    ModelResult r = fullResult();
    r.notes = {"must not be stored"};
    spoil(r);
    return errorOf([&] {
      db.saveModelResult(volumeKey.empty() ? key : volumeKey,
                         volumeKey.empty() ? kSeriesC1 : series, r);
    });
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::optional<ErrorCode> invalid = ErrorCode::InvalidArgument;
  EXPECT_EQ(refused([](ModelResult& r) { r.modelSha256.pop_back(); }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.modelSha256[10] = 'g'; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.modelSha256.clear(); }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.findings[1].probability = 1.0000001; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.findings[1].probability = -0.1; }), invalid);
  EXPECT_EQ(refused([&](ModelResult& r) { r.findings[0].probability = nan; }), invalid);
  EXPECT_EQ(refused([&](ModelResult& r) { r.findings[0].threshold = inf; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.segments[0].voxels = -1; }), invalid);
  EXPECT_EQ(refused([&](ModelResult& r) { r.segments[0].volumeMl = nan; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.timings[0].milliseconds = -1; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.task = static_cast<ModelResult::Task>(7); }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.volumes[1].kind = static_cast<ResultVolume::Kind>(5); }),
            invalid);
  EXPECT_EQ(refused([](ModelResult& r) { r.volumes[1].volume = nullptr; }), invalid);
  EXPECT_EQ(refused([](ModelResult& r) {
              r.volumes[0].volume = std::make_shared<Volume>(PixelType::Int16, VolumeGeometry{});
            }),
            invalid);
  EXPECT_EQ(refused([](ModelResult& r) {
              r.volumes[0].volume = std::make_shared<Volume>(PixelType::UInt8, VolumeGeometry{}, 3);
            }),
            invalid);
  // Keys and series UIDs that do not belong together.
  const auto unchanged = [](ModelResult&) {};
  EXPECT_EQ(refused(unchanged, "/data/ct.nii.gz", kSeriesC1), invalid);
  EXPECT_EQ(refused(unchanged, dicomVolumeKey(kSeriesC1, 1), ""), invalid);
  EXPECT_EQ(refused(unchanged, dicomVolumeKey(kSeriesC1 + "0", 0), kSeriesC1), invalid);
  EXPECT_EQ(errorOf([&] { db.saveModelResult("", "", fullResult()); }), invalid);

  EXPECT_EQ(describe(db.modelResults(key).at(0)), before);  // nothing stored
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM model_results"), "1");
  EXPECT_EQ(query(dbPath(), "SELECT count(*) FROM result_notes WHERE note LIKE 'must%'"), "0");
  EXPECT_EQ(refused(unchanged), std::nullopt);  // can succeed
  EXPECT_EQ(db.modelResults(key).at(0).notes, std::vector<std::string>{"must not be stored"});
}

TEST_F(StudyDatabaseResults, CorruptVoxelDataIsAReadErrorNamingKeyAndModel) {
  const std::string key = dicomVolumeKey(kSeriesA1, 0);
  { StudyDatabase(dbPath()).saveModelResult(key, kSeriesA1, fullResult(kShaX, "Chest X")); }
  const auto readError = [&](const std::string& spoil) -> std::string {
    {
      StudyDatabase db(dbPath());
      db.removeModelResults(kShaX);
      db.saveModelResult(key, kSeriesA1, fullResult(kShaX, "Chest X"));
    }
    execute(dbPath(), spoil);
    try {
      StudyDatabase(dbPath()).modelResults(key);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::ReadFailed) << e.what();
      return e.what();
    }
    return "(no error)";
  };
  const std::string first = "UPDATE result_volumes SET ";
  const std::vector<std::string> spoils{
      first + "voxels = substr(voxels, 1, length(voxels) / 2) WHERE position = 0",  // truncated
      first + "voxels = x'789c0badf00d' WHERE position = 1",                        // garbage
      first + "voxels = zeroblob(0) WHERE position = 1",                            // empty
      // A whole stream of the other volume: too few or too many voxels for this geometry.
      first + "voxels = (SELECT voxels FROM result_volumes WHERE position = 1) WHERE position = 0",
      first + "voxels = (SELECT voxels FROM result_volumes WHERE position = 0) WHERE position = 1",
      first + "size_k = 0 WHERE position = 0",
      first + "d_00 = 0, d_10 = 0, d_20 = 0 WHERE position = 0",  // singular direction
  };
  for (const std::string& spoil : spoils) {
    const std::string message = readError(spoil);
    EXPECT_NE(message.find(key), std::string::npos) << spoil << ": " << message;
    EXPECT_NE(message.find("Chest X"), std::string::npos) << spoil << ": " << message;
    EXPECT_NE(message.find(kShaX), std::string::npos) << spoil << ": " << message;
  }
  // Unspoilt, the same steps read fine: the checks above can fail.
  EXPECT_EQ(readError("SELECT 1"), "(no error)");
}

TEST_F(StudyDatabaseResults, MigratesAVersion2DatabaseKeepingItsMeasurements) {
  const std::string key = dicomVolumeKey(kSeriesA1, 0);
  Measurement ruler;
  ruler.kind = MeasurementKind::Distance;
  ruler.points = {{0, 0, 0}, {3, 4, 0}};
  {
    StudyDatabase db(dbPath());
    db.importInstances(instancesOf(kStudyA), ImportMode::ReferenceInPlace);
    db.saveMeasurements(key, {ruler});
  }
  execute(dbPath(), kBackToSchemaV2);
  ASSERT_EQ(query(dbPath(), "PRAGMA user_version"), "2");
  ASSERT_EQ(query(dbPath(), "SELECT count(*) FROM sqlite_master WHERE name LIKE '%result%'"), "0");

  StudyDatabase db(dbPath());
  EXPECT_EQ(query(dbPath(), "PRAGMA user_version"), "3");
  EXPECT_EQ(db.measurements(key).size(), 1u);
  EXPECT_EQ(db.searchStudies({}).at(0).aiMaxProbability, std::nullopt);
  EXPECT_TRUE(db.modelResults(key).empty());
  db.saveModelResult(key, kSeriesA1, fullResult());
  EXPECT_EQ(describe(StudyDatabase(dbPath()).modelResults(key).at(0)), describe(fullResult()));
  EXPECT_EQ(db.searchStudies({}).at(0).aiMaxProbability, fullResult().findings[0].probability);
  EXPECT_EQ(query(dbPath(), "PRAGMA integrity_check"), "ok");
}

TEST_F(StudyDatabaseResults, SavesAndLoadsAFullSizeHeatmapQuickly) {
  // 512×512×300 (75 MiB): a smooth blob on a zero background, like a model's heatmap.
  VolumeGeometry g;
  g.size = {512, 512, 300};
  g.spacing = {0.7, 0.7, 1.25};
  const auto heatmap = uint8Volume(g, [](std::size_t i, std::size_t j, std::size_t k) {
    const double r2 = std::pow((i - 300.0) / 60, 2) + std::pow((j - 200.0) / 45, 2) +
                      std::pow((k - 150.0) / 30, 2);
    return r2 < 9 ? 255 * std::exp(-r2 / 2) : 0;
  });
  ModelResult r = classification(kShaX, {0.8});
  r.volumes.push_back({ResultVolume::Kind::Heatmap, "f0", heatmap});
  StudyDatabase db(dbPath());
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  const Clock::time_point start = Clock::now();
  db.saveModelResult("/data/big.nii.gz", {}, r);
  const Clock::time_point saved = Clock::now();
  const std::vector<ModelResult> loaded = db.modelResults("/data/big.nii.gz");
  const Clock::time_point done = Clock::now();
  ASSERT_EQ(loaded.size(), 1u);
  ASSERT_EQ(loaded[0].volumes.size(), 1u);
  EXPECT_TRUE(sameVoxels(*loaded[0].volumes[0].volume, *heatmap));
  const std::string stored = query(dbPath(), "SELECT length(voxels) FROM result_volumes");
  std::printf("512x512x300 heatmap: save %.3f s, load %.3f s, %s bytes stored of %zu\n",
              seconds(saved - start), seconds(done - saved), stored.c_str(), heatmap->byteSize());
  RecordProperty("save_ms", static_cast<int>(seconds(saved - start) * 1000));
  RecordProperty("load_ms", static_cast<int>(seconds(done - saved) * 1000));
  // Generous bounds (another build may share the two cores); typical times are printed above.
  EXPECT_LT(seconds(saved - start), 3.0);
  EXPECT_LT(seconds(done - saved), 3.0);
}

/// A result whose every part says which of two versions it is: `version` findings labelled with
/// it, and a volume filled with it.
ModelResult versioned(char version) {
  ModelResult r = classification(kShaX, std::vector<double>(version == 'A' ? 2000 : 3000, 0.25));
  for (ResultFinding& f : r.findings) f.label = std::string(1, version);
  VolumeGeometry g;
  g.size = {128, 128, version == 'A' ? 40u : 48u};
  r.volumes.push_back({ResultVolume::Kind::Heatmap, std::string(1, version),
                       uint8Volume(g, [&](auto, auto, auto) { return version; })});
  r.notes = {std::string(1, version)};
  return r;
}

TEST_F(StudyDatabaseResults, KilledSaveLeavesTheOldResultOrTheNewNeverAMix) {
  const std::string key = "/data/killed.nii.gz";
  { StudyDatabase(dbPath()).saveModelResult(key, {}, versioned('A')); }
  const ModelResult a = versioned('A'), b = versioned('B');
  for (int delayMs : {0, 3, 11, 23, 41, 67}) {
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    std::fflush(nullptr);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // saves B, A, B, ... until killed
      try {
        StudyDatabase db(dbPath());
        (void)!::write(ready[1], "r", 1);
        for (int n = 0;; ++n) db.saveModelResult(key, {}, n % 2 == 0 ? b : a);
      } catch (...) {
      }
      ::_exit(3);
    }
    ::close(ready[1]);
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

    EXPECT_EQ(query(dbPath(), "PRAGMA integrity_check"), "ok");
    const std::vector<ModelResult> loaded = StudyDatabase(dbPath()).modelResults(key);
    ASSERT_EQ(loaded.size(), 1u) << "after " << delayMs << " ms";
    const ModelResult& expected = loaded[0].notes.at(0) == "A" ? a : b;
    EXPECT_TRUE(describe(loaded[0]) == describe(expected))
        << "a mix of A and B after " << delayMs << " ms: " << loaded[0].findings.size()
        << " findings, the first " << loaded[0].findings.at(0).label << ", the last "
        << loaded[0].findings.back().label << ", volume " << loaded[0].volumes.at(0).label;
    EXPECT_TRUE(sameVoxels(*loaded[0].volumes.at(0).volume, *expected.volumes[0].volume));
    EXPECT_EQ(orphans(dbPath()), "0");
  }
}

}  // namespace
}  // namespace lumen::core::test
