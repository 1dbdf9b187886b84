#pragma once

#include <array>
#include <memory>
#include <vector>

#include "core/IntensityStatistics.h"
#include "core/Volume.h"
#include "render/AnnotationLayer.h"
#include "render/LabelOutline.h"
#include "render/OverlayColours.h"
#include "render/ViewAxes.h"

class vtkRenderer;

namespace lumen::render {

class VolumeImage;

/// How a thick slab is projected onto the screen.
enum class SlabMode { Off, Maximum, Minimum, Mean };

/// One slice view's VTK scene: a renderer showing one plane of voxels of the volume (never a blend
/// of two), or a thick slab (MIP, MinIP, mean) around it, through a parallel camera. All views of a
/// volume render from its one VolumeImage; nothing here copies the voxels.
///
/// The scene follows a cursor, an LPS point shared by linked views: the slice shown is the one
/// nearest the cursor. Screen positions are in device pixels of the viewport, origin top left.
/// GUI thread only.
class SliceScene {
 public:
  explicit SliceScene(SliceOrientation orientation);
  ~SliceScene();
  SliceScene(const SliceScene&) = delete;
  SliceScene& operator=(const SliceScene&) = delete;

  SliceOrientation orientation() const { return m_orientation; }
  /// Changes the plane shown, keeping the cursor; the view is fitted again.
  void setOrientation(SliceOrientation orientation);
  vtkRenderer* renderer() const;

  /// Shows `image` at `window`, the cursor at the volume's centre, fitted to the viewport.
  void setVolume(std::shared_ptr<const VolumeImage> image, const core::Window& window);
  /// Shows nothing (a blank view) until the next setVolume.
  void clearVolume();
  bool hasVolume() const { return m_image != nullptr; }
  /// The volume shown; only while hasVolume().
  const core::Volume& volume() const;
  /// The screen axes for the volume shown (see viewAxes(orientation, volume)).
  const ViewAxes& axes() const { return m_axes; }

  void setWindow(const core::Window& window);
  const core::Window& window() const { return m_window; }
  /// Low values bright (MONOCHROME1, or the user's choice).
  void setInverted(bool inverted);
  bool inverted() const { return m_inverted; }

  /// A slab of `thicknessMm` centred on the slice, projected by `mode`; Off shows the slice alone.
  void setSlab(SlabMode mode, double thicknessMm);
  SlabMode slabMode() const { return m_slabMode; }
  double slabThickness() const { return m_slabThickness; }

  /// Moves the cursor to `lps`; the slice shown becomes the one nearest to it.
  void setCursor(const core::Vec3& lps);
  /// The cursor, on the slice shown (its component along axes().into is the slice position).
  const core::Vec3& cursor() const { return m_cursor; }

  /// Slices are numbered 0 … sliceCount() − 1 into the screen.
  int sliceIndex() const { return m_index; }
  int sliceCount() const { return m_count; }
  /// Position of the slice shown along axes().into, mm.
  double slicePosition() const { return m_first + m_index * m_step; }
  double firstSlicePosition() const { return m_first; }
  /// Distance between neighbouring slices (the voxel spacing along the view's normal), mm.
  double sliceStep() const { return m_step; }
  /// Moves `steps` slices into the screen (negative: towards the viewer), clamped to the volume;
  /// the cursor moves with it.
  void scroll(int steps);
  /// Shows slice `index` (clamped).
  void showSlice(int index);

  /// The viewport's size in device pixels; the view keeps its zoom and centre.
  void setViewportSize(int width, int height);
  std::array<int, 2> viewportSize() const { return {m_width, m_height}; }

  /// Magnification relative to the fitted view (1: the whole slice fits the viewport).
  double zoom() const { return m_zoom; }
  /// Zooms by `factor` keeping the point under screen position (x, y) where it is.
  void zoomAbout(double factor, double x, double y);
  /// Moves the image by (dx, dy) device pixels.
  void pan(double dx, double dy);
  /// Fitted, centred, zoom 1 (the cursor stays).
  void resetView();
  /// Millimetres per device pixel at the current zoom.
  double millimetresPerPixel() const;

  /// The LPS point on the slice shown at screen position (x, y).
  core::Vec3 screenToWorld(double x, double y) const;
  /// Screen position of the projection of `lps` onto the view plane.
  std::array<double, 2> worldToScreen(const core::Vec3& lps) const;

  // AI result overlays, drawn above the image on the same plane of voxels (it follows scroll,
  // orientation, zoom and pan). An overlay must lie on the shown volume's grid, voxel for voxel:
  // one that does not is refused with std::invalid_argument (nothing changes), so it is never
  // drawn misaligned. setVolume and clearVolume remove both.

  /// Shows `heatmap` (uint8 0…255 meaning 0…1, or float32 0…1) with the inferno map, transparent
  /// below the cut-off; nullptr removes it. Throws std::invalid_argument when no volume is shown,
  /// or the heatmap's type or grid does not fit (see heatmapProblem).
  void setHeatmap(std::shared_ptr<const VolumeImage> heatmap);
  /// The heatmap shown, or nullptr.
  const VolumeImage* heatmap() const;
  /// Fills the regions of `labels` (uint8, 0 background, 1…255 labels) with labelColour(label),
  /// voxel edges sharp (nearest neighbour); nullptr removes it. Throws std::invalid_argument as
  /// setHeatmap does (see labelMapProblem).
  void setLabelMap(std::shared_ptr<const VolumeImage> labels);
  /// The label map shown, or nullptr.
  const VolumeImage* labelMap() const;
  void setOverlayStyle(const OverlayStyle& style);
  const OverlayStyle& overlayStyle() const;
  /// Hidden overlays are not drawn at all (the frame equals one without them); they stay set.
  void setOverlaysVisible(bool visible);
  bool overlaysVisible() const;
  /// Shows `labels` (uint8 on the shown volume's grid: a core::LabelMap's own voxels) as the
  /// labels being drawn, above the AI results, in the styles set; nullptr removes it. Throws
  /// std::invalid_argument as setLabelMap does. setOverlaysVisible does not hide it.
  void setAnnotation(std::shared_ptr<const VolumeImage> labels);
  const VolumeImage* annotation() const;
  /// The volume axis (0 i, 1 j, 2 k) the view looks along: a brush paints across it.
  int shownAxis() const { return shownVoxelPlane()[0]; }
  /// Colours and visibility per label value, the fill's opacity, outline only.
  void setAnnotationDisplay(const AnnotationDisplay& display);
  const AnnotationDisplay& annotationDisplay() const { return m_annotationDisplay; }
  /// The annotation's voxels changed (an edit): the next frame shows them.
  void annotationChanged();
  /// Counts annotationChanged() calls: an outline traced at another count is stale.
  unsigned annotationGeneration() const { return m_annotationGeneration; }

  /// The boundaries of the label map's regions on the plane of voxels shown (in a slab, its
  /// centre slice, as the overlays are drawn), LPS mm; empty without a label map.
  std::vector<LabelEdge> labelOutline() const;
  /// The same for the annotation's visible labels; empty without an annotation.
  std::vector<LabelEdge> annotationOutline() const;

 private:
  void updateFit();
  void updateSlice();
  void updateCamera();
  void updateWindow();
  core::Vec3 viewCentre() const;
  /// The volume axis the view looks along and the number of the plane of voxels shown on it.
  std::array<int, 2> shownVoxelPlane() const;

  struct Impl;
  SliceOrientation m_orientation;
  std::shared_ptr<const VolumeImage> m_image;
  std::unique_ptr<Impl> m_impl;
  AnnotationDisplay m_annotationDisplay;
  unsigned m_annotationGeneration = 0;
  ViewAxes m_axes;
  core::Window m_window;
  bool m_inverted = false;
  SlabMode m_slabMode = SlabMode::Off;
  double m_slabThickness = 10.0;
  core::Vec3 m_cursor{};
  double m_first = 0.0;  // position of slice 0, mm along axes().into
  double m_step = 1.0;
  int m_index = 0;
  int m_count = 1;
  int m_width = 1;
  int m_height = 1;
  double m_zoom = 1.0;
  double m_panRight = 0.0;  // view centre offset from the fitted centre, mm along right / up
  double m_panUp = 0.0;
};

}  // namespace lumen::render
