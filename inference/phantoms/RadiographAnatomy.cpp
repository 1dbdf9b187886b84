// The normal anatomy of a synthetic PA chest radiograph: its shape functions (lungs, diaphragm,
// heart) and the random draw of one patient (sizes, ribs, clavicles, vessels, airways).

#include <algorithm>
#include <cmath>

#include "inference/phantoms/RadiographModel.h"

namespace lumen::inference::phantoms::detail {

double diaphragmY(const Anatomy& anatomy, double x) {
  const int side = x < 0.0 ? 0 : 1;
  const double s = std::fabs(x) / anatomy.halfWidth;
  const double top = anatomy.domeY[side];
  const double peak = anatomy.domeS[side];
  if (s >= peak) {
    const double angle = anatomy.apexY + anatomy.height;
    const double t = (s - peak) / (1.0 - peak);
    return top + (angle - top) * t * t;
  }
  const double t = (peak - s) / peak;
  return top + anatomy.cardiophrenicDrop[side] * t * t;
}

LungSample lungAt(const Anatomy& anatomy, int side, Vec2 p) {
  LungSample sample;
  const double x = side == 0 ? -p.x : p.x;  // mm lateral of the midline on this side
  const double w = anatomy.halfWidth;
  const double below = p.y - anatomy.apexY;  // mm below the apex
  sample.v = below / anatomy.height;
  if (x <= 0.0 || x > w || below <= -5.0) return sample;

  // Apical and lateral pleura: a straight lateral wall below the widest level, an ellipse
  // quadrant up to the apex, and a top falling towards the mediastinum medial of the apex.
  const double apexX = anatomy.apexS * w;
  const double widest = anatomy.widestV * anatomy.height;
  if (below >= widest) {
    sample.outer = w - x;
  } else if (x >= apexX) {
    const double ax = w - apexX;
    const double X = (x - apexX) / ax;
    const double Y = (widest - below) / widest;
    const double r = std::sqrt(X * X + Y * Y);
    const double gradient = std::sqrt(X * X / (ax * ax) + Y * Y / (widest * widest));
    sample.outer = gradient > 0.0 ? r * (1.0 - r) / gradient : widest;
  } else {
    const double t = (apexX - x) / apexX;
    sample.outer = below - anatomy.apexMedialDrop * anatomy.height * t * t;
  }
  if (sample.outer <= 0.0) return sample;

  // The upper mediastinum narrows to the paraspinal lines behind the heart.
  double medial = anatomy.mediastinum[side] +
                  (16.0 - anatomy.mediastinum[side]) * smoothstep((p.y - anatomy.heartTopY) / 30.0);
  if (side == 1) {
    const double k = (p.y - anatomy.knobY) / 14.0;
    medial += anatomy.knobBulge * std::exp(-k * k);
  }
  const double toMediastinum = x - medial;
  if (toMediastinum <= 0.0) return sample;
  const double toDiaphragm = diaphragmY(anatomy, p.x) - p.y;
  if (toDiaphragm <= 0.0) return sample;

  sample.inside = true;
  const double thickness = anatomy.lungDepth * (0.3 + 0.7 * smoothstep(1.2 * sample.v)) *
                           (1.0 - 0.3 * (x / w) * (x / w) * (x / w));
  sample.depth = thickness * roundEdge(sample.outer, 16.0) * roundEdge(toMediastinum, 6.0) *
                 roundEdge(toDiaphragm, 5.0);
  return sample;
}

double heartAt(const Heart& heart, Vec2 p) {
  const Vec2 d = p - heart.centre;
  const double along = (d.x * heart.cosTilt + d.y * heart.sinTilt) / heart.a;
  const double across = (-d.x * heart.sinTilt + d.y * heart.cosTilt) / heart.b;
  const double q = along * along + across * across;
  // Steeper than an ellipsoid's sqrt profile: the heart border is a sharp silhouette.
  return q < 1.0 ? std::min(1.0, 2.5 * std::sqrt(1.0 - q)) : 0.0;
}

bool wellInsideLung(const Anatomy& anatomy, Vec2 p, double marginMm) {
  for (int k = 0; k < 8; ++k) {
    const double angle = k * M_PI / 4.0;
    const Vec2 q = p + marginMm * Vec2{std::cos(angle), std::sin(angle)};
    const LungSample lung = lungAt(anatomy, sideOf(p), q);
    if (!lung.inside || lung.depth < 20.0) return false;
    if (heartAt(anatomy.hearts[0], q) > 0.0 || heartAt(anatomy.hearts[1], q) > 0.0) return false;
  }
  return true;
}

namespace {

double lateralWallX(const Anatomy& anatomy, double y) {
  const double below = y - anatomy.apexY;
  const double widest = anatomy.widestV * anatomy.height;
  if (below >= widest) return anatomy.halfWidth;
  const double apexX = anatomy.apexS * anatomy.halfWidth;
  const double Y = std::min(1.0, (widest - below) / widest);
  return apexX + (anatomy.halfWidth - apexX) * std::sqrt(1.0 - Y * Y);
}

/// Posterior ribs arching from the spine out and down to the lateral wall, turning into the
/// fainter anterior ribs that run down and inwards to the costal cartilages.
void addRibs(Anatomy& anatomy, Random& random) {
  const double pitch = anatomy.vertebraPitch;
  for (int side = 0; side < 2; ++side) {
    const double sign = side == 0 ? -1.0 : 1.0;
    for (int k = 0; k < 11; ++k) {
      const double headY = anatomy.apexY - 20.0 + k * pitch * (1.0 + 0.012 * k) + random.normal();
      const double drop = (k == 0 ? 16.0 : 24.0 + 1.6 * k) * random.uniform(0.85, 1.15);
      const double centreY = headY + drop;
      const double a = lateralWallX(anatomy, centreY) + random.uniform(2.0, 6.0);
      const double headX = random.uniform(16.0, 22.0);
      const double phi0 = std::asin(std::min(0.95, headX / a));
      const double cartilageX = random.uniform(0.3, 0.45) * a;
      const bool anterior = k < 8;
      const double phi1 = anterior ? M_PI - std::asin(cartilageX / a) : 0.5 * M_PI + 0.35;
      const double anteriorDrop = drop * random.uniform(1.0, 1.4);
      const double bump = random.uniform(2.0, 6.0);
      const double radius = (k == 0 ? 6.0 : 5.0 + 0.12 * k) * random.uniform(0.9, 1.1);
      const double strength = anatomy.mu * random.uniform(2.0, 2.8) * (k < 8 ? 1.0 : 0.5);
      Tube rib;
      rib.hollow = true;
      rib.roundEnds = true;
      const int steps = 28;
      for (int i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        const double phi = phi0 + (phi1 - phi0) * t;
        const bool posterior = phi < 0.5 * M_PI;
        const double y = centreY - (posterior ? drop : anteriorDrop) * std::cos(phi) -
                         (posterior ? bump * std::sin(2.0 * phi) : 0.0);
        TubeVertex vertex;
        vertex.p = {sign * a * std::sin(phi), y};
        const double lateral = std::clamp((phi - 0.5 * M_PI) / 0.5, 0.0, 1.0);
        vertex.radius = radius * (1.0 + 0.25 * lateral);
        double fade = std::min(1.0, (phi - phi0) / 0.25);
        if (!anterior && phi > 0.5 * M_PI) fade *= 1.0 - (phi - 0.5 * M_PI) / 0.35;
        if (anterior) fade *= std::min(1.0, (phi1 - phi) / 0.3);
        vertex.density = strength * fade * (1.0 - 0.8 * lateral);
        rib.vertices.push_back(vertex);
      }
      anatomy.bones.push_back(std::move(rib));
    }
    // Clavicle: from the sternal end out and up to the acromion, a gentle S.
    Tube clavicle;
    clavicle.hollow = true;
    clavicle.roundEnds = true;
    const Vec2 medial{sign * random.uniform(14.0, 24.0),
                      anatomy.apexY + random.uniform(10.0, 28.0)};
    const Vec2 lateral{sign * (anatomy.halfWidth + random.uniform(5.0, 30.0)),
                       anatomy.apexY + random.uniform(-12.0, 10.0)};
    const double curve = random.uniform(3.0, 8.0);
    const double radius = random.uniform(5.5, 7.0);
    const double strength = anatomy.mu * random.uniform(2.2, 2.8);
    for (int i = 0; i <= 16; ++i) {
      const double t = i / 16.0;
      TubeVertex vertex;
      vertex.p = medial + t * (lateral - medial);
      vertex.p.y += curve * std::sin(2.0 * M_PI * t);
      vertex.radius = radius * (1.0 + 0.4 * std::pow(1.0 - t, 4.0));
      vertex.density = strength * std::min(1.0, (1.0 - t) / 0.08 + 0.2);
      clavicle.vertices.push_back(vertex);
    }
    anatomy.bones.push_back(std::move(clavicle));
  }
}

/// Trachea down to the carina and the two main bronchi: air in the mediastinum.
void addAirways(Anatomy& anatomy, Random& random) {
  const double radius = random.uniform(7.5, 10.0);
  const double x = random.uniform(-4.0, 4.0);
  const double carinaY = anatomy.apexY + random.uniform(0.26, 0.32) * anatomy.height;
  const Vec2 carina{x + random.uniform(-3.0, 3.0), carinaY};
  const double air = -anatomy.mu * random.uniform(0.7, 0.9);
  Tube trachea;
  trachea.vertices = std::vector<TubeVertex>{
      {{x, -260.0}, radius, air}, {{x, anatomy.apexY}, radius, air}, {carina, radius * 0.9, air}};
  anatomy.airways.push_back(trachea);
  for (int side = 0; side < 2; ++side) {
    const double sign = side == 0 ? -1.0 : 1.0;
    const double angle =
        (side == 0 ? random.uniform(20.0, 32.0) : random.uniform(38.0, 52.0)) * M_PI / 180.0;
    const double reach = side == 0 ? random.uniform(22.0, 30.0) : random.uniform(40.0, 50.0);
    const Vec2 end = carina + reach * Vec2{sign * std::sin(angle), std::cos(angle)};
    Tube bronchus;
    bronchus.vertices =
        std::vector<TubeVertex>{{carina, radius * 0.8, air}, {end, radius * 0.6, air * 0.3}};
    anatomy.airways.push_back(bronchus);
  }
}

/// Pulmonary vessels branching from each hilum, tapering towards the pleura.
void addVessels(Anatomy& anatomy, Random& random) {
  struct Branch {
    Vec2 start;
    double angle;
    double radius;
    double length;
    int generation;
  };
  const double density = anatomy.mu * (1.0 - anatomy.lungTissue) * random.uniform(1.6, 2.2);
  for (int side = 0; side < 2; ++side) {
    const double lateral = side == 0 ? M_PI : 0.0;
    const double up = side == 0 ? 1.0 : -1.0;  // turning towards the apex
    // The main pulmonary artery of the hilum: the right one descends, the left arches over
    // its bronchus first.
    const Vec2 hilum = anatomy.hilum[side];
    const double sign = side == 0 ? -1.0 : 1.0;
    Tube artery;
    artery.roundEnds = true;
    artery.vertices = std::vector<TubeVertex>{
        {hilum + Vec2{-sign * 12.0, side == 0 ? -10.0 : -22.0}, 7.0, density},
        {hilum + Vec2{sign * 4.0, side == 0 ? 5.0 : -6.0}, 6.5, density},
        {hilum + Vec2{sign * 10.0, random.uniform(35.0, 50.0)}, 4.5, density},
        {hilum + Vec2{sign * 16.0, random.uniform(60.0, 75.0)}, 2.5, 0.0}};
    anatomy.vessels.push_back(std::move(artery));
    std::vector<Branch> pending;
    const int roots = 6 + (random.chance(0.5) ? 1 : 0);
    for (int k = 0; k < roots; ++k) {
      const double spread = (-75.0 + 150.0 * k / (roots - 1) + random.uniform(-8.0, 8.0));
      pending.push_back({anatomy.hilum[side] + Vec2{random.uniform(-5, 5), random.uniform(-8, 8)},
                         lateral + up * spread * M_PI / 180.0, random.uniform(3.5, 5.5),
                         random.uniform(22.0, 34.0), 0});
    }
    while (!pending.empty()) {
      const Branch branch = pending.back();
      pending.pop_back();
      const double bend = random.normal() * 0.12;
      const Vec2 direction{std::cos(branch.angle), std::sin(branch.angle)};
      const Vec2 normal{-direction.y, direction.x};
      const Vec2 middle =
          branch.start + 0.5 * branch.length * direction + bend * 0.5 * branch.length * normal;
      const Vec2 end = branch.start + branch.length * direction;
      const LungSample there = lungAt(anatomy, side, end);
      const bool continues = there.inside && there.outer > 4.0;
      const double endRadius = branch.radius * 0.85;
      Tube vessel;
      vessel.vertices =
          std::vector<TubeVertex>{{branch.start, branch.radius, density},
                                  {middle, 0.5 * (branch.radius + endRadius), density},
                                  {end, endRadius, continues ? density : 0.0}};
      anatomy.vessels.push_back(std::move(vessel));
      if (!continues || branch.generation >= 5) continue;
      const int children = random.chance(0.2) ? 3 : 2;
      for (int c = 0; c < children; ++c) {
        const double side_ = c == 0 ? -1.0 : (c == 1 ? 1.0 : 0.0);
        const double turn = side_ * random.uniform(0.3, 0.6) + random.normal() * 0.1;
        const double radius = branch.radius * random.uniform(0.66, 0.8);
        if (radius < 0.35) continue;
        pending.push_back({end, branch.angle + turn, radius,
                           branch.length * random.uniform(0.72, 0.9), branch.generation + 1});
      }
    }
  }
}

}  // namespace

Anatomy makeAnatomy(std::uint64_t seed, bool enlargedHeart) {
  Random random(seed, 1);
  Anatomy a;
  a.halfWidth = random.uniform(122.0, 148.0);
  a.height = random.uniform(225.0, 275.0);
  a.apexY = -0.56 * a.height + random.uniform(-8.0, 8.0);
  a.widestV = random.uniform(0.62, 0.78);
  a.apexS = random.uniform(0.38, 0.5);
  a.apexMedialDrop = random.uniform(0.08, 0.16);
  const double angleY = a.apexY + a.height;
  a.domeY[0] = angleY - random.uniform(32.0, 55.0);
  a.domeY[1] = a.domeY[0] + random.uniform(8.0, 25.0);
  a.domeY[1] = std::min(a.domeY[1], angleY - 18.0);
  for (int side = 0; side < 2; ++side) {
    a.domeS[side] = random.uniform(0.4, 0.6);
    a.cardiophrenicDrop[side] = random.uniform(10.0, 30.0);
  }
  a.mediastinum[0] = random.uniform(20.0, 30.0);
  a.mediastinum[1] = random.uniform(24.0, 34.0);
  a.knobBulge = random.uniform(10.0, 20.0);
  a.lungDepth = random.uniform(150.0, 190.0);
  a.lungTissue = random.uniform(0.2, 0.3);
  a.bodyMargin = random.uniform(14.0, 40.0);
  a.bodyDepth = std::max(a.lungDepth / 0.78, random.uniform(200.0, 270.0));
  a.neckHalf = random.uniform(45.0, 62.0);
  a.shoulderY = a.apexY - random.uniform(35.0, 60.0);

  // Heart: both sizes are drawn, so toggling cardiomegaly changes nothing else.
  const std::array<double, 2> ratios{random.uniform(0.38, 0.48), random.uniform(0.52, 0.66)};
  const double rightShare = random.uniform(0.3, 0.4);
  const double tilt = random.uniform(28.0, 45.0) * M_PI / 180.0;
  const double elongation = random.uniform(1.15, 1.4);
  const double sink = random.uniform(0.15, 0.35);
  for (std::size_t k = 0; k < 2; ++k) {
    Heart& heart = a.hearts[k];
    heart.cardiothoracicRatio = ratios[k];
    const double halfWidth = ratios[k] * a.halfWidth;
    heart.cosTilt = std::cos(tilt);
    heart.sinTilt = std::sin(tilt);
    const double c2 = heart.cosTilt * heart.cosTilt;
    const double s2 = heart.sinTilt * heart.sinTilt;
    heart.a = halfWidth / std::sqrt(c2 + s2 / (elongation * elongation));
    heart.b = heart.a / elongation;
    const double halfHeight = std::sqrt(heart.a * heart.a * s2 + heart.b * heart.b * c2);
    heart.centre = {halfWidth * (1.0 - 2.0 * rightShare), a.domeY[1] + (sink - 1.0) * halfHeight};
    if (k == 0) a.heartTopY = heart.centre.y - halfHeight;
  }
  a.heart = enlargedHeart ? 1 : 0;
  a.knobY = a.apexY + random.uniform(0.22, 0.3) * a.height;

  a.hilum[0] = {-random.uniform(38.0, 50.0), a.apexY + random.uniform(0.38, 0.46) * a.height};
  a.hilum[1] = {random.uniform(42.0, 55.0), a.apexY + random.uniform(0.33, 0.42) * a.height};
  a.vertebraPitch = a.height * random.uniform(0.088, 0.1);

  if (random.chance(0.45)) {
    a.breast = random.uniform(10.0, 35.0);
    a.breastRadius = random.uniform(60.0, 85.0);
    for (int side = 0; side < 2; ++side) {
      const double sign = side == 0 ? -1.0 : 1.0;
      a.breastCentre[side] = {sign * random.uniform(0.5, 0.7) * a.halfWidth,
                              angleY - random.uniform(20.0, 60.0)};
    }
  }
  a.gastricBubble = random.chance(0.75);
  a.bubbleRx = random.uniform(14.0, 30.0);
  a.bubbleRy = random.uniform(7.0, 15.0);
  const double bubbleX = random.uniform(0.3, 0.6) * a.halfWidth;
  a.bubbleCentre = {bubbleX, diaphragmY(a, bubbleX) + a.bubbleRy + random.uniform(4.0, 12.0)};

  a.texture.make(random, 9.0, 520.0);
  a.fineTexture.make(random, 4.0, 520.0);
  addRibs(a, random);
  addAirways(a, random);
  addVessels(a, random);
  return a;
}

}  // namespace lumen::inference::phantoms::detail
