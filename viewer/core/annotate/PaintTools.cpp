#include "core/annotate/PaintTools.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/Error.h"

namespace lumen::core {
namespace {

void requireSliceAxis(int axis) {
  if (axis < 0 || axis > 2) {
    throw Error(ErrorCode::InvalidArgument,
                "slice axis " + std::to_string(axis) + " (0, 1 or 2 were expected)");
  }
}

/// [floor(low), floor(high) + 1) on one axis, clipped to [0, size).
void spanAxis(VoxelBox& box, int axis, double low, double high, std::size_t size) {
  const double first = std::max(0.0, std::floor(low));
  const double last = std::min(static_cast<double>(size), std::floor(high) + 1.0);
  if (!(last > first)) {  // outside the map, or not a number
    box.lower[axis] = box.upper[axis] = 0;
    return;
  }
  box.lower[axis] = static_cast<std::size_t>(first);
  box.upper[axis] = static_cast<std::size_t>(last);
}

/// Nearest slice index to `index` across `axis`, or -1 when it lies outside the map.
long nearestSlice(double index, std::size_t size) {
  const double slice = std::round(index);
  if (!(slice >= 0.0 && slice < static_cast<double>(size))) return -1;
  return static_cast<long>(slice);
}

const char* brushName(const Brush& brush) {
  if (brush.value == 0) return "Eraser";
  return brush.within ? "Threshold brush" : "Brush";
}

}  // namespace

LabelEdit paintBrush(LabelMap& map, const Brush& brush, const Vec3& fromLps, const Vec3& toLps,
                     const Volume* image) {
  if (!(brush.radiusMm > 0.0) || !std::isfinite(brush.radiusMm)) {
    throw Error(ErrorCode::InvalidArgument,
                "brush radius " + std::to_string(brush.radiusMm) + " mm (it must be positive)");
  }
  const bool disc = brush.shape == Brush::Shape::Disc;
  if (disc) requireSliceAxis(brush.sliceAxis);
  if (brush.within) {
    if (image == nullptr) throw Error(ErrorCode::InvalidArgument, "threshold brush: no image");
    requireSameGrid(map, *image, "threshold brush");
  }
  const Vec3& spacing = map.geometry().spacing;
  Vec3 from = map.volume().worldToIndex(fromLps);
  Vec3 to = map.volume().worldToIndex(toLps);
  VoxelBox box;
  for (int a = 0; a < 3; ++a) {
    const double reach = brush.radiusMm / spacing[a];
    spanAxis(box, a, std::min(from[a], to[a]) - reach, std::max(from[a], to[a]) + reach,
             map.size()[a]);
  }
  if (disc) {
    const int axis = brush.sliceAxis;
    const long slice = nearestSlice(to[axis], map.size()[axis]);
    if (slice < 0) return LabelEdit{brushName(brush), {}, {}, {}};
    from[axis] = to[axis] = static_cast<double>(slice);
    box.lower[axis] = static_cast<std::size_t>(slice);
    box.upper[axis] = box.lower[axis] + 1;
  }
  const std::vector<std::uint8_t> allowed =
      brush.within ? voxelsInRange(*image, box, *brush.within) : std::vector<std::uint8_t>{};

  // Distances in mm along the voxel axes (the direction cosines are orthonormal).
  Vec3 start{};
  Vec3 along{};
  for (int a = 0; a < 3; ++a) {
    start[a] = from[a] * spacing[a];
    along[a] = (to[a] - from[a]) * spacing[a];
  }
  const double length2 = along[0] * along[0] + along[1] * along[1] + along[2] * along[2];
  const double radius2 = brush.radiusMm * brush.radiusMm;
  std::size_t n = 0;
  return map.edit(brushName(brush), box,
                  [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t value) {
                    const std::size_t at = n++;
                    if (!allowed.empty() && allowed[at] == 0) return value;
                    const Vec3 p{i * spacing[0] - start[0], j * spacing[1] - start[1],
                                 k * spacing[2] - start[2]};
                    double t = 0.0;
                    if (length2 > 0.0) {
                      t = (p[0] * along[0] + p[1] * along[1] + p[2] * along[2]) / length2;
                      t = std::clamp(t, 0.0, 1.0);
                    }
                    double d2 = 0.0;
                    for (int a = 0; a < 3; ++a) {
                      const double d = p[a] - t * along[a];
                      d2 += d * d;
                    }
                    return d2 <= radius2 ? brush.value : value;
                  });
}

LabelEdit fillOutline(LabelMap& map, int sliceAxis, const std::vector<Vec3>& outlineLps,
                      std::uint8_t value) {
  requireSliceAxis(sliceAxis);
  if (outlineLps.size() < 3) {
    throw Error(ErrorCode::InvalidArgument, "an outline of " + std::to_string(outlineLps.size()) +
                                                " points (at least 3 enclose an area)");
  }
  const int u = (sliceAxis + 1) % 3;
  const int v = (sliceAxis + 2) % 3;
  std::vector<std::array<double, 2>> polygon;
  polygon.reserve(outlineLps.size());
  for (const Vec3& point : outlineLps) {
    const Vec3 index = map.volume().worldToIndex(point);
    polygon.push_back({index[u], index[v]});
  }
  const long slice =
      nearestSlice(map.volume().worldToIndex(outlineLps.front())[sliceAxis], map.size()[sliceAxis]);
  if (slice < 0) return LabelEdit{"Outline fill", {}, {}, {}};
  VoxelBox box;
  double low[2] = {polygon[0][0], polygon[0][1]};
  double high[2] = {low[0], low[1]};
  for (const auto& p : polygon) {
    for (int c = 0; c < 2; ++c) {
      low[c] = std::min(low[c], p[c]);
      high[c] = std::max(high[c], p[c]);
    }
  }
  spanAxis(box, u, std::ceil(low[0]), high[0], map.size()[u]);
  spanAxis(box, v, std::ceil(low[1]), high[1], map.size()[v]);
  box.lower[sliceAxis] = static_cast<std::size_t>(slice);
  box.upper[sliceAxis] = box.lower[sliceAxis] + 1;
  return map.edit(
      "Outline fill", box, [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t current) {
        const Size3 at{i, j, k};
        const double x = static_cast<double>(at[u]);
        const double y = static_cast<double>(at[v]);
        bool inside = false;
        for (std::size_t a = 0, b = polygon.size() - 1; a < polygon.size(); b = a++) {
          const auto& p = polygon[a];
          const auto& q = polygon[b];
          if ((p[1] > y) != (q[1] > y) && x < p[0] + (y - p[1]) * (q[0] - p[0]) / (q[1] - p[1])) {
            inside = !inside;
          }
        }
        return inside ? value : current;
      });
}

}  // namespace lumen::core
