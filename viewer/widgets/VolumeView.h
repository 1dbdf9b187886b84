#pragma once

#include <memory>

#include "core/IntensityStatistics.h"
#include "widgets/VtkViewport.h"

namespace lumen::render {
class VolumeImage;
class VolumeScene;
}  // namespace lumen::render

namespace lumen::widgets {

/// The 3D view: volume rendering of the whole volume. GUI thread only.
class VolumeView : public VtkViewport {
  Q_OBJECT

 public:
  explicit VolumeView(QWidget* parent = nullptr);
  ~VolumeView() override;

  void setVolume(std::shared_ptr<const render::VolumeImage> image,
                 const core::IntensityStatistics& statistics);

  /// Schedules a frame at full resolution, however long it takes (screenshots).
  void renderAtFullQualityNext();

 protected:
  void paintGL() override;

 private:
  std::unique_ptr<render::VolumeScene> m_scene;
};

}  // namespace lumen::widgets
