#include "core/annotate/LabelMapStore.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/Error.h"
#include "core/annotate/EditHistory.h"
#include "core/annotate/LabelMapFile.h"
#include "core/annotate/PaintTools.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

VolumeGeometry seriesGrid() {
  VolumeGeometry g;
  g.size = {512, 512, 160};  // a CT series' size, so that a save takes a while
  g.spacing = {0.7, 0.7, 1.5};
  g.origin = {-90.0, -90.0, -90.0};
  return g;
}

/// Change number `n` of a reproducible burst: mostly sphere dabs of label 1–7 at scattered
/// places, every tenth an undo. Returns the box it changed, as the app would record it.
VoxelBox makeChange(LabelMap& map, EditHistory& history, int n) {
  if (n % 10 == 0 && history.canUndo()) return history.undo(map);
  const std::size_t i = (static_cast<std::size_t>(n) * 37) % 490 + 8;
  const std::size_t j = (static_cast<std::size_t>(n) * 91) % 490 + 8;
  const std::size_t k = (static_cast<std::size_t>(n) * 13) % 150 + 5;
  Brush brush;
  brush.shape = Brush::Shape::Sphere;
  brush.radiusMm = 2.0 + n % 5;
  brush.value = static_cast<std::uint8_t>(1 + n % 7);
  const Vec3 at = map.volume().indexToWorld({double(i), double(j), double(k)});
  LabelEdit edit = paintBrush(map, brush, at, at);
  const VoxelBox box = edit.box;
  history.record(std::move(edit));
  return box;
}

/// The map after changes 1 … count of the burst.
LabelMap afterChanges(int count) {
  LabelMap map(seriesGrid());
  EditHistory history;
  for (int n = 1; n <= count; ++n) makeChange(map, history, n);
  return map;
}

bool sameVoxels(const LabelMap& a, const LabelMap& b) {
  return a.sharesGridWith(b.geometry()) &&
         std::equal(a.data(), a.data() + a.volume().voxelCount(), b.data());
}

class LabelMapStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() /
               ("lumen-label-store-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }
  std::string folder() const { return m_folder.string(); }
  std::string file(const char* name) const { return (m_folder / name).string(); }

  fs::path m_folder;
};

TEST_F(LabelMapStoreTest, ANewFolderRecoversAnEmptyMap) {
  LabelMapStore store(folder());
  const RecoveredLabels recovered = store.recover(seriesGrid());
  EXPECT_EQ(recovered.map.count(0), recovered.map.volume().voxelCount());
  EXPECT_EQ(recovered.unsavedEdits, 0u);
  EXPECT_TRUE(recovered.warnings.empty());
  EXPECT_FALSE(store.hasUnsavedEdits());
}

TEST_F(LabelMapStoreTest, RecoversTheLastSaveAndEveryChangeAfterIt) {
  {
    LabelMapStore store(folder());
    LabelMap map(seriesGrid());
    EditHistory history;
    for (int n = 1; n <= 30; ++n) store.record(map, makeChange(map, history, n));
    store.save(map);
    EXPECT_FALSE(store.hasUnsavedEdits());
    for (int n = 31; n <= 45; ++n) store.record(map, makeChange(map, history, n));
    EXPECT_TRUE(store.hasUnsavedEdits());
  }  // Lumen stops without saving
  LabelMapStore store(folder());
  EXPECT_TRUE(store.hasUnsavedEdits());
  const RecoveredLabels recovered = store.recover(seriesGrid());
  EXPECT_EQ(recovered.unsavedEdits, 15u);
  EXPECT_TRUE(recovered.warnings.empty());
  EXPECT_TRUE(sameVoxels(recovered.map, afterChanges(45)));
}

TEST_F(LabelMapStoreTest, ACutOffJournalRecordIsDroppedWithAWarning) {
  {
    LabelMapStore store(folder());
    LabelMap map(seriesGrid());
    EditHistory history;
    for (int n = 1; n <= 12; ++n) store.record(map, makeChange(map, history, n));
  }
  fs::resize_file(file("labels.journal"), fs::file_size(file("labels.journal")) - 5);
  const RecoveredLabels recovered = LabelMapStore(folder()).recover(seriesGrid());
  EXPECT_EQ(recovered.unsavedEdits, 11u);
  ASSERT_EQ(recovered.warnings.size(), 1u);
  EXPECT_NE(recovered.warnings[0].find("cut off"), std::string::npos);
  EXPECT_TRUE(sameVoxels(recovered.map, afterChanges(11)));

  // Lumen goes on from there and is killed again: the new changes follow the intact ones.
  {
    LabelMapStore store(folder());
    LabelMap map = store.recover(seriesGrid()).map;
    EditHistory history;  // change 20 undoes change 19, made here
    for (int n = 12; n <= 20; ++n) store.record(map, makeChange(map, history, n));
  }
  const RecoveredLabels again = LabelMapStore(folder()).recover(seriesGrid());
  EXPECT_TRUE(again.warnings.empty());
  EXPECT_EQ(again.unsavedEdits, 11u + 9u);
  EXPECT_TRUE(sameVoxels(again.map, afterChanges(20)));
}

TEST_F(LabelMapStoreTest, AReadOnlyRecoveryChangesNothingOnDisk) {
  {
    LabelMapStore store(folder());
    LabelMap map(seriesGrid());
    EditHistory history;
    for (int n = 1; n <= 5; ++n) store.record(map, makeChange(map, history, n));
  }
  const auto size = fs::file_size(file("labels.journal"));
  fs::resize_file(file("labels.journal"), size - 5);
  std::ofstream(file(".labels.next.lmap.part999")) << "a save in progress";
  const RecoveredLabels recovered =
      LabelMapStore(folder()).recover(seriesGrid(), LabelMapStore::Recovery::ReadOnly);
  EXPECT_EQ(recovered.unsavedEdits, 4u);
  EXPECT_EQ(fs::file_size(file("labels.journal")), size - 5);
  EXPECT_TRUE(fs::exists(file(".labels.next.lmap.part999")));
}

TEST_F(LabelMapStoreTest, ADamagedSaveIsKeptAsideAndTheOneBeforeItRestored) {
  {
    LabelMapStore store(folder());
    LabelMap map(seriesGrid());
    EditHistory history;
    for (int n = 1; n <= 20; ++n) store.record(map, makeChange(map, history, n));
    store.save(map);
    for (int n = 21; n <= 25; ++n) store.record(map, makeChange(map, history, n));
    store.save(map);
  }
  {
    std::fstream damaged(file("labels.lmap"), std::ios::in | std::ios::out | std::ios::binary);
    damaged.seekp(200);
    damaged.put('\x5a');
  }
  const RecoveredLabels recovered = LabelMapStore(folder()).recover(seriesGrid());
  ASSERT_EQ(recovered.warnings.size(), 1u);
  EXPECT_NE(recovered.warnings[0].find("checksum"), std::string::npos) << recovered.warnings[0];
  EXPECT_TRUE(fs::exists(file("labels.damaged.lmap")));
  EXPECT_TRUE(sameVoxels(recovered.map, afterChanges(20)));
}

TEST_F(LabelMapStoreTest, RecoversFromEveryStepOfAnInterruptedSave) {
  // save() writes labels.next.lmap, renames labels.lmap to labels.previous.lmap, renames the new
  // one into place, then empties the journal. Stop after each step in turn.
  for (int step = 1; step <= 3; ++step) {
    SCOPED_TRACE("stopped after step " + std::to_string(step));
    fs::remove_all(m_folder);
    {
      LabelMapStore store(folder());
      LabelMap map(seriesGrid());
      EditHistory history;
      for (int n = 1; n <= 20; ++n) store.record(map, makeChange(map, history, n));
      store.save(map);
      for (int n = 21; n <= 33; ++n) store.record(map, makeChange(map, history, n));
      saveLabelMap(map, file("labels.next.lmap"));
      if (step >= 2) fs::rename(file("labels.lmap"), file("labels.previous.lmap"));
      if (step >= 3) fs::rename(file("labels.next.lmap"), file("labels.lmap"));
    }
    const RecoveredLabels recovered = LabelMapStore(folder()).recover(seriesGrid());
    EXPECT_TRUE(recovered.warnings.empty());
    EXPECT_TRUE(sameVoxels(recovered.map, afterChanges(33)));
  }
}

TEST_F(LabelMapStoreTest, ADamagedGridInASaveIsCaughtToo) {
  LabelMap map(seriesGrid());
  EditHistory history;
  makeChange(map, history, 1);
  fs::create_directories(m_folder);
  saveLabelMap(map, file("labels.lmap"));
  {
    // The first spacing value follows the magic (8 bytes), the version (4) and the size (24).
    std::fstream damaged(file("labels.lmap"), std::ios::in | std::ios::out | std::ios::binary);
    damaged.seekp(8 + 4 + 24 + 7);
    damaged.put('\x40');  // 0.7 mm becomes 46080 mm
  }
  try {
    loadLabelMap(file("labels.lmap"));
    FAIL() << "read a save whose spacing changed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("checksum"), std::string::npos) << e.what();
  }
}

TEST_F(LabelMapStoreTest, RefusesSavedLabelsOfAnotherGridAndTouchesNothing) {
  {
    LabelMapStore store(folder());
    LabelMap map(seriesGrid());
    EditHistory history;
    store.record(map, makeChange(map, history, 1));
    store.save(map);
  }
  const auto saved = fs::last_write_time(file("labels.lmap"));
  VolumeGeometry other = seriesGrid();
  other.size[2] = 121;
  LabelMapStore store(folder());
  try {
    store.recover(other);
    FAIL() << "recovered onto another grid";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidGeometry);
    EXPECT_NE(std::string(e.what()).find("512×512×160"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fs::last_write_time(file("labels.lmap")), saved);
}

TEST_F(LabelMapStoreTest, AFullDiskDuringASaveKeepsTheLastSaveAndTheJournal) {
  LabelMapStore store(folder());
  LabelMap map(seriesGrid());
  EditHistory history;
  for (int n = 1; n <= 40; ++n) store.record(map, makeChange(map, history, n));
  store.save(map);
  for (int n = 41; n <= 60; ++n) store.record(map, makeChange(map, history, n));
  // A file-size limit makes every write past it fail as a full disk would (EFBIG).
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = old;
  tight.rlim_cur = 2048;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tight), 0);
  ErrorCode code = ErrorCode::InvalidArgument;
  try {
    store.save(map);
  } catch (const Error& e) {
    code = e.code();
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  ::signal(SIGXFSZ, oldHandler);
  EXPECT_EQ(code, ErrorCode::WriteFailed);
  for (const auto& entry : fs::directory_iterator(m_folder)) {
    EXPECT_EQ(entry.path().filename().string().find(".part"), std::string::npos)
        << "left behind: " << entry.path();
  }
  EXPECT_TRUE(sameVoxels(loadLabelMap(file("labels.lmap")), afterChanges(40)));
  EXPECT_TRUE(sameVoxels(LabelMapStore(folder()).recover(seriesGrid()).map, afterChanges(60)));
}

/// Runs the burst in a child process that reports each change (after recording it) and each
/// save it starts on `pipe`, then saves every `saveEvery` changes, until killed.
[[noreturn]] void runBurst(const std::string& folder, int saveEvery, int pipe) {
  try {
    LabelMapStore store(folder);
    LabelMap map(seriesGrid());
    EditHistory history;
    for (int n = 1;; ++n) {
      store.record(map, makeChange(map, history, n));
      const std::string line = "change " + std::to_string(n) + "\n";
      if (::write(pipe, line.data(), line.size()) < 0) ::_exit(4);
      if (n % saveEvery == 0) {
        if (::write(pipe, "save\n", 5) < 0) ::_exit(4);
        store.save(map);
        if (::write(pipe, "saved\n", 6) < 0) ::_exit(4);
      }
    }
  } catch (...) {
  }
  ::_exit(3);
}

struct KilledBurst {
  int lastChange = 0;   ///< the last change the child reported
  bool inSave = false;  ///< killed after starting a save and before finishing it
};

/// Starts the burst and kills it with SIGKILL `delay` after it reports starting its `saves`-th
/// save, or, `inBurst`, its third change after that save.
KilledBurst killBurst(const std::string& folder, int saves, std::chrono::microseconds delay,
                      bool inBurst) {
  KilledBurst killed;
  int fds[2];
  if (::pipe(fds) != 0) return killed;
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    runBurst(folder, 40, fds[1]);
  }
  ::close(fds[1]);
  FILE* reports = ::fdopen(fds[0], "r");
  int savesSeen = 0;
  int changesAfter = 0;
  char line[64];
  const auto killNow = [&] {
    std::this_thread::sleep_for(delay);
    ::kill(child, SIGKILL);
  };
  // Until the pipe closes: what the child wrote before the kill landed counts too.
  while (std::fgets(line, sizeof line, reports) != nullptr) {
    if (std::sscanf(line, "change %d", &killed.lastChange) == 1) {
      if (inBurst && savesSeen == saves && ++changesAfter == 3) killNow();
      continue;
    }
    killed.inSave = std::string(line) == "save\n";
    if (killed.inSave && ++savesSeen == saves && !inBurst) killNow();
  }
  std::fclose(reports);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the burst was not killed";
  return killed;
}

TEST_F(LabelMapStoreTest, KilledDuringSavesAndEditBurstsItLosesNoRecordedChange) {
  // Kill at once and at growing delays into a save (compressing, writing, renaming), and in the
  // middle of the changes between saves: every change the child reported is back, and at most
  // the one it was making is not.
  const int delays[] = {0, 500, 3000, 20000, 80000, 0, 0, 100};
  int round = 0;
  int killedInSave = 0;
  for (const int micros : delays) {
    const bool inBurst = round >= 5;
    SCOPED_TRACE("kill " + std::to_string(micros) + " µs after " +
                 (inBurst ? "the third change after a save" : "a save began"));
    fs::remove_all(m_folder);
    const KilledBurst killed =
        killBurst(folder(), 1 + round++ % 2, std::chrono::microseconds(micros), inBurst);
    const int reported = killed.lastChange;
    ASSERT_GT(reported, 0);
    killedInSave += killed.inSave ? 1 : 0;
    LabelMapStore store(folder());
    const RecoveredLabels recovered = store.recover(seriesGrid());
    const bool asReported = sameVoxels(recovered.map, afterChanges(reported));
    EXPECT_TRUE(asReported || sameVoxels(recovered.map, afterChanges(reported + 1)))
        << "reported " << reported << " changes";
    // And the folder goes on working: save, reopen, same map.
    store.save(recovered.map);
    EXPECT_TRUE(sameVoxels(LabelMapStore(folder()).recover(seriesGrid()).map, recovered.map));
    for (const auto& entry : fs::directory_iterator(m_folder)) {
      EXPECT_EQ(entry.path().filename().string().find(".part"), std::string::npos)
          << "a killed save's temporary file was not cleared: " << entry.path();
    }
  }
  std::printf("killed inside a save in %d of %zu rounds, between saves in the others\n",
              killedInSave, std::size(delays));
  EXPECT_GT(killedInSave, 0);  // a save of 42 MB takes far longer than the kill at 0 µs
}

}  // namespace
}  // namespace lumen::core
