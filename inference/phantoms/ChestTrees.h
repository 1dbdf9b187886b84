#pragma once

// Internal to the chest CT phantom: the tubes of a chest (great vessels, pulmonary arteries and
// veins branching from the hila, trachea and bronchi) and how they are painted.

#include <vector>

#include "inference/phantoms/ChestAnatomy.h"
#include "inference/phantoms/PhantomCanvas.h"
#include "inference/phantoms/SeededRandom.h"

namespace lumen::inference::phantoms {

/// Every tube of one case, LPS mm.
struct ChestTubes {
  std::vector<Tube> greatVessels;      ///< aorta, pulmonary trunk, venae cavae, neck vessels
  std::vector<Tube> pulmonaryVessels;  ///< arteries and veins from the hila into the lungs
  std::vector<Tube> airways;           ///< trachea, main bronchi and their branches
};

/// Grows the tubes of `anatomy`: airways from `airwayRandom`, vessels from `vesselRandom`.
ChestTubes growChestTubes(const ChestAnatomy& anatomy, SeededRandom& airwayRandom,
                          SeededRandom& vesselRandom);

/// Paints great vessels (blood) over anything but air; lung they cover becomes mediastinum.
void paintGreatVessels(Canvas& canvas, const std::vector<Tube>& tubes);

/// Paints pulmonary vessels (blood) over lung, and their mediastinal parts over mediastinum.
void paintPulmonaryVessels(Canvas& canvas, const std::vector<Tube>& tubes);

/// Paints airways (a thin soft-tissue wall around air) over lung, their mediastinal parts
/// (trachea, main bronchi) over anything but air.
void paintAirways(Canvas& canvas, const std::vector<Tube>& tubes);

/// True when `p` lies within `marginMm` of any of `tubes`.
bool nearAnyTube(const std::vector<Tube>& tubes, const Vec3& p, double marginMm);

}  // namespace lumen::inference::phantoms
