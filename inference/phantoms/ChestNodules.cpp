#include "inference/phantoms/ChestNodules.h"

#include "inference/phantoms/ChestTrees.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace lumen::inference::phantoms {
namespace {

double legendre(int order, double c) {
  switch (order) {
    case 2:
      return 0.5 * (3 * c * c - 1);
    case 3:
      return 0.5 * (5 * c * c * c - 3 * c);
    case 4:
      return 0.125 * (35 * c * c * c * c - 30 * c * c + 3);
    default:
      return 0.125 * (63 * c * c * c * c * c - 70 * c * c * c + 15 * c);
  }
}

bool inLung(const ChestAnatomy& a, const Vec3& p) { return tissueAt(a, p).label == Label::Lung; }

/// 26 unit directions: to the faces, edges and corners of a cube.
std::vector<Vec3> probeDirections() {
  std::vector<Vec3> out;
  for (int x = -1; x <= 1; ++x)
    for (int y = -1; y <= 1; ++y)
      for (int z = -1; z <= 1; ++z)
        if (x || y || z) out.push_back(normalized({double(x), double(y), double(z)}));
  return out;
}

Nodule::Kind drawKind(SeededRandom& random, const std::array<double, 3>& weights) {
  const double total = weights[0] + weights[1] + weights[2];
  double pick = random.uniform(0.0, total);
  if ((pick -= weights[0]) < 0) return Nodule::Kind::Solid;
  if ((pick -= weights[1]) < 0) return Nodule::Kind::PartSolid;
  return Nodule::Kind::GroundGlass;
}

/// Everything about a nodule but where it is.
NoduleShape drawShape(SeededRandom& random, const ChestCtOptions& options) {
  NoduleShape s;
  Nodule& n = s.nodule;
  n.kind = drawKind(random, options.kindWeights);
  n.diameterMm =
      std::exp(random.uniform(std::log(options.minDiameterMm), std::log(options.maxDiameterMm)));
  s.radiusMm = 0.5 * n.diameterMm;
  n.lobulated = n.diameterMm >= 6.0 && random.chance(0.35);
  double reach = 1.0;
  for (std::size_t m = 0; m < 3; ++m) {
    s.lobeAxes[m] = random.unitVector();
    s.lobeOrders[m] = random.integer(2, 5);
    s.lobeAmplitudes[m] = n.lobulated ? random.uniform(0.06, 0.13) : random.uniform(0.0, 0.04);
    reach += s.lobeAmplitudes[m];
  }
  switch (n.kind) {
    case Nodule::Kind::Solid:
      s.solidHu = static_cast<float>(random.uniform(5, 55));
      n.solidDiameterMm = n.diameterMm;
      break;
    case Nodule::Kind::PartSolid:
      s.glassHu = static_cast<float>(random.uniform(-560, -340));
      s.solidHu = static_cast<float>(random.uniform(0, 45));
      s.coreRadiusMm = s.radiusMm * random.uniform(0.3, 0.55);
      n.solidDiameterMm = 2.0 * s.coreRadiusMm;
      break;
    case Nodule::Kind::GroundGlass:
      s.glassHu = static_cast<float>(random.uniform(-660, -440));
      break;
  }
  n.spiculated = n.kind != Nodule::Kind::GroundGlass && n.diameterMm >= 8.0 && random.chance(0.3);
  s.boundMm = s.radiusMm * reach + 1.0;
  return s;
}

/// The spicules of a placed nodule: thin tapering strands from inside its outline outwards.
void addSpicules(NoduleShape& s, SeededRandom& random) {
  const int count = random.integer(6, 12);
  double longest = 0.0;
  for (int n = 0; n < count; ++n) {
    const Vec3 u = random.unitVector();
    const double r = s.radiusAlong(u, 1.0);
    const double length = std::min(12.0, s.radiusMm * random.uniform(0.4, 1.0) + 2.0);
    s.spicules.push_back({s.nodule.centreLps + (0.7 * r) * u, s.nodule.centreLps + (r + length) * u,
                          random.uniform(1.0, 1.5), 0.35});
    longest = std::max(longest, r + length);
  }
  s.boundMm = std::max(s.boundMm, longest + 1.0);
}

}  // namespace

double NoduleShape::radiusAlong(const Vec3& u, double scale) const {
  double r = 1.0;
  for (std::size_t m = 0; m < 3; ++m)
    r += lobeAmplitudes[m] * legendre(lobeOrders[m], dot(u, lobeAxes[m]));
  return scale * radiusMm * r;
}

std::vector<NoduleShape> placeNodules(const ChestAnatomy& a, const std::vector<Tube>& greatVessels,
                                      const Geometry& grid, const ChestCtOptions& options,
                                      SeededRandom& random) {
  const std::vector<Vec3> probes = probeDirections();
  Vec3 gridLo, gridHi;
  for (std::size_t axis = 0; axis < 3; ++axis) {
    gridLo[axis] = grid.origin[axis];
    gridHi[axis] =
        grid.origin[axis] + grid.spacing[axis] * static_cast<double>(grid.size[axis] - 1);
  }
  // Inside the grid (with room for blur and a margin) and clear of the nodules placed so far.
  std::vector<NoduleShape> placed;
  const auto fits = [&](const Vec3& c, double bound) {
    for (std::size_t axis = 0; axis < 3; ++axis) {
      if (c[axis] - bound - 4.0 < gridLo[axis] || c[axis] + bound + 4.0 > gridHi[axis])
        return false;
    }
    for (const NoduleShape& other : placed) {
      if (norm(c - other.nodule.centreLps) <= bound + other.boundMm + 2.0) return false;
    }
    return true;
  };
  const int count = random.integer(options.minNodules, options.maxNodules);
  for (int n = 0; n < count; ++n) {
    NoduleShape shape = drawShape(random, options);
    const double r = shape.radiusMm;
    const double unspiculatedBound = shape.boundMm;
    bool done = false;
    for (int attempt = 0; attempt < 2000 && !done; ++attempt) {
      const bool juxta = random.chance(options.juxtaPleuralFraction);
      Vec3 c =
          a.lps(random.uniform(-a.lungCentreX - a.lungHalfWidth, a.lungCentreX + a.lungHalfWidth),
                random.uniform(-a.lungHalfDepth, a.lungHalfDepth),
                random.uniform(a.lungBaseZ, a.lungTopZ));
      if (!inLung(a, c)) continue;
      if (juxta) {
        // Walk to the lung's edge and back off so that most of the nodule stays in the lung.
        const Vec3 u = random.unitVector();
        double s = 0.0;
        while (s < 200.0 && inLung(a, c + (s + 1.0) * u)) s += 1.0;
        c = c + (s - 0.75 * r) * u;
        if (!inLung(a, c)) continue;
        int inside = 0;
        for (const Vec3& d : probes) inside += inLung(a, c + r * d) ? 1 : 0;
        if (inside < 20) continue;
      } else {
        bool clear = true;
        for (const Vec3& d : probes) {
          if (!inLung(a, c + (shape.boundMm + 1.5) * d)) {
            clear = false;
            break;
          }
        }
        if (!clear) continue;
      }
      if (nearAnyTube(greatVessels, c, shape.boundMm + 2.0) || !fits(c, shape.boundMm)) continue;
      shape.nodule.centreLps = c;
      shape.nodule.juxtaPleural = juxta;
      if (shape.coreRadiusMm > 0) shape.coreCentre = c + (0.12 * r) * random.unitVector();
      if (shape.nodule.spiculated) {
        addSpicules(shape, random);
        if (!fits(c, shape.boundMm)) {  // the spicules reach too far: try elsewhere
          shape.spicules.clear();
          shape.boundMm = unspiculatedBound;
          continue;
        }
      }
      done = true;
    }
    if (!done) {
      throw std::runtime_error("chest CT phantom: no room for a " +
                               std::to_string(shape.nodule.diameterMm) + " mm nodule (nodule " +
                               std::to_string(n + 1) + " of " + std::to_string(count) + ")");
    }
    placed.push_back(std::move(shape));
  }
  return placed;
}

void paintNodules(Canvas& canvas, const std::vector<NoduleShape>& nodules) {
  const double soft = canvas.softMm();
  constexpr auto lung = static_cast<std::uint8_t>(Label::Lung);
  for (const NoduleShape& s : nodules) {
    const Vec3& c = s.nodule.centreLps;
    const Vec3 lo = c - Vec3{s.boundMm, s.boundMm, s.boundMm};
    const Vec3 hi = c + Vec3{s.boundMm, s.boundMm, s.boundMm};
    std::array<std::int64_t, 3> from, to;
    if (canvas.range(lo, hi, from, to)) {
      const bool glass = s.nodule.kind != Nodule::Kind::Solid;
      for (std::int64_t k = from[2]; k < to[2]; ++k) {
        for (std::int64_t j = from[1]; j < to[1]; ++j) {
          for (std::int64_t i = from[0]; i < to[0]; ++i) {
            const std::int64_t at = canvas.offset(i, j, k);
            if (canvas.label[at] != lung) continue;
            const Vec3 p = canvas.centre(i, j, k);
            const Vec3 d = p - c;
            const double distance = norm(d);
            const Vec3 u = distance > 1e-9 ? (1.0 / distance) * d : Vec3{1, 0, 0};
            const double depth = s.radiusAlong(u, 1.0) - distance;
            if (depth < -soft) continue;
            float& hu = canvas.hu[at];
            const float f = coverage(depth, soft);
            if (glass) {
              hu = std::max(hu, hu + (s.glassHu - hu) * f);  // vessels show through
            } else {
              hu += (s.solidHu - hu) * f;
            }
            bool inside = depth >= 0;
            if (s.coreRadiusMm > 0) {
              const Vec3 dc = p - s.coreCentre;
              const double dcn = norm(dc);
              const Vec3 uc = dcn > 1e-9 ? (1.0 / dcn) * dc : Vec3{1, 0, 0};
              const double core = s.radiusAlong(uc, s.coreRadiusMm / s.radiusMm) - dcn;
              hu += (s.solidHu - hu) * coverage(core, soft);
              inside = inside || core >= 0;
            }
            if (inside) canvas.mask[at] = 1;
          }
        }
      }
    }
    for (const Tube& spicule : s.spicules) {
      forEachTubeVoxel(canvas, spicule, soft, [&](std::int64_t at, const Vec3&, double depth) {
        if (canvas.label[at] != lung) return;
        canvas.hu[at] += (s.solidHu - canvas.hu[at]) * coverage(depth, soft);
        if (depth >= 0) canvas.mask[at] = 1;
      });
    }
  }
}

}  // namespace lumen::inference::phantoms
