#include "inference/phantoms/ChestAnatomy.h"

#include <cmath>
#include <optional>

namespace lumen::inference::phantoms {
namespace {

constexpr std::uint64_t kPatientStream = 1;
constexpr double kHeartTiltCos = 0.9, kHeartTiltSin = 0.43589;  // 26°

double sq(double v) { return v * v; }

double smoothstep(double lo, double hi, double v) {
  const double t = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

/// HU of the spine at patient (x, y, z): vertebral bodies (cancellous bone in a cortex) with
/// discs between them, the spinal canal, the neural arch and its processes. Empty elsewhere.
std::optional<float> spineAt(const ChestAnatomy& a, double x, double y, double z) {
  const double r = a.vertebraRadius;
  if (std::abs(x) > 40.0 || y < a.spineY - r - 1.0 || y > a.canalY + a.spinousMm + 9.0) {
    return std::nullopt;
  }
  double phase = std::fmod(z - a.vertebraPhase, a.vertebraPitch);
  if (phase < 0) phase += a.vertebraPitch;
  constexpr double discMm = 5.0;
  const bool disc = phase < discMm;
  const double body = std::sqrt(sq(x) + sq(y - a.spineY));
  if (body < r) {
    if (disc) return 80.0f;
    const bool cortex = body > r - 1.5 || phase < discMm + 1.2 || phase > a.vertebraPitch - 1.2;
    return cortex ? 850.0f : 430.0f;
  }
  const double canal = std::sqrt(sq(x) + sq(y - a.canalY));
  if (canal < 7.5) return 25.0f;  // cord and fluid
  if (disc || phase > discMm + 0.65 * (a.vertebraPitch - discMm)) return std::nullopt;
  if (canal < 12.5 && y > a.spineY + r - 4.0) return 700.0f;  // pedicles and laminae
  if (std::abs(x) < 4.5 && y > a.canalY && y < a.canalY + a.spinousMm + 8.0) return 650.0f;
  if (std::abs(x) > 8.0 && std::abs(x) < 30.0 && std::abs(y - (a.canalY - 3.0)) < 4.0) {
    return 650.0f;  // transverse processes, where the ribs join
  }
  return std::nullopt;
}

/// HU in the rib layer of the chest wall: ribs (marrow in a cortex), costal cartilage, the
/// sternum, and intercostal muscle between them. `across` runs from -1 to 1 through the layer;
/// uy is the posterior part of the unit direction from the body's axis.
float ribLayerAt(const ChestAnatomy& a, double x, double z, double across, double uy) {
  constexpr float muscle = 40.0f;
  if (uy < 0 && std::abs(x) < 14.0 && z < a.ribTopZ - 10.0 && z > a.lungBaseZ + 0.7 * a.domeMm) {
    const bool cortex = std::abs(across) > 0.6 || std::abs(x) > 12.5;
    return cortex ? 800.0f : 320.0f;  // sternum
  }
  const double phi = std::acos(std::clamp(uy, -1.0, 1.0));  // 0 at the back, pi at the front
  if (phi < 0.3 || phi > M_PI - 0.12) return muscle;
  const double drop = a.ribDrop * phi / M_PI;  // ribs slope down to the front
  const double n = std::round((a.ribTopZ - z - drop) / a.ribPitch);
  if (n < 0 || n > 11) return muscle;
  const double centreZ = a.ribTopZ - n * a.ribPitch - drop;
  const double q = sq(across) + sq((z - centreZ) / 6.0);
  if (q >= 1.0) return muscle;
  if (phi > M_PI - 0.5) return 110.0f;  // costal cartilage
  return q > 0.45 ? 820.0f : 300.0f;
}

}  // namespace

ChestAnatomy drawChestAnatomy(std::uint64_t seed) {
  SeededRandom random(seed, kPatientStream);
  ChestAnatomy a;
  a.centre = {random.uniform(-12, 12), random.uniform(-10, 15), random.uniform(-5, 15)};
  a.bodyA = random.uniform(145, 180);
  a.bodyB = a.bodyA * random.uniform(0.66, 0.78);
  a.fatMm = random.uniform(4, 22);
  a.muscleMm = random.uniform(6, 12);
  a.paraspinalMm = random.uniform(24, 34);
  const double height = random.uniform(230, 270);
  a.lungTopZ = 0.5 * height;
  a.lungBaseZ = -0.5 * height;
  a.domeMm = random.uniform(40, 60);
  a.rightDomeMm = random.uniform(8, 22);
  a.neckZ = a.lungTopZ + random.uniform(5, 20);
  a.neckA = random.uniform(55, 68);
  a.neckB = random.uniform(50, 60);
  a.mediastinumHalfWidth = random.uniform(17, 24);
  a.mediastinumX = random.uniform(0, 6);

  const double wall = a.skinMm + a.fatMm + a.muscleMm + a.ribLayerMm;
  const double cavityA = a.bodyA - wall;
  a.lungCentreX = 0.5 * (a.mediastinumHalfWidth + cavityA);
  a.lungHalfWidth = 0.5 * (cavityA - a.mediastinumHalfWidth) + 10.0;
  a.lungHalfDepth = a.bodyB - wall;
  a.apexMm = random.uniform(35, 55);

  a.vertebraRadius = random.uniform(15, 19);
  a.vertebraPitch = random.uniform(24, 28);
  a.vertebraPhase = random.uniform(0, a.vertebraPitch);
  a.canalY = a.bodyB - a.fatMm - a.spinousMm - 14.0;
  a.spineY = a.canalY - a.vertebraRadius - 10.0;
  a.ribTopZ = a.lungTopZ + random.uniform(0, 10);
  a.ribPitch = random.uniform(22, 27);
  a.ribDrop = random.uniform(70, 95);

  const double heart = random.uniform(0.9, 1.1);
  a.heartAxes = {64 * heart, 45 * heart, 46 * heart};
  const double angle = random.uniform(-0.75, -0.5);  // long axis to the left and forwards
  a.heartCos = std::cos(angle);
  a.heartSin = std::sin(angle);
  a.heartCentre = {random.uniform(20, 30), -0.3 * a.lungHalfDepth,
                   a.lungBaseZ + 0.8 * a.domeMm + 0.7 * a.heartAxes[2]};
  a.carinaZ = a.heartCentre[2] + a.heartAxes[2] + random.uniform(8, 18);
  a.lungHu = random.uniform(-875, -835);
  a.noiseSigmaHu = random.uniform(11, 18);
  return a;
}

double diaphragmZ(const ChestAnatomy& a, double x, double y) {
  const double bump = 1.0 - sq((std::abs(x) - a.lungCentreX) / (0.95 * a.lungHalfWidth)) -
                      sq((y + 0.1 * a.lungHalfDepth) / a.lungHalfDepth);
  const double dome = a.domeMm + (x < 0 ? a.rightDomeMm : 0.0);
  return a.lungBaseZ + dome * std::max(0.0, bump);
}

Tissue tissueAt(const ChestAnatomy& a, const Vec3& p) {
  const double x = p[0] - a.centre[0];
  const double y = p[1] - a.centre[1];
  const double z = p[2] - a.centre[2];

  // The outline: an ellipse, narrowing to the neck above neckZ.
  const double neck = z > a.neckZ ? smoothstep(a.neckZ, a.neckZ + 45.0, z) : 0.0;
  const double bodyA = a.bodyA + (a.neckA - a.bodyA) * neck;
  const double bodyB = a.bodyB + (a.neckB - a.bodyB) * neck;
  const double dy = y - a.neckShiftY * neck;
  const double e = sq(x / bodyA) + sq(dy / bodyB);
  if (e >= 1.0) return {-1000.0f, Label::Air};
  if (auto bone = spineAt(a, x, y, z)) return {*bone, Label::Wall};

  // Depth below the skin along the ray from the body's axis, and the layers of the wall.
  const double r = std::sqrt(sq(x) + sq(dy));
  const double rho = std::sqrt(e);
  const double depth = rho > 1e-9 ? r * (1.0 / rho - 1.0) : bodyB;
  const double ux = r > 1e-9 ? x / r : 0.0;
  const double uy = r > 1e-9 ? dy / r : 0.0;
  if (depth < a.skinMm) return {30.0f, Label::Wall};
  const double fat = a.fatMm * (0.7 + 0.4 * ux * ux);
  if (depth < a.skinMm + fat) return {-100.0f, Label::Wall};
  double muscle = a.muscleMm;
  if (uy > 0) muscle += a.paraspinalMm * uy * std::exp(-sq(ux / 0.32));
  const double wall = a.skinMm + fat + muscle;
  if (depth < wall) return {45.0f, Label::Wall};
  if (depth < wall + a.ribLayerMm) {
    const double across = (depth - wall) / (0.5 * a.ribLayerMm) - 1.0;
    return {ribLayerAt(a, x, z, across, uy), Label::Wall};
  }

  // Inside the chest wall.
  if (z > a.lungTopZ + 2.0) return {35.0f, Label::Mediastinum};  // neck and thoracic inlet
  const double hx = x - a.heartCentre[0];
  const double hy = y - a.heartCentre[1];
  const double hz = z - a.heartCentre[2];
  // The long axis points left, forwards and down.
  const double along = hx * a.heartCos + hy * a.heartSin;
  const double heart = sq((along * kHeartTiltCos - hz * kHeartTiltSin) / a.heartAxes[0]) +
                       sq((hy * a.heartCos - hx * a.heartSin) / a.heartAxes[1]) +
                       sq((along * kHeartTiltSin + hz * kHeartTiltCos) / a.heartAxes[2]);
  if (heart < 1.0) return {40.0f, Label::Heart};
  if (z < diaphragmZ(a, x, y)) {
    return {x < 15.0 ? 55.0f : 35.0f, Label::Abdomen};  // liver on the right
  }
  if (heart < 1.18) return {-90.0f, Label::Mediastinum};  // pericardial fat
  // The mediastinum narrows in front, where the lungs almost meet.
  const double front = smoothstep(-0.75 * a.lungHalfDepth, -0.25 * a.lungHalfDepth, y);
  if (std::abs(x - a.mediastinumX) < a.mediastinumHalfWidth * (0.3 + 0.7 * front)) {
    return {-80.0f, Label::Mediastinum};
  }
  const double spine = std::sqrt(sq(x) + sq(y - a.spineY));
  if (spine < a.vertebraRadius + 5.0 || (std::abs(x) < a.vertebraRadius + 3.0 && y > a.spineY)) {
    return {-60.0f, Label::Mediastinum};
  }
  const double apex = a.lungTopZ - a.apexMm * (sq((std::abs(x) - a.lungCentreX) / a.lungHalfWidth) +
                                               sq(y / a.lungHalfDepth));
  if (z > apex) return {-70.0f, Label::Mediastinum};
  // Lung, denser towards the back (the patient lies supine).
  const double dependent = std::clamp(y / a.lungHalfDepth, -1.0, 1.0);
  return {static_cast<float>(a.lungHu + 30.0 * dependent), Label::Lung};
}

}  // namespace lumen::inference::phantoms
