#include "inference/Lesions.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lumen::inference {
namespace {

/// Above this many surface voxels the longest diameter is searched among an even sample of
/// them (a lesion that large is not a nodule; its diameter comes out a little short).
constexpr std::size_t kMostSurfaceVoxels = 3000;

using Index = std::array<std::int64_t, 3>;

std::array<double, 3> offsetMm(const Geometry& g, const Index& a, const Index& b) {
  std::array<double, 3> mm{0, 0, 0};
  for (int axis = 0; axis < 3; ++axis) {
    const double along = static_cast<double>(a[axis] - b[axis]) * g.spacing[axis];
    for (int row = 0; row < 3; ++row) mm[row] += g.direction[row][axis] * along;
  }
  return mm;
}

double longestDiameter(const Geometry& g, std::vector<Index> surface) {
  if (surface.size() > kMostSurfaceVoxels) {
    const std::size_t step = (surface.size() + kMostSurfaceVoxels - 1) / kMostSurfaceVoxels;
    std::vector<Index> sample;
    for (std::size_t n = 0; n < surface.size(); n += step) sample.push_back(surface[n]);
    surface = std::move(sample);
  }
  double best = 0.0;
  std::array<double, 3> across{1, 0, 0};
  for (std::size_t a = 0; a < surface.size(); ++a) {
    for (std::size_t b = a + 1; b < surface.size(); ++b) {
      const std::array<double, 3> d = offsetMm(g, surface[a], surface[b]);
      const double length = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
      if (length > best) {
        best = length;
        across = d;
      }
    }
  }
  best = std::sqrt(best);
  if (best > 0.0) {
    for (double& c : across) c /= best;
  }
  // From centre-to-centre to face-to-face: add one voxel's extent along that direction.
  double extent = 0.0;
  for (int axis = 0; axis < 3; ++axis) {
    double along = 0.0;
    for (int row = 0; row < 3; ++row) along += g.direction[row][axis] * across[row];
    extent += std::abs(along) * g.spacing[axis];
  }
  return best + extent;
}

/// The regions of `map` seeded at voxels of value `only` (every non-zero value when negative),
/// each region made of voxels of its seed's value; by value, largest first within each. Marks
/// the voxels of lesion n with n in `ids` when given.
std::vector<Lesion> collect(const std::uint8_t* map, const Geometry& g, int only,
                            std::vector<int>* ids) {
  const auto [ni, nj, nk] = g.size;
  const auto voxels = static_cast<std::size_t>(g.voxelCount());
  std::vector<bool> seen(ids ? 0 : voxels, false);
  if (ids) ids->assign(voxels, -1);
  const auto at = [&](std::int64_t i, std::int64_t j, std::int64_t k) {
    return static_cast<std::size_t>((k * nj + j) * ni + i);
  };
  const auto taken = [&](std::size_t v) { return ids ? (*ids)[v] >= 0 : bool(seen[v]); };
  std::vector<Lesion> lesions;
  std::vector<Index> stack;
  for (std::int64_t k = 0; k < nk; ++k) {
    for (std::int64_t j = 0; j < nj; ++j) {
      for (std::int64_t i = 0; i < ni; ++i) {
        const std::size_t seed = at(i, j, k);
        const int value = map[seed];
        if (value == 0 || (only >= 0 && value != only) || taken(seed)) continue;
        const int id = static_cast<int>(lesions.size());
        const auto mark = [&](std::size_t v) {
          if (ids) {
            (*ids)[v] = id;
          } else {
            seen[v] = true;
          }
        };
        const auto inside = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
          return x >= 0 && y >= 0 && z >= 0 && x < ni && y < nj && z < nk &&
                 map[at(x, y, z)] == value;
        };
        Lesion lesion;
        lesion.value = value;
        lesion.first = lesion.last = {i, j, k};
        std::array<double, 3> sum{0, 0, 0};
        std::vector<Index> surface;
        mark(seed);
        stack.push_back({i, j, k});
        while (!stack.empty()) {
          const Index v = stack.back();
          stack.pop_back();
          ++lesion.voxels;
          for (int a = 0; a < 3; ++a) {
            sum[a] += static_cast<double>(v[a]);
            lesion.first[a] = std::min(lesion.first[a], v[a]);
            lesion.last[a] = std::max(lesion.last[a], v[a]);
          }
          if (!inside(v[0] - 1, v[1], v[2]) || !inside(v[0] + 1, v[1], v[2]) ||
              !inside(v[0], v[1] - 1, v[2]) || !inside(v[0], v[1] + 1, v[2]) ||
              !inside(v[0], v[1], v[2] - 1) || !inside(v[0], v[1], v[2] + 1)) {
            surface.push_back(v);
          }
          for (std::int64_t dk = -1; dk <= 1; ++dk) {
            for (std::int64_t dj = -1; dj <= 1; ++dj) {
              for (std::int64_t di = -1; di <= 1; ++di) {
                const Index n{v[0] + di, v[1] + dj, v[2] + dk};
                if (!inside(n[0], n[1], n[2]) || taken(at(n[0], n[1], n[2]))) continue;
                mark(at(n[0], n[1], n[2]));
                stack.push_back(n);
              }
            }
          }
        }
        const auto count = static_cast<double>(lesion.voxels);
        lesion.volumeMm3 = count * g.voxelVolumeMm3();
        lesion.centreLps = voxelToLps(g, {sum[0] / count, sum[1] / count, sum[2] / count});
        lesion.longestDiameterMm = longestDiameter(g, std::move(surface));
        lesions.push_back(lesion);
      }
    }
  }
  std::vector<int> order(lesions.size());
  for (std::size_t n = 0; n < order.size(); ++n) order[n] = static_cast<int>(n);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (lesions[a].value != lesions[b].value) return lesions[a].value < lesions[b].value;
    return lesions[a].voxels > lesions[b].voxels;
  });
  std::vector<int> rank(order.size());
  std::vector<Lesion> sorted;
  for (std::size_t n = 0; n < order.size(); ++n) {
    rank[order[n]] = static_cast<int>(n);
    sorted.push_back(lesions[order[n]]);
  }
  if (ids) {
    for (int& id : *ids) {
      if (id >= 0) id = rank[id];
    }
  }
  return sorted;
}

}  // namespace

std::vector<Lesion> findLesions(const std::uint8_t* labelMap, const Geometry& g) {
  return collect(labelMap, g, -1, nullptr);
}

std::vector<Lesion> findLesions(const std::vector<std::uint8_t>& labelMap, const Geometry& g,
                                int value, std::vector<int>* lesionOfVoxel) {
  if (static_cast<std::int64_t>(labelMap.size()) != g.voxelCount()) {
    throw std::invalid_argument("the label map has " + std::to_string(labelMap.size()) +
                                " voxels, its geometry " + std::to_string(g.voxelCount()));
  }
  return collect(labelMap.data(), g, value, lesionOfVoxel);
}

}  // namespace lumen::inference
