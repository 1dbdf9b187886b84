#pragma once

// Internals of the chest radiograph phantom (ChestRadiograph.h): the random numbers, the case's
// parameters in mm, and the drawing functions the .cpp files share. Not a public header.
//
// Patient frame: mm, origin at the middle of the thorax, x towards image right (the patient's
// left), y down (towards the feet). The image frame is the patient frame turned by the case's
// rotation and shifted by its offset. Densities are line integrals of attenuation (unitless,
// ln of the attenuation factor): air 0, lungs about 1.5, mediastinum about 4.

#include <array>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "inference/phantoms/ChestRadiograph.h"
#include "inference/phantoms/SeededRandom.h"

namespace lumen::inference::phantoms::detail {

/// Every part of a case draws from its own stream (SeededRandom(seed, part)), so that changing
/// one part leaves the others as they were.
using Random = SeededRandom;

struct Vec2 {
  double x = 0.0;
  double y = 0.0;
};
inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }
inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double length(Vec2 a) { return std::sqrt(dot(a, a)); }

inline double clamp01(double t) { return t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t); }
inline double smoothstep(double t) {
  t = clamp01(t);
  return t * t * (3.0 - 2.0 * t);
}
/// The edge profile of a rounded body seen side on: 0 at the edge, 1 from `scale` mm inside.
inline double roundEdge(double insideMm, double scale) {
  const double t = clamp01(insideMm / scale);
  return std::sqrt(t * (2.0 - t));
}

/// Pixel grid ↔ patient frame.
struct Frame {
  int size = 0;
  double spacing = 0.0;  ///< mm
  double cosA = 1.0;     ///< the patient's rotation in the image
  double sinA = 0.0;
  Vec2 offset;  ///< the patient frame's origin in image mm (image centre = 0)

  /// The patient-frame point at the centre of pixel (column, row).
  Vec2 toPatient(double column, double row) const {
    const double half = 0.5 * size * spacing;
    const double dx = (column + 0.5) * spacing - half - offset.x;
    const double dy = (row + 0.5) * spacing - half - offset.y;
    return {cosA * dx + sinA * dy, -sinA * dx + cosA * dy};
  }
  /// Continuous (column, row) of a patient-frame point.
  Vec2 toPixel(Vec2 p) const {
    const double half = 0.5 * size * spacing;
    const double x = offset.x + cosA * p.x - sinA * p.y + half;
    const double y = offset.y + sinA * p.x + cosA * p.y + half;
    return {x / spacing - 0.5, y / spacing - 0.5};
  }
};

/// Pixels whose centre may lie in the patient-frame box [low, high], clipped to the image.
struct PixelBox {
  int column0 = 0, column1 = -1, row0 = 0, row1 = -1;  ///< inclusive
};
PixelBox pixelBox(const Frame& frame, Vec2 low, Vec2 high);

/// Calls f(index, patientPoint) for every pixel in `box`.
template <class F>
void forEachPixel(const Frame& frame, const PixelBox& box, F&& f) {
  const Vec2 stepColumn{frame.cosA * frame.spacing, -frame.sinA * frame.spacing};
  for (int row = box.row0; row <= box.row1; ++row) {
    Vec2 p = frame.toPatient(box.column0, row);
    std::size_t index = static_cast<std::size_t>(row) * frame.size + box.column0;
    for (int column = box.column0; column <= box.column1; ++column, ++index) {
      f(index, p);
      p = p + stepColumn;
    }
  }
}

/// Like forEachPixel, but only for pixels within `halfWidth` mm of the line through `origin`
/// along the unit vector `direction` (so a thin diagonal band does not visit its whole box).
template <class F>
void forEachPixelNearLine(const Frame& frame, const PixelBox& box, Vec2 origin, Vec2 direction,
                          double halfWidth, F&& f) {
  const Vec2 stepColumn{frame.cosA * frame.spacing, -frame.sinA * frame.spacing};
  const double slope = stepColumn.x * direction.y - stepColumn.y * direction.x;
  for (int row = box.row0; row <= box.row1; ++row) {
    const Vec2 start = frame.toPatient(box.column0, row);
    const Vec2 q = start - origin;
    const double across = q.x * direction.y - q.y * direction.x;
    int first = 0;
    int last = box.column1 - box.column0;
    if (std::fabs(slope) < 1e-12) {
      if (std::fabs(across) > halfWidth) continue;
    } else {
      double c0 = (-halfWidth - across) / slope;
      double c1 = (halfWidth - across) / slope;
      if (c0 > c1) std::swap(c0, c1);
      first = std::max(first, static_cast<int>(std::floor(c0)));
      last = std::min(last, static_cast<int>(std::ceil(c1)));
    }
    Vec2 p = start + static_cast<double>(first) * stepColumn;
    std::size_t index = static_cast<std::size_t>(row) * frame.size + box.column0 + first;
    for (int c = first; c <= last; ++c, ++index) {
      f(index, p);
      p = p + stepColumn;
    }
  }
}

/// A tube along a polyline: a vessel, a bronchus, a rib, a clavicle. Radius and density are
/// interpolated along it; density multiplies the chord length (mm) through the tube.
struct TubeVertex {
  Vec2 p;
  double radius = 1.0;
  double density = 0.0;
};
struct Tube {
  std::vector<TubeVertex> vertices;
  bool hollow = false;     ///< bone: a cortex brighter than the marrow
  bool roundEnds = false;  ///< round caps; else the ends are cut square
};

/// Adds `tube` to `target` (one float per pixel), times weight[pixel] when weight is given.
/// Thin tubes are widened to the pixel size with their integral kept, so they look alike at
/// every size.
void drawTube(const Frame& frame, const Tube& tube, float* target, const float* weight);

/// A closed outline r(θ) = radius · (1 + Σ amplitude_k cos(k θ + phase_k)), for nodules and
/// masses.
struct Lobulation {
  std::array<double, 8> amplitude{};
  std::array<double, 8> phase{};
  std::array<int, 8> order{};
  double at(double angle) const {
    double r = 1.0;
    for (std::size_t k = 0; k < amplitude.size(); ++k)
      r += amplitude[k] * std::cos(order[k] * angle + phase[k]);
    return r;
  }
};

/// A smooth random field, N(0, 1) values on a grid of `cell` mm covering the field of view,
/// interpolated bilinearly.
struct NoiseField {
  double cell = 10.0;
  int n = 0;
  std::vector<float> values;
  void make(Random& random, double cellMm, double extentMm);
  double at(Vec2 p) const;
};

/// The cardiac silhouette: an ellipse tilted with its apex down and to the patient's left.
struct Heart {
  Vec2 centre;
  double a = 60.0, b = 45.0;  ///< semi-axes, mm
  double cosTilt = 1.0, sinTilt = 0.0;
  double cardiothoracicRatio = 0.45;
};

/// Everything that makes one patient's normal anatomy, in the patient frame (mm).
struct Anatomy {
  // Thorax and lungs. Index 0 is the patient's right (image left), 1 the left.
  double halfWidth = 140.0;       ///< W: half the widest inner thoracic width
  double apexY = -140.0;          ///< top of the lung apices
  double height = 250.0;          ///< apex to costophrenic angle
  double widestV = 0.7;           ///< fraction of height where the lungs are widest
  double apexS = 0.45;            ///< lateral position of the apex, fraction of W
  double apexMedialDrop = 0.1;    ///< how far the apex falls medially, fraction of height
  std::array<double, 2> domeY{};  ///< top of each hemidiaphragm
  std::array<double, 2> domeS{};  ///< lateral position of the dome top, fraction of W
  std::array<double, 2> cardiophrenicDrop{};  ///< dome fall towards the midline, mm
  std::array<double, 2> mediastinum{};        ///< medial lung border in the upper chest, mm
  double knobY = 0.0;  ///< aortic knob: height, bulge (mm) into the left lung
  double knobBulge = 0.0;
  double lungDepth = 150.0;  ///< AP thickness of the lungs at the base, mm
  double lungTissue = 0.25;  ///< lung density relative to soft tissue
  double mu = 0.02;          ///< soft tissue attenuation, 1/mm

  // Heart: the normal and the enlarged size the seed draws; `heart` picks one.
  std::array<Heart, 2> hearts{};
  int heart = 0;
  double heartTopY = 0.0;  ///< top of the normal-sized heart

  // Body outline.
  double bodyMargin = 25.0;  ///< soft tissue lateral to the ribs, mm
  double bodyDepth = 220.0;  ///< AP thickness of the chest, mm
  double neckHalf = 55.0;
  double shoulderY = -170.0;  ///< where the shoulders start to widen from the neck
  double breast = 0.0;        ///< breast shadow thickness, mm (0: none)
  std::array<Vec2, 2> breastCentre{};
  double breastRadius = 70.0;
  bool gastricBubble = false;
  Vec2 bubbleCentre;
  double bubbleRx = 25.0, bubbleRy = 15.0;

  std::array<Vec2, 2> hilum{};
  double vertebraPitch = 24.0;

  NoiseField texture;  ///< lung parenchyma
  NoiseField fineTexture;
  std::vector<Tube> vessels;  ///< pulmonary vessels (drawn only where lung is)
  std::vector<Tube> airways;  ///< trachea and main bronchi (negative density)
  std::vector<Tube> bones;    ///< ribs and clavicles
};

/// The lung of `side` at patient point p.
struct LungSample {
  double depth = 0.0;  ///< AP thickness of aerated lung along the ray, mm
  double outer = 0.0;  ///< mm inside the apical/lateral pleura (negative outside)
  double v = 0.0;      ///< height from apex (0) to costophrenic angle (1)
  bool inside = false;
};
LungSample lungAt(const Anatomy& anatomy, int side, Vec2 p);
/// Which side of the midline p is on: 0 right lung (x < 0), 1 left.
inline int sideOf(Vec2 p) { return p.x < 0.0 ? 0 : 1; }
/// The hemidiaphragm's y at x (mm).
double diaphragmY(const Anatomy& anatomy, double x);
/// 0..1: how far into the heart p is (0 outside; the sqrt profile of an ellipsoid).
double heartAt(const Heart& heart, Vec2 p);
inline double heartAt(const Anatomy& anatomy, Vec2 p) {
  return heartAt(anatomy.hearts[anatomy.heart], p);
}
/// Whether p lies in a lung, `marginMm` away from its borders and from the heart whether or not
/// it is enlarged.
bool wellInsideLung(const Anatomy& anatomy, Vec2 p, double marginMm);

/// Draws the normal anatomy for `seed`, with the enlarged heart when `enlargedHeart`; nothing
/// else depends on that choice.
Anatomy makeAnatomy(std::uint64_t seed, bool enlargedHeart);

// Findings, drawn from their own streams whether or not they are present.
struct NoduleFinding {
  Vec2 centre;
  double radius = 5.0;
  double contrast = 1.0;  ///< fraction of the lung air it replaces along its chord
  Lobulation outline;
};
struct ConsolidationFinding {
  std::array<Vec2, 6> blobs{};
  std::array<double, 6> blobRadius{};
  int blobCount = 0;
  double fill = 0.6;  ///< fraction of the air replaced where it is dense
  NoiseField patches;
  std::vector<Tube> bronchograms;
  Vec2 low, high;  ///< bounding box, mm
};
struct EffusionFinding {
  std::array<double, 2> level{};  ///< meniscus height at the lateral wall above the angle, mm
  double ramp = 10.0;             ///< mm over which the fluid thickens below the meniscus
};
struct PneumothoraxFinding {
  int side = 0;
  double gap = 10.0;     ///< width of the pleural air at the apex, mm
  double extentV = 0.7;  ///< how far down it reaches (fraction of lung height)
  double lucency = 0.8;  ///< fraction of lung tissue missing in it
  double line = 0.5;     ///< visceral pleural line strength
  double gapAt(double v) const {
    const double t = v / extentV;
    return t >= 1.0 ? 0.0 : gap * (1.0 - t * t);
  }
};
struct Findings {
  std::array<bool, kRadiographFindingCount> present{};
  NoduleFinding nodule;
  NoduleFinding mass;
  ConsolidationFinding consolidation;
  EffusionFinding effusion;
  PneumothoraxFinding pneumothorax;
};
Findings makeFindings(std::uint64_t seed, const Anatomy& anatomy,
                      const std::array<bool, kRadiographFindingCount>& present);

/// The per-pixel state while a case is drawn.
struct Canvas {
  Frame frame;
  std::vector<float> density;    ///< line integral of attenuation
  std::vector<float> lungDepth;  ///< aerated lung thickness, mm
  std::vector<float> markings;   ///< 0..1, where lung markings show
  std::vector<std::uint8_t> regions;
};

using FindingMasks = std::array<std::vector<std::uint8_t>, kRadiographFindingCount>;

/// Body, lungs, heart, mediastinum, and the pneumothorax (it changes the lung itself) with its
/// mask.
void drawSoftTissue(const Anatomy& anatomy, const Findings& findings, Canvas& canvas,
                    FindingMasks& masks);
/// Effusion, consolidation, mass and nodule: they replace lung air. Also writes their masks.
void drawLungFindings(const Anatomy& anatomy, const Findings& findings, Canvas& canvas,
                      FindingMasks& masks);
/// Lung vessels (where `markings` lets them show), airways, spine, ribs, clavicles.
void drawVesselsAndBones(const Anatomy& anatomy, Canvas& canvas);

}  // namespace lumen::inference::phantoms::detail
