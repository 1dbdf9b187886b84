#include "widgets/SliceView.h"

#include <QWheelEvent>

#include "render/VolumeImage.h"
#include "widgets/ViewTitle.h"

namespace lumen::widgets {

SliceView::SliceView(render::SliceOrientation orientation, QWidget* parent)
    : VtkViewport(parent), m_scene(std::make_unique<render::SliceScene>(orientation)) {
  setRenderer(m_scene->renderer());
  makeViewTitle(orientationName(orientation), this);
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
  m_scene->setVolume(std::move(image), window);
  update();
}

void SliceView::framebufferResized(int width, int height) {
  m_scene->setViewportSize(width, height);
}

void SliceView::wheelEvent(QWheelEvent* event) {
  // One notch (120 units) is one slice; high-resolution wheels send fractions of a notch.
  m_wheelRemainder += event->angleDelta().y();
  const int steps = m_wheelRemainder / 120;
  m_wheelRemainder -= steps * 120;
  if (steps != 0 && m_scene->hasVolume()) {
    m_scene->scroll(steps);
    update();
  }
  event->accept();
}

}  // namespace lumen::widgets
