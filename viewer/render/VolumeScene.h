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

  /// Frame time the 3D view aims at, seconds: it holds the GUI thread that long at most.
  static constexpr double kFrameBudget = 0.15;

  /// Rays are cast every imageSampleDistance() pixels (1: every pixel). A new volume starts
  /// coarse, so its first frame never holds the GUI for long.
  double imageSampleDistance() const;

  /// Adapts the image sample distance to the time the last frame took, aiming at kFrameBudget.
  /// Returns true when a finer frame now fits the budget: the caller should render again.
  bool adaptToFrameTime(double seconds);

  /// The next frame at full resolution, however long it takes (for screenshots).
  void requestFullQuality();

 private:
  struct Impl;
  std::shared_ptr<const VolumeImage> m_image;
  std::unique_ptr<Impl> m_impl;
  bool m_firstFrame = false;
};

}  // namespace lumen::render
