#include "core/Volume.h"

#include <cmath>
#include <limits>
#include <new>
#include <sstream>

#include "core/Error.h"

namespace lumen::core {
namespace {

double determinant(const Mat3& m) {
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
         m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
         m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

Mat3 inverse(const Mat3& m, double det) {
  Mat3 r{};
  r[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
  r[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
  r[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
  r[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
  r[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
  r[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
  r[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
  r[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
  r[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
  return r;
}

Vec3 multiply(const Mat3& m, const Vec3& v) {
  return {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
          m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
          m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
}

std::string describeSize(const Size3& size, PixelType type) {
  std::ostringstream text;
  text << size[0] << "×" << size[1] << "×" << size[2] << " " << pixelTypeName(type);
  return text.str();
}

}  // namespace

Volume::Volume(PixelType type, const VolumeGeometry& geometry, int components)
    : m_type(type), m_geometry(geometry), m_components(components) {
  const Size3& size = geometry.size;
  if (components != 1 && components != 3) {
    throw Error(ErrorCode::UnsupportedPixelType,
                std::to_string(components) + " components per voxel (1 or 3 are supported)");
  }
  if (size[0] == 0 || size[1] == 0 || size[2] == 0) {
    throw Error(ErrorCode::InvalidGeometry, "empty volume size " + describeSize(size, type));
  }
  for (double s : geometry.spacing) {
    if (!(s > 0.0) || !std::isfinite(s)) {
      std::ostringstream text;
      text << "voxel spacing must be positive and finite, got " << geometry.spacing[0] << ", "
           << geometry.spacing[1] << ", " << geometry.spacing[2] << " mm";
      throw Error(ErrorCode::InvalidGeometry, text.str());
    }
  }
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col) {
      m_indexToWorld[row][col] = geometry.direction[row][col] * geometry.spacing[col];
    }
  }
  const double det = determinant(m_indexToWorld);
  if (!(std::abs(det) > 1e-12) || !std::isfinite(det)) {
    throw Error(ErrorCode::InvalidGeometry, "direction matrix is singular");
  }
  m_worldToIndex = inverse(m_indexToWorld, det);

  // Views index each axis with an int (VTK); no scanner comes near that.
  for (std::size_t n : size) {
    if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      throw Error(ErrorCode::VolumeTooLarge, describeSize(size, type) + ": an axis is too long");
    }
  }
  const std::size_t maxVoxels = std::numeric_limits<std::size_t>::max() / bytesPerVoxel(type) / 3;
  if (size[1] > maxVoxels / size[0] || size[2] > maxVoxels / (size[0] * size[1])) {
    throw Error(ErrorCode::VolumeTooLarge, describeSize(size, type) + " does not fit in memory");
  }
  m_voxelCount = size[0] * size[1] * size[2];
  m_buffer.reset(new (std::nothrow) std::byte[byteSize()]);
  if (!m_buffer) {
    std::ostringstream text;
    text << describeSize(size, type) << " would need "
         << static_cast<double>(byteSize()) / (1024.0 * 1024.0 * 1024.0)
         << " GiB, which cannot be allocated";
    throw Error(ErrorCode::VolumeTooLarge, text.str());
  }
}

double Volume::valueAt(std::size_t i, std::size_t j, std::size_t k, int c) const {
  const std::size_t at =
      offset(i, j, k) * static_cast<std::size_t>(m_components) + static_cast<std::size_t>(c);
  return dispatchPixelType(m_type, [&](auto zero) {
    return static_cast<double>(static_cast<const decltype(zero)*>(data())[at]);
  });
}

Vec3 Volume::indexToWorld(const Vec3& index) const {
  const Vec3 offsetMm = multiply(m_indexToWorld, index);
  return {m_geometry.origin[0] + offsetMm[0], m_geometry.origin[1] + offsetMm[1],
          m_geometry.origin[2] + offsetMm[2]};
}

Vec3 Volume::worldToIndex(const Vec3& lps) const {
  return multiply(m_worldToIndex, {lps[0] - m_geometry.origin[0], lps[1] - m_geometry.origin[1],
                                   lps[2] - m_geometry.origin[2]});
}

}  // namespace lumen::core
