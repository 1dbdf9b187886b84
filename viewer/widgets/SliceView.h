#pragma once

#include <memory>

#include "core/IntensityStatistics.h"
#include "render/SliceScene.h"
#include "widgets/VtkViewport.h"

namespace lumen::render {
class VolumeImage;
}

namespace lumen::widgets {

/// A slice view (axial, coronal or sagittal) of one volume. The mouse wheel moves through the
/// slices. GUI thread only.
class SliceView : public VtkViewport {
  Q_OBJECT

 public:
  explicit SliceView(render::SliceOrientation orientation, QWidget* parent = nullptr);
  ~SliceView() override;

  void setVolume(std::shared_ptr<const render::VolumeImage> image, const core::Window& window);
  const render::SliceScene& scene() const { return *m_scene; }

  /// The orientation's name as the user reads it ("Axial").
  static QString orientationName(render::SliceOrientation orientation);

 protected:
  void framebufferResized(int width, int height) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  std::unique_ptr<render::SliceScene> m_scene;
  int m_wheelRemainder = 0;
};

}  // namespace lumen::widgets
