#pragma once

#include <QPointF>
#include <memory>

#include "core/IntensityStatistics.h"
#include "render/VolumePreset.h"
#include "render/VolumeScene.h"
#include "widgets/VtkViewport.h"

class QTimer;

namespace lumen::render {
class VolumeImage;
}  // namespace lumen::render

namespace lumen::widgets {

/// The 3D view: volume rendering of the whole volume, with an orientation marker. Left drag
/// turns it, middle drag (or Shift + left drag) pans, right drag up/down and the wheel zoom.
/// While a button is down frames are coarser, so they keep up with the mouse; after release they
/// refine. Double-clicks are left to the parent (the view grid maximises a view with them).
/// GUI thread only.
class VolumeView : public VtkViewport {
  Q_OBJECT

 public:
  explicit VolumeView(QWidget* parent = nullptr);
  ~VolumeView() override;

  /// Shows `image` with the preset that suits `statistics`, no cropping, the front view.
  void setVolume(std::shared_ptr<const render::VolumeImage> image,
                 const core::IntensityStatistics& statistics);
  /// The scene: volume, preset, crop box, camera. Change it through this view's setters.
  const render::VolumeScene& scene() const { return *m_scene; }

  /// Switches the transfer-function preset (and the shading it suits).
  void setPreset(render::VolumePreset preset);
  /// Gradient shading on or off (until the next preset).
  void setShading(bool on);
  /// Sets the crop box, in fractions of the volume's index extent.
  void setCropBox(const render::VolumeScene::CropBox& box);
  /// Renders only the inside of the crop box, and outlines it.
  void setCropping(bool on);
  /// Back to the front view with the whole volume in sight.
  void resetCamera();
  /// Marks a continuous change in progress (a drag here, or a crop slider held elsewhere):
  /// frames are coarser until it is turned off, then refine.
  void setInteracting(bool on);

  /// Schedules a frame at full resolution, however long it takes (screenshots).
  void renderAtFullQualityNext();

  /// Shows `heatmap`'s iso-surface at the cut-off (see render::VolumeScene::setHeatmap); nullptr
  /// removes it. Throws std::invalid_argument (nothing changes) when it does not fit the volume.
  void setHeatmap(std::shared_ptr<const render::VolumeImage> heatmap);
  void setOverlayStyle(const render::OverlayStyle& style);
  void setResultOverlaysVisible(bool visible);
  /// Shows the surfaces of the labels being drawn (see render::VolumeScene::setAnnotation);
  /// nullptr removes them. Throws std::invalid_argument (nothing changes) when they do not fit.
  void setAnnotation(std::shared_ptr<const render::VolumeImage> labels,
                     const render::AnnotationDisplay& display);
  /// The labels' voxels changed: their surfaces are contoured again.
  void annotationChanged();

 Q_SIGNALS:
  /// The volume, the preset, shading, the crop box or cropping changed: panels showing them
  /// refresh from scene().
  void sceneChanged();

 protected:
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  /// Ignored, so that it reaches the parent (QWidget's default would press again).
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  enum class Drag { None, Rotate, Pan, Zoom };

  void changed();

  std::unique_ptr<render::VolumeScene> m_scene;
  Drag m_drag = Drag::None;
  Qt::MouseButton m_dragButton = Qt::NoButton;
  QPointF m_lastPosition;
  QTimer* m_wheelSettled = nullptr;
};

}  // namespace lumen::widgets
