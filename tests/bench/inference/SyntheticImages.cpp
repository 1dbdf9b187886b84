#include "SyntheticImages.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lumen::bench {
namespace {

/// A small seeded generator (a linear congruential one): the same noise on every machine.
class Noise {
 public:
  explicit Noise(std::uint32_t seed) : m_state(seed) {}
  /// An integer in [-amplitude, amplitude).
  int next(int amplitude) {
    m_state = m_state * 1664525u + 1013904223u;
    return static_cast<int>((m_state >> 8) % static_cast<std::uint32_t>(2 * amplitude)) - amplitude;
  }

 private:
  std::uint32_t m_state;
};

/// Whether (x, y) lies inside the ellipse of centre (cx, cy) and radii (rx, ry).
bool inside(double x, double y, double cx, double cy, double rx, double ry) {
  const double dx = (x - cx) / rx, dy = (y - cy) / ry;
  return dx * dx + dy * dy <= 1.0;
}

/// Writes `voxels` to `path` through a temporary file, so that a run that is interrupted, or
/// another run at the same time, never sees a half-written file of the right name.
template <typename T>
void writeFile(const std::string& path, const std::vector<T>& voxels) {
  const auto bytes = voxels.size() * sizeof(T);
  const std::string partial = path + ".partial";
  std::FILE* file = std::fopen(partial.c_str(), "wb");
  if (file == nullptr) throw std::runtime_error("cannot write " + partial);
  const std::size_t written = std::fwrite(voxels.data(), 1, bytes, file);
  if (std::fclose(file) != 0 || written != bytes)
    throw std::runtime_error("cannot write " + partial);
  std::filesystem::rename(partial, path);
}

bool alreadyThere(const std::string& path, std::uintmax_t bytes) {
  std::error_code error;
  return std::filesystem::file_size(path, error) == bytes && !error;
}

RawImage rawImage(std::string path, inference::VoxelType type, const char* pythonType,
                  std::array<std::int64_t, 3> size, std::array<double, 3> spacing) {
  RawImage image;
  image.path = std::move(path);
  image.type = type;
  image.pythonType = pythonType;
  image.geometry.size = size;
  image.geometry.spacing = spacing;
  return image;
}

}  // namespace

RawImage writeRadiograph(const std::string& folder) {
  const RawImage image =
      rawImage(folder + "/radiograph-2048x2048-uint16-v1.raw", inference::VoxelType::UInt16,
               "uint16", {2048, 2048, 1}, {0.14, 0.14, 1.0});
  const std::int64_t n = 2048;
  if (alreadyThere(image.path, static_cast<std::uintmax_t>(n * n * 2))) return image;

  std::vector<std::uint16_t> pixels(static_cast<std::size_t>(n * n));
  Noise noise(2048);
  for (std::int64_t j = 0; j < n; ++j) {
    for (std::int64_t i = 0; i < n; ++i) {
      const double x = static_cast<double>(i), y = static_cast<double>(j);
      int value = 150;                                                  // outside the collimation
      if (i > 100 && i < n - 100 && j > 60 && j < n - 60) value = 600;  // unattenuated beam
      if (inside(x, y, 1024, 1100, 860, 980)) value = 2600;             // body
      if (inside(x, y, 700, 1000, 300, 620) || inside(x, y, 1350, 1000, 300, 620)) value = 1300;
      if (std::abs(x - 1024.0) < 70.0 && y > 150.0) value = 3400;  // spine
      if (inside(x, y, 1150, 1350, 260, 200)) value = 2900;        // heart
      value += noise.next(64);
      pixels[static_cast<std::size_t>(j * n + i)] =
          static_cast<std::uint16_t>(std::clamp(value, 0, 4095));
    }
  }
  writeFile(image.path, pixels);
  return image;
}

RawImage writeCt(const std::string& folder) {
  const RawImage image =
      rawImage(folder + "/ct-512x512x300-int16-v1.raw", inference::VoxelType::Int16, "int16",
               {512, 512, 300}, {0.7, 0.7, 1.0});
  const std::int64_t nx = 512, ny = 512, nz = 300;
  if (alreadyThere(image.path, static_cast<std::uintmax_t>(nx * ny * nz * 2))) return image;

  struct Sphere {
    double x, y, z, radius;
    int hu;
  };
  const std::vector<Sphere> spheres{
      {180, 300, 120, 60, 60},   // liver-like
      {330, 330, 110, 25, 30},   // kidney-like
      {190, 330, 110, 25, 30},   // kidney-like
      {300, 200, 200, 12, 150},  // enhancing lesion
      {220, 220, 60, 8, 900},    // calcification
  };
  std::vector<std::int16_t> voxels(static_cast<std::size_t>(nx * ny * nz));
  Noise noise(300);
  for (std::int64_t k = 0; k < nz; ++k) {
    for (std::int64_t j = 0; j < ny; ++j) {
      for (std::int64_t i = 0; i < nx; ++i) {
        const double x = static_cast<double>(i), y = static_cast<double>(j);
        const double z = static_cast<double>(k);
        int hu = -1000;
        if (inside(x, y, 256, 256, 230, 180)) {
          hu = 40;
          if (z > 150 && (inside(x, y, 170, 240, 60, 100) || inside(x, y, 342, 240, 60, 100))) {
            hu = -820;  // lungs in the upper half
          }
          if (inside(x, y, 256, 380, 22, 22)) hu = 700;  // spine
          for (const Sphere& s : spheres) {
            const double dx = x - s.x, dy = y - s.y, dz = (z - s.z) / 0.7;
            if (dx * dx + dy * dy + dz * dz <= s.radius * s.radius) hu = s.hu;
          }
        }
        voxels[static_cast<std::size_t>((k * ny + j) * nx + i)] =
            static_cast<std::int16_t>(hu + noise.next(20));
      }
    }
  }
  writeFile(image.path, voxels);
  return image;
}

}  // namespace lumen::bench
