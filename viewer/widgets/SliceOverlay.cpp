#include "widgets/SliceOverlay.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <cmath>

#include "render/SliceScene.h"

namespace lumen::widgets {
namespace {

constexpr double kMargin = 6.0;
constexpr double kCrosshairGap = 12.0;  // logical pixels each side of the cursor
const QColor kTextColour(235, 235, 235);
const QColor kLetterColour(255, 210, 80);
const QColor kCrosshairColour(80, 180, 255, 200);

void drawLines(QPainter& painter, const QStringList& lines, Qt::Alignment corner,
               const QRectF& area) {
  const QFontMetricsF metrics(painter.font());
  const double height = metrics.lineSpacing();
  const bool bottom = corner & Qt::AlignBottom;
  const bool right = corner & Qt::AlignRight;
  double y = bottom ? area.bottom() - height * lines.size() : area.top();
  for (const QString& line : lines) {
    if (line.isEmpty()) continue;
    const double width = metrics.horizontalAdvance(line);
    const double x = right ? area.right() - width : area.left();
    const QPointF baseline(x, y + metrics.ascent());
    painter.setPen(Qt::black);
    painter.drawText(baseline + QPointF(1, 1), line);
    painter.setPen(kTextColour);
    painter.drawText(baseline, line);
    y += height;
  }
}

void drawCentred(QPainter& painter, const QString& text, const QPointF& centre) {
  const QFontMetricsF metrics(painter.font());
  const QPointF baseline(centre.x() - metrics.horizontalAdvance(text) / 2.0,
                         centre.y() + (metrics.ascent() - metrics.descent()) / 2.0);
  const QPen pen = painter.pen();
  painter.setPen(Qt::black);
  painter.drawText(baseline + QPointF(1, 1), text);
  painter.setPen(pen);
  painter.drawText(baseline, text);
}

QString slabName(render::SlabMode mode) {
  switch (mode) {
    case render::SlabMode::Maximum:
      return QStringLiteral("MIP");
    case render::SlabMode::Minimum:
      return QStringLiteral("MinIP");
    case render::SlabMode::Mean:
      return QStringLiteral("Mean");
    case render::SlabMode::Off:
      break;
  }
  return {};
}

/// The paint device's area in logical pixels.
QRectF bounds(const QPainter& painter) {
  return QRectF(0.0, 0.0, painter.device()->width(), painter.device()->height());
}

}  // namespace

double SliceOverlay::scaleBarLength(double millimetresAcross) {
  const double limit = millimetresAcross / 4.0;
  if (!(limit > 0.0)) return 0.0;
  const double decade = std::pow(10.0, std::floor(std::log10(limit)));
  for (double step : {5.0, 2.0, 1.0}) {
    if (step * decade <= limit) return step * decade;
  }
  return decade;
}

void SliceOverlay::paintText(QPainter& painter, const render::SliceScene& scene,
                             const StudyLabels& labels, const QString& viewName, double scale) {
  QFont font = painter.font();
  font.setPointSizeF(9.0);
  painter.setFont(font);
  const QRectF area = bounds(painter).adjusted(kMargin, kMargin, -kMargin, -kMargin);
  // Leave the top-left line to the view's title button.
  const double titleHeight = QFontMetricsF(font).lineSpacing() + 4.0;

  drawLines(painter, {labels.patientName, labels.patientId, labels.ageSex},
            Qt::AlignTop | Qt::AlignLeft, area.adjusted(0, titleHeight, 0, 0));
  drawLines(painter, {labels.studyDate, labels.seriesDescription}, Qt::AlignTop | Qt::AlignRight,
            area);

  const double thickness =
      scene.slabMode() == render::SlabMode::Off ? scene.sliceStep() : scene.slabThickness();
  const QString thicknessText =
      scene.slabMode() == render::SlabMode::Off
          ? tr("Thickness %1 mm").arg(thickness, 0, 'f', 2)
          : tr("%1 %2 mm").arg(slabName(scene.slabMode())).arg(thickness, 0, 'f', 1);
  drawLines(painter,
            {tr("%1 %2 / %3").arg(viewName).arg(scene.sliceIndex() + 1).arg(scene.sliceCount()),
             tr("Position %1 mm").arg(scene.slicePosition(), 0, 'f', 1), thicknessText},
            Qt::AlignBottom | Qt::AlignLeft, area);
  const core::Window& window = scene.window();
  QString windowText = tr("W %1 L %2").arg(window.width, 0, 'f', 0).arg(window.center, 0, 'f', 0);
  if (scene.inverted()) windowText += tr(" inverted");
  drawLines(painter, {windowText, tr("Zoom %1%").arg(scene.zoom() * 100.0, 0, 'f', 0)},
            Qt::AlignBottom | Qt::AlignRight, area);

  // Patient directions at the middle of each edge.
  QFont letterFont = font;
  letterFont.setPointSizeF(11.0);
  letterFont.setBold(true);
  painter.setFont(letterFont);
  painter.setPen(kLetterColour);
  const std::array<std::string, 4> letters = render::edgeLetters(scene.axes());
  const QRectF full = bounds(painter);
  const double inset = kMargin + 6.0;
  drawCentred(painter, QString::fromStdString(letters[0]),
              QPointF(full.left() + inset, full.center().y()));
  drawCentred(painter, QString::fromStdString(letters[1]),
              QPointF(full.right() - inset, full.center().y()));
  drawCentred(painter, QString::fromStdString(letters[2]),
              QPointF(full.center().x(), full.top() + inset));
  drawCentred(painter, QString::fromStdString(letters[3]),
              QPointF(full.center().x(), full.bottom() - inset));

  // Scale bar above the bottom letter.
  painter.setFont(font);
  const double mmPerLogical = scene.millimetresPerPixel() * scale;
  const double length = scaleBarLength(full.width() * mmPerLogical);
  if (length > 0.0) {
    const double pixels = length / mmPerLogical;
    const double y = full.bottom() - inset - 16.0;
    const double x0 = full.center().x() - pixels / 2.0;
    painter.setPen(QPen(kTextColour, 1.5));
    painter.drawLine(QPointF(x0, y), QPointF(x0 + pixels, y));
    painter.drawLine(QPointF(x0, y - 4), QPointF(x0, y + 4));
    painter.drawLine(QPointF(x0 + pixels, y - 4), QPointF(x0 + pixels, y + 4));
    drawCentred(painter, tr("%1 mm").arg(length), QPointF(full.center().x(), y - 9.0));
  }
}

void SliceOverlay::paintCrosshair(QPainter& painter, const render::SliceScene& scene,
                                  double scale) {
  const auto at = scene.worldToScreen(scene.cursor());
  const QPointF centre(at[0] / scale, at[1] / scale);
  const QRectF full = bounds(painter);
  painter.setPen(QPen(kCrosshairColour, 1.0));
  painter.drawLine(QPointF(full.left(), centre.y()),
                   QPointF(centre.x() - kCrosshairGap, centre.y()));
  painter.drawLine(QPointF(centre.x() + kCrosshairGap, centre.y()),
                   QPointF(full.right(), centre.y()));
  painter.drawLine(QPointF(centre.x(), full.top()),
                   QPointF(centre.x(), centre.y() - kCrosshairGap));
  painter.drawLine(QPointF(centre.x(), centre.y() + kCrosshairGap),
                   QPointF(centre.x(), full.bottom()));
}

}  // namespace lumen::widgets
