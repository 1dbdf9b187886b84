#pragma once

// Voxel grids in patient space (LPS) and the grid a model sees an image on. Standard headers
// only: the app includes this next to Qt.

#include <array>
#include <cstdint>

namespace lumen::inference {

struct ModelManifest;

/// A voxel grid in LPS: voxel (i,j,k) centre = origin + direction · (spacing ⊙ [i,j,k]) (mm);
/// direction row-major [row][column], columns = unit vectors of i, j, k.
struct Geometry {
  std::array<std::int64_t, 3> size{1, 1, 1};  ///< voxels along i, j, k
  std::array<double, 3> spacing{1, 1, 1};     ///< mm between voxel centres along i, j, k
  std::array<double, 3> origin{0, 0, 0};      ///< LPS mm of voxel (0, 0, 0)
  std::array<std::array<double, 3>, 3> direction{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

  std::int64_t voxelCount() const { return size[0] * size[1] * size[2]; }
  double voxelVolumeMm3() const { return spacing[0] * spacing[1] * spacing[2]; }
};

/// The LPS point at continuous voxel index `index`.
std::array<double, 3> voxelToLps(const Geometry& grid, const std::array<double, 3>& index);

/// The continuous voxel index of LPS point `lps` (direction need not be orthonormal; throws
/// std::invalid_argument when it is singular).
std::array<double, 3> lpsToVoxel(const Geometry& grid, const std::array<double, 3>& lps);

/// The grid a model described by `manifest` sees `image` on. For volumes and slice models its
/// axes are the image's axes reordered and flipped to lie closest to the manifest's orientation
/// (x → L, y → P, z → S for LPS; x → R, y → A, z → S for RAS), so no voxel is blended across an
/// oblique rotation; a 2D image keeps its rows and columns as stored. It starts at the image's
/// field of view (outer voxel faces, not centres) and covers it: at input.spacing_mm (x, y[, z])
/// with the voxel count rounded up, or, for a fixed input.size, with as many voxels as that size
/// says (the field stretched to fit, aspect not kept). Axes the manifest leaves free keep the
/// image's spacing.
Geometry modelGrid(const Geometry& image, const ModelManifest& manifest);

}  // namespace lumen::inference
