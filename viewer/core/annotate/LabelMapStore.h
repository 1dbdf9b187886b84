#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/annotate/EditJournal.h"
#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// What LabelMapStore::recover() found.
struct RecoveredLabels {
  LabelMap map;
  std::size_t unsavedEdits = 0;  ///< changes replayed from the journal (made after the last save)
  std::vector<std::string> warnings;  ///< a damaged file, a cut-off journal: for the user
};

/// One series' label map on disk, in its own folder, so that no edit is lost:
/// - labels.lmap, the last save, replaced atomically (saveLabelMap) by save(); the save before it
///   is kept as labels.previous.lmap;
/// - labels.journal, every change since that save (record() after each edit, undo and redo).
/// After a crash, recover() replays the journal onto the last save. Killed at any point of
/// save(), the folder still recovers to the last recorded change. Not thread-safe: one writer.
class LabelMapStore {
 public:
  /// The store in `folder`, created when missing. Throws Error(WriteFailed).
  explicit LabelMapStore(std::string folder);
  ~LabelMapStore();

  const std::string& folder() const { return m_folder; }
  /// True when the folder holds a save of the labels (perhaps one cut short).
  bool hasSave() const;
  /// True when the journal holds changes no save has: Lumen stopped before saving them.
  bool hasUnsavedEdits() const;

  /// How recover() may touch the folder.
  enum class Recovery {
    Repair,    ///< the writer: clear a killed save's temporary file, move a damaged save aside,
               ///< cut a cut-off journal record so that new records follow intact ones
    ReadOnly,  ///< a reader (an export) beside a running Lumen: change nothing
  };

  /// The labels as last recorded: the last save (an empty map when there is none), the journal
  /// replayed onto it. When labels.lmap is damaged the save before it is used, with a warning
  /// (Repair renames the damaged one labels.damaged.lmap). Throws Error(InvalidGeometry) when the
  /// saved map lies on another grid than `grid` (nothing on disk changes), Error(ReadFailed) when
  /// no save can be read.
  RecoveredLabels recover(const VolumeGeometry& grid, Recovery mode = Recovery::Repair);

  /// Logs the voxels of `box` as they are now in `map`. Call after every change (edit, undo,
  /// redo). Throws Error(WriteFailed).
  void record(const LabelMap& map, const VoxelBox& box);
  /// The same with the box's voxels copied off the map (see EditJournal::append).
  void record(const VoxelBox& box, const std::vector<std::uint8_t>& voxels);
  /// Saves `map` and empties the journal. When it fails (a full disk), the last save and the
  /// journal are as they were. Throws Error(WriteFailed).
  void save(const LabelMap& map);

 private:
  std::string path(const char* name) const;
  EditJournal& journal();

  std::string m_folder;
  std::unique_ptr<EditJournal> m_journal;  // opened on first use
};

}  // namespace lumen::core
