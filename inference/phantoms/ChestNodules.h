#pragma once

// Internal to the chest CT phantom: where a case's nodules go, their shapes, and how they are
// painted with their mask.

#include <vector>

#include "inference/Geometry.h"
#include "inference/phantoms/ChestAnatomy.h"
#include "inference/phantoms/ChestCtPhantom.h"
#include "inference/phantoms/PhantomCanvas.h"
#include "inference/phantoms/SeededRandom.h"

namespace lumen::inference::phantoms {

/// A nodule and the details of its shape: radius(u) = radiusMm · (1 + Σ amplitude · P_l(u · axis))
/// over a few Legendre polynomials P_l (their mean over the sphere is 0, so the volume stays
/// close to the sphere's), a solid core for part-solid ones, and spicules.
struct NoduleShape {
  Nodule nodule;
  double radiusMm = 0;
  std::array<Vec3, 3> lobeAxes{};
  std::array<double, 3> lobeAmplitudes{};
  std::array<int, 3> lobeOrders{};
  Vec3 coreCentre{0, 0, 0};  ///< LPS mm; part-solid only
  double coreRadiusMm = 0;
  float solidHu = 30.0f;    ///< HU of the solid part (or core, or spicules)
  float glassHu = -500.0f;  ///< HU of the ground-glass part
  std::vector<Tube> spicules;
  double boundMm = 0;  ///< every part lies within this distance of the centre

  /// The outline's radius (mm) along unit vector u from a centre; `scale` shrinks it (the core).
  double radiusAlong(const Vec3& u, double scale) const;
};

/// Draws the count, kinds, sizes and shapes of a case's nodules and places them in its lungs
/// (inside `grid`, clear of each other and of `greatVessels`). Throws std::runtime_error when
/// one cannot be placed.
std::vector<NoduleShape> placeNodules(const ChestAnatomy& anatomy,
                                      const std::vector<Tube>& greatVessels, const Geometry& grid,
                                      const ChestCtOptions& options, SeededRandom& random);

/// Paints the nodules over lung voxels and marks them in the canvas's mask.
void paintNodules(Canvas& canvas, const std::vector<NoduleShape>& nodules);

}  // namespace lumen::inference::phantoms
