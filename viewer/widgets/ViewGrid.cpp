#include "widgets/ViewGrid.h"

#include <QGridLayout>
#include <QPixmap>

#include "render/VolumeImage.h"
#include "widgets/SliceView.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {

ViewGrid::ViewGrid(QWidget* parent) : QWidget(parent) {
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  m_slices = {new SliceView(render::SliceOrientation::Axial, this),
              new SliceView(render::SliceOrientation::Coronal, this),
              new SliceView(render::SliceOrientation::Sagittal, this)};
  m_volumeView = new VolumeView(this);
  layout->addWidget(m_slices[0], 0, 0);
  layout->addWidget(m_slices[1], 0, 1);
  layout->addWidget(m_slices[2], 1, 0);
  layout->addWidget(m_volumeView, 1, 1);
  setStyleSheet(QStringLiteral("background: #202020;"));
}

ViewGrid::~ViewGrid() = default;

void ViewGrid::setVolume(std::shared_ptr<const core::Volume> volume,
                         const core::IntensityStatistics& statistics, const core::Window& window) {
  auto image = std::make_shared<const render::VolumeImage>(std::move(volume));
  for (SliceView* view : m_slices) view->setVolume(image, window);
  m_volumeView->setVolume(image, statistics);
}

QImage ViewGrid::grabLayout() {
  m_volumeView->renderAtFullQualityNext();
  return grab().toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace lumen::widgets
