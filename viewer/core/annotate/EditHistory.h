#pragma once

#include <cstddef>
#include <deque>
#include <string>

#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// The undo and redo stacks of one label map. Each entry is a LabelEdit (the changed box before
/// and after), so memory grows with what was changed, not with the map; past `byteBudget` the
/// oldest edits are forgotten (they can no longer be undone, the map keeps them).
/// Not thread-safe, like the LabelMap it belongs to.
class EditHistory {
 public:
  /// 256 MiB holds hundreds of brush strokes and a few whole-volume fills of a 512² × 300 CT.
  explicit EditHistory(std::size_t byteBudget = std::size_t{256} << 20);

  /// Records an edit already applied to the map: the first piece of a brush stroke, or a whole
  /// edit. Clears the redo stack; ignores an edit that changed nothing (so a click that paints no
  /// new voxel leaves nothing to undo).
  void record(LabelEdit edit);

  /// Records `edit`, the next piece of the stroke record() began, as part of it: one undo takes
  /// back the whole stroke. When that stroke has nothing recorded yet (its first pieces changed
  /// nothing), or an undo or redo came between, `edit` starts a new entry instead. `map` is the
  /// map both were applied to.
  void extendLatest(LabelEdit edit, const LabelMap& map);

  /// Ends the stroke record() began: the next extendLatest() starts an entry of its own (another
  /// kind of change came between).
  void endStroke() { m_strokeOpen = false; }
  /// Forgets what could be redone (another kind of change came after the undo).
  void clearRedo();
  bool canUndo() const { return !m_done.empty(); }
  bool canRedo() const { return !m_undone.empty(); }
  /// What undo() would undo ("Brush"), or "" when nothing can be undone.
  std::string undoDescription() const;
  std::string redoDescription() const;

  /// Undoes the latest edit on `map` and returns the box it changed (empty when none).
  VoxelBox undo(LabelMap& map);
  /// Redoes the latest undone edit on `map` and returns the box it changed (empty when none).
  VoxelBox redo(LabelMap& map);

  /// Bytes held by both stacks.
  std::size_t byteSize() const { return m_bytes; }
  std::size_t undoCount() const { return m_done.size(); }
  /// Entries recorded so far, counting only new ones (undo, redo, strokes extended and the budget
  /// leave it): whoever orders these edits among others of its own sees which calls made one.
  std::size_t recordedCount() const { return m_recorded; }

 private:
  void forgetBeyondBudget();

  std::size_t m_budget;
  std::size_t m_bytes = 0;
  std::size_t m_recorded = 0;
  bool m_strokeOpen = false;       // the latest entry is a stroke that extendLatest() may continue
  std::deque<LabelEdit> m_done;    // oldest first
  std::deque<LabelEdit> m_undone;  // most recently undone last
};

}  // namespace lumen::core
