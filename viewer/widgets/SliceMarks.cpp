#include "widgets/SliceMarks.h"

#include <QPainter>
#include <algorithm>

#include "render/SliceScene.h"

namespace lumen::widgets {
namespace {

double along(const core::Vec3& lps, const core::Vec3& axis) {
  return lps[0] * axis[0] + lps[1] * axis[1] + lps[2] * axis[2];
}

constexpr double kPointRadius = 6.0;  // logical pixels

}  // namespace

bool markOnSlice(const SliceMark& mark, const render::SliceScene& scene) {
  const core::Vec3& into = scene.axes().into;
  const double a = along(mark.first, into);
  const double b = along(mark.second, into);
  const double half = scene.sliceStep() / 2.0;
  const double position = scene.slicePosition();
  return position >= std::min(a, b) - half && position <= std::max(a, b) + half;
}

void paintSliceMarks(QPainter& painter, const render::SliceScene& scene,
                     const std::vector<SliceMark>& marks, double scale) {
  painter.save();
  for (const SliceMark& mark : marks) {
    if (!markOnSlice(mark, scene)) continue;
    const QColor colour =
        QColor::fromRgbF(static_cast<float>(mark.colour[0]), static_cast<float>(mark.colour[1]),
                         static_cast<float>(mark.colour[2]));
    painter.setPen(QPen(colour, 1.5));
    painter.setBrush(Qt::NoBrush);
    const auto first = scene.worldToScreen(mark.first);
    const QPointF a(first[0] / scale, first[1] / scale);
    QPointF textAt;
    if (mark.point) {
      painter.drawEllipse(a, kPointRadius, kPointRadius);
      painter.setBrush(colour);
      painter.drawEllipse(a, 1.5, 1.5);
      textAt = a + QPointF(kPointRadius + 3.0, -kPointRadius);
    } else {
      const auto second = scene.worldToScreen(mark.second);
      const QRectF box = QRectF(a, QPointF(second[0] / scale, second[1] / scale)).normalized();
      painter.drawRect(box);
      textAt = box.topLeft() + QPointF(0.0, -4.0);
    }
    if (!mark.text.isEmpty()) {
      painter.setPen(Qt::black);
      painter.drawText(textAt + QPointF(1, 1), mark.text);
      painter.setPen(colour);
      painter.drawText(textAt, mark.text);
    }
  }
  painter.restore();
}

}  // namespace lumen::widgets
