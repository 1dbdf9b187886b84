#include "inference/phantoms/ChestTrees.h"

#include <cmath>

namespace lumen::inference::phantoms {
namespace {

constexpr float kBloodHu = 40.0f;
constexpr float kAirwayWallHu = 30.0f;
constexpr float kAirHu = -1000.0f;

/// How a tree branches: segments taper, then split in two by Murray's law (r³ = r1³ + r2³).
struct GrowthRules {
  double minRadiusMm;      ///< branches thinner than this end
  double lengthPerRadius;  ///< a segment is at most about this many radii long
  double taper;            ///< end radius / start radius of one segment
  std::size_t maxTubes;    ///< a bound on the tree's size
};

bool inLung(const ChestAnatomy& a, const Vec3& p) { return tissueAt(a, p).label == Label::Lung; }

/// Distance (mm, up to `limit`) that a ray from `start` along `dir` runs in the lung.
double freePath(const ChestAnatomy& a, const Vec3& start, const Vec3& dir, double limit) {
  const double step = std::clamp(limit / 12.0, 1.0, 3.0);
  for (double s = step; s <= limit; s += step) {
    if (!inLung(a, start + s * dir)) return s - step;
  }
  return limit;
}

/// `dir` turned by `angle` (radians) towards the unit vector `perp` (perpendicular to it).
Vec3 turned(const Vec3& dir, const Vec3& perp, double angle) {
  return normalized(std::cos(angle) * dir + std::sin(angle) * perp);
}

/// A random unit vector perpendicular to the unit vector `dir`.
Vec3 randomPerpendicular(SeededRandom& random, const Vec3& dir) {
  for (;;) {
    const Vec3 v = random.unitVector();
    const Vec3 p = v - dot(v, dir) * dir;
    if (norm(p) > 0.2) return normalized(p);
  }
}

/// Grows a tree from `start` along `dir` into the lung, appending its segments to `out`.
void growTree(const ChestAnatomy& a, SeededRandom& random, const Vec3& start, const Vec3& dir,
              double radius, const GrowthRules& rules, std::vector<Tube>& out) {
  struct Bud {
    Vec3 start, dir;
    double radius;
    int generation;
  };
  // The root runs from the hilum to a little way into the lung (painted over neither heart nor
  // chest wall); where its direction meets no lung, nearby directions are tried.
  Vec3 rootDir = normalized(dir);
  double entry = -1.0;
  for (int attempt = 0; attempt < 16 && entry < 0; ++attempt) {
    if (attempt > 0) rootDir = normalized(normalized(dir) + (0.1 * attempt) * random.unitVector());
    for (double s = 0.0; s <= 60.0; s += 1.5) {
      if (inLung(a, start + s * rootDir) && inLung(a, start + (s + 8.0) * rootDir)) {
        entry = s;
        break;
      }
    }
  }
  if (entry < 0) return;
  const Vec3 inside =
      start + (entry + std::min(0.6 * rules.lengthPerRadius * radius, 15.0)) * rootDir;
  out.push_back({start, inside, radius, radius * rules.taper, true});
  std::vector<Bud> buds{{inside, rootDir, radius, 1}};
  std::size_t made = 0;
  while (!buds.empty() && made < rules.maxTubes) {
    const Bud bud = buds.back();
    buds.pop_back();
    const double reach = std::clamp(3.5 * rules.lengthPerRadius * bud.radius, 8.0, 90.0);
    const double room = freePath(a, bud.start, bud.dir, reach);
    // Branches end a little short of the pleura, as visible vessels do, and take part of the
    // room ahead of them.
    if (room < 3.0 + bud.radius) continue;
    const double longest = rules.lengthPerRadius * bud.radius * random.uniform(0.7, 1.2);
    const double length = std::max(2.0, std::min(room * random.uniform(0.15, 0.35), longest));
    const Vec3 end = bud.start + length * bud.dir;
    out.push_back({bud.start, end, bud.radius, bud.radius * rules.taper});
    ++made;
    // The children share the parent's flow, not its tapered end (which would thin the tree
    // generation after generation).
    const double endRadius = bud.radius;
    if (endRadius < rules.minRadiusMm || bud.generation > 40) continue;

    // Two children in one plane, the thicker turning less; of two random planes keep the one
    // that leaves them more lung ahead. A slight pull away from the root spreads the tree.
    const double flow = random.uniform(0.5, 0.85);
    const double radii[2] = {endRadius * std::cbrt(flow), endRadius * std::cbrt(1.0 - flow)};
    const double angles[2] = {random.uniform(0.1, 0.45), random.uniform(0.55, 1.25)};
    const Vec3 away = norm(end - start) > 1.0 ? normalized(end - start) : bud.dir;
    Vec3 best[2] = {bud.dir, bud.dir};
    double bestRoom = -1.0;
    for (int attempt = 0; attempt < 2; ++attempt) {
      const Vec3 perp = randomPerpendicular(random, bud.dir);
      Vec3 dirs[2];
      double total = 0.0;
      for (int c = 0; c < 2; ++c) {
        dirs[c] = normalized(turned(bud.dir, (c == 0 ? 1.0 : -1.0) * perp, angles[c]) + 0.2 * away);
        total += freePath(a, end, dirs[c], 4.0 * rules.lengthPerRadius * radii[c]);
      }
      if (total > bestRoom) {
        bestRoom = total;
        best[0] = dirs[0];
        best[1] = dirs[1];
      }
    }
    for (int c = 0; c < 2; ++c) {
      if (radii[c] >= rules.minRadiusMm)
        buds.push_back({end, best[c], radii[c], bud.generation + 1});
    }
  }
}

/// Appends a tube along the curve from `from` to `to`, bulging by `bulge` at its middle, in
/// `pieces` straight pieces of radius `radius`.
void addArc(std::vector<Tube>& out, const Vec3& from, const Vec3& to, const Vec3& bulge,
            double radius, int pieces) {
  Vec3 previous = from;
  for (int n = 1; n <= pieces; ++n) {
    const double t = static_cast<double>(n) / pieces;
    const Vec3 point = from + t * (to - from) + std::sin(M_PI * t) * bulge;
    out.push_back({previous, point, radius, radius});
    previous = point;
  }
}

}  // namespace

ChestTubes growChestTubes(const ChestAnatomy& a, SeededRandom& airwayRandom,
                          SeededRandom& vesselRandom) {
  ChestTubes tubes;
  const double w = a.mediastinumHalfWidth;
  const double front = a.spineY - a.vertebraRadius;  // the front of the vertebral bodies
  const double tracheaY = front - 24.0;
  const double heartTop = a.heartCentre[2] + a.heartAxes[2];
  const double top = a.lungTopZ + 120.0;  // above any grid's top

  // Airways: trachea, main bronchi (the right one shorter and steeper), then lobar bronchi.
  const Vec3 carina = a.lps(0, tracheaY + 4, a.carinaZ);
  tubes.airways.push_back({a.lps(0, tracheaY - 6, top), carina, 9.0, 9.0, true});
  const Vec3 rightBronchus = a.lps(-w - 8, tracheaY + 10, a.carinaZ - 22);
  const Vec3 leftBronchus = a.lps(w + 16, tracheaY + 12, a.carinaZ - 32);
  tubes.airways.push_back({carina, rightBronchus, 7.0, 6.5, true});
  tubes.airways.push_back({carina, leftBronchus, 6.0, 5.5, true});
  const GrowthRules airwayRules{1.3, 5.0, 0.93, 400};
  const struct {
    Vec3 start, dir;
    double radius;
  } airwayRoots[] = {{rightBronchus, {-0.8, 0.1, 0.55}, 4.5},
                     {rightBronchus, {-0.3, 0.2, -0.9}, 5.5},
                     {leftBronchus, {0.6, -0.2, 0.75}, 4.5},
                     {leftBronchus, {0.4, 0.3, -0.85}, 4.8}};
  for (const auto& root : airwayRoots) {
    growTree(a, airwayRandom, root.start, root.dir, root.radius, airwayRules, tubes.airways);
  }

  // Pulmonary arteries: trunk from the heart, right and left arteries to the hila, trees from
  // there. Veins: trees from each lung back to the left atrium.
  const Vec3 trunkStart = a.lps(a.heartCentre[0] - 8, a.heartCentre[1] - 12, heartTop - 18);
  const Vec3 bifurcation = a.lps(8, tracheaY - 14, a.carinaZ - 8);
  const Vec3 rightHilum = a.lps(-w - 6, tracheaY - 8, a.carinaZ - 24);
  const Vec3 leftHilum = a.lps(w + 10, tracheaY + 4, a.carinaZ - 12);
  tubes.greatVessels.push_back({trunkStart, bifurcation, 13.0, 12.0});
  tubes.greatVessels.push_back({bifurcation, rightHilum, 10.0, 9.0});
  addArc(tubes.greatVessels, bifurcation, leftHilum, {0, 0, 8}, 9.5, 3);
  const Vec3 atrium = a.lps(8, a.heartCentre[1] + 0.6 * a.heartAxes[1], a.heartCentre[2] + 12);
  const GrowthRules vesselRules{0.5, 7.0, 0.93, 8000};
  const struct {
    Vec3 start, dir;
    double radius;
    bool vein;
  } vesselRoots[] = {
      {rightHilum, {-0.7, -0.1, 0.7}, 6.0, false},
      {rightHilum, {-0.4, 0.35, -0.85}, 5.0, false},
      {a.lps(-w - 6, front - 4, a.carinaZ - 45), {-0.3, 0.3, -0.9}, 6.0, false},
      {rightHilum, {-0.6, -0.6, -0.45}, 4.5, false},
      {leftHilum, {0.6, -0.1, 0.75}, 6.0, false},
      {leftHilum, {0.4, 0.35, -0.85}, 5.0, false},
      {a.lps(w + 8, front - 4, a.carinaZ - 40), {0.3, 0.3, -0.9}, 6.0, false},
      {leftHilum, {0.6, -0.6, -0.45}, 4.5, false},
      {a.lps(-w - 2, tracheaY - 14, a.carinaZ - 45), {-0.6, -0.35, 0.7}, 6.0, true},
      {a.lps(-w - 2, tracheaY + 6, a.carinaZ - 60), {-0.6, 0.3, -0.75}, 6.0, true},
      {a.lps(-w - 4, front - 12, a.carinaZ - 75), {-0.5, 0.2, -0.85}, 5.5, true},
      {a.lps(w + 4, tracheaY - 10, a.carinaZ - 40), {0.6, -0.35, 0.7}, 6.0, true},
      {a.lps(w + 4, tracheaY + 8, a.carinaZ - 58), {0.6, 0.3, -0.75}, 6.0, true},
      {a.lps(w + 6, front - 12, a.carinaZ - 72), {0.5, 0.2, -0.85}, 5.5, true},
  };
  for (const auto& root : vesselRoots) {
    if (root.vein) tubes.greatVessels.push_back({atrium, root.start, 6.0, root.radius});
    growTree(a, vesselRandom, root.start, root.dir, root.radius, vesselRules,
             tubes.pulmonaryVessels);
  }

  // Aorta (ascending, arch, descending), venae cavae, neck vessels, oesophagus.
  const Vec3 archStart = a.lps(-2, tracheaY - 26, a.carinaZ + 22);
  const Vec3 archEnd = a.lps(22, front - 6, a.carinaZ + 22);
  tubes.greatVessels.push_back(
      {a.lps(2, a.heartCentre[1] + 4, heartTop - 22), archStart, 14.0, 13.0});
  addArc(tubes.greatVessels, archStart, archEnd, {8, 0, 16}, 12.5, 6);
  tubes.greatVessels.push_back({archEnd, a.lps(18, front - 8, a.lungBaseZ - 80), 12.0, 11.0});
  tubes.greatVessels.push_back({a.lps(-24, tracheaY - 18, a.lungTopZ + 40),
                                a.lps(-22, a.heartCentre[1] + 10, heartTop - 6), 9.0, 9.5});
  tubes.greatVessels.push_back({a.lps(-15, a.heartCentre[1] + 25, a.heartCentre[2] - 30),
                                a.lps(-14, front - 6, a.lungBaseZ - 80), 12.0, 12.0});
  tubes.greatVessels.push_back(
      {archStart + Vec3{0, 0, 8}, a.lps(-16, tracheaY - 20, top), 7.0, 6.0});
  tubes.greatVessels.push_back(
      {a.lps(10, tracheaY - 26, a.carinaZ + 36), a.lps(12, tracheaY - 16, top), 4.5, 4.0});
  tubes.greatVessels.push_back({a.lps(18, tracheaY - 16, a.carinaZ + 36),
                                a.lps(26, tracheaY - 6, a.lungTopZ + 30), 5.0, 5.0});
  tubes.greatVessels.push_back(
      {a.lps(5, front - 8, top), a.lps(10, front - 10, a.lungBaseZ), 7.0, 7.0});
  return tubes;
}

void paintGreatVessels(Canvas& canvas, const std::vector<Tube>& tubes) {
  const double soft = canvas.softMm();
  for (const Tube& tube : tubes) {
    forEachTubeVoxel(canvas, tube, soft, [&](std::int64_t at, const Vec3&, double depth) {
      auto& label = canvas.label[at];
      if (label == static_cast<std::uint8_t>(Label::Air)) return;
      if (label == static_cast<std::uint8_t>(Label::Wall) && canvas.hu[at] > 200.0f) return;
      canvas.hu[at] += (kBloodHu - canvas.hu[at]) * coverage(depth, soft);
      if (depth >= 0 && label == static_cast<std::uint8_t>(Label::Lung)) {
        label = static_cast<std::uint8_t>(Label::Mediastinum);
      }
    });
  }
}

void paintPulmonaryVessels(Canvas& canvas, const std::vector<Tube>& tubes) {
  const double soft = canvas.softMm();
  for (const Tube& tube : tubes) {
    forEachTubeVoxel(canvas, tube, soft, [&](std::int64_t at, const Vec3&, double depth) {
      const auto label = static_cast<Label>(canvas.label[at]);
      if (label != Label::Lung && !(tube.mediastinal && label == Label::Mediastinum)) return;
      canvas.hu[at] += (kBloodHu - canvas.hu[at]) * coverage(depth, soft);
    });
  }
}

void paintAirways(Canvas& canvas, const std::vector<Tube>& tubes) {
  const double soft = canvas.softMm();
  for (const Tube& tube : tubes) {
    const double wallMm = std::clamp(0.2 * std::max(tube.ra, tube.rb), 0.9, 2.0);
    forEachTubeVoxel(canvas, tube, soft, [&](std::int64_t at, const Vec3&, double depth) {
      const auto label = static_cast<Label>(canvas.label[at]);
      if (label == Label::Air || label == Label::Heart) return;
      if (label != Label::Lung && !tube.mediastinal) return;
      float& hu = canvas.hu[at];
      hu += (kAirwayWallHu - hu) * coverage(depth, soft);
      hu += (kAirHu - hu) * coverage(depth - wallMm, soft);
    });
  }
}

bool nearAnyTube(const std::vector<Tube>& tubes, const Vec3& p, double marginMm) {
  for (const Tube& tube : tubes) {
    const Vec3 axis = tube.b - tube.a;
    const double t = std::clamp(dot(p - tube.a, axis) / std::max(dot(axis, axis), 1e-12), 0.0, 1.0);
    const double r = tube.ra + (tube.rb - tube.ra) * t;
    if (norm(p - tube.a - t * axis) < r + marginMm) return true;
  }
  return false;
}

}  // namespace lumen::inference::phantoms
