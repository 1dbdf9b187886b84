#include "widgets/MeasurementEditor.h"

#include <QPainter>
#include <QPainterPath>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "core/Error.h"
#include "render/SliceScene.h"
#include "render/VolumeGeometryMath.h"
#include "widgets/MeasurementSet.h"
#include "widgets/MeasurementText.h"

namespace lumen::widgets {
namespace {

constexpr double kHandleReach = 8.0;   // device pixels
constexpr double kSmallestDrag = 3.0;  // device pixels; shorter drags draw nothing
const QColor kMeasurementColour(90, 230, 120);
const QColor kSelectedColour(255, 220, 60);

std::optional<core::MeasurementKind> kindOf(ReadingTool tool) {
  switch (tool) {
    case ReadingTool::Distance:
      return core::MeasurementKind::Distance;
    case ReadingTool::Angle:
      return core::MeasurementKind::Angle;
    case ReadingTool::Ellipse:
      return core::MeasurementKind::Ellipse;
    case ReadingTool::Rectangle:
      return core::MeasurementKind::Rectangle;
    default:
      return std::nullopt;
  }
}

/// Draws `text` from `at` (top left), moved left or up as needed to stay inside the view.
void drawOutlinedText(QPainter& painter, const QPointF& at, const QString& text) {
  const QFontMetricsF metrics(painter.font());
  const QStringList rows = text.split(QLatin1Char('\n'));
  double width = 0.0;
  for (const QString& row : rows) width = std::max(width, metrics.horizontalAdvance(row));
  const double height = metrics.lineSpacing() * rows.size();
  QPointF line(std::min(at.x(), painter.device()->width() - width - 2.0),
               std::min(at.y() + metrics.ascent(), painter.device()->height() - height));
  const QPen pen = painter.pen();
  for (const QString& row : rows) {
    painter.setPen(Qt::black);
    painter.drawText(line + QPointF(1, 1), row);
    painter.setPen(pen);
    painter.drawText(line, row);
    line.ry() += metrics.lineSpacing();
  }
}

}  // namespace

MeasurementEditor::MeasurementEditor(const render::SliceScene& scene) : m_scene(scene) {}

core::Vec3 MeasurementEditor::worldAt(const QPointF& position) const {
  return m_scene.screenToWorld(position.x(), position.y());
}

bool MeasurementEditor::onSlice(const core::Measurement& m) const {
  if (!m_scene.hasVolume() || m.points.empty()) return false;
  const core::Vec3 normal = render::cross(m.planeRight, m.planeUp);
  if (std::abs(render::dot(normal, m_scene.axes().into)) < 0.999) return false;
  return std::abs(render::dot(m.points[0], m_scene.axes().into) - m_scene.slicePosition()) <
         m_scene.sliceStep() / 2.0;
}

std::optional<MeasurementEditor::Handle> MeasurementEditor::handleAt(
    const QPointF& position) const {
  if (m_measurements == nullptr) return std::nullopt;
  for (const core::Measurement& m : m_measurements->measurements()) {
    if (!onSlice(m)) continue;
    for (int p = 0; p < static_cast<int>(m.points.size()); ++p) {
      const auto screen = m_scene.worldToScreen(m.points[p]);
      if (std::hypot(screen[0] - position.x(), screen[1] - position.y()) <= kHandleReach) {
        return Handle{m.id, p};
      }
    }
  }
  return std::nullopt;
}

bool MeasurementEditor::press(ReadingTool tool, const QPointF& position) {
  if (m_measurements == nullptr || !m_scene.hasVolume()) return false;
  if (m_draft && m_draftStage == 2) {
    // The third click of an angle ends it.
    m_draft->points[2] = worldAt(position);
    m_measurements->select(m_measurements->add(*m_draft));
    m_draft.reset();
    return true;
  }
  if (const auto handle = handleAt(position)) {
    m_handle = handle;
    m_measurements->select(handle->id);
    return true;
  }
  const auto kind = kindOf(tool);
  if (!kind) return false;
  core::Measurement m;
  m.kind = *kind;
  m.points.assign(core::pointCount(*kind), worldAt(position));
  m.planeRight = m_scene.axes().right;
  m.planeUp = m_scene.axes().up;
  m_draft = m;
  m_draftStage = 1;
  return true;
}

void MeasurementEditor::move(const QPointF& position) {
  if (m_handle && m_measurements != nullptr) {
    if (const core::Measurement* found = m_measurements->find(m_handle->id)) {
      core::Measurement moved = *found;
      moved.points[m_handle->point] = worldAt(position);
      m_measurements->update(moved);
    }
    return;
  }
  if (!m_draft) return;
  const core::Vec3 at = worldAt(position);
  if (m_draftStage == 1) {
    for (std::size_t p = 1; p < m_draft->points.size(); ++p) m_draft->points[p] = at;
  } else {
    m_draft->points[2] = at;
  }
}

void MeasurementEditor::release(const QPointF& position) {
  if (m_handle) {
    m_handle.reset();
    return;
  }
  if (!m_draft || m_draftStage != 1) return;
  move(position);
  const auto start = m_scene.worldToScreen(m_draft->points[0]);
  const auto end = m_scene.worldToScreen(m_draft->points[1]);
  if (std::hypot(end[0] - start[0], end[1] - start[1]) < kSmallestDrag) {
    m_draft.reset();
    return;
  }
  if (m_draft->kind == core::MeasurementKind::Angle) {
    m_draftStage = 2;  // the second arm follows the mouse until the next click
    return;
  }
  m_measurements->select(m_measurements->add(*m_draft));
  m_draft.reset();
}

void MeasurementEditor::cancel() {
  m_draft.reset();
  m_handle.reset();
}

void MeasurementEditor::paint(QPainter& painter, double scale, const QString& unit) const {
  if (!m_scene.hasVolume()) return;
  if (m_measurements != nullptr) {
    for (const core::Measurement& m : m_measurements->measurements()) {
      if (onSlice(m)) paintMeasurement(painter, m, scale, unit, m.id == m_measurements->selected());
    }
  }
  if (m_draft) paintMeasurement(painter, *m_draft, scale, unit, true);
}

void MeasurementEditor::paintMeasurement(QPainter& painter, const core::Measurement& m,
                                         double scale, const QString& unit, bool selected) const {
  std::vector<QPointF> points;
  for (const core::Vec3& p : m.points) {
    const auto screen = m_scene.worldToScreen(p);
    points.emplace_back(screen[0] / scale, screen[1] / scale);
  }
  const QColor colour = selected ? kSelectedColour : kMeasurementColour;
  painter.setPen(QPen(colour, 1.5));
  painter.setBrush(Qt::NoBrush);
  QPointF labelAt = points.back();
  switch (m.kind) {
    case core::MeasurementKind::Distance:
      painter.drawLine(points[0], points[1]);
      break;
    case core::MeasurementKind::Angle:
      painter.drawLine(points[0], points[1]);
      painter.drawLine(points[1], points[2]);
      labelAt = points[1];
      break;
    case core::MeasurementKind::Ellipse:
      painter.drawEllipse(QRectF(points[0], points[1]).normalized());
      break;
    case core::MeasurementKind::Rectangle:
      painter.drawRect(QRectF(points[0], points[1]).normalized());
      break;
  }
  painter.setBrush(colour);
  for (const QPointF& p : points) painter.drawRect(QRectF(p - QPointF(2.5, 2.5), QSizeF(5, 5)));

  QString text;
  try {
    text = MeasurementText::value(m, m_scene.volume(), unit);
  } catch (const Error& error) {
    text = QString::fromStdString(error.what());
  }
  if (!m.label.empty()) text = QString::fromStdString(m.label) + QLatin1Char('\n') + text;
  painter.setPen(colour);
  drawOutlinedText(painter, labelAt + QPointF(8, 0), text);
}

}  // namespace lumen::widgets
