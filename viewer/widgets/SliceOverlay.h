#pragma once

#include <QCoreApplication>
#include <QString>

#include "widgets/StudyLabels.h"

class QPainter;

namespace lumen::render {
class SliceScene;
}

namespace lumen::widgets {

/// The text and marks a slice view draws over the image: patient and series in the top corners,
/// slice, position, thickness, window and zoom in the bottom ones, the patient direction letters
/// at the edges, a scale bar in mm, and the linked cursor's crosshair. GUI thread only.
class SliceOverlay {
  Q_DECLARE_TR_FUNCTIONS(SliceOverlay)

 public:
  /// Paints on `painter` (logical pixels; `scale` device pixels per logical pixel).
  static void paintText(QPainter& painter, const render::SliceScene& scene,
                        const StudyLabels& labels, const QString& viewName, double scale);
  /// The crosshair through the cursor, with a gap around it so the voxel there stays visible.
  static void paintCrosshair(QPainter& painter, const render::SliceScene& scene, double scale);

  /// Length of the scale bar for `millimetresAcross` of view width: 1, 2 or 5 × 10ⁿ mm, at most
  /// a quarter of it.
  static double scaleBarLength(double millimetresAcross);
};

}  // namespace lumen::widgets
