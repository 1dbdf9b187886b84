#pragma once

#include <QPointF>
#include <QString>
#include <array>
#include <memory>
#include <vector>

#include "core/IntensityStatistics.h"
#include "render/SliceScene.h"
#include "widgets/ReadingTool.h"
#include "widgets/SliceMarks.h"
#include "widgets/StudyLabels.h"
#include "widgets/VtkViewport.h"

class QPainter;

namespace lumen::render {
class VolumeImage;
}

namespace lumen::widgets {

class MeasurementEditor;
class MeasurementSet;

/// The voxel under the mouse.
struct PixelProbe {
  core::Vec3 lps{};               ///< mm
  std::array<long, 3> index{};    ///< nearest voxel
  bool inside = false;            ///< the voxel is inside the volume
  std::array<double, 3> value{};  ///< stored value (HU for CT); three for a colour volume
  int components = 1;
};

/// A slice view (axial, coronal or sagittal) of one volume, with the interaction radiologists
/// expect (see ReadingTool; wheel scrolls, Ctrl+wheel zooms about the mouse, arrows and Page keys
/// scroll, Escape cancels a measurement being drawn), the linked cursor as a crosshair, corner
/// text, orientation letters at the edges, a scale bar and the measurements on the slice shown. GUI
/// thread only.
class SliceView : public VtkViewport {
  Q_OBJECT

 public:
  explicit SliceView(render::SliceOrientation orientation, QWidget* parent = nullptr);
  ~SliceView() override;

  void setVolume(std::shared_ptr<const render::VolumeImage> image, const core::Window& window);
  /// Blank until the next setVolume.
  void clearVolume();
  const render::SliceScene& scene() const { return *m_scene; }

  void setOrientation(render::SliceOrientation orientation);
  void setStudyLabels(const StudyLabels& labels);
  /// The measurements this view shows and edits (owned elsewhere; may be null).
  void setMeasurements(MeasurementSet* measurements);
  void setTool(ReadingTool tool);
  ReadingTool tool() const { return m_tool; }

  // Linked state, set by the grid; none of these emits a signal back.
  void setWindow(const core::Window& window);
  void setInverted(bool inverted);
  void setSlab(render::SlabMode mode, double thicknessMm);
  void setCursor(const core::Vec3& lps);
  void setCrosshairVisible(bool visible);
  /// The text overlay (corner text, letters, scale bar).
  void setOverlayVisible(bool visible);

  // AI result overlays (see render::SliceScene), each on the shown volume's grid: label regions
  // are also outlined, and a heatmap gets a colour bar at the right edge.

  /// Shows `heatmap` (nullptr removes it), its colour bar titled `title` ("Heatmap" when empty).
  /// Throws std::invalid_argument (nothing changes) when it does not fit the volume shown.
  void setHeatmap(std::shared_ptr<const render::VolumeImage> heatmap, const QString& title = {});
  /// Shows `labels` filled and outlined (nullptr removes it). Throws std::invalid_argument
  /// (nothing changes) when it does not fit the volume shown.
  void setLabelMap(std::shared_ptr<const render::VolumeImage> labels);
  void setOverlayStyle(const render::OverlayStyle& style);
  /// Shows the labels being drawn (a core::LabelMap's voxels on the shown volume's grid; nullptr
  /// removes them) as `display` says: filled, or outlined only. Throws std::invalid_argument
  /// (nothing changes) when they do not fit the volume shown.
  void setAnnotation(std::shared_ptr<const render::VolumeImage> labels,
                     const render::AnnotationDisplay& display);
  /// The annotation's voxels changed: draw them again.
  void annotationChanged();
  /// The brush's radius in mm, drawn as a circle under the mouse with the Brush and Eraser tools.
  void setBrushRadiusMm(double radiusMm);
  /// The boxes and points for detection data, drawn on the slices they lie on.
  void setMarks(const std::vector<SliceMark>& marks);

  /// Shows or hides the heatmap, the label map, their outlines and the colour bar together.
  void setResultOverlaysVisible(bool visible);
  bool resultOverlaysVisible() const { return m_scene->overlaysVisible(); }
  /// True while a heatmap is shown with its colour bar.
  bool colourBarShown() const;

  /// Fitted, centred, zoom 1.
  void resetView();
  /// Cine: the next slice, back to the first after the last; the cursor follows.
  void showNextSliceForCine();
  /// Letters of the patient directions at the left, right, top and bottom edges.
  std::array<QString, 4> edgeLetters() const;
  /// The frame as on screen, overlays included, rendered now, opaque.
  QImage grabView();

  /// The orientation's name as the user reads it ("Axial").
  static QString orientationName(render::SliceOrientation orientation);

 Q_SIGNALS:
  /// The user moved the linked cursor (clicked, dragged or scrolled), LPS mm.
  void cursorMoved(const core::Vec3& lps);
  /// The user dragged the window.
  void windowAdjusted(const core::Window& window);
  void probed(const PixelProbe& probe);
  /// The user pressed in this view: keyboard, cine and screenshots act on it.
  void activated();
  /// Double click: show this view alone (or back to the layout).
  void maximiseRequested();
  /// The Brush or Eraser tool dragged from `fromLps` to `toLps` (equal on the press, which
  /// `startsStroke`), on the slice across volume axis `sliceAxis`.
  void brushStroke(const core::Vec3& fromLps, const core::Vec3& toLps, bool startsStroke,
                   int sliceAxis, bool erase);
  /// The Outline tool drew the closed outline through `outlineLps` on the slice across volume
  /// axis `sliceAxis`; `erase` when Shift was held.
  void outlineDrawn(const std::vector<core::Vec3>& outlineLps, int sliceAxis, bool erase);
  /// The Box tool dragged a box on the slice between these corners (LPS mm).
  void boxDrawn(const core::Vec3& firstLps, const core::Vec3& secondLps);
  /// The Point tool clicked at `lps`.
  void pointPlaced(const core::Vec3& lps);
  /// Shift+click with the Box or Point tool at `lps`: remove the mark there; `toleranceMm` is
  /// a few pixels at the current zoom.
  void markRemovalRequested(const core::Vec3& lps, double toleranceMm);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void framebufferResized(int width, int height) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  enum class Drag { None, Cursor, Window, Zoom, Pan, Measurement, Paint, Box, Outline };

  class Overlay;
  void paintOverlay(QPainter& painter);
  /// Schedules the frame and its overlay.
  void refresh();
  QPointF devicePosition(const QPointF& logical) const;
  void moveCursorTo(const QPointF& device);
  void scrollBy(int steps);
  void probe(const QPointF& device);

  /// The label map's outline on the slice shown, traced again only when the plane changes.
  const std::vector<render::LabelEdge>& labelOutline();
  /// The annotation's, traced again when the plane, the labels or their display change.
  const std::vector<render::LabelEdge>& annotationOutline();

  std::unique_ptr<render::SliceScene> m_scene;
  std::unique_ptr<MeasurementEditor> m_editor;
  Overlay* m_overlay = nullptr;
  QString m_heatmapTitle;
  struct OutlineCache {
    const void* labels = nullptr;
    const void* volume = nullptr;
    render::SliceOrientation orientation = render::SliceOrientation::Axial;
    int slice = -1;
    std::vector<render::LabelEdge> edges;
  } m_outline;
  struct AnnotationOutlineCache {
    bool valid = false;
    render::SliceOrientation orientation = render::SliceOrientation::Axial;
    int slice = -1;
    unsigned generation = 0;
    std::vector<render::LabelEdge> edges;
  } m_annotationOutline;
  StudyLabels m_labels;
  ReadingTool m_tool = ReadingTool::Navigate;
  bool m_crosshairVisible = true;
  bool m_overlayVisible = true;
  Drag m_drag = Drag::None;
  QPointF m_pressPosition;  // device pixels
  QPointF m_lastPosition;
  core::Vec3 m_lastPaint{};  // LPS of the brush's last dab
  double m_brushRadiusMm = 3.0;
  std::vector<SliceMark> m_marks;
  std::vector<QPointF> m_outlinePath;  // device pixels of the outline being drawn
  bool m_outlineErases = false;
  bool m_hovering = false;  // the mouse is over the view: draw the brush circle
  core::Window m_pressWindow;
  int m_wheelRemainder = 0;
};

}  // namespace lumen::widgets

Q_DECLARE_METATYPE(lumen::widgets::PixelProbe)
