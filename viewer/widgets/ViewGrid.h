#pragma once

#include <QImage>
#include <QWidget>
#include <array>
#include <memory>

#include "core/IntensityStatistics.h"
#include "core/Volume.h"

namespace lumen::widgets {

class SliceView;
class VolumeView;

/// The 2×2 reading layout: axial top left, coronal top right, sagittal bottom left, 3D bottom
/// right. All four views render from one VTK image over the volume's buffer. GUI thread only.
class ViewGrid : public QWidget {
  Q_OBJECT

 public:
  explicit ViewGrid(QWidget* parent = nullptr);
  ~ViewGrid() override;

  /// Shows `volume` in every view, slices through its middle at `window`; `statistics` shape the
  /// 3D view's transfer function.
  void setVolume(std::shared_ptr<const core::Volume> volume,
                 const core::IntensityStatistics& statistics, const core::Window& window);

  /// The whole layout as it is on screen, views rendered now (the 3D view at full resolution,
  /// however long that takes), fully opaque.
  QImage grabLayout();

 private:
  std::array<SliceView*, 3> m_slices{};
  VolumeView* m_volumeView = nullptr;
};

}  // namespace lumen::widgets
