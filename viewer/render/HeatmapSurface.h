#pragma once

#include <memory>

#include "render/OverlayColours.h"

class vtkActor;
class vtkImageData;
class vtkPolyData;
class vtkPolyDataAlgorithm;

namespace lumen::render {

class VolumeImage;

/// The 3D view's picture of a heatmap: the iso-surface where it crosses the cut-off, coloured
/// heatmapColour(cut-off), semi-transparent (the style's heatmap opacity), placed in the patient
/// by the heatmap's gridToWorld matrix. Built on the GUI thread, so it is kept cheap: a large
/// heatmap is first subsampled (every n-th voxel along each axis, n chosen so that at most
/// kMaximumContourVoxels remain; a 512×512×300 heatmap takes every 4th), then contoured with
/// flying edges. Regions thinner than n voxels may therefore be missed in 3D; the slice views
/// show every voxel. Measured (Release, 2 cores): 2–4 ms for a 512×512×300 heatmap with one hot
/// region, 13 ms for smooth blobs throughout it, 63 ms for pure noise (2.4 million triangles).
/// GUI thread only.
class HeatmapSurface {
 public:
  /// Upper bound on the voxels contoured.
  static constexpr double kMaximumContourVoxels = 2.0e6;

  HeatmapSurface();
  ~HeatmapSurface();
  HeatmapSurface(const HeatmapSurface&) = delete;
  HeatmapSurface& operator=(const HeatmapSurface&) = delete;

  /// The surface's actor; invisible while there is no heatmap or it is hidden.
  vtkActor* actor() const;

  /// Contours `heatmap` at the style's cut-off now; nullptr removes the surface.
  void setHeatmap(std::shared_ptr<const VolumeImage> heatmap);
  const VolumeImage* heatmap() const { return m_heatmap.get(); }
  /// A new cut-off contours again; a new opacity only recolours.
  void setStyle(const OverlayStyle& style);
  void setVisible(bool visible);
  bool visible() const { return m_visible; }

  /// The subsampling step along each axis for a grid of `voxels` voxels (1: every voxel).
  static int subsamplingStep(double voxels);
  /// Runs `contour` (a flying-edges filter with its values set) on `image` subsampled by
  /// subsamplingStep (the voxels kept stay at their grid positions, spacing × step, so the
  /// image's user matrix still places the surface) and leaves the result in `surface`, with
  /// neither the pipeline nor the surface holding on to the image.
  static void contourSubsampled(vtkImageData* image, vtkPolyDataAlgorithm* contour,
                                vtkPolyData* surface);
  /// Number of triangles of the surface shown (0 without a heatmap).
  long triangleCount() const;

 private:
  void contour();
  void applyAppearance();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::shared_ptr<const VolumeImage> m_heatmap;
  OverlayStyle m_style;
  bool m_visible = true;
};

}  // namespace lumen::render
