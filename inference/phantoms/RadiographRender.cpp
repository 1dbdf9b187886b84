// Draws the normal anatomy of a synthetic chest radiograph into a density canvas: body, lungs
// (with a pneumothorax when there is one, since it changes the lung itself), heart, mediastinum,
// airways, vessels, bones.

#include <algorithm>
#include <cmath>

#include "inference/phantoms/RadiographModel.h"

namespace lumen::inference::phantoms::detail {
namespace {

/// Soft tissue thickness (mm) along the ray through p, and how far inside the outline p is.
struct BodySample {
  double path = 0.0;
  double inside = 0.0;  ///< mm inside the lateral skin
};

BodySample bodyAt(const Anatomy& a, Vec2 p) {
  BodySample body;
  const double x = std::fabs(p.x);
  // Neck: a narrower, thinner cylinder above the shoulders.
  double neck = 0.0;
  if (x < a.neckHalf) {
    const double t = x / a.neckHalf;
    neck = 0.55 * a.bodyDepth * std::sqrt(1.0 - t * t);
  }
  // Trunk below the sloping line of the shoulders, wider at the shoulders than at the chest.
  const double shoulderLine = a.shoulderY + 0.35 * std::max(0.0, x - a.neckHalf);
  double trunk = 0.0;
  double half = a.halfWidth + a.bodyMargin;
  half += 70.0 * smoothstep((a.apexY + 90.0 - p.y) / 160.0);
  if (x < half && p.y > shoulderLine) {
    const double t = x / half;
    trunk = a.bodyDepth * std::sqrt(1.0 - t * t) * roundEdge(p.y - shoulderLine, 45.0);
    body.inside = half - x;
  }
  if (neck > trunk) {
    body.path = neck;
    body.inside = a.neckHalf - x;
  } else {
    body.path = trunk;
  }
  return body;
}

/// A Gaussian line `sigma` mm wide, widened to at least the pixel size with its integral kept.
struct Line {
  double sigma;
  double amplitude;
  Line(double sigmaMm, double pixel, double integral) {
    sigma = std::sqrt(sigmaMm * sigmaMm + 0.25 * pixel * pixel);
    amplitude = integral / (sigma * 2.5066282746310002);
  }
  double at(double d) const {
    return std::fabs(d) > 4.0 * sigma ? 0.0 : amplitude * std::exp(-0.5 * d * d / (sigma * sigma));
  }
};

/// A thoracic vertebra seen from the front: body, pedicles, spinous process.
void drawVertebra(const Anatomy& a, double centreY, Canvas& canvas) {
  const double below = centreY - a.apexY;
  const double hw = std::clamp(15.0 + 0.035 * below, 14.0, 26.0);
  const double hh = 0.38 * a.vertebraPitch;
  const double mu = a.mu;
  const PixelBox box =
      pixelBox(canvas.frame, {-hw - 2.0, centreY - hh - 12.0}, {hw + 2.0, centreY + hh + 14.0});
  float* density = canvas.density.data();
  forEachPixel(canvas.frame, box, [&](std::size_t index, Vec2 p) {
    const double dx = p.x;
    const double dy = p.y - centreY;
    double value = 0.0;
    if (std::fabs(dx) < hw && std::fabs(dy) < hh) {
      const double across = std::sqrt(1.0 - (dx * dx) / (hw * hw));
      const double inner =
          std::fabs(dx) < 0.85 * hw ? std::sqrt(1.0 - (dx * dx) / (0.7225 * hw * hw)) : 0.0;
      const double endplate = roundEdge(hh - std::fabs(dy), 2.5);
      value += mu * hw * (0.3 * across - 0.12 * inner) * endplate;
      const double rim = (hh - std::fabs(dy)) / 1.2;
      value += mu * 1.0 * std::exp(-rim * rim) * across;
    }
    for (int s = -1; s <= 1; s += 2) {  // pedicles: bright rings in the upper body
      const double px = (dx - s * (hw - 5.0)) / 4.0;
      const double py = (dy + 0.3 * hh) / 6.0;
      const double q = px * px + py * py;
      if (q < 1.0)
        value += mu * 3.5 * (std::sqrt(1.0 - q) - 0.7 * std::sqrt(std::max(0.0, 1.0 - 2.0 * q)));
    }
    const double sx = dx / 3.5;
    const double sy = (dy - 0.55 * hh) / 9.0;
    const double q = sx * sx + sy * sy;
    if (q < 1.0) value += mu * 3.0 * std::sqrt(1.0 - q);
    density[index] += static_cast<float>(value);
  });
}

}  // namespace

void drawSoftTissue(const Anatomy& a, const Findings& findings, Canvas& canvas,
                    FindingMasks& masks) {
  const Frame& frame = canvas.frame;
  const double pixel = frame.spacing;
  const double mu = a.mu;
  const Line skin(0.8, pixel, 1.6);
  const PneumothoraxFinding& ptx = findings.pneumothorax;
  const int ptxIndex = static_cast<int>(RadiographFinding::Pneumothorax);
  const bool hasPtx = findings.present[ptxIndex];
  if (hasPtx) masks[ptxIndex].assign(canvas.density.size(), 0);
  const Line pleura(0.35, pixel, 1.2 * ptx.line);
  const double mediastinumBottom = std::min(a.domeY[0], a.domeY[1]) - 10.0;
  const PixelBox all{0, frame.size - 1, 0, frame.size - 1};
  forEachPixel(frame, all, [&](std::size_t i, Vec2 p) {
    const BodySample body = bodyAt(a, p);
    if (body.path <= 0.0) {
      canvas.regions[i] = static_cast<std::uint8_t>(RadiographRegion::Air);
      return;
    }
    const int side = sideOf(p);
    const LungSample lung = lungAt(a, side, p);
    const double heart = heartAt(a, p);
    double value = mu * body.path + mu * skin.at(body.inside - 1.0);
    RadiographRegion region = RadiographRegion::Body;
    if (lung.inside) {
      const double air = std::min(lung.depth * (1.0 - 0.85 * heart), 0.8 * body.path);
      double tissue = a.lungTissue * (1.0 + 0.12 * a.texture.at(p) + 0.06 * a.fineTexture.at(p));
      double markings = clamp01(lung.depth / 30.0) * (1.0 - 0.6 * heart);
      if (hasPtx && side == ptx.side) {
        const double gap = ptx.gapAt(lung.v);
        if (gap > 0.0) {
          const double pleuralAir = smoothstep(gap - lung.outer + 0.5);
          tissue *= 1.0 - ptx.lucency * pleuralAir;
          markings *= 1.0 - pleuralAir;
          value += mu * pleura.at(lung.outer - gap - pleura.sigma);
          if (pleuralAir > 0.5 && heart <= 0.0) masks[ptxIndex][i] = 1;
        }
      }
      value -= mu * air * (1.0 - tissue);
      canvas.lungDepth[i] = static_cast<float>(air);
      canvas.markings[i] = static_cast<float>(markings);
      region = heart > 0.0 ? RadiographRegion::Heart
                           : (side == 0 ? RadiographRegion::RightLung : RadiographRegion::LeftLung);
    } else if (heart > 0.0 && p.y < diaphragmY(a, p.x)) {
      region = RadiographRegion::Heart;
    } else if (p.y > a.apexY - 15.0 && p.y < mediastinumBottom &&
               std::fabs(p.x) < a.mediastinum[side] + (side == 1 ? a.knobBulge : 0.0)) {
      region = RadiographRegion::Mediastinum;
    }
    if (a.breast > 0.0) {
      const Vec2 d = p - a.breastCentre[side];
      const double q = dot(d, d) / (a.breastRadius * a.breastRadius);
      if (q < 1.0) {
        const double fade = smoothstep((d.y + 0.9 * a.breastRadius) / (0.9 * a.breastRadius));
        value += mu * a.breast * std::sqrt(1.0 - q) * fade;
      }
    }
    if (a.gastricBubble && p.y < a.bubbleCentre.y + 0.35 * a.bubbleRy) {
      const double bx = (p.x - a.bubbleCentre.x) / a.bubbleRx;
      const double by = (p.y - a.bubbleCentre.y) / a.bubbleRy;
      const double q = bx * bx + by * by;
      if (q < 1.0) value -= mu * 3.0 * a.bubbleRy * std::sqrt(1.0 - q);
    }
    canvas.density[i] = static_cast<float>(std::max(value, 0.0));
    canvas.regions[i] = static_cast<std::uint8_t>(region);
  });
}

void drawVesselsAndBones(const Anatomy& a, Canvas& canvas) {
  // Vessels much thinner than a pixel add nothing but time at this size.
  const double finest = 0.45 * canvas.frame.spacing;
  for (const Tube& vessel : a.vessels) {
    if (vessel.vertices.front().radius < finest) continue;
    drawTube(canvas.frame, vessel, canvas.density.data(), canvas.markings.data());
  }
  for (const Tube& airway : a.airways)
    drawTube(canvas.frame, airway, canvas.density.data(), nullptr);
  for (int k = -3; k < 16; ++k) {
    drawVertebra(a, a.apexY - 20.0 + k * a.vertebraPitch, canvas);
  }
  for (const Tube& bone : a.bones) drawTube(canvas.frame, bone, canvas.density.data(), nullptr);
}

}  // namespace lumen::inference::phantoms::detail
