#include "render/OverlayColours.h"

#include <algorithm>
#include <cmath>

namespace lumen::render {
namespace {

// Inferno at 0, 0.1, …, 1: near black, deep blue-purple, purple, crimson, red-orange, orange,
// amber, pale yellow. Linear interpolation between these points keeps its steadily rising
// lightness.
constexpr int kInfernoPoints = 11;
constexpr double kInferno[kInfernoPoints][3] = {
    {0.001, 0.000, 0.014}, {0.087, 0.045, 0.224}, {0.258, 0.039, 0.406}, {0.416, 0.090, 0.433},
    {0.578, 0.148, 0.404}, {0.735, 0.216, 0.330}, {0.865, 0.317, 0.226}, {0.954, 0.469, 0.099},
    {0.988, 0.645, 0.040}, {0.964, 0.844, 0.273}, {0.988, 0.998, 0.645}};

// Saturated hues spread around the wheel, alternating warm and cool so neighbouring labels
// differ; none is grey, so each stands out on a CT or MR image.
constexpr int kLabelColours = 12;
constexpr double kLabels[kLabelColours][3] = {
    {0.90, 0.10, 0.10},  // red
    {0.10, 0.75, 0.20},  // green
    {0.15, 0.40, 1.00},  // blue
    {1.00, 0.85, 0.10},  // yellow
    {0.70, 0.20, 0.90},  // purple
    {0.10, 0.85, 0.85},  // cyan
    {1.00, 0.50, 0.05},  // orange
    {1.00, 0.35, 0.75},  // pink
    {0.55, 0.85, 0.10},  // lime
    {0.45, 0.25, 0.10},  // brown
    {0.00, 0.50, 0.50},  // teal
    {0.60, 0.60, 1.00},  // lavender
};

}  // namespace

std::array<double, 3> heatmapColour(double value) {
  const double v = std::isnan(value) ? 0.0 : std::clamp(value, 0.0, 1.0);
  const double position = v * (kInfernoPoints - 1);
  const int low = std::min(static_cast<int>(position), kInfernoPoints - 2);
  const double t = position - low;
  std::array<double, 3> colour{};
  for (int c = 0; c < 3; ++c) {
    colour[c] = kInferno[low][c] + t * (kInferno[low + 1][c] - kInferno[low][c]);
  }
  return colour;
}

std::array<double, 3> labelColour(int value) {
  if (value <= 0) return {0.0, 0.0, 0.0};
  const double* c = kLabels[(value - 1) % kLabelColours];
  return {c[0], c[1], c[2]};
}

int labelPaletteSize() { return kLabelColours; }

}  // namespace lumen::render
