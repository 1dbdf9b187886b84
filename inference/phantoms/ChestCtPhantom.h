#pragma once

// Synthetic chest CTs with pulmonary nodules and their masks, for training and testing nodule
// models without patient images. Standard headers only.
//
// A case is drawn from a seed: the patient (body and lung size, fat, position), airways and
// pulmonary vessel trees, heart and great vessels, spine and ribs, and 0–4 nodules. Every voxel
// is a function of the seed and its position alone, so the same seed gives bit-identical volumes
// and any sub-box (ChestCtOptions::region) equals the same box cut from the whole volume.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "inference/Geometry.h"

namespace lumen::inference::phantoms {

/// One pulmonary nodule of a synthetic case.
struct Nodule {
  enum class Kind { Solid, PartSolid, GroundGlass };
  Kind kind = Kind::Solid;
  std::array<double, 3> centreLps{0, 0, 0};  ///< mm
  double diameterMm = 0;       ///< nominal diameter (4–30 mm); lobulation keeps about its volume
  double solidDiameterMm = 0;  ///< of the solid part: diameterMm when Solid, 0 when GroundGlass
  bool lobulated = false;      ///< bumpy outline
  bool spiculated = false;     ///< thin strands radiating into the lung (part of the mask)
  bool juxtaPleural = false;   ///< placed against the chest wall, diaphragm or mediastinum
};

/// A box of voxels of a case's full grid: `begin` may be negative and the box may reach past the
/// grid (the phantom is defined everywhere).
struct VoxelBox {
  std::array<std::int64_t, 3> begin{0, 0, 0};
  std::array<std::int64_t, 3> size{0, 0, 0};
};

/// What makeChestCt draws.
struct ChestCtOptions {
  std::array<std::int64_t, 3> size{256, 256, 160};  ///< voxels along i (L), j (P), k (S)
  std::array<double, 3> spacingMm{1.4, 1.4, 2.0};
  int minNodules = 0;  ///< the count is drawn uniformly from [minNodules, maxNodules]
  int maxNodules = 4;
  double minDiameterMm = 4.0;  ///< diameters are log-uniform on [min, max], within 4–30 mm
  double maxDiameterMm = 30.0;
  std::array<double, 3> kindWeights{0.6, 0.2, 0.2};  ///< Solid, PartSolid, GroundGlass
  double juxtaPleuralFraction = 0.25;  ///< chance that a nodule touches the lung's edge
  /// Make only this box of the full grid (training patches: far cheaper than a whole case);
  /// nodules and anatomy are those of the whole case.
  std::optional<VoxelBox> region;
};

/// A synthetic chest CT and its labels.
struct ChestCt {
  Geometry geometry;  ///< axial, head first, LPS, identity direction; the region's when one is set
  std::vector<std::int16_t> hu;          ///< HU, i fastest, then j, then k
  std::vector<std::uint8_t> noduleMask;  ///< 1 inside any nodule (solid and ground-glass parts)
  std::vector<std::uint8_t> lungMask;    ///< 1 in either lung (its vessels, airways, nodules)
  std::vector<Nodule> nodules;           ///< every nodule of the case, in or out of the region
};

/// The full grid of a case: `options.size` voxels at `options.spacingMm`, centred on the LPS
/// origin (the patient lies near it). Throws std::invalid_argument for a bad size or spacing.
Geometry chestCtGeometry(const ChestCtOptions& options);

/// The nodules makeChestCt(seed, options) will hold, without making any voxels (a few
/// milliseconds): lets a training loader choose patches first. Throws as makeChestCt does.
std::vector<Nodule> chestCtNodules(std::uint64_t seed, const ChestCtOptions& options = {});

/// The box of `size` voxels of the full grid centred on the voxel nearest `centreLps`.
VoxelBox regionAround(const ChestCtOptions& options, const std::array<double, 3>& centreLps,
                      const std::array<std::int64_t, 3>& size);

/// Makes case `seed`: the same seed and options give bit-identical output. Throws
/// std::invalid_argument for bad options (size, spacing, counts, diameters, weights, an empty
/// region) and std::runtime_error when the nodules cannot be placed inside the grid's lungs.
/// Safe to call from several threads at once. About 1 s for 256×256×160 on one core.
ChestCt makeChestCt(std::uint64_t seed, const ChestCtOptions& options = {});

}  // namespace lumen::inference::phantoms
