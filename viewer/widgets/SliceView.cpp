#include "widgets/SliceView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "render/VolumeImage.h"
#include "widgets/MeasurementEditor.h"
#include "widgets/MeasurementSet.h"
#include "widgets/ResultLegend.h"
#include "widgets/SliceOverlay.h"

namespace lumen::widgets {
namespace {

constexpr int kWheelNotch = 120;
constexpr int kPageSlices = 10;
constexpr double kWheelZoom = 1.15;      // per notch with Ctrl
constexpr double kDragZoomRate = 0.01;   // per device pixel dragged upwards, as an exponent
constexpr double kMarkPickPixels = 8.0;  // how near a Shift+click must be to a mark, device pixels

}  // namespace

/// The transparent child that paints SliceView's overlay; mouse events pass through it.
class SliceView::Overlay : public QWidget {
 public:
  explicit Overlay(SliceView* view) : QWidget(view), m_view(view) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter painter(this);
    m_view->paintOverlay(painter);
  }

 private:
  SliceView* m_view;
};

SliceView::SliceView(render::SliceOrientation orientation, QWidget* parent)
    : VtkViewport(parent),
      m_scene(std::make_unique<render::SliceScene>(orientation)),
      m_editor(std::make_unique<MeasurementEditor>(*m_scene)) {
  setRenderer(m_scene->renderer());
  // Text and marks are painted by a raster child over the OpenGL frame: QPainter on VTK's
  // context drew nothing here (core profile, Mesa), and a child keeps the two apart.
  m_overlay = new Overlay(this);
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
}

SliceView::~SliceView() = default;

QString SliceView::orientationName(render::SliceOrientation orientation) {
  switch (orientation) {
    case render::SliceOrientation::Axial:
      return tr("Axial");
    case render::SliceOrientation::Coronal:
      return tr("Coronal");
    case render::SliceOrientation::Sagittal:
      break;
  }
  return tr("Sagittal");
}

void SliceView::setVolume(std::shared_ptr<const render::VolumeImage> image,
                          const core::Window& window) {
  m_editor->cancel();
  m_scene->setVolume(std::move(image), window);
  m_outline = {};
  refresh();
}

void SliceView::clearVolume() {
  m_editor->cancel();
  m_scene->clearVolume();
  m_outline = {};
  refresh();
}

void SliceView::setOrientation(render::SliceOrientation orientation) {
  m_editor->cancel();
  m_scene->setOrientation(orientation);
  refresh();
}

void SliceView::setStudyLabels(const StudyLabels& labels) {
  m_labels = labels;
  refresh();
}

void SliceView::setMeasurements(MeasurementSet* measurements) {
  m_editor->setMeasurements(measurements);
  if (measurements != nullptr) {
    connect(measurements, &MeasurementSet::changed, this, &SliceView::refresh);
  }
}

void SliceView::setTool(ReadingTool tool) {
  m_editor->cancel();
  m_tool = tool;
  refresh();
}

void SliceView::setWindow(const core::Window& window) {
  m_scene->setWindow(window);
  refresh();
}

void SliceView::setInverted(bool inverted) {
  m_scene->setInverted(inverted);
  refresh();
}

void SliceView::setSlab(render::SlabMode mode, double thicknessMm) {
  m_scene->setSlab(mode, thicknessMm);
  refresh();
}

void SliceView::setCursor(const core::Vec3& lps) {
  m_scene->setCursor(lps);
  refresh();
}

void SliceView::setCrosshairVisible(bool visible) {
  m_crosshairVisible = visible;
  refresh();
}

void SliceView::setOverlayVisible(bool visible) {
  m_overlayVisible = visible;
  refresh();
}

void SliceView::setHeatmap(std::shared_ptr<const render::VolumeImage> heatmap,
                           const QString& title) {
  m_scene->setHeatmap(std::move(heatmap));
  m_heatmapTitle = title;
  refresh();
}

void SliceView::setLabelMap(std::shared_ptr<const render::VolumeImage> labels) {
  m_scene->setLabelMap(std::move(labels));
  m_outline = {};  // a new label map may reuse the old one's address
  refresh();
}

void SliceView::setAnnotation(std::shared_ptr<const render::VolumeImage> labels,
                              const render::AnnotationDisplay& display) {
  m_scene->setAnnotation(std::move(labels));
  m_scene->setAnnotationDisplay(display);
  m_annotationOutline.valid = false;
  refresh();
}

void SliceView::annotationChanged() {
  m_scene->annotationChanged();
  refresh();
}

void SliceView::setBrushRadiusMm(double radiusMm) {
  m_brushRadiusMm = radiusMm;
  refresh();
}

void SliceView::setMarks(const std::vector<SliceMark>& marks) {
  m_marks = marks;
  refresh();
}

void SliceView::setOverlayStyle(const render::OverlayStyle& style) {
  m_scene->setOverlayStyle(style);
  refresh();
}

void SliceView::setResultOverlaysVisible(bool visible) {
  m_scene->setOverlaysVisible(visible);
  refresh();
}

bool SliceView::colourBarShown() const {
  return m_scene->hasVolume() && m_scene->heatmap() != nullptr && m_scene->overlaysVisible();
}

const std::vector<render::LabelEdge>& SliceView::labelOutline() {
  const render::VolumeImage* labels = m_scene->labelMap();
  const void* volume = m_scene->hasVolume() ? &m_scene->volume() : nullptr;
  if (labels != m_outline.labels || volume != m_outline.volume ||
      m_scene->orientation() != m_outline.orientation || m_scene->sliceIndex() != m_outline.slice) {
    m_outline.labels = labels;
    m_outline.volume = volume;
    m_outline.orientation = m_scene->orientation();
    m_outline.slice = m_scene->sliceIndex();
    m_outline.edges = m_scene->labelOutline();
  }
  return m_outline.edges;
}

const std::vector<render::LabelEdge>& SliceView::annotationOutline() {
  AnnotationOutlineCache& cache = m_annotationOutline;
  if (!cache.valid || m_scene->orientation() != cache.orientation ||
      m_scene->sliceIndex() != cache.slice || m_scene->annotationGeneration() != cache.generation) {
    cache.valid = true;
    cache.orientation = m_scene->orientation();
    cache.slice = m_scene->sliceIndex();
    cache.generation = m_scene->annotationGeneration();
    cache.edges = m_scene->annotationOutline();
  }
  return cache.edges;
}

void SliceView::resetView() {
  m_scene->resetView();
  refresh();
}

void SliceView::showNextSliceForCine() {
  if (!m_scene->hasVolume()) return;
  m_scene->showSlice((m_scene->sliceIndex() + 1) % m_scene->sliceCount());
  refresh();
  Q_EMIT cursorMoved(m_scene->cursor());
}

std::array<QString, 4> SliceView::edgeLetters() const {
  const std::array<std::string, 4> letters = render::edgeLetters(m_scene->axes());
  return {QString::fromStdString(letters[0]), QString::fromStdString(letters[1]),
          QString::fromStdString(letters[2]), QString::fromStdString(letters[3])};
}

QImage SliceView::grabView() { return grab().toImage().convertToFormat(QImage::Format_RGB32); }

void SliceView::paintOverlay(QPainter& painter) {
  if (!m_scene->hasVolume()) return;
  const double scale = devicePixelRatioF();
  painter.setRenderHint(QPainter::Antialiasing);
  if (m_scene->overlaysVisible() && m_scene->labelMap() != nullptr) {
    ResultLegend::paintLabelOutline(painter, *m_scene, labelOutline(), scale);
  }
  const render::AnnotationDisplay& annotation = m_scene->annotationDisplay();
  if (m_scene->annotation() != nullptr && annotation.outlineOnly) {
    ResultLegend::paintLabelOutline(
        painter, *m_scene, annotationOutline(), scale, [&annotation](int label) {
          const render::AnnotationLabelStyle* style = annotation.styleOf(label);
          return style ? style->colour : render::labelColour(label);
        });
  }
  paintSliceMarks(painter, *m_scene, m_marks, scale);
  if (m_drag == Drag::Outline) {
    QPolygonF path;
    for (const QPointF& p : m_outlinePath) path << p / scale;
    painter.setPen(QPen(m_outlineErases ? Qt::cyan : Qt::yellow, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolygon(path);
  }
  if (m_drag == Drag::Box) {
    painter.setPen(QPen(Qt::yellow, 1.0, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(m_pressPosition / scale, m_lastPosition / scale).normalized());
  }
  if (m_crosshairVisible) SliceOverlay::paintCrosshair(painter, *m_scene, scale);
  m_editor->paint(painter, scale, m_labels.unit);
  if (m_overlayVisible) {
    SliceOverlay::paintText(painter, *m_scene, m_labels, orientationName(m_scene->orientation()),
                            scale);
  }
  if (colourBarShown()) {
    ResultLegend::paintColourBar(painter, m_scene->overlayStyle(), m_heatmapTitle);
  }
  if (m_hovering && (m_tool == ReadingTool::Brush || m_tool == ReadingTool::Eraser)) {
    const double radius = m_brushRadiusMm / m_scene->millimetresPerPixel() / scale;
    painter.setPen(QPen(m_tool == ReadingTool::Brush ? Qt::yellow : Qt::cyan, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(m_lastPosition / scale, radius, radius);
  }
}

void SliceView::refresh() {
  update();
  m_overlay->update();
}

void SliceView::resizeEvent(QResizeEvent* event) {
  VtkViewport::resizeEvent(event);
  m_overlay->setGeometry(rect());
}

void SliceView::framebufferResized(int width, int height) {
  m_scene->setViewportSize(width, height);
}

QPointF SliceView::devicePosition(const QPointF& logical) const {
  return logical * devicePixelRatioF();
}

void SliceView::moveCursorTo(const QPointF& device) {
  if (!m_scene->hasVolume()) return;
  m_scene->setCursor(m_scene->screenToWorld(device.x(), device.y()));
  refresh();
  Q_EMIT cursorMoved(m_scene->cursor());
}

void SliceView::scrollBy(int steps) {
  if (!m_scene->hasVolume() || steps == 0) return;
  m_scene->scroll(steps);
  refresh();
  Q_EMIT cursorMoved(m_scene->cursor());
}

void SliceView::probe(const QPointF& device) {
  if (!m_scene->hasVolume()) return;
  const core::Volume& volume = m_scene->volume();
  PixelProbe probe;
  probe.lps = m_scene->screenToWorld(device.x(), device.y());
  const core::Vec3 index = volume.worldToIndex(probe.lps);
  probe.inside = true;
  for (int a = 0; a < 3; ++a) {
    probe.index[a] = std::lround(index[a]);
    probe.inside =
        probe.inside && probe.index[a] >= 0 && probe.index[a] < static_cast<long>(volume.size()[a]);
  }
  probe.components = volume.components();
  if (probe.inside) {
    for (int c = 0; c < probe.components; ++c) {
      probe.value[c] = volume.valueAt(probe.index[0], probe.index[1], probe.index[2], c);
    }
  }
  Q_EMIT probed(probe);
}

void SliceView::wheelEvent(QWheelEvent* event) {
  event->accept();
  m_wheelRemainder += event->angleDelta().y();
  const int notches = m_wheelRemainder / kWheelNotch;
  m_wheelRemainder -= notches * kWheelNotch;
  if (notches == 0 || !m_scene->hasVolume()) return;
  if (event->modifiers() & Qt::ControlModifier) {
    const QPointF at = devicePosition(event->position());
    m_scene->zoomAbout(std::pow(kWheelZoom, notches), at.x(), at.y());
    refresh();
    return;
  }
  scrollBy(notches);
}

void SliceView::mousePressEvent(QMouseEvent* event) {
  setFocus(Qt::MouseFocusReason);
  Q_EMIT activated();
  event->accept();
  if (!m_scene->hasVolume()) return;
  const QPointF at = devicePosition(event->position());
  m_pressPosition = at;
  m_lastPosition = at;
  m_pressWindow = m_scene->window();
  m_drag = Drag::None;
  switch (event->button()) {
    case Qt::LeftButton:
      if (m_editor->press(m_tool, at)) {
        m_drag = Drag::Measurement;
        refresh();
        return;
      }
      if ((m_tool == ReadingTool::Box || m_tool == ReadingTool::Point) &&
          (event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT markRemovalRequested(m_scene->screenToWorld(at.x(), at.y()),
                                    kMarkPickPixels * m_scene->millimetresPerPixel());
      } else if (m_tool == ReadingTool::Outline) {
        m_drag = Drag::Outline;
        m_outlinePath = {at};
        m_outlineErases = (event->modifiers() & Qt::ShiftModifier) != 0;
      } else if (m_tool == ReadingTool::Box) {
        m_drag = Drag::Box;
      } else if (m_tool == ReadingTool::Point) {
        Q_EMIT pointPlaced(m_scene->screenToWorld(at.x(), at.y()));
      } else if (m_tool == ReadingTool::Brush || m_tool == ReadingTool::Eraser) {
        m_drag = Drag::Paint;
        m_lastPaint = m_scene->screenToWorld(at.x(), at.y());
        Q_EMIT brushStroke(m_lastPaint, m_lastPaint, true, m_scene->shownAxis(),
                           m_tool == ReadingTool::Eraser);
      } else if (m_tool == ReadingTool::Navigate) {
        m_drag = Drag::Cursor;
        moveCursorTo(at);
      } else if (m_tool == ReadingTool::WindowLevel) {
        m_drag = Drag::Window;
      } else if (m_tool == ReadingTool::Zoom) {
        m_drag = Drag::Zoom;
      } else if (m_tool == ReadingTool::Pan) {
        m_drag = Drag::Pan;
      }
      break;
    case Qt::RightButton:
      m_drag = m_tool == ReadingTool::Zoom ? Drag::Zoom : Drag::Window;
      break;
    case Qt::MiddleButton:
      m_drag = Drag::Pan;
      break;
    default:
      break;
  }
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
  event->accept();
  if (!m_scene->hasVolume()) return;
  const QPointF at = devicePosition(event->position());
  probe(at);
  m_hovering = true;
  if (m_tool == ReadingTool::Brush || m_tool == ReadingTool::Eraser) m_overlay->update();
  switch (m_drag) {
    case Drag::Cursor:
      moveCursorTo(at);
      break;
    case Drag::Window: {
      // Proportional to the window at the press, so narrow and wide windows both adjust finely.
      const double rate = std::max(m_pressWindow.width, 20.0) / 200.0;
      core::Window window;
      window.width = std::max(1.0, m_pressWindow.width + (at.x() - m_pressPosition.x()) * rate);
      window.center = m_pressWindow.center + (at.y() - m_pressPosition.y()) * rate;
      m_scene->setWindow(window);
      refresh();
      Q_EMIT windowAdjusted(window);
      break;
    }
    case Drag::Zoom:
      m_scene->zoomAbout(std::exp((m_lastPosition.y() - at.y()) * kDragZoomRate),
                         m_pressPosition.x(), m_pressPosition.y());
      refresh();
      break;
    case Drag::Pan:
      m_scene->pan(at.x() - m_lastPosition.x(), at.y() - m_lastPosition.y());
      refresh();
      break;
    case Drag::Paint: {
      const core::Vec3 lps = m_scene->screenToWorld(at.x(), at.y());
      Q_EMIT brushStroke(m_lastPaint, lps, false, m_scene->shownAxis(),
                         m_tool == ReadingTool::Eraser);
      m_lastPaint = lps;
      break;
    }
    case Drag::Box:
      m_overlay->update();
      break;
    case Drag::Outline:
      if (QLineF(m_outlinePath.back(), at).length() >= 2.0) m_outlinePath.push_back(at);
      m_overlay->update();
      break;
    case Drag::Measurement:
    case Drag::None:
      if (m_editor->busy()) {
        m_editor->move(at);
        refresh();
      }
      break;
  }
  m_lastPosition = at;
}

void SliceView::mouseReleaseEvent(QMouseEvent* event) {
  event->accept();
  if (m_drag == Drag::Measurement) {
    m_editor->release(devicePosition(event->position()));
    refresh();
  }
  if (m_drag == Drag::Outline) {
    m_drag = Drag::None;
    m_overlay->update();
    if (m_outlinePath.size() >= 3) {
      std::vector<core::Vec3> outline;
      for (const QPointF& p : m_outlinePath)
        outline.push_back(m_scene->screenToWorld(p.x(), p.y()));
      Q_EMIT outlineDrawn(outline, m_scene->shownAxis(), m_outlineErases);
    }
    m_outlinePath.clear();
  }
  if (m_drag == Drag::Box) {
    const QPointF at = devicePosition(event->position());
    m_drag = Drag::None;
    m_overlay->update();
    // A click without a drag draws no box.
    if (std::abs(at.x() - m_pressPosition.x()) >= 2.0 &&
        std::abs(at.y() - m_pressPosition.y()) >= 2.0) {
      Q_EMIT boxDrawn(m_scene->screenToWorld(m_pressPosition.x(), m_pressPosition.y()),
                      m_scene->screenToWorld(at.x(), at.y()));
    }
  }
  m_drag = Drag::None;
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event) {
  event->accept();
  Q_EMIT maximiseRequested();
}

void SliceView::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Up:
      scrollBy(1);
      break;
    case Qt::Key_Down:
      scrollBy(-1);
      break;
    case Qt::Key_PageUp:
      scrollBy(kPageSlices);
      break;
    case Qt::Key_PageDown:
      scrollBy(-kPageSlices);
      break;
    case Qt::Key_Escape:
      m_editor->cancel();
      refresh();
      break;
    default:
      VtkViewport::keyPressEvent(event);
      return;
  }
  event->accept();
}

void SliceView::leaveEvent(QEvent* event) {
  m_hovering = false;
  m_overlay->update();
  PixelProbe nothing;
  nothing.components = 0;
  Q_EMIT probed(nothing);
  VtkViewport::leaveEvent(event);
}

}  // namespace lumen::widgets
