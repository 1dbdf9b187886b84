#include "widgets/VolumeView.h"

#include <vtkRenderer.h>

#include "render/VolumeImage.h"
#include "render/VolumeScene.h"
#include "widgets/ViewTitle.h"

namespace lumen::widgets {

VolumeView::VolumeView(QWidget* parent)
    : VtkViewport(parent), m_scene(std::make_unique<render::VolumeScene>()) {
  setRenderer(m_scene->renderer());
  makeViewTitle(tr("3D"), this);
}

VolumeView::~VolumeView() = default;

void VolumeView::paintGL() {
  VtkViewport::paintGL();
  // Refine while frames stay within budget; never hold the GUI thread for long in one frame.
  if (m_scene->adaptToFrameTime(m_scene->renderer()->GetLastRenderTimeInSeconds())) update();
}

void VolumeView::renderAtFullQualityNext() {
  m_scene->requestFullQuality();
  update();
}

void VolumeView::setVolume(std::shared_ptr<const render::VolumeImage> image,
                           const core::IntensityStatistics& statistics) {
  m_scene->setVolume(std::move(image), statistics);
  update();
}

}  // namespace lumen::widgets
