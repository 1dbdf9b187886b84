#pragma once

// Internal to the chest CT phantom: one patient's body, lungs, heart, spine and ribs as analytic
// shapes, and the tissue (HU before texture, blur and noise) at any point.

#include "inference/phantoms/PhantomCanvas.h"
#include "inference/phantoms/SeededRandom.h"

namespace lumen::inference::phantoms {

/// One patient. Lengths in mm; positions in patient coordinates: LPS axes with the origin at
/// `centre` (x → left, y → posterior, z → superior).
struct ChestAnatomy {
  Vec3 centre{0, 0, 0};             ///< LPS of the patient origin (the chest's axis, mid lungs)
  double bodyA = 160, bodyB = 115;  ///< half-width and half-depth of the chest outline
  double neckZ = 130, neckA = 60, neckB = 55, neckShiftY = 15;  ///< the outline narrows above neckZ
  double skinMm = 2, fatMm = 15, muscleMm = 12, paraspinalMm = 30, ribLayerMm = 9;
  double lungTopZ = 115, lungBaseZ = -115;  ///< apex; costophrenic recesses
  double domeMm = 50, rightDomeMm = 15;     ///< diaphragm domes rise this far above lungBaseZ
  double apexMm = 45;                       ///< how far the apex falls off towards its edges
  double lungCentreX = 70, lungHalfWidth = 60, lungHalfDepth = 90;  ///< shape of apex and domes
  double mediastinumX = 3, mediastinumHalfWidth = 20;
  double spineY = 30, vertebraRadius = 17, vertebraPitch = 26, vertebraPhase = 0;
  double canalY = 60, spinousMm = 28;
  double ribTopZ = 120, ribPitch = 24, ribDrop = 50;
  Vec3 heartCentre{18, -25, -40};
  Vec3 heartAxes{62, 45, 52};  ///< along the long axis (left, anterior), across it, along z
  double heartCos = 0.82, heartSin = -0.57;
  double carinaZ = 40;
  double lungHu = -850;
  double noiseSigmaHu = 15;

  /// LPS of patient point (x, y, z).
  Vec3 lps(double x, double y, double z) const {
    return {centre[0] + x, centre[1] + y, centre[2] + z};
  }
};

/// Draws the patient of case `seed` (body and lung size, fat, position, ...).
ChestAnatomy drawChestAnatomy(std::uint64_t seed);

/// HU before texture, blur and noise, and a label.
struct Tissue {
  float hu;
  Label label;
};

/// The tissue at LPS point `p`, from the analytic shapes only (no vessels, airways or nodules).
Tissue tissueAt(const ChestAnatomy& anatomy, const Vec3& p);

/// The height (patient z, mm) of the top of the diaphragm at patient (x, y).
double diaphragmZ(const ChestAnatomy& anatomy, double x, double y);

}  // namespace lumen::inference::phantoms
