#pragma once

#include <memory>

#include "core/IntensityStatistics.h"

class vtkRenderer;

namespace lumen::render {

class VolumeImage;

/// The 3D view's VTK scene: GPU ray-cast volume rendering (vtkSmartVolumeMapper) of the volume in
/// patient space, seen from the front with superior up. GUI thread only.
class VolumeScene {
 public:
  VolumeScene();
  ~VolumeScene();
  VolumeScene(const VolumeScene&) = delete;
  VolumeScene& operator=(const VolumeScene&) = delete;

  vtkRenderer* renderer() const;

  /// Shows `image` with the preset that suits its intensities: "CT bone" when the
  /// values look like HU (air near −1000 present), otherwise a grey ramp over the default window.
  void setVolume(std::shared_ptr<const VolumeImage> image,
                 const core::IntensityStatistics& statistics);

 private:
  struct Impl;
  std::shared_ptr<const VolumeImage> m_image;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lumen::render
