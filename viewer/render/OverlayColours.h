#pragma once

#include <array>

// Colours of the AI result overlays (heatmaps, label maps), shared by the VTK layers and the
// widgets that draw legends for them, so both match exactly. Plain functions, safe to call from
// any thread.
namespace lumen::render {

/// How the result overlays are drawn over the images.
struct OverlayStyle {
  double heatmapOpacity = 0.5;  ///< 0…1, of heatmap values at or above the cut-off
  double heatmapCutoff = 0.2;   ///< heatmap values (0…1) below it are fully transparent
  double labelOpacity = 0.4;    ///< 0…1, of the label fill
};

/// The heatmap colour map (inferno: black through purple, red and orange to pale yellow, with
/// lightness rising steadily) at `value` in 0…1 (clamped; NaN counts as 0), RGB in 0…1.
std::array<double, 3> heatmapColour(double value);

/// The colour of label `value` in a label map, RGB in 0…1: a fixed palette of distinguishable
/// colours, repeated after its end. Label 0 (background) is never drawn; it returns black.
std::array<double, 3> labelColour(int value);

/// Number of distinct colours labelColour() cycles through.
int labelPaletteSize();

}  // namespace lumen::render
