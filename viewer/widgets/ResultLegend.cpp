#include "widgets/ResultLegend.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <algorithm>
#include <map>

#include "render/SliceScene.h"

namespace lumen::widgets {
namespace {

constexpr double kBarWidth = 10.0;
constexpr double kBarRightInset = 30.0;  // clear of the orientation letter at the right edge
constexpr double kTick = 4.0;
constexpr int kDimmedAlpha = 70;
const QColor kTextColour(235, 235, 235);

QColor toQColor(const std::array<double, 3>& c, int alpha = 255) {
  return QColor::fromRgbF(static_cast<float>(c[0]), static_cast<float>(c[1]),
                          static_cast<float>(c[2]), static_cast<float>(alpha / 255.0));
}

void drawShadowedText(QPainter& painter, const QPointF& baseline, const QString& text) {
  painter.setPen(Qt::black);
  painter.drawText(baseline + QPointF(1, 1), text);
  painter.setPen(kTextColour);
  painter.drawText(baseline, text);
}

}  // namespace

std::array<double, 4> ResultLegend::colourBarRect(double width, double height) {
  const double barHeight = std::clamp(height * 0.35, 40.0, 220.0);
  return {width - kBarRightInset - kBarWidth, (height - barHeight) / 2.0, kBarWidth, barHeight};
}

void ResultLegend::paintLabelOutline(QPainter& painter, const render::SliceScene& scene,
                                     const std::vector<render::LabelEdge>& edges, double scale,
                                     const std::function<std::array<double, 3>(int)>& colourOf) {
  std::map<int, QVector<QLineF>> byLabel;
  for (const render::LabelEdge& edge : edges) {
    const auto from = scene.worldToScreen(edge.from);
    const auto to = scene.worldToScreen(edge.to);
    byLabel[edge.label].append(
        QLineF(from[0] / scale, from[1] / scale, to[0] / scale, to[1] / scale));
  }
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  for (const auto& [label, lines] : byLabel) {
    painter.setPen(QPen(toQColor(colourOf(label)), 1.5));
    painter.drawLines(lines);
  }
  painter.restore();
}

void ResultLegend::paintColourBar(QPainter& painter, const render::OverlayStyle& style,
                                  const QString& title) {
  const QRectF area(0.0, 0.0, painter.device()->width(), painter.device()->height());
  const auto [left, top, width, height] = colourBarRect(area.width(), area.height());
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  // One row per logical pixel, each the colour map at its value, as the slices show it.
  const int rows = std::max(1, static_cast<int>(height));
  const double rowHeight = height / rows;
  for (int row = 0; row < rows; ++row) {
    const double value = 1.0 - (row + 0.5) / rows;
    const bool shown = value >= style.heatmapCutoff;
    painter.fillRect(QRectF(left, top + row * rowHeight, width, rowHeight + 0.5),
                     toQColor(render::heatmapColour(value), shown ? 255 : kDimmedAlpha));
  }
  painter.setPen(QPen(QColor(160, 160, 160), 1.0));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(QRectF(left, top, width, height));

  QFont font = painter.font();
  font.setPointSizeF(8.0);
  painter.setFont(font);
  const QFontMetricsF metrics(font);
  const auto tick = [&](double value, const QString& text) {
    const double y = top + (1.0 - value) * height;
    painter.setPen(QPen(kTextColour, 1.0));
    painter.drawLine(QPointF(left - kTick, y), QPointF(left, y));
    const double x = left - kTick - 2.0 - metrics.horizontalAdvance(text);
    drawShadowedText(painter, QPointF(x, y + (metrics.ascent() - metrics.descent()) / 2.0), text);
  };
  tick(0.0, QStringLiteral("0"));
  tick(1.0, QStringLiteral("1"));
  // The cut-off's label only where it does not cover the ends' labels.
  const double gap = metrics.height() / height;
  if (style.heatmapCutoff > gap && style.heatmapCutoff < 1.0 - gap) {
    tick(style.heatmapCutoff, QString::number(style.heatmapCutoff, 'g', 2));
  }
  const QString name = title.isEmpty() ? tr("Heatmap") : title;
  const QString shown = metrics.elidedText(name, Qt::ElideRight, area.width() / 2.0);
  drawShadowedText(
      painter,
      QPointF(left + width - metrics.horizontalAdvance(shown), top - metrics.descent() - 4.0),
      shown);
  painter.restore();
}

}  // namespace lumen::widgets
