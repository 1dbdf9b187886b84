#pragma once

#include <array>
#include <cstddef>
#include <memory>

#include "core/PixelType.h"

namespace lumen::core {

using Vec3 = std::array<double, 3>;
/// Row-major 3×3 matrix: m[row][column].
using Mat3 = std::array<Vec3, 3>;
using Size3 = std::array<std::size_t, 3>;

/// Where a voxel grid lies in the patient. Voxel (i, j, k) is centred at
/// origin + direction · (spacing ⊙ [i, j, k]), in DICOM patient coordinates (LPS, mm).
struct VolumeGeometry {
  Size3 size{1, 1, 1};                                ///< voxels along i, j, k
  Vec3 spacing{1.0, 1.0, 1.0};                        ///< mm between voxel centres along i, j, k
  Vec3 origin{0.0, 0.0, 0.0};                         ///< LPS position of voxel (0, 0, 0), mm
  Mat3 direction{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};  ///< columns: LPS unit vectors of i, j, k
};

/// One image volume: a single voxel buffer (i fastest, then j, then k) and its geometry. A
/// colour volume (RGB) stores its components interleaved per voxel.
/// Filled by one loader, then shared read-only across threads as std::shared_ptr<const Volume>.
/// Const member functions are safe to call from several threads.
class Volume {
 public:
  /// Allocates an uninitialised buffer of `components` samples per voxel (1 grey, 3 RGB).
  /// Throws Error(InvalidGeometry) for an empty size, non-positive spacing, a singular direction
  /// or a component count other than 1 or 3, Error(VolumeTooLarge) when it cannot be allocated.
  Volume(PixelType type, const VolumeGeometry& geometry, int components = 1);

  PixelType pixelType() const { return m_type; }
  const VolumeGeometry& geometry() const { return m_geometry; }
  const Size3& size() const { return m_geometry.size; }
  int components() const { return m_components; }
  std::size_t voxelCount() const { return m_voxelCount; }
  /// Voxels × components: the number of values in the buffer.
  std::size_t sampleCount() const { return m_voxelCount * static_cast<std::size_t>(m_components); }
  std::size_t byteSize() const { return sampleCount() * bytesPerVoxel(m_type); }

  void* data() { return m_buffer.get(); }
  const void* data() const { return m_buffer.get(); }

  /// Linear offset of voxel (i, j, k) in the buffer, in voxels (× components() for samples).
  std::size_t offset(std::size_t i, std::size_t j, std::size_t k) const {
    return i + m_geometry.size[0] * (j + m_geometry.size[1] * k);
  }

  /// Value of voxel (i, j, k), component c, as stored; indices must be inside the volume.
  double valueAt(std::size_t i, std::size_t j, std::size_t k, int c = 0) const;

  /// LPS position (mm) of a continuous voxel index.
  Vec3 indexToWorld(const Vec3& index) const;
  /// Continuous voxel index of an LPS position (mm); may lie outside the volume.
  Vec3 worldToIndex(const Vec3& lps) const;

 private:
  PixelType m_type;
  VolumeGeometry m_geometry;
  int m_components = 1;
  std::size_t m_voxelCount = 0;
  Mat3 m_indexToWorld{};  // direction · diag(spacing)
  Mat3 m_worldToIndex{};  // its inverse
  std::unique_ptr<std::byte[]> m_buffer;
};

}  // namespace lumen::core
