#pragma once

#include <QObject>
#include <cstdint>
#include <vector>

#include "core/Measurement.h"

namespace lumen::widgets {

/// The measurements of the volume on screen, shared by every slice view and the measurements
/// panel, with the one selected. Ids are unique in the set and never reused while it lives.
/// GUI thread only.
class MeasurementSet : public QObject {
  Q_OBJECT

 public:
  explicit MeasurementSet(QObject* parent = nullptr);

  const std::vector<core::Measurement>& measurements() const { return m_measurements; }
  /// The measurement with `id`, or nullptr.
  const core::Measurement* find(std::int64_t id) const;

  /// Replaces the whole list (a volume was opened, its stored measurements loaded). Not an edit.
  void reset(std::vector<core::Measurement> measurements);
  /// Adds a measurement made by the user; returns its new id.
  std::int64_t add(core::Measurement measurement);
  /// Replaces the measurement with the same id (a handle was moved, the label edited).
  void update(const core::Measurement& measurement);
  void remove(std::int64_t id);

  /// 0: none.
  std::int64_t selected() const { return m_selected; }
  void select(std::int64_t id);

 Q_SIGNALS:
  /// The list changed in any way: views repaint, the panel refreshes.
  void changed();
  /// The user changed the list (added, moved, relabelled, removed): it should be saved.
  void edited();
  void selectionChanged(std::int64_t id);

 private:
  std::vector<core::Measurement> m_measurements;
  std::int64_t m_selected = 0;
  std::int64_t m_lastId = 0;
};

}  // namespace lumen::widgets
