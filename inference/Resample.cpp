#include "inference/Resample.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lumen::inference {

namespace {

using Mat3 = std::array<std::array<double, 3>, 3>;
using Vec3 = std::array<double, 3>;

/// from's continuous index = m · (to's index) + b.
struct IndexMap {
  Mat3 m{};
  Vec3 b{};
};

IndexMap indexMap(const Geometry& from, const Geometry& to) {
  IndexMap map;
  map.b = lpsToVoxel(from, to.origin);
  for (std::size_t c = 0; c < 3; ++c) {
    Vec3 step = to.origin;
    for (std::size_t r = 0; r < 3; ++r) step[r] += to.direction[r][c] * to.spacing[c];
    const Vec3 index = lpsToVoxel(from, step);
    for (std::size_t r = 0; r < 3; ++r) map.m[r][c] = index[r] - map.b[r];
  }
  return map;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-4; }

/// When `to` is `from` with its axes reordered and flipped (same voxel centres), the values
/// moved by permute and flip; else an undefined tensor.
at::Tensor exactReorder(const at::Tensor& values, const Geometry& from, const Geometry& to,
                        const IndexMap& map) {
  std::array<int64_t, 3> source{};  // for each `to` axis (i, j, k), the `from` axis it walks
  std::array<bool, 3> flipped{};
  for (std::size_t c = 0; c < 3; ++c) {
    int found = -1;
    for (std::size_t r = 0; r < 3; ++r) {
      if (near(std::abs(map.m[r][c]), 1.0)) {
        if (found >= 0) return {};
        found = static_cast<int>(r);
      } else if (!near(map.m[r][c], 0.0)) {
        return {};
      }
    }
    if (found < 0) return {};
    const auto r = static_cast<std::size_t>(found);
    source[c] = found;
    flipped[c] = map.m[r][c] < 0.0;
    if (to.size[c] != from.size[r]) return {};
    if (!near(map.b[r], flipped[c] ? static_cast<double>(from.size[r] - 1) : 0.0)) return {};
  }
  // Tensor dims are [.., k, j, i]: grid axis a is dim (rank − 1 − a).
  const int64_t rank = values.dim();
  std::vector<int64_t> order;
  for (int64_t d = 0; d < rank - 3; ++d) order.push_back(d);
  for (int a = 2; a >= 0; --a) order.push_back(rank - 1 - source[static_cast<std::size_t>(a)]);
  at::Tensor moved = values.permute(order);
  std::vector<int64_t> flips;
  for (int a = 0; a < 3; ++a) {
    if (flipped[static_cast<std::size_t>(a)]) flips.push_back(rank - 1 - a);
  }
  if (!flips.empty()) moved = moved.flip(flips);
  return moved.contiguous();
}

/// Averages `values` [C, k, j, i] over blocks of factor voxels along each axis (a partial block
/// at the far end too, so the field is kept), and describes the coarser grid it then lies on.
at::Tensor shrink(const at::Tensor& values, Geometry& grid, const std::array<int64_t, 3>& factor) {
  const at::Tensor pooled = at::avg_pool3d(values.unsqueeze(0), {factor[2], factor[1], factor[0]},
                                           {factor[2], factor[1], factor[0]}, /*padding=*/0,
                                           /*ceil_mode=*/true);
  Vec3 shift{};
  for (std::size_t a = 0; a < 3; ++a) {
    shift[a] = (static_cast<double>(factor[a]) - 1.0) / 2.0;
    grid.size[a] = (grid.size[a] + factor[a] - 1) / factor[a];
  }
  grid.origin = voxelToLps(grid, shift);
  for (std::size_t a = 0; a < 3; ++a) grid.spacing[a] *= static_cast<double>(factor[a]);
  return pooled.squeeze(0);
}

/// When `to` only rescales `from` along its own axes, field edge on field edge (as modelGrid()
/// makes it), the values by LibTorch's interpolation kernels, which compute exactly this map
/// (index = m · (i + ½) − ½) much faster than sampling at arbitrary points; else undefined.
/// Voxels more than half a voxel outside `from` are set to `outside` afterwards.
at::Tensor alignedScaling(const at::Tensor& values, const Geometry& from, const Geometry& to,
                          const IndexMap& map, Interpolation interpolation, double outside) {
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      if (r != c && std::abs(map.m[r][c]) > 1e-6) return {};
    }
    const double scale = map.m[r][r];
    if (scale <= 0.0 || std::abs(map.b[r] - (scale - 1.0) / 2.0) > 1e-4) return {};
  }
  const std::vector<int64_t> size{to.size[2], to.size[1], to.size[0]};
  const double d = 1.0 / map.m[2][2], h = 1.0 / map.m[1][1], w = 1.0 / map.m[0][0];
  const at::Tensor batch = values.unsqueeze(0);
  at::Tensor out = (interpolation == Interpolation::Linear
                        ? at::upsample_trilinear3d(batch, size, false, d, h, w)
                        : at::_upsample_nearest_exact3d(batch, size, d, h, w))
                       .squeeze(0);
  for (std::size_t r = 0; r < 3; ++r) {
    const int64_t dim = 3 - static_cast<int64_t>(r);  // [C, k, j, i]
    const double scale = map.m[r][r];
    const double high = static_cast<double>(from.size[r]) - 0.5 + 1e-6;
    int64_t first = 0;
    while (first < to.size[r] && scale * static_cast<double>(first) + map.b[r] < -0.5 - 1e-6) {
      ++first;
    }
    int64_t end = to.size[r];
    while (end > first && scale * static_cast<double>(end - 1) + map.b[r] > high) --end;
    if (first > 0) out.narrow(dim, 0, first).fill_(outside);
    if (end < to.size[r]) out.narrow(dim, end, to.size[r] - end).fill_(outside);
  }
  return out;
}

/// The normalised grid_sample coordinate of continuous index `index` along an axis of n voxels
/// (align_corners = true: −1 is the first centre, +1 the last).
at::Tensor normalised(const at::Tensor& index, int64_t n) {
  if (n == 1) return at::zeros_like(index);
  return index.clamp(0.0, static_cast<double>(n - 1)) * (2.0 / static_cast<double>(n - 1)) - 1.0;
}

}  // namespace

at::Tensor resample(const at::Tensor& values, const Geometry& from, const Geometry& to,
                    Interpolation interpolation, double outside) {
  const bool channels = values.dim() == 4;
  if ((values.dim() != 3 && !channels) || values.size(-1) != from.size[0] ||
      values.size(-2) != from.size[1] || values.size(-3) != from.size[2]) {
    throw std::invalid_argument("resample: values of shape " + c10::str(values.sizes()) +
                                " do not lie on a grid of " + std::to_string(from.size[0]) + "×" +
                                std::to_string(from.size[1]) + "×" + std::to_string(from.size[2]));
  }
  const bool labels = !values.is_floating_point();
  if (labels && interpolation == Interpolation::Linear) {
    throw std::invalid_argument("resample: linear interpolation needs floating-point values");
  }
  at::Tensor source = channels ? values : values.unsqueeze(0);
  Geometry grid = from;
  IndexMap map = indexMap(grid, to);
  if (at::Tensor exact = exactReorder(source, grid, to, map); exact.defined()) {
    return channels ? exact : exact.squeeze(0);
  }
  if (interpolation == Interpolation::Linear) {
    std::array<int64_t, 3> factor{1, 1, 1};
    bool shrinking = false;
    for (std::size_t r = 0; r < 3; ++r) {
      double step = 0.0;
      for (std::size_t c = 0; c < 3; ++c) step = std::max(step, std::abs(map.m[r][c]));
      factor[r] = std::min<int64_t>(static_cast<int64_t>(std::floor(step + 1e-6)), grid.size[r]);
      shrinking = shrinking || factor[r] >= 2;
      factor[r] = std::max<int64_t>(factor[r], 1);
    }
    if (shrinking) {
      source = shrink(source, grid, factor);
      map = indexMap(grid, to);
    }
  }
  if (at::Tensor scaled = alignedScaling(source, grid, to, map, interpolation, outside);
      scaled.defined()) {
    return channels ? scaled : scaled.squeeze(0);
  }
  if (labels) {  // grid_sample samples floating point only
    return resample(values.to(at::kFloat), from, to, interpolation, outside)
        .to(values.scalar_type());
  }
  const auto options = source.options();
  const at::Tensor shifted = (source - outside).unsqueeze(0);  // [1, C, k, j, i]
  const int64_t channelCount = source.size(0);
  at::Tensor result = at::empty({channelCount, to.size[2], to.size[1], to.size[0]}, options);

  // Sampling coordinates are built for a slab of `to`'s k at a time (a few million points).
  const int64_t plane = to.size[0] * to.size[1];
  const int64_t slab = std::max<int64_t>(1, (int64_t{1} << 22) / std::max<int64_t>(plane, 1));
  const auto coordinate = options.dtype(at::kFloat);
  const at::Tensor i = at::arange(to.size[0], coordinate).view({1, 1, -1});
  const at::Tensor j = at::arange(to.size[1], coordinate).view({1, -1, 1});
  for (int64_t k0 = 0; k0 < to.size[2]; k0 += slab) {
    const int64_t count = std::min(slab, to.size[2] - k0);
    const at::Tensor k =
        at::arange(static_cast<double>(k0), static_cast<double>(k0 + count), coordinate)
            .view({-1, 1, 1});
    std::array<at::Tensor, 3> index;
    at::Tensor inside;
    for (std::size_t r = 0; r < 3; ++r) {
      index[r] = i * map.m[r][0] + j * map.m[r][1] + k * map.m[r][2] + map.b[r];
      const double n = static_cast<double>(grid.size[r]);
      const at::Tensor within = (index[r] >= -0.5) & (index[r] <= n - 0.5);
      inside = inside.defined() ? inside & within : within;
    }
    const at::Tensor sampling =
        at::stack({normalised(index[0], grid.size[0]), normalised(index[1], grid.size[1]),
                   normalised(index[2], grid.size[2])},
                  -1)
            .to(source.scalar_type())
            .unsqueeze(0);  // [1, count, j, i, 3]
    const at::Tensor sampled =
        at::grid_sampler(shifted, sampling,
                         /*interpolation_mode=*/interpolation == Interpolation::Linear ? 0 : 1,
                         /*padding_mode=border*/ 1, /*align_corners=*/true)
            .squeeze(0);  // [C, count, j, i]
    result.narrow(1, k0, count).copy_(sampled * inside.to(sampled.scalar_type()) + outside);
  }
  return channels ? result : result.squeeze(0);
}

}  // namespace lumen::inference
