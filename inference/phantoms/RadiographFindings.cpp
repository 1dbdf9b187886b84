// Findings of the chest radiograph phantom that fill lung air: pleural effusion, consolidation,
// mass, nodule. Each is drawn from its own random stream whether or not it is present, so a
// case with a finding forced off is the same case without it. (The pneumothorax changes the
// lung itself and is drawn with it in RadiographRender.cpp; cardiomegaly is a heart size.)

#include <algorithm>
#include <cmath>

#include "inference/phantoms/RadiographModel.h"

namespace lumen::inference::phantoms::detail {
namespace {

constexpr int index(RadiographFinding finding) { return static_cast<int>(finding); }

/// A point well inside either lung, away from the heart, by rejection; falls back to the middle
/// of the right lung's lateral half, which every drawn anatomy has.
Vec2 placeInLung(const Anatomy& a, Random& random, double marginMm) {
  for (int attempt = 0; attempt < 400; ++attempt) {
    const double sign = random.chance(0.5) ? -1.0 : 1.0;
    const Vec2 p{sign * random.uniform(0.1, 0.95) * a.halfWidth,
                 a.apexY + random.uniform(0.05, 0.95) * a.height};
    if (wellInsideLung(a, p, marginMm)) return p;
  }
  return {-0.65 * a.halfWidth, a.apexY + 0.5 * a.height};
}

NoduleFinding makeRound(Random& random, const Anatomy& a, double radius, double lobulation,
                        bool spiculated) {
  NoduleFinding round;
  round.radius = radius;
  for (std::size_t k = 0; k < 4; ++k) {
    round.outline.order[k] = static_cast<int>(k) + 2;
    round.outline.amplitude[k] = random.uniform(0.0, lobulation);
    round.outline.phase[k] = random.uniform(0.0, 2.0 * M_PI);
  }
  for (std::size_t k = 4; k < 8; ++k) {
    round.outline.order[k] = 9 + static_cast<int>(random.uniform(0.0, 10.0));
    round.outline.amplitude[k] = spiculated ? random.uniform(0.0, 0.06) : 0.0;
    round.outline.phase[k] = random.uniform(0.0, 2.0 * M_PI);
  }
  round.centre = placeInLung(a, random, 0.7 * radius + 3.0);
  return round;
}

/// The lung region label of pixel i, or false.
inline bool inLungField(const Canvas& canvas, std::size_t i) {
  const auto region = static_cast<RadiographRegion>(canvas.regions[i]);
  return region == RadiographRegion::RightLung || region == RadiographRegion::LeftLung;
}

void drawRound(const Anatomy& a, const NoduleFinding& round, Canvas& canvas,
               std::vector<std::uint8_t>& mask) {
  const double reach = round.radius * 1.5;
  const PixelBox box =
      pixelBox(canvas.frame, round.centre - Vec2{reach, reach}, round.centre + Vec2{reach, reach});
  const double mu = a.mu * (1.0 - a.lungTissue);
  forEachPixel(canvas.frame, box, [&](std::size_t i, Vec2 p) {
    const Vec2 d = p - round.centre;
    const double edge = round.radius * round.outline.at(std::atan2(d.y, d.x));
    const double r = length(d);
    if (r >= edge) return;
    const double air = canvas.lungDepth[i];
    if (air <= 0.0f) return;
    const double chord = 2.0 * edge * std::sqrt(1.0 - (r * r) / (edge * edge));
    // 1.5: a nodule is denser than the blood and tissue it displaces from the lung.
    canvas.density[i] += static_cast<float>(1.5 * mu * round.contrast * std::min(chord, 1.0 * air));
    if (inLungField(canvas, i)) mask[i] = 1;
  });
}

}  // namespace

Findings makeFindings(std::uint64_t seed, const Anatomy& a,
                      const std::array<bool, kRadiographFindingCount>& present) {
  Findings f;
  f.present = present;
  {
    Random random(seed, 10);
    // 10–30 mm: a radiograph rarely shows a smaller nodule (at 256² one of 5–8 mm stood out from
    // the ribs and vessels around it by half their spread). Smaller ones are the CT phantom's.
    const double radius = random.logUniform(5.0, 15.0);
    const bool calcified = random.chance(0.1);
    f.nodule = makeRound(random, a, radius, 0.06, false);
    f.nodule.contrast = calcified ? random.uniform(1.5, 2.2) : random.uniform(0.5, 1.3);
  }
  {
    Random random(seed, 11);
    const double radius = random.uniform(15.5, 35.0);
    const bool spiculated = random.chance(0.5);
    f.mass = makeRound(random, a, radius, 0.14, spiculated);
    f.mass.contrast = random.uniform(0.45, 1.0);
  }
  {
    Random random(seed, 12);
    ConsolidationFinding& c = f.consolidation;
    const Vec2 centre = placeInLung(a, random, 12.0);
    c.blobCount = 3 + static_cast<int>(random.uniform(0.0, 4.0));
    c.low = centre;
    c.high = centre;
    for (int k = 0; k < c.blobCount; ++k) {
      c.blobs[k] = k == 0 ? centre : centre + 16.0 * Vec2{random.normal(), random.normal()};
      c.blobRadius[k] = random.uniform(10.0, 24.0);
      const double reach = 2.6 * c.blobRadius[k];
      c.low = {std::min(c.low.x, c.blobs[k].x - reach), std::min(c.low.y, c.blobs[k].y - reach)};
      c.high = {std::max(c.high.x, c.blobs[k].x + reach), std::max(c.high.y, c.blobs[k].y + reach)};
    }
    c.fill = random.uniform(0.35, 0.8);
    c.patches.make(random, 8.0, 520.0);
    if (random.chance(0.5)) {  // air bronchograms, running out from the hilum
      const Vec2 hilum = a.hilum[sideOf(centre)];
      const Vec2 along = centre - hilum;
      const double angle = std::atan2(along.y, along.x);
      for (int k = 0; k < 3; ++k) {
        const double turn = angle + random.uniform(-0.5, 0.5);
        const Vec2 start = centre - 25.0 * Vec2{std::cos(turn), std::sin(turn)};
        const Vec2 end = centre + 30.0 * Vec2{std::cos(turn + 0.2 * random.normal()),
                                              std::sin(turn + 0.2 * random.normal())};
        const double radius = random.uniform(1.2, 2.4);
        const double air = -a.mu * random.uniform(0.5, 0.9);
        Tube bronchus;
        bronchus.vertices = std::vector<TubeVertex>{{start, radius, air},
                                                    {0.5 * (start + end), radius * 0.8, air},
                                                    {end, radius * 0.5, air * 0.5}};
        c.bronchograms.push_back(std::move(bronchus));
      }
    }
  }
  {
    Random random(seed, 13);
    const int side = random.chance(0.5) ? 1 : 0;
    f.effusion.level[side] = random.logUniform(18.0, 120.0);
    if (random.chance(0.2))
      f.effusion.level[1 - side] = random.uniform(15.0, 0.8 * f.effusion.level[side] + 1.0);
    f.effusion.ramp = random.uniform(5.0, 20.0);
  }
  {
    Random random(seed, 14);
    PneumothoraxFinding& p = f.pneumothorax;
    p.side = random.chance(0.5) ? 1 : 0;
    p.gap = random.logUniform(6.0, 45.0);
    p.extentV = random.uniform(0.45, 0.95);
    p.lucency = random.uniform(0.55, 1.0);
    p.line = random.uniform(0.4, 1.2);
  }
  return f;
}

void drawLungFindings(const Anatomy& a, const Findings& f, Canvas& canvas, FindingMasks& masks) {
  const std::size_t pixels = canvas.density.size();
  const double mu = a.mu * (1.0 - a.lungTissue);
  const double angleY = a.apexY + a.height;
  const int effusionIndex = index(RadiographFinding::PleuralEffusion);
  if (f.present[effusionIndex]) {
    masks[effusionIndex].assign(pixels, 0);
    for (int side = 0; side < 2; ++side) {
      const double level = f.effusion.level[side];
      if (level <= 0.0) continue;
      const double sign = side == 0 ? -1.0 : 1.0;
      const Vec2 low{side == 0 ? -a.halfWidth - 5.0 : 0.0, angleY - level - 10.0};
      const Vec2 high{side == 0 ? 0.0 : a.halfWidth + 5.0, angleY + 10.0};
      forEachPixel(canvas.frame, pixelBox(canvas.frame, low, high), [&](std::size_t i, Vec2 p) {
        const double air = canvas.lungDepth[i];
        if (air <= 0.0f || sign * p.x <= 0.0) return;
        // The meniscus: fluid climbs the lateral wall and thickens downwards.
        const double s = std::min(1.0, std::fabs(p.x) / a.halfWidth);
        const double top = angleY - level * (0.3 + 0.7 * s * s * s * s);
        const double fluid = smoothstep((p.y - top) / f.effusion.ramp);
        if (fluid <= 0.0) return;
        canvas.density[i] += static_cast<float>(mu * air * 0.97 * fluid + a.mu * 6.0 * fluid);
        canvas.lungDepth[i] = static_cast<float>(air * (1.0 - fluid));
        canvas.markings[i] *= static_cast<float>(1.0 - fluid);
        if (fluid > 0.5 && inLungField(canvas, i)) masks[effusionIndex][i] = 1;
      });
    }
  }

  const int consolidationIndex = index(RadiographFinding::Consolidation);
  if (f.present[consolidationIndex]) {
    const ConsolidationFinding& c = f.consolidation;
    masks[consolidationIndex].assign(pixels, 0);
    std::vector<float> opacity(c.bronchograms.empty() ? 0 : pixels, 0.0f);
    forEachPixel(canvas.frame, pixelBox(canvas.frame, c.low, c.high), [&](std::size_t i, Vec2 p) {
      const double air = canvas.lungDepth[i];
      if (air <= 0.0f) return;
      double field = 0.0;
      for (int k = 0; k < c.blobCount; ++k) {
        const Vec2 d = p - c.blobs[k];
        field += std::exp(-0.5 * dot(d, d) / (c.blobRadius[k] * c.blobRadius[k]));
      }
      field *= 1.0 + 0.3 * c.patches.at(p);
      const double o = smoothstep((field - 0.25) / 0.6);
      if (o <= 0.0) return;
      const double filled = c.fill * o;
      canvas.density[i] += static_cast<float>(mu * air * filled);
      canvas.lungDepth[i] = static_cast<float>(air * (1.0 - filled));
      canvas.markings[i] *= static_cast<float>(1.0 - filled);
      if (!opacity.empty()) opacity[i] = static_cast<float>(filled);
      if (o > 0.5 && inLungField(canvas, i)) masks[consolidationIndex][i] = 1;
    });
    for (const Tube& bronchus : c.bronchograms)
      drawTube(canvas.frame, bronchus, canvas.density.data(), opacity.data());
  }

  for (const RadiographFinding kind : {RadiographFinding::Mass, RadiographFinding::Nodule}) {
    if (!f.present[index(kind)]) continue;
    masks[index(kind)].assign(pixels, 0);
    drawRound(a, kind == RadiographFinding::Mass ? f.mass : f.nodule, canvas, masks[index(kind)]);
  }
}

}  // namespace lumen::inference::phantoms::detail
