#pragma once

#include <QImage>
#include <QString>
#include <QWidget>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/IntensityStatistics.h"
#include "core/Volume.h"
#include "core/VolumeSource.h"
#include "render/AnnotationLayer.h"
#include "render/SliceScene.h"
#include "widgets/ReadingTool.h"
#include "widgets/SliceMarks.h"
#include "widgets/ViewCell.h"

class QGridLayout;
class QTimer;

namespace lumen::render {
class VolumeImage;
}

namespace lumen::widgets {

class MeasurementSet;
class SliceView;
class VolumeView;
struct PixelProbe;

/// How many cells the reading layout shows.
enum class ViewLayout { Single, OneByThree, TwoByTwo };

/// The reading layout: four cells (axial, coronal, sagittal and 3D at first; each can show any of
/// them) shown 2×2, 1×3 or one alone. Every view renders from one VTK image over the volume's
/// buffer. The slice views are linked: one cursor, one window, one slab, one tool. A single image
/// (CR, DX) is shown alone, as acquired. GUI thread only.
class ViewGrid : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kCells = 4;

  explicit ViewGrid(QWidget* parent = nullptr);
  ~ViewGrid() override;

  /// Shows `volume` in every view, the cursor at its centre, at `window`; `statistics` shape the
  /// 3D view; `source` gives the corner text and whether to invert (MONOCHROME1).
  void setVolume(std::shared_ptr<const core::Volume> volume,
                 const core::IntensityStatistics& statistics, const core::Window& window,
                 const core::VolumeSource& source = {});
  /// Shows the first decoded slice of a volume still loading (a one-slice volume in place) in
  /// the slice views of its plane, keeping the layout; the other views are empty until setVolume
  /// follows with the whole volume.
  void showPreview(std::shared_ptr<const core::Volume> slice, const core::Window& window,
                   const core::VolumeSource& source);
  bool hasVolume() const { return m_image != nullptr; }

  ViewLayout viewLayout() const { return m_layout; }
  void setViewLayout(ViewLayout layout);
  /// Shows `cell` alone, or goes back to the layout before when it already is.
  void toggleMaximised(int cell);
  ViewCell* cell(int index) const { return m_cells[index]; }
  void setCellKind(int cell, ViewKind kind);
  /// The cell last pressed in: cine, screenshots of a view and keyboard act on it.
  int activeCell() const { return m_active; }
  void setActiveCell(int cell);
  /// The active cell's slice view, or when it shows 3D the first visible slice view.
  SliceView* activeSliceView() const;
  /// The first cell showing 3D, or nullptr.
  VolumeView* volumeView() const;

  MeasurementSet* measurements() const { return m_measurements; }

  void setTool(ReadingTool tool);
  ReadingTool tool() const { return m_tool; }
  void setWindow(const core::Window& window);
  const core::Window& window() const { return m_window; }
  void setInverted(bool inverted);
  bool inverted() const { return m_inverted; }
  void setSlab(render::SlabMode mode, double thicknessMm);
  void setCursor(const core::Vec3& lps);
  const core::Vec3& cursor() const { return m_cursor; }
  void setCrosshairVisible(bool visible);
  /// The slice views' text overlay (corner text, letters, scale bar).
  void setOverlayVisible(bool visible);

  // AI results over every view. Each overlay is one VTK image shared by all views; it must lie
  // on the grid of the volume shown, voxel for voxel (same size, spacing, origin, direction).
  // setVolume() of another volume, and showPreview(), remove them; setVolume() of the same volume
  // keeps them.

  /// Shows `heatmap` (uint8 0…255 meaning 0…1, or float32 0…1) in the slice views (inferno,
  /// transparent below the cut-off, a colour bar titled `title`, "Heatmap" when empty) and as an
  /// iso-surface in the 3D view; nullptr removes it. Returns false and changes nothing when no
  /// volume is shown or the heatmap's type or grid does not fit it.
  bool setHeatmap(std::shared_ptr<const core::Volume> heatmap, const QString& title = {});
  /// Shows `labels` (uint8, 0 background, 1…255 labels) filled with render::labelColour and
  /// outlined in the slice views; nullptr removes it. Returns false and changes nothing when no
  /// volume is shown or it does not fit it.
  bool setLabelMap(std::shared_ptr<const core::Volume> labels);
  /// Shows the labels being drawn (a core::LabelMap's own voxels, on the shown volume's grid) in
  /// the slice views as `display` says; nullptr removes them, and so does showing another volume.
  /// Returns false and changes nothing when they do not fit the volume shown.
  bool setAnnotation(std::shared_ptr<const core::Volume> labels,
                     const render::AnnotationDisplay& display);
  /// Draws the labels being drawn as `display` says.
  void setAnnotationDisplay(const render::AnnotationDisplay& display);
  /// The annotation's voxels changed: redraw them (the 3D view's surfaces at most every
  /// kSurfaceDelayMs, since contouring takes longer than a brush dab).
  void annotationChanged();
  static constexpr int kSurfaceDelayMs = 400;
  /// The Brush and Eraser tools' radius, mm.
  void setBrushRadiusMm(double radiusMm);
  /// The boxes and points for detection data in every slice view; showing another volume
  /// removes them.
  void setMarks(const std::vector<SliceMark>& marks);

  /// Opacities and the heatmap's cut-off, in every view.
  void setOverlayStyle(const render::OverlayStyle& style);
  const render::OverlayStyle& overlayStyle() const { return m_overlayStyle; }
  /// Shows or hides the result overlays in every view at once (they stay set).
  void setResultOverlaysVisible(bool visible);
  bool resultOverlaysVisible() const { return m_resultOverlaysVisible; }
  bool hasHeatmap() const { return m_heatmap != nullptr; }
  bool hasLabelMap() const { return m_labels != nullptr; }
  /// Home: every view fitted and centred, the opening window.
  void resetViews();

  /// Plays the active slice view's slices at `framesPerSecond`, looping; 0 stops.
  void setCineRate(double framesPerSecond);
  bool cinePlaying() const;

  /// The whole layout as on screen, views rendered now (3D at full resolution), opaque.
  QImage grabLayout();
  /// The active view alone, overlays included.
  QImage grabActiveView();

 Q_SIGNALS:
  void probed(const PixelProbe& probe);
  /// A slice view's Brush or Eraser dragged (see SliceView::brushStroke).
  void brushStroke(const core::Vec3& fromLps, const core::Vec3& toLps, bool startsStroke,
                   int sliceAxis, bool erase);
  /// A slice view's Box tool drew a box, its Point tool a point, or Shift+click asked to remove
  /// one (see SliceView).
  void boxDrawn(const core::Vec3& firstLps, const core::Vec3& secondLps);
  void outlineDrawn(const std::vector<core::Vec3>& outlineLps, int sliceAxis, bool erase);
  void pointPlaced(const core::Vec3& lps);
  void markRemovalRequested(const core::Vec3& lps, double toleranceMm);
  /// A cell now shows another kind of view (volumeView() may have changed).
  void cellKindChanged(int cell);

 private:
  void arrange();
  /// Shows `volume` in the slice views for which `shows` is true and empties the others.
  void showInSliceViews(std::shared_ptr<const core::Volume> volume, const core::Window& window,
                        const core::VolumeSource& source,
                        const std::function<bool(const SliceView*)>& shows);
  void connectSliceView(int cell);
  void applyToSliceViews(const std::function<void(SliceView*)>& apply);
  /// Gives the result overlays, their style and visibility to every view showing the volume.
  void applyResultOverlays();
  void applyResultOverlays(VolumeView* view);

  std::array<ViewCell*, kCells> m_cells{};
  QGridLayout* m_grid = nullptr;
  MeasurementSet* m_measurements = nullptr;
  QTimer* m_cine = nullptr;
  QTimer* m_surfaces = nullptr;  // contours the labels in 3D once edits pause
  std::shared_ptr<const render::VolumeImage> m_image;
  std::optional<core::IntensityStatistics> m_statistics;
  std::shared_ptr<const render::VolumeImage> m_heatmap;
  QString m_heatmapTitle;
  std::shared_ptr<const render::VolumeImage> m_labels;
  std::shared_ptr<const render::VolumeImage> m_annotation;
  render::AnnotationDisplay m_annotationDisplay;
  std::vector<SliceMark> m_marks;
  render::OverlayStyle m_overlayStyle;
  bool m_resultOverlaysVisible = true;
  ViewLayout m_layout = ViewLayout::TwoByTwo;
  std::optional<ViewLayout> m_layoutBeforeMaximise;  ///< set while the user shows one view alone
  std::optional<ViewLayout> m_layoutBeforeImage;     ///< set while a single image is shown alone
  int m_active = 0;
  ReadingTool m_tool = ReadingTool::Navigate;
  core::Window m_window;
  core::Window m_openingWindow;
  bool m_inverted = false;
  core::Vec3 m_cursor{};
};

}  // namespace lumen::widgets
