#include "core/annotate/LabelMapStore.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/AtomicFileCopy.h"
#include "core/Error.h"
#include "core/annotate/LabelMapFile.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCurrent = "labels.lmap";
constexpr const char* kNext = "labels.next.lmap";  // a save written but not yet in place
constexpr const char* kPrevious = "labels.previous.lmap";
constexpr const char* kDamaged = "labels.damaged.lmap";
constexpr const char* kJournal = "labels.journal";

std::string describe(const Size3& size) {
  return std::to_string(size[0]) + "×" + std::to_string(size[1]) + "×" + std::to_string(size[2]);
}

}  // namespace

LabelMapStore::LabelMapStore(std::string folder) : m_folder(std::move(folder)) {
  std::error_code error;
  fs::create_directories(m_folder, error);
  if (error) {
    throw Error(ErrorCode::WriteFailed, "cannot create " + m_folder + ": " + error.message());
  }
}

LabelMapStore::~LabelMapStore() = default;

std::string LabelMapStore::path(const char* name) const {
  return (fs::path(m_folder) / name).string();
}

EditJournal& LabelMapStore::journal() {
  if (!m_journal) m_journal = std::make_unique<EditJournal>(path(kJournal));
  return *m_journal;
}

bool LabelMapStore::hasSave() const {
  for (const char* name : {kCurrent, kNext, kPrevious}) {
    if (fs::exists(path(name))) return true;
  }
  return false;
}

bool LabelMapStore::hasUnsavedEdits() const {
  std::error_code error;
  const auto size = fs::file_size(path(kJournal), error);
  return !error && size > 0;
}

RecoveredLabels LabelMapStore::recover(const VolumeGeometry& grid, Recovery mode) {
  const bool repair = mode == Recovery::Repair;
  // A save killed while writing leaves its hidden temporary file (see writeFileAtomically).
  for (const auto& entry : fs::directory_iterator(m_folder)) {
    if (!repair) break;
    const std::string name = entry.path().filename().string();
    if (name.rfind(".labels.", 0) == 0 && name.find(".part") != std::string::npos) {
      std::error_code ignored;  // one writer per folder: no save of ours is in progress
      fs::remove(entry.path(), ignored);
    }
  }
  std::vector<std::string> warnings;
  // The newest complete save: labels.lmap, else one written but not yet renamed (killed in
  // between), else the one before.
  std::unique_ptr<LabelMap> saved;
  bool anySave = false;
  for (const char* name : {kCurrent, kNext, kPrevious}) {
    if (!fs::exists(path(name))) continue;
    anySave = true;
    try {
      saved = std::make_unique<LabelMap>(loadLabelMap(path(name)));
      break;
    } catch (const Error& e) {
      if (name != kCurrent) {
        warnings.push_back(e.what());
        continue;
      }
      warnings.push_back(std::string(e.what()) +
                         (repair ? "; kept as " + std::string(kDamaged) : "") +
                         "; the save before it restored: edits made between those two "
                         "saves may be missing");
      if (repair && std::rename(path(kCurrent).c_str(), path(kDamaged).c_str()) != 0) {
        throw Error(ErrorCode::ReadFailed,
                    std::string(e.what()) + " (and it cannot be moved aside)");
      }
    }
  }
  if (saved && !saved->sharesGridWith(grid)) {
    throw Error(ErrorCode::InvalidGeometry,
                m_folder + ": the saved labels lie on a " + describe(saved->size()) +
                    " grid that does not match this series (" + describe(grid.size) + ")");
  }
  if (!saved && anySave) {
    // Starting empty would let the next save replace what may still be rescued by hand.
    throw Error(ErrorCode::ReadFailed,
                m_folder + ": no readable save of the labels (" + warnings.front() + ")");
  }
  LabelMap map = saved ? std::move(*saved) : LabelMap(grid);
  const JournalReplay replay = EditJournal::replay(path(kJournal), map);
  if (replay.tornTail) {
    warnings.push_back(path(kJournal) +
                       ": the last change was cut off when Lumen stopped and is not restored");
    std::error_code error;
    if (repair) fs::resize_file(path(kJournal), replay.intactBytes, error);
    if (error) {
      throw Error(ErrorCode::WriteFailed, "cannot cut " + path(kJournal) +
                                              " back to its intact changes: " + error.message());
    }
  }
  return RecoveredLabels{std::move(map), replay.edits, std::move(warnings)};
}

void LabelMapStore::record(const LabelMap& map, const VoxelBox& box) { journal().append(map, box); }

void LabelMapStore::record(const VoxelBox& box, const std::vector<std::uint8_t>& voxels) {
  journal().append(box, voxels);
}

void LabelMapStore::save(const LabelMap& map) {
  saveLabelMap(map, path(kNext));
  if (fs::exists(path(kCurrent)) &&
      std::rename(path(kCurrent).c_str(), path(kPrevious).c_str()) != 0) {
    throw Error(ErrorCode::WriteFailed, "cannot rename " + path(kCurrent));
  }
  if (std::rename(path(kNext).c_str(), path(kCurrent).c_str()) != 0) {
    throw Error(ErrorCode::WriteFailed, "cannot rename " + path(kNext));
  }
  syncFolder(m_folder);
  journal().clear();
}

}  // namespace lumen::core
