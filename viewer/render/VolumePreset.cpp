#include "render/VolumePreset.h"

#include <vtkColorTransferFunction.h>
#include <vtkPiecewiseFunction.h>

#include <algorithm>
#include <initializer_list>

namespace lumen::render {
namespace {

/// One point of a transfer function: a value (HU for CT), its colour and its opacity per mm.
struct Point {
  double value;
  double red, green, blue;
  double opacity;
};

void fill(std::initializer_list<Point> points, vtkColorTransferFunction* color,
          vtkPiecewiseFunction* opacity) {
  for (const Point& p : points) {
    color->AddRGBPoint(p.value, p.red, p.green, p.blue);
    opacity->AddPoint(p.value, p.opacity);
  }
}

// Opacities are per mm of ray, so a body 300 mm thick needs values far below 1 for anything
// behind its surface to show.

/// Air, fat and soft tissue transparent, contrast-filled vessels faint, bone opaque and ivory.
void ctBone(vtkColorTransferFunction* color, vtkPiecewiseFunction* opacity) {
  fill({{-1000.0, 0.0, 0.0, 0.0, 0.0},
        {100.0, 0.7, 0.3, 0.2, 0.0},
        {200.0, 0.85, 0.6, 0.45, 0.12},
        {400.0, 0.97, 0.9, 0.78, 0.6},
        {1000.0, 1.0, 1.0, 0.95, 0.76},
        {1500.0, 1.0, 1.0, 0.95, 0.85}},
       color, opacity);
}

/// Skin and fat (−150…−50 HU) translucent yellow, muscle and organs (20…80 HU) red, bone ivory.
void ctSoftTissue(vtkColorTransferFunction* color, vtkPiecewiseFunction* opacity) {
  fill({{-1000.0, 0.0, 0.0, 0.0, 0.0},
        {-300.0, 0.5, 0.35, 0.2, 0.0},
        {-150.0, 0.9, 0.75, 0.5, 0.03},
        {-60.0, 0.93, 0.8, 0.55, 0.04},
        {-10.0, 0.85, 0.5, 0.4, 0.05},
        {40.0, 0.75, 0.25, 0.2, 0.18},
        {100.0, 0.85, 0.45, 0.35, 0.25},
        {300.0, 0.95, 0.88, 0.75, 0.6},
        {1000.0, 1.0, 1.0, 0.95, 0.8}},
       color, opacity);
}

/// Aerated lung (−950…−500 HU) translucent pink, so the airways inside it show as dark tubes;
/// air outside the body and in the airways transparent; soft tissue and bone a faint haze.
void ctLung(vtkColorTransferFunction* color, vtkPiecewiseFunction* opacity) {
  fill({{-1000.0, 0.0, 0.0, 0.0, 0.0},
        {-950.0, 0.75, 0.45, 0.45, 0.0},
        {-900.0, 0.9, 0.6, 0.58, 0.03},
        {-750.0, 0.95, 0.7, 0.65, 0.05},
        {-550.0, 1.0, 0.85, 0.8, 0.05},
        {-400.0, 0.8, 0.75, 0.75, 0.0},
        {-100.0, 0.55, 0.6, 0.7, 0.0},
        {0.0, 0.55, 0.6, 0.7, 0.004},
        {150.0, 0.6, 0.65, 0.75, 0.004},
        {300.0, 0.9, 0.88, 0.8, 0.02},
        {1500.0, 1.0, 1.0, 0.95, 0.02}},
       color, opacity);
}

/// Contrast-filled vessels (150…500 HU) opaque, red turning white as they brighten; bone
/// (mostly above 500 HU) faint; unenhanced tissue transparent.
void ctAngio(vtkColorTransferFunction* color, vtkPiecewiseFunction* opacity) {
  fill({{-1000.0, 0.0, 0.0, 0.0, 0.0},
        {120.0, 0.55, 0.05, 0.05, 0.0},
        {180.0, 0.85, 0.15, 0.1, 0.35},
        {300.0, 0.95, 0.45, 0.35, 0.6},
        {500.0, 1.0, 0.92, 0.88, 0.6},
        {700.0, 0.9, 0.88, 0.8, 0.08},
        {3000.0, 0.95, 0.95, 0.9, 0.08}},
       color, opacity);
}

/// Transparent up to the median (background and noise of most MR volumes), then a warm grey
/// ramp up to the 99.5 % quantile, opaque enough there to show surfaces.
void mrDefault(const core::IntensityStatistics& statistics, vtkColorTransferFunction* color,
               vtkPiecewiseFunction* opacity) {
  const double low = statistics.quantile(0.5);
  const double high = std::max(statistics.quantile(0.995), low + 1.0);
  fill({{low, 0.3, 0.27, 0.25, 0.0},
        {low + 0.3 * (high - low), 0.65, 0.6, 0.55, 0.08},
        {high, 1.0, 0.97, 0.92, 0.5}},
       color, opacity);
}

/// Black to white across the default window; opacity follows, so dim rays show the background.
void mip(const core::IntensityStatistics& statistics, vtkColorTransferFunction* color,
         vtkPiecewiseFunction* opacity) {
  const core::Window window = statistics.defaultWindow();
  const double low = window.center - window.width / 2.0;
  const double high = window.center + window.width / 2.0;
  fill({{low, 0.0, 0.0, 0.0, 0.0}, {high, 1.0, 1.0, 1.0, 1.0}}, color, opacity);
}

}  // namespace

VolumePresetRendering volumePresetRendering(VolumePreset preset) {
  VolumePresetRendering rendering;
  if (preset == VolumePreset::Mip) {
    rendering.maximumIntensity = true;
    rendering.shading = false;  // a MIP has no surfaces to light
  }
  return rendering;
}

VolumePresetRendering applyVolumePreset(VolumePreset preset,
                                        const core::IntensityStatistics& statistics,
                                        vtkColorTransferFunction* color,
                                        vtkPiecewiseFunction* opacity) {
  color->RemoveAllPoints();
  opacity->RemoveAllPoints();
  switch (preset) {
    case VolumePreset::CtBone:
      ctBone(color, opacity);
      break;
    case VolumePreset::CtSoftTissue:
      ctSoftTissue(color, opacity);
      break;
    case VolumePreset::CtLung:
      ctLung(color, opacity);
      break;
    case VolumePreset::CtAngio:
      ctAngio(color, opacity);
      break;
    case VolumePreset::MrDefault:
      mrDefault(statistics, color, opacity);
      break;
    case VolumePreset::Mip:
      mip(statistics, color, opacity);
      break;
  }
  return volumePresetRendering(preset);
}

}  // namespace lumen::render
