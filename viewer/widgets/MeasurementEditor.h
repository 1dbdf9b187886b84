#pragma once

#include <QPointF>
#include <QString>
#include <cstdint>
#include <optional>

#include "core/Measurement.h"
#include "widgets/ReadingTool.h"

class QPainter;

namespace lumen::render {
class SliceScene;
}

namespace lumen::widgets {

class MeasurementSet;

/// Draws and edits measurements in one slice view: a drawing tool makes a new measurement on the
/// slice shown; a press near a handle of a measurement on the slice selects it and drags the
/// handle. Positions are device pixels of the view. GUI thread only.
class MeasurementEditor {
 public:
  explicit MeasurementEditor(const render::SliceScene& scene);

  void setMeasurements(MeasurementSet* measurements) { m_measurements = measurements; }

  /// A left press with `tool`. Returns true when the editor takes the drag (drawing, or a handle
  /// grabbed); otherwise the view handles it.
  bool press(ReadingTool tool, const QPointF& position);
  /// The mouse moved: the drag goes on, or the second arm of an angle follows it.
  void move(const QPointF& position);
  /// The left button was released.
  void release(const QPointF& position);
  /// True while a measurement is being drawn or a handle dragged (an angle waits for its third
  /// click between drags).
  bool busy() const { return m_draft.has_value() || m_handle.has_value(); }
  /// Escape: forget the measurement being drawn.
  void cancel();

  /// Paints the measurements on the slice shown, and the one being drawn. `scale`: device pixels
  /// per logical pixel; `unit`: of the voxel values ("HU").
  void paint(QPainter& painter, double scale, const QString& unit) const;

  /// True when `measurement` lies on the slice the view shows.
  bool onSlice(const core::Measurement& measurement) const;

 private:
  struct Handle {
    std::int64_t id;
    int point;
  };
  core::Vec3 worldAt(const QPointF& position) const;
  std::optional<Handle> handleAt(const QPointF& position) const;
  void paintMeasurement(QPainter& painter, const core::Measurement& m, double scale,
                        const QString& unit, bool selected) const;

  const render::SliceScene& m_scene;
  MeasurementSet* m_measurements = nullptr;
  std::optional<core::Measurement> m_draft;
  int m_draftStage = 0;  // points of the draft fixed so far
  std::optional<Handle> m_handle;
};

}  // namespace lumen::widgets
