#include "widgets/VolumeView.h"

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QTimer>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "render/VolumeImage.h"

namespace lumen::widgets {
namespace {

/// A drag across the view's height turns the volume half a turn.
constexpr double kDegreesPerViewHeight = 180.0;
/// A drag up across the view's height magnifies this much (down: shrinks as much).
constexpr double kZoomPerViewHeight = 4.0;
/// One wheel notch (120 eighths of a degree) magnifies this much.
constexpr double kZoomPerNotch = 1.1;
/// The wheel counts as one interaction until it has been still this long, ms.
constexpr int kWheelSettleMs = 250;

}  // namespace

VolumeView::VolumeView(QWidget* parent)
    : VtkViewport(parent),
      m_scene(std::make_unique<render::VolumeScene>()),
      m_wheelSettled(new QTimer(this)) {
  setRenderer(m_scene->renderer());
  // The orientation marker is drawn over the volume, on a second layer of the same window.
  vtkRenderWindow* window = m_scene->renderer()->GetRenderWindow();
  window->SetNumberOfLayers(2);
  window->AddRenderer(m_scene->markerRenderer());

  m_wheelSettled->setSingleShot(true);
  m_wheelSettled->setInterval(kWheelSettleMs);
  connect(m_wheelSettled, &QTimer::timeout, this, [this] {
    if (m_drag == Drag::None) setInteracting(false);
  });
}

VolumeView::~VolumeView() = default;

void VolumeView::paintGL() {
  QElapsedTimer timer;
  timer.start();
  VtkViewport::paintGL();
  // Refine while frames stay within budget; never hold the GUI thread for long in one frame. The
  // whole frame counts (volume, marker, blit), not only VTK's render time of the volume.
  if (m_scene->adaptToFrameTime(static_cast<double>(timer.nsecsElapsed()) * 1e-9)) update();
}

void VolumeView::renderAtFullQualityNext() {
  m_scene->requestFullQuality();
  update();
}

void VolumeView::setHeatmap(std::shared_ptr<const render::VolumeImage> heatmap) {
  m_scene->setHeatmap(std::move(heatmap));
  update();
}

void VolumeView::setAnnotation(std::shared_ptr<const render::VolumeImage> labels,
                               const render::AnnotationDisplay& display) {
  m_scene->setAnnotationDisplay(display);
  m_scene->setAnnotation(std::move(labels));
  update();
}

void VolumeView::annotationChanged() {
  m_scene->annotationChanged();
  update();
}

void VolumeView::setOverlayStyle(const render::OverlayStyle& style) {
  m_scene->setOverlayStyle(style);
  update();
}

void VolumeView::setResultOverlaysVisible(bool visible) {
  m_scene->setOverlaysVisible(visible);
  update();
}

void VolumeView::setVolume(std::shared_ptr<const render::VolumeImage> image,
                           const core::IntensityStatistics& statistics) {
  m_scene->setVolume(std::move(image), statistics);
  changed();
}

void VolumeView::setPreset(render::VolumePreset preset) {
  m_scene->setPreset(preset);
  changed();
}

void VolumeView::setShading(bool on) {
  m_scene->setShading(on);
  changed();
}

void VolumeView::setCropBox(const render::VolumeScene::CropBox& box) {
  m_scene->setCropBox(box);
  changed();
}

void VolumeView::setCropping(bool on) {
  m_scene->setCropping(on);
  changed();
}

void VolumeView::resetCamera() {
  m_scene->resetCamera();
  update();
}

void VolumeView::setInteracting(bool on) {
  m_scene->setInteracting(on);
  update();
}

void VolumeView::changed() {
  update();
  Q_EMIT sceneChanged();
}

void VolumeView::mousePressEvent(QMouseEvent* event) {
  if (!m_scene->hasVolume() || m_drag != Drag::None) {
    event->ignore();
    return;
  }
  switch (event->button()) {
    case Qt::LeftButton:
      m_drag = event->modifiers() & Qt::ShiftModifier ? Drag::Pan : Drag::Rotate;
      break;
    case Qt::MiddleButton:
      m_drag = Drag::Pan;
      break;
    case Qt::RightButton:
      m_drag = Drag::Zoom;
      break;
    default:
      event->ignore();
      return;
  }
  m_dragButton = event->button();
  m_lastPosition = event->position();
  setInteracting(true);
  event->accept();
}

void VolumeView::mouseMoveEvent(QMouseEvent* event) {
  if (m_drag == Drag::None) {
    event->ignore();
    return;
  }
  const QPointF delta = event->position() - m_lastPosition;
  m_lastPosition = event->position();
  const double height = std::max(1, this->height());
  switch (m_drag) {
    case Drag::Rotate:
      // The volume follows the hand: dragging right turns its front to the right (the camera
      // to the left), dragging up turns its front up (the camera down).
      m_scene->rotate(-delta.x() * kDegreesPerViewHeight / height,
                      delta.y() * kDegreesPerViewHeight / height);
      break;
    case Drag::Pan:
      m_scene->pan(delta.x(), delta.y(), height);
      break;
    case Drag::Zoom:
      m_scene->zoom(std::pow(kZoomPerViewHeight, -delta.y() / height));
      break;
    case Drag::None:
      break;
  }
  update();
  event->accept();
}

void VolumeView::mouseReleaseEvent(QMouseEvent* event) {
  if (m_drag == Drag::None || event->button() != m_dragButton) {
    event->ignore();
    return;
  }
  m_drag = Drag::None;
  setInteracting(false);
  event->accept();
}

void VolumeView::mouseDoubleClickEvent(QMouseEvent* event) { event->ignore(); }

void VolumeView::wheelEvent(QWheelEvent* event) {
  if (!m_scene->hasVolume()) {
    event->ignore();
    return;
  }
  m_scene->setInteracting(true);
  m_scene->zoom(std::pow(kZoomPerNotch, event->angleDelta().y() / 120.0));
  m_wheelSettled->start();
  update();
  event->accept();
}

}  // namespace lumen::widgets
