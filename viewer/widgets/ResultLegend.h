#pragma once

#include <QCoreApplication>
#include <QString>
#include <array>
#include <functional>
#include <vector>

#include "render/LabelOutline.h"
#include "render/OverlayColours.h"

class QPainter;

namespace lumen::render {
class SliceScene;
}

namespace lumen::widgets {

/// What a slice view paints over the AI result overlays that VTK draws: the outlines of the label
/// map's regions, and the heatmap's colour bar with its scale. GUI thread only.
class ResultLegend {
  Q_DECLARE_TR_FUNCTIONS(ResultLegend)

 public:
  /// Strokes `edges` (LPS, on the slice shown by `scene`) opaque, over the translucent fill, in
  /// colourOf(label) (RGB 0…1). `scale`: device pixels per logical pixel of `painter`.
  static void paintLabelOutline(
      QPainter& painter, const render::SliceScene& scene,
      const std::vector<render::LabelEdge>& edges, double scale,
      const std::function<std::array<double, 3>(int)>& colourOf = render::labelColour);

  /// The heatmap's colour bar near the right edge, vertically centred: heatmapColour from 0 at
  /// the bottom to 1 at the top (dimmed below the cut-off, which is not drawn), ticks at 0, the
  /// cut-off and 1, and `title` above it ("Heatmap" when empty).
  static void paintColourBar(QPainter& painter, const render::OverlayStyle& style,
                             const QString& title);

  /// Where paintColourBar draws the bar itself, for a paint device `width` × `height` logical
  /// pixels: {left, top, width, height}.
  static std::array<double, 4> colourBarRect(double width, double height);
};

}  // namespace lumen::widgets
