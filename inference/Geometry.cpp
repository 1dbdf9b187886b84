#include "inference/Geometry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "inference/ModelManifest.h"

namespace lumen::inference {

namespace {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

Vec3 column(const Mat3& m, int c) { return {m[0][c], m[1][c], m[2][c]}; }

/// Which image axis each model axis takes (and its sign), given the model's axis directions in
/// LPS: every image axis used once, the best-aligned pairs first.
void assignAxes(const Mat3& direction, const std::array<Vec3, 3>& wanted, std::array<int, 3>& axis,
                std::array<int, 3>& sign) {
  std::array<bool, 3> modelDone{false, false, false};
  std::array<bool, 3> imageDone{false, false, false};
  for (int round = 0; round < 3; ++round) {
    double best = -1.0;
    int bestModel = 0;
    int bestImage = 0;
    double bestDot = 0.0;
    for (int t = 0; t < 3; ++t) {
      if (modelDone[t]) continue;
      for (int c = 0; c < 3; ++c) {
        if (imageDone[c]) continue;
        const Vec3 col = column(direction, c);
        const double dot = col[0] * wanted[t][0] + col[1] * wanted[t][1] + col[2] * wanted[t][2];
        if (std::abs(dot) > best) {
          best = std::abs(dot);
          bestModel = t;
          bestImage = c;
          bestDot = dot;
        }
      }
    }
    modelDone[bestModel] = true;
    imageDone[bestImage] = true;
    axis[bestModel] = bestImage;
    sign[bestModel] = bestDot < 0.0 ? -1 : 1;
  }
}

}  // namespace

Vec3 voxelToLps(const Geometry& grid, const Vec3& index) {
  Vec3 p = grid.origin;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) p[r] += grid.direction[r][c] * grid.spacing[c] * index[c];
  }
  return p;
}

Vec3 lpsToVoxel(const Geometry& grid, const Vec3& lps) {
  // Solve direction · (spacing ⊙ index) = lps − origin by Cramer's rule.
  const Mat3& d = grid.direction;
  const double det = d[0][0] * (d[1][1] * d[2][2] - d[1][2] * d[2][1]) -
                     d[0][1] * (d[1][0] * d[2][2] - d[1][2] * d[2][0]) +
                     d[0][2] * (d[1][0] * d[2][1] - d[1][1] * d[2][0]);
  if (std::abs(det) < 1e-12) {
    throw std::invalid_argument("lpsToVoxel: the direction matrix is singular");
  }
  const Vec3 v{lps[0] - grid.origin[0], lps[1] - grid.origin[1], lps[2] - grid.origin[2]};
  Vec3 index{};
  for (int c = 0; c < 3; ++c) {
    Mat3 m = d;
    for (int r = 0; r < 3; ++r) m[r][c] = v[r];
    const double detC = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                        m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                        m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    index[c] = detC / det / grid.spacing[c];
  }
  return index;
}

Geometry modelGrid(const Geometry& image, const ModelManifest& manifest) {
  std::array<int, 3> axis{0, 1, 2};
  std::array<int, 3> sign{1, 1, 1};
  if (manifest.dimensionality != ModelDimensionality::Image2d) {
    const double lr = manifest.orientation == ModelOrientation::Ras ? -1.0 : 1.0;
    assignAxes(image.direction, {Vec3{lr, 0, 0}, Vec3{0, lr, 0}, Vec3{0, 0, 1}}, axis, sign);
  }
  Geometry grid;
  Vec3 corner{};  // continuous image index of the field's low corner in model axes
  std::array<double, 3> field{};
  for (std::size_t t = 0; t < 3; ++t) {
    const auto c = static_cast<std::size_t>(axis[t]);
    const double size = static_cast<double>(image.size[c]);
    corner[c] = sign[t] > 0 ? -0.5 : size - 0.5;
    field[t] = size * image.spacing[c];
    for (std::size_t r = 0; r < 3; ++r) grid.direction[r][t] = sign[t] * image.direction[r][c];
    grid.size[t] = image.size[c];
    grid.spacing[t] = image.spacing[c];
  }
  // A 2D model's size and spacing name x and y only; a slice model's slices stay as they are.
  for (std::size_t t = 0; t < 3; ++t) {
    if (t < manifest.inputSize.size()) {
      grid.size[t] = manifest.inputSize[t];
      grid.spacing[t] = field[t] / static_cast<double>(grid.size[t]);
    } else if (t < manifest.spacingMm.size()) {
      grid.spacing[t] = manifest.spacingMm[t];
      // Rounded up: the grid covers the whole field (its far end at most one voxel beyond), so
      // every image voxel lies on it when results come back.
      grid.size[t] = std::max<std::int64_t>(
          1, static_cast<std::int64_t>(std::ceil(field[t] / grid.spacing[t] - 1e-6)));
    }
  }
  const Vec3 low = voxelToLps(image, corner);
  for (std::size_t r = 0; r < 3; ++r) {
    grid.origin[r] = low[r];
    for (std::size_t t = 0; t < 3; ++t) {
      grid.origin[r] += grid.direction[r][t] * grid.spacing[t] / 2.0;
    }
  }
  return grid;
}

}  // namespace lumen::inference
