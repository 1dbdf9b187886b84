#include "render/ViewAxes.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "render/VolumeGeometryMath.h"

namespace lumen::render {
namespace {

core::Vec3 column(const core::Volume& volume, int axis) {
  const core::Mat3& d = volume.geometry().direction;
  return {d[0][axis], d[1][axis], d[2][axis]};
}

core::Vec3 scaled(const core::Vec3& v, double s) { return {v[0] * s, v[1] * s, v[2] * s}; }

/// ±column of `volume` along `axis`, signed to point the way `towards` does.
core::Vec3 signedColumn(const core::Volume& volume, int axis, const core::Vec3& towards) {
  const core::Vec3 c = column(volume, axis);
  return dot(c, towards) < 0.0 ? scaled(c, -1.0) : c;
}

}  // namespace

ViewAxes viewAxes(SliceOrientation orientation) {
  switch (orientation) {
    case SliceOrientation::Axial:
      return {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
    case SliceOrientation::Coronal:
      return {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
    case SliceOrientation::Sagittal:
      break;
  }
  return {{0, 1, 0}, {0, 0, 1}, {-1, 0, 0}};
}

ViewAxes viewAxes(SliceOrientation orientation, const core::Volume& volume) {
  if (volume.size()[2] == 1) {
    const core::Vec3 right = column(volume, 0);
    const core::Vec3 up = scaled(column(volume, 1), -1.0);
    return {right, up, cross(up, right)};
  }
  // The assignment of volume axes to screen right and up that best matches the textbook axes.
  const ViewAxes textbook = viewAxes(orientation);
  double best = -1.0;
  int bestRight = 0;
  int bestUp = 1;
  for (int r = 0; r < 3; ++r) {
    for (int u = 0; u < 3; ++u) {
      if (u == r) continue;
      const int i = 3 - r - u;
      const double match = std::abs(dot(column(volume, r), textbook.right)) +
                           std::abs(dot(column(volume, u), textbook.up)) +
                           std::abs(dot(column(volume, i), textbook.into));
      if (match > best + 1e-9) {
        best = match;
        bestRight = r;
        bestUp = u;
      }
    }
  }
  const core::Vec3 right = signedColumn(volume, bestRight, textbook.right);
  const core::Vec3 up = signedColumn(volume, bestUp, textbook.up);
  return {right, up, cross(up, right)};
}

std::string orientationLetters(const core::Vec3& direction) {
  const double length = std::sqrt(dot(direction, direction));
  if (length == 0.0) return {};
  static constexpr std::array<std::array<char, 2>, 3> kLetters{
      {{'L', 'R'}, {'P', 'A'}, {'S', 'I'}}};
  std::array<int, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return std::abs(direction[a]) > std::abs(direction[b]); });
  std::string letters;
  for (int axis : order) {
    const double share = direction[axis] / length;
    if (letters.empty() || std::abs(share) >= 0.25) {
      letters += kLetters[axis][share >= 0.0 ? 0 : 1];
    }
  }
  return letters;
}

std::array<std::string, 4> edgeLetters(const ViewAxes& axes) {
  return {orientationLetters(scaled(axes.right, -1.0)), orientationLetters(axes.right),
          orientationLetters(axes.up), orientationLetters(scaled(axes.up, -1.0))};
}

}  // namespace lumen::render
