#pragma once

#include <memory>

#include "core/IntensityStatistics.h"
#include "core/Volume.h"

class vtkRenderer;

namespace lumen::render {

class VolumeImage;

/// The three planes a radiologist reads in, each shown in radiological convention: axial seen
/// from the feet, coronal from the front (patient's left on screen right in both), sagittal from
/// the patient's left (anterior on screen left). Superior is up in coronal and sagittal.
enum class SliceOrientation { Axial, Coronal, Sagittal };

/// Screen axes of an orientation as LPS unit vectors: right, up, and into the screen.
struct ViewAxes {
  core::Vec3 right;
  core::Vec3 up;
  core::Vec3 into;
};
ViewAxes viewAxes(SliceOrientation orientation);

/// One slice view's VTK scene: a renderer with the volume resliced through the camera's focal
/// plane (vtkImageResliceMapper, no copy of the volume) and a parallel camera that fits the whole
/// volume. The slice position is in mm along ViewAxes::into. GUI thread only.
class SliceScene {
 public:
  explicit SliceScene(SliceOrientation orientation);
  ~SliceScene();
  SliceScene(const SliceScene&) = delete;
  SliceScene& operator=(const SliceScene&) = delete;

  SliceOrientation orientation() const { return m_orientation; }
  vtkRenderer* renderer() const;

  /// Shows `image` through its middle slice with `window`.
  void setVolume(std::shared_ptr<const VolumeImage> image, const core::Window& window);
  bool hasVolume() const { return m_image != nullptr; }

  void setWindow(const core::Window& window);

  /// Slices are numbered 0 … sliceCount() − 1 into the screen; each lies on a plane of voxel
  /// centres when the volume's axes are aligned with the view, so no slice shown is a blend of two.
  int sliceIndex() const { return m_index; }
  int sliceCount() const { return m_count; }
  double slicePosition() const { return m_first + m_index * m_step; }
  double firstSlicePosition() const { return m_first; }
  /// Distance between neighbouring slices: the spacing of the volume axis closest to the normal.
  double sliceStep() const { return m_step; }

  /// Moves `steps` slices into the screen (negative: towards the viewer), clamped to the volume.
  void scroll(int steps);

  /// Fits the camera to a viewport of this size (pixels) so the whole slice is visible, centred.
  void setViewportSize(int width, int height);

 private:
  void updateCamera();

  struct Impl;
  SliceOrientation m_orientation;
  std::shared_ptr<const VolumeImage> m_image;
  std::unique_ptr<Impl> m_impl;
  double m_first = 0.0;  // position of slice 0, mm along ViewAxes::into
  double m_step = 1.0;
  double m_depth = 0.0;  // distance from the first to the last slice, mm
  int m_index = 0;
  int m_count = 1;
  double m_aspect = 1.0;
};

}  // namespace lumen::render
