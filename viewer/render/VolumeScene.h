#pragma once

#include <array>
#include <memory>
#include <optional>

#include "core/IntensityStatistics.h"
#include "render/AnnotationLayer.h"
#include "render/OverlayColours.h"
#include "render/VolumePreset.h"

class vtkRenderer;

namespace lumen::render {

class VolumeImage;

/// The 3D view's VTK scene: GPU ray-cast volume rendering (vtkSmartVolumeMapper) of the volume in
/// patient space (LPS, mm), a transfer-function preset, an optional crop box with its outline,
/// and an orientation marker (a cube labelled L/R/A/P/S/I) in the bottom-right corner. Opens seen
/// from the front with superior up. The camera is driven by the caller (rotate, zoom, pan), e.g.
/// from Qt event handlers. GUI thread only.
class VolumeScene {
 public:
  /// A box inside the volume as fractions (0…1) of its index extent: {iLow, iHigh, jLow, jHigh,
  /// kLow, kHigh}; 0 is the first voxel centre along that axis, 1 the last.
  struct CropBox {
    std::array<double, 6> bounds{0.0, 1.0, 0.0, 1.0, 0.0, 1.0};
  };

  VolumeScene();
  ~VolumeScene();
  VolumeScene(const VolumeScene&) = delete;
  VolumeScene& operator=(const VolumeScene&) = delete;

  /// The renderer of the volume, the crop outline and the camera (layer 0 of a render window).
  vtkRenderer* renderer() const;
  /// The orientation marker's renderer: add it to the same render window, on layer 1. Its camera
  /// follows renderer()'s orientation at the start of every render.
  vtkRenderer* markerRenderer() const;

  /// Shows `image` with defaultPreset(statistics) and its shading, cropping off with the whole
  /// volume as crop box, the camera reset to the front view.
  void setVolume(std::shared_ptr<const VolumeImage> image,
                 const core::IntensityStatistics& statistics);
  /// True once setVolume() has been called.
  bool hasVolume() const { return m_image != nullptr; }
  /// The volume shown, or nullptr.
  const VolumeImage* image() const { return m_image.get(); }

  /// "CT bone" when the values look like HU (air near −1000 present), otherwise "MR default".
  static VolumePreset defaultPreset(const core::IntensityStatistics& statistics);
  /// Switches to `preset` (its transfer functions, blend mode and the shading it suits). Before a
  /// volume is shown it is only remembered; setVolume() then picks its default anyway.
  void setPreset(VolumePreset preset);
  VolumePreset preset() const { return m_preset; }

  /// Gradient shading (lighting) on or off. setPreset() sets it to what the preset suits; this
  /// overrides it until the next preset. MIP is never shaded.
  void setShading(bool on);
  bool shading() const { return m_shading; }

  /// Turns the camera about the focal point: `horizontalDegrees` about the view-up axis (positive:
  /// the camera moves to its right, as vtkCamera::Azimuth), `verticalDegrees` about the camera's
  /// horizontal axis (positive: the camera moves up, as vtkCamera::Elevation). The view-up vector
  /// turns along, so it stays orthogonal to the direction of projection at any angle.
  void rotate(double horizontalDegrees, double verticalDegrees);
  /// Magnifies by `factor` (> 1 closer): the camera's distance to the focal point (or its parallel
  /// scale) is divided by it. Factors ≤ 0 are ignored.
  void zoom(double factor);
  /// Moves the scene on screen by (dxPixels right, dyPixels down) of a viewport
  /// `viewportHeightPixels` high, so that what lies in the focal plane follows the mouse.
  void pan(double dxPixels, double dyPixels, double viewportHeightPixels);
  /// The front view (anterior side towards the viewer, superior up, turned a little for depth)
  /// with the whole volume in sight.
  void resetCamera();

  /// The crop box, in fractions of the index extent.
  CropBox cropBox() const { return m_cropBox; }
  /// Sets the crop box; each value is clamped to 0…1 and a low above its high is moved to it.
  void setCropBox(const CropBox& box);
  /// Cropping on: only the inside of the crop box is rendered, and the box shows as a thin
  /// outline. Off: the whole volume, no outline.
  void setCropping(bool on);
  bool cropping() const { return m_cropping; }

  /// Frame time the 3D view aims at when still, seconds: it holds the GUI thread that long at
  /// most.
  static constexpr double kFrameBudget = 0.15;
  /// Frame time aimed at while the user turns, zooms or pans the view, seconds.
  static constexpr double kInteractiveFrameBudget = 0.05;
  /// While interacting, rays also sample this many times further apart than at rest (VTK corrects
  /// the opacity for it, so the picture keeps its look). The image sample distance alone cannot
  /// bring a shaded 512² frame under llvmpipe much below 0.15 s: at 8 pixels per ray the few rays
  /// left fill one rasterizer tile and run on one core.
  static constexpr double kInteractiveRayStepFactor = 2.0;

  /// True while the user drags the view: frames aim at kInteractiveFrameBudget, with rays sampled
  /// kInteractiveRayStepFactor times coarser. If a frame at the coarsest image sample distance
  /// still misses that budget, shading is left out while dragging (about a third of the cost),
  /// until the volume, preset or shading changes. Each switch starts from the image sample
  /// distance that the last timed frame of the new mode (else of the old one) says fits its
  /// budget; at rest the frames after that refine as usual.
  void setInteracting(bool on);
  bool interacting() const { return m_interacting; }
  /// True when frames are lit now: shading() and a composite preset, and not dropped while
  /// dragging.
  bool shadedNow() const;

  /// Distance between samples along each ray, mm: at rest VTK's choice for the volume's spacing
  /// (half the mean spacing, less for volumes under 100³ voxels), kInteractiveRayStepFactor times
  /// that while interacting.
  double raySampleDistance() const;

  /// Rays are cast every imageSampleDistance() pixels (1: every pixel). A new volume starts
  /// coarse, so its first frame never holds the GUI for long.
  double imageSampleDistance() const;

  /// Adapts the image sample distance to the time the last frame took, aiming at kFrameBudget
  /// (kInteractiveFrameBudget while interacting). Returns true when a finer frame now fits the
  /// budget and the user is not interacting: the caller should render again.
  bool adaptToFrameTime(double seconds);

  /// The next frame at full resolution, however long it takes (for screenshots).
  void requestFullQuality();

  /// Shows `heatmap` (uint8 0…255 meaning 0…1, or float32 0…1, on the volume's grid) as its
  /// iso-surface at the cut-off, coloured heatmapColour(cut-off), at the style's heatmap opacity,
  /// with the volume rendering (see HeatmapSurface: a large heatmap is subsampled first, so this
  /// takes a few tens of ms at most). nullptr removes it; setVolume() too. Throws
  /// std::invalid_argument (and changes nothing) when no volume is shown or the heatmap's type or
  /// grid does not fit (see heatmapProblem).
  void setHeatmap(std::shared_ptr<const VolumeImage> heatmap);
  /// The heatmap shown, or nullptr.
  const VolumeImage* heatmap() const;
  /// A new cut-off contours the heatmap again.
  void setOverlayStyle(const OverlayStyle& style);
  /// Hidden, the heatmap's surface is not drawn (it stays set).
  void setOverlaysVisible(bool visible);
  /// Triangles of the heatmap's surface (0 without a heatmap).
  long heatmapTriangleCount() const;

  /// Shows the surface of each visible label of `labels` (a core::LabelMap's voxels on the
  /// volume's grid) in its colour (see LabelSurfaces); nullptr removes them, setVolume() too.
  /// Throws std::invalid_argument (nothing changes) as setHeatmap does.
  void setAnnotation(std::shared_ptr<const VolumeImage> labels);
  const VolumeImage* annotation() const;
  void setAnnotationDisplay(const AnnotationDisplay& display);
  /// The labels' voxels changed: contours them again.
  void annotationChanged();
  /// Triangles of the labels' surfaces (0 without labels).
  long annotationTriangleCount() const;

 private:
  struct Impl;
  void applyPreset();
  void applyShading();
  void applyCropBox();
  void applyRayStep();
  void forgetTimings();
  void setImageSampleDistance(double distance);
  double budget() const;
  double rayStepFactor() const;

  std::shared_ptr<const VolumeImage> m_image;
  std::optional<core::IntensityStatistics> m_statistics;
  std::unique_ptr<Impl> m_impl;
  VolumePreset m_preset = VolumePreset::CtBone;
  bool m_shading = true;
  CropBox m_cropBox;
  bool m_cropping = false;
  bool m_interacting = false;
  bool m_firstFrame = false;
  // The last timed frame at rest ([0]) and while interacting ([1]): its image sample distance
  // and seconds (0: none since the volume, preset or shading changed).
  struct Timing {
    double distance = 0.0;
    double seconds = 0.0;
  };
  std::array<Timing, 2> m_timed{};
  bool m_flatWhileInteracting = false;
};

}  // namespace lumen::render
