#include "core/annotate/SliceInterpolation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr double kFar = 1e20;  // a squared distance larger than any in a volume

/// Squared distance transform along one line of n samples `stride` apart, `step` mm apart, in
/// place: out[q] = min over p of (q − p)² step² + f[p].
void envelope1d(double* f, std::size_t n, std::size_t stride, double step,
                std::vector<std::size_t>& v, std::vector<double>& z, std::vector<double>& copy) {
  copy.resize(n);
  for (std::size_t q = 0; q < n; ++q) copy[q] = f[q * stride];
  v.resize(n);
  z.resize(n + 1);
  const double infinity = std::numeric_limits<double>::infinity();
  const auto position = [step](std::size_t q) { return static_cast<double>(q) * step; };
  const auto meet = [&](std::size_t q, std::size_t p) {  // where parabolas q and p cross
    const double pq = position(q);
    const double pp = position(p);
    return ((copy[q] + pq * pq) - (copy[p] + pp * pp)) / (2.0 * (pq - pp));
  };
  std::size_t k = 0;
  v[0] = 0;
  z[0] = -infinity;
  z[1] = infinity;
  for (std::size_t q = 1; q < n; ++q) {
    double s = meet(q, v[k]);
    while (s <= z[k]) s = meet(q, v[--k]);  // z[0] is −∞: k stays ≥ 0
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = infinity;
  }
  k = 0;
  for (std::size_t q = 0; q < n; ++q) {
    while (z[k + 1] < position(q)) ++k;
    const double d = position(q) - position(v[k]);
    f[q * stride] = d * d + copy[v[k]];
  }
}

/// Squared distance (mm²) from each pixel to the nearest pixel where `feature` is nonzero.
std::vector<double> squaredDistance(const std::vector<std::uint8_t>& inside, bool featureValue,
                                    std::size_t width, std::size_t height, double dx, double dy) {
  std::vector<double> d(width * height);
  for (std::size_t n = 0; n < d.size(); ++n) d[n] = ((inside[n] != 0) == featureValue) ? 0.0 : kFar;
  std::vector<std::size_t> v;
  std::vector<double> z;
  std::vector<double> copy;
  for (std::size_t y = 0; y < height; ++y) envelope1d(&d[y * width], width, 1, dx, v, z, copy);
  for (std::size_t x = 0; x < width; ++x) envelope1d(&d[x], height, width, dy, v, z, copy);
  return d;
}

/// The pixels of slice `index` across `axis`: u = (axis + 1) % 3 fastest, then v = (axis + 2) % 3.
struct SlicePlane {
  int axis;
  int u;
  int v;
  explicit SlicePlane(int a) : axis(a), u((a + 1) % 3), v((a + 2) % 3) {}
  Size3 voxel(std::size_t x, std::size_t y, std::size_t index) const {
    Size3 at{};
    at[u] = x;
    at[v] = y;
    at[axis] = index;
    return at;
  }
};

}  // namespace

std::vector<double> signedDistance(const std::vector<std::uint8_t>& inside, std::size_t width,
                                   std::size_t height, double columnSpacingMm,
                                   double rowSpacingMm) {
  const std::vector<double> toInside =
      squaredDistance(inside, true, width, height, columnSpacingMm, rowSpacingMm);
  const std::vector<double> toOutside =
      squaredDistance(inside, false, width, height, columnSpacingMm, rowSpacingMm);
  std::vector<double> signedMm(inside.size());
  for (std::size_t n = 0; n < inside.size(); ++n) {
    signedMm[n] =
        inside[n] != 0 ? -std::sqrt(std::min(toOutside[n], 1e20)) : std::sqrt(toInside[n]);
    signedMm[n] = std::clamp(signedMm[n], -1e10, 1e10);
  }
  return signedMm;
}

LabelEdit fillBetweenSlices(LabelMap& map, int sliceAxis, std::uint8_t value) {
  if (sliceAxis < 0 || sliceAxis > 2) {
    throw Error(ErrorCode::InvalidArgument, "slice axis " + std::to_string(sliceAxis));
  }
  if (value == 0) throw Error(ErrorCode::InvalidArgument, "fill between slices of label 0");
  const SlicePlane plane(sliceAxis);
  const Size3& size = map.size();
  const std::size_t width = size[plane.u];
  const std::size_t height = size[plane.v];
  const auto sliceMask = [&](std::size_t index) {
    std::vector<std::uint8_t> mask(width * height);
    for (std::size_t y = 0; y < height; ++y) {
      for (std::size_t x = 0; x < width; ++x) {
        const Size3 at = plane.voxel(x, y, index);
        mask[y * width + x] = map.at(at[0], at[1], at[2]) == value ? 1 : 0;
      }
    }
    return mask;
  };

  // The slices that hold the label, and the box around all of it.
  std::vector<std::size_t> drawn;
  VoxelBox box{{size[0], size[1], size[2]}, {0, 0, 0}};
  for (std::size_t index = 0; index < size[sliceAxis]; ++index) {
    const std::vector<std::uint8_t> mask = sliceMask(index);
    bool any = false;
    for (std::size_t y = 0; y < height; ++y) {
      for (std::size_t x = 0; x < width; ++x) {
        if (mask[y * width + x] == 0) continue;
        any = true;
        const Size3 at = plane.voxel(x, y, index);
        for (int a = 0; a < 3; ++a) {
          box.lower[a] = std::min(box.lower[a], at[a]);
          box.upper[a] = std::max(box.upper[a], at[a] + 1);
        }
      }
    }
    if (any) drawn.push_back(index);
  }

  // For each gap, the interpolated shape, painted into a mask over the box.
  std::vector<std::uint8_t> fill(box.voxelCount(), 0);
  const Vec3& spacing = map.geometry().spacing;
  for (std::size_t n = 1; n < drawn.size(); ++n) {
    const std::size_t first = drawn[n - 1];
    const std::size_t last = drawn[n];
    if (last - first < 2) continue;
    const std::vector<double> from =
        signedDistance(sliceMask(first), width, height, spacing[plane.u], spacing[plane.v]);
    const std::vector<double> to =
        signedDistance(sliceMask(last), width, height, spacing[plane.u], spacing[plane.v]);
    for (std::size_t index = first + 1; index < last; ++index) {
      const double t = static_cast<double>(index - first) / static_cast<double>(last - first);
      for (std::size_t y = box.lower[plane.v]; y < box.upper[plane.v]; ++y) {
        for (std::size_t x = box.lower[plane.u]; x < box.upper[plane.u]; ++x) {
          const std::size_t p = y * width + x;
          if ((1.0 - t) * from[p] + t * to[p] >= 0.0) continue;
          const Size3 at = plane.voxel(x, y, index);
          fill[box.indexOf(at[0], at[1], at[2])] = 1;
        }
      }
    }
  }
  std::size_t n = 0;
  return map.edit("Fill between slices", box,
                  [&](std::size_t, std::size_t, std::size_t, std::uint8_t current) {
                    return fill[n++] != 0 && current == 0 ? value : current;
                  });
}

}  // namespace lumen::core
