// Drawing primitives of the chest radiograph phantom: pixel boxes, tubes, smooth noise fields.

#include <algorithm>
#include <cmath>

#include "inference/phantoms/RadiographModel.h"

namespace lumen::inference::phantoms::detail {

PixelBox pixelBox(const Frame& frame, Vec2 low, Vec2 high) {
  const std::array<Vec2, 4> corners{Vec2{low.x, low.y}, Vec2{high.x, low.y}, Vec2{low.x, high.y},
                                    Vec2{high.x, high.y}};
  double c0 = 1e300, c1 = -1e300, r0 = 1e300, r1 = -1e300;
  for (const Vec2& corner : corners) {
    const Vec2 q = frame.toPixel(corner);
    c0 = std::min(c0, q.x);
    c1 = std::max(c1, q.x);
    r0 = std::min(r0, q.y);
    r1 = std::max(r1, q.y);
  }
  const double last = frame.size - 1;
  PixelBox box;
  if (c1 < 0.0 || r1 < 0.0 || c0 > last || r0 > last) return box;
  box.column0 = static_cast<int>(std::floor(std::max(c0, 0.0)));
  box.column1 = static_cast<int>(std::ceil(std::min(c1, last)));
  box.row0 = static_cast<int>(std::floor(std::max(r0, 0.0)));
  box.row1 = static_cast<int>(std::ceil(std::min(r1, last)));
  return box;
}

namespace {

/// Chord length (mm) through a disc of radius r at distance d from its centre.
inline double chord(double d, double r) { return d < r ? 2.0 * std::sqrt(r * r - d * d) : 0.0; }

/// Half width of the smooth bump a tube thinner than about a pixel is drawn as.
inline double thinReach(double r, double pixel) {
  return 2.5 * std::sqrt(0.25 * r * r + 0.25 * pixel * pixel);
}

/// The tube's projected thickness at distance d from its axis. A tube thinner than about a
/// pixel becomes a smooth bump (1 - (d/R)²)², nearly a Gaussian, with the same integral (π r²),
/// so it neither vanishes between pixel centres nor aliases.
inline double tubeProfile(double d, double r, bool hollow, double pixel) {
  if (r < 1.2 * pixel) {
    const double reach = thinReach(r, pixel);
    if (d >= reach) return 0.0;
    const double x = 1.0 - (d * d) / (reach * reach);
    return M_PI * r * r * 15.0 / (16.0 * reach) * x * x;
  }
  if (hollow && r > 2.0 * pixel) return chord(d, r) - 0.55 * chord(d, 0.78 * r);
  return chord(d, r);
}

inline double tubeReach(double r, double pixel) {
  return r < 1.2 * pixel ? thinReach(r, pixel) : r;
}

/// Unit tangent of the polyline at vertex i (the bisector direction at a joint).
Vec2 tangentAt(const std::vector<TubeVertex>& v, std::size_t i) {
  const Vec2 d = v[std::min(i + 1, v.size() - 1)].p - v[i == 0 ? 0 : i - 1].p;
  const double l = length(d);
  return l > 0.0 ? (1.0 / l) * d : Vec2{1.0, 0.0};
}

}  // namespace

void drawTube(const Frame& frame, const Tube& tube, float* target, const float* weight) {
  const auto& v = tube.vertices;
  const std::size_t n = v.size();
  if (n < 2) return;
  // Pixels are shared out between segments by the bisectors at the joints, so a bent tube is
  // drawn once everywhere, without seams or double density on the inside of bends.
  const double pixel = frame.spacing;
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const TubeVertex& a = v[k];
    const TubeVertex& b = v[k + 1];
    const Vec2 d = b.p - a.p;
    const double len = length(d);
    if (len <= 0.0 || (a.density == 0.0 && b.density == 0.0)) continue;
    const Vec2 u = (1.0 / len) * d;
    const double reach = tubeReach(std::max(a.radius, b.radius), pixel);
    const double pad = reach + pixel;
    const Vec2 low{std::min(a.p.x, b.p.x) - pad, std::min(a.p.y, b.p.y) - pad};
    const Vec2 high{std::max(a.p.x, b.p.x) + pad, std::max(a.p.y, b.p.y) + pad};
    const bool first = k == 0 && tube.roundEnds;
    const bool last = k + 2 == n && tube.roundEnds;
    const Vec2 startNormal = k == 0 ? u : tangentAt(v, k);
    const Vec2 endNormal = k + 2 == n ? u : tangentAt(v, k + 1);
    forEachPixelNearLine(
        frame, pixelBox(frame, low, high), a.p, u, reach, [&](std::size_t index, Vec2 p) {
          const Vec2 q = p - a.p;
          const double along = dot(q, startNormal);
          const double beyond = dot(p - b.p, endNormal);
          // Round caps at the two ends of the tube; elsewhere the bisectors share pixels out.
          if ((along < 0.0 && !first) || (beyond >= 0.0 && !last)) return;
          if (along < -reach || beyond > reach) return;
          const double t = clamp01(dot(q, u) / len);
          double distance = std::fabs(q.x * u.y - q.y * u.x);
          if (along < 0.0) distance = length(q);
          if (beyond >= 0.0) distance = length(p - b.p);
          const double r = a.radius + t * (b.radius - a.radius);
          const double value = tubeProfile(distance, r, tube.hollow, pixel);
          if (value <= 0.0) return;
          const double density = a.density + t * (b.density - a.density);
          target[index] += static_cast<float>(density * value * (weight ? weight[index] : 1.0f));
        });
  }
}

void NoiseField::make(Random& random, double cellMm, double extentMm) {
  cell = cellMm;
  n = static_cast<int>(std::ceil(extentMm / cellMm)) + 2;
  values.resize(static_cast<std::size_t>(n) * n);
  for (float& value : values) value = static_cast<float>(random.quickNormal());
}

double NoiseField::at(Vec2 p) const {
  const double half = 0.5 * (n - 2) * cell;
  const double gx = std::clamp((p.x + half) / cell, 0.0, n - 1.001);
  const double gy = std::clamp((p.y + half) / cell, 0.0, n - 1.001);
  const int ix = static_cast<int>(gx);
  const int iy = static_cast<int>(gy);
  // Smoothstepped weights: no visible grid, unlike plain bilinear weights.
  const double fx = smoothstep(gx - ix);
  const double fy = smoothstep(gy - iy);
  const float* row = values.data() + static_cast<std::size_t>(iy) * n + ix;
  const double top = row[0] + fx * (row[1] - row[0]);
  const double bottom = row[n] + fx * (row[n + 1] - row[n]);
  return top + fy * (bottom - top);
}

}  // namespace lumen::inference::phantoms::detail
