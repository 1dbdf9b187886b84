#include "render/OverlayGeometry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lumen::render {
namespace {

constexpr double kMillimetreTolerance = 1e-4;
constexpr double kCosineTolerance = 1e-6;

bool close(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

std::string describe(const core::VolumeGeometry& g) {
  std::ostringstream text;
  text << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << " voxels of " << g.spacing[0] << "x"
       << g.spacing[1] << "x" << g.spacing[2] << " mm at (" << g.origin[0] << ", " << g.origin[1]
       << ", " << g.origin[2] << ")";
  return text.str();
}

std::string gridProblem(const char* what, const core::Volume& overlay, const core::Volume& shown) {
  if (sameGrid(overlay.geometry(), shown.geometry())) return {};
  return std::string(what) +
         " lies on another grid than the volume shown: " + describe(overlay.geometry()) +
         " against " + describe(shown.geometry()) + " (or another direction)";
}

}  // namespace

bool sameGrid(const core::VolumeGeometry& a, const core::VolumeGeometry& b) {
  if (a.size != b.size) return false;
  for (int axis = 0; axis < 3; ++axis) {
    if (!close(a.spacing[axis], b.spacing[axis], kMillimetreTolerance) ||
        !close(a.origin[axis], b.origin[axis], kMillimetreTolerance)) {
      return false;
    }
    for (int column = 0; column < 3; ++column) {
      if (std::abs(a.direction[axis][column] - b.direction[axis][column]) > kCosineTolerance) {
        return false;
      }
    }
  }
  return true;
}

std::string heatmapProblem(const core::Volume& heatmap, const core::Volume& shown) {
  const bool typed = heatmap.pixelType() == core::PixelType::UInt8 ||
                     heatmap.pixelType() == core::PixelType::Float32;
  if (!typed || heatmap.components() != 1) {
    return "a heatmap must hold one uint8 or float32 value per voxel";
  }
  return gridProblem("the heatmap", heatmap, shown);
}

std::string labelMapProblem(const core::Volume& labels, const core::Volume& shown) {
  if (labels.pixelType() != core::PixelType::UInt8 || labels.components() != 1) {
    return "a label map must hold one uint8 value per voxel";
  }
  return gridProblem("the label map", labels, shown);
}

}  // namespace lumen::render
