#include "core/annotate/EditHistory.h"

#include <utility>

namespace lumen::core {

EditHistory::EditHistory(std::size_t byteBudget) : m_budget(byteBudget) {}

void EditHistory::clearRedo() {
  for (const LabelEdit& undone : m_undone) m_bytes -= undone.byteSize();
  m_undone.clear();
}

void EditHistory::record(LabelEdit edit) {
  m_strokeOpen = !edit.changedNothing();
  if (!m_strokeOpen) return;
  clearRedo();
  m_bytes += edit.byteSize();
  m_done.push_back(std::move(edit));
  ++m_recorded;
  forgetBeyondBudget();
}

void EditHistory::extendLatest(LabelEdit edit, const LabelMap& map) {
  if (edit.changedNothing()) return;
  if (!m_strokeOpen || m_done.empty()) {
    record(std::move(edit));
    return;
  }
  LabelEdit& latest = m_done.back();
  LabelEdit joined;
  joined.description = latest.description;
  joined.box = latest.box.unitedWith(edit.box);
  joined.after = map.voxelsIn(joined.box);
  // Before both: the latest edit's "before" where it reached, else the new piece's, else the
  // voxel as it is now (neither touched it).
  joined.before = joined.after;
  std::size_t n = 0;
  for (std::size_t k = joined.box.lower[2]; k < joined.box.upper[2]; ++k) {
    for (std::size_t j = joined.box.lower[1]; j < joined.box.upper[1]; ++j) {
      for (std::size_t i = joined.box.lower[0]; i < joined.box.upper[0]; ++i, ++n) {
        if (latest.box.contains(i, j, k)) {
          joined.before[n] = latest.before[latest.box.indexOf(i, j, k)];
        } else if (edit.box.contains(i, j, k)) {
          joined.before[n] = edit.before[edit.box.indexOf(i, j, k)];
        }
      }
    }
  }
  m_bytes += joined.byteSize();
  m_bytes -= latest.byteSize();
  latest = std::move(joined);
  forgetBeyondBudget();
}

std::string EditHistory::undoDescription() const {
  return m_done.empty() ? std::string() : m_done.back().description;
}

std::string EditHistory::redoDescription() const {
  return m_undone.empty() ? std::string() : m_undone.back().description;
}

VoxelBox EditHistory::undo(LabelMap& map) {
  m_strokeOpen = false;
  if (m_done.empty()) return {};
  map.undo(m_done.back());
  m_undone.push_back(std::move(m_done.back()));
  m_done.pop_back();
  return m_undone.back().box;
}

VoxelBox EditHistory::redo(LabelMap& map) {
  m_strokeOpen = false;
  if (m_undone.empty()) return {};
  map.redo(m_undone.back());
  m_done.push_back(std::move(m_undone.back()));
  m_undone.pop_back();
  return m_done.back().box;
}

void EditHistory::forgetBeyondBudget() {
  // The newest edit stays even when it alone is over the budget: the user just made it.
  while (m_bytes > m_budget && m_done.size() > 1) {
    m_bytes -= m_done.front().byteSize();
    m_done.pop_front();
  }
}

}  // namespace lumen::core
