#include "widgets/VolumeView.h"

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include "render/VolumeImage.h"
#include "render/VolumeScene.h"
#include "widgets/ViewTitle.h"

namespace lumen::widgets {

VolumeView::VolumeView(QWidget* parent)
    : VtkViewport(parent), m_scene(std::make_unique<render::VolumeScene>()) {
  setRenderer(m_scene->renderer());
  // A frame budget of 0.2 s: the ray caster lowers its image sample distance until frames fit
  // (vtkSmartVolumeMapper adapts whenever the desired rate is at least its interactive rate).
  // A GPU renders at full resolution well inside it; software OpenGL would otherwise hold the
  // GUI thread for seconds per frame of a 512×512×300 CT.
  m_scene->renderer()->GetRenderWindow()->SetDesiredUpdateRate(5.0);
  makeViewTitle(tr("3D"), this);
}

VolumeView::~VolumeView() = default;

void VolumeView::setVolume(std::shared_ptr<const render::VolumeImage> image,
                           const core::IntensityStatistics& statistics) {
  m_scene->setVolume(std::move(image), statistics);
  update();
}

}  // namespace lumen::widgets
