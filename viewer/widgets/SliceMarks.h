#pragma once

#include <QString>
#include <array>
#include <vector>

#include "core/Volume.h"

class QPainter;

namespace lumen::render {
class SliceScene;
}

namespace lumen::widgets {

/// A box or a point for detection data, as the slice views draw it. A box is aligned with the
/// volume's voxel axes (two opposite LPS corners) and shows on the slices it spans; a point on
/// the slice through it.
struct SliceMark {
  core::Vec3 first{};
  core::Vec3 second{};  ///< equal to `first` for a point
  bool point = false;
  std::array<double, 3> colour{1.0, 1.0, 0.0};  ///< RGB 0…1
  QString text;                                 ///< written beside it (the label's name)
};

/// True when `mark` lies on the slice `scene` shows: within half a slice step of it.
bool markOnSlice(const SliceMark& mark, const render::SliceScene& scene);

/// Draws the marks on the slice shown: boxes as rectangles, points as rings with a dot, each in
/// its colour with its text. `scale`: device pixels per logical pixel of `painter`.
void paintSliceMarks(QPainter& painter, const render::SliceScene& scene,
                     const std::vector<SliceMark>& marks, double scale);

}  // namespace lumen::widgets
