#include "render/SliceScene.h"

#include <vtkCamera.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/VolumeGeometryMath.h"
#include "render/VolumeImage.h"

namespace lumen::render {

ViewAxes viewAxes(SliceOrientation orientation) {
  switch (orientation) {
    case SliceOrientation::Axial:
      return {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
    case SliceOrientation::Coronal:
      return {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
    case SliceOrientation::Sagittal:
      break;
  }
  return {{0, 1, 0}, {0, 0, 1}, {-1, 0, 0}};
}

struct SliceScene::Impl {
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkImageResliceMapper> mapper;
  vtkNew<vtkImageSlice> slice;
  // Extent of the volume's voxel centres along the screen axes, mm.
  Interval right;
  Interval up;
};

SliceScene::SliceScene(SliceOrientation orientation)
    : m_orientation(orientation), m_impl(std::make_unique<Impl>()) {
  m_impl->renderer->SetBackground(0.0, 0.0, 0.0);
  m_impl->renderer->GetActiveCamera()->ParallelProjectionOn();
  m_impl->mapper->SliceFacesCameraOn();
  m_impl->mapper->SliceAtFocalPointOn();
  m_impl->slice->SetMapper(m_impl->mapper);
  m_impl->slice->GetProperty()->SetInterpolationTypeToLinear();
}

SliceScene::~SliceScene() = default;

vtkRenderer* SliceScene::renderer() const { return m_impl->renderer; }

void SliceScene::setVolume(std::shared_ptr<const VolumeImage> image, const core::Window& window) {
  m_image = std::move(image);
  const core::Volume& volume = m_image->volume();
  const ViewAxes axes = viewAxes(m_orientation);

  m_impl->mapper->SetInputData(m_image->imageData());
  m_impl->slice->SetUserMatrix(m_image->gridToWorld());
  m_impl->renderer->RemoveAllViewProps();
  m_impl->renderer->AddViewProp(m_impl->slice);

  const Interval depth = projectedExtent(volume, axes.into);
  m_impl->right = projectedExtent(volume, axes.right);
  m_impl->up = projectedExtent(volume, axes.up);
  m_first = depth.low;
  m_depth = depth.length();
  m_step = stepAlong(volume, axes.into);
  m_count = static_cast<int>(std::lround(m_depth / m_step)) + 1;
  m_index = (m_count - 1) / 2;
  setWindow(window);
  updateCamera();
}

void SliceScene::setWindow(const core::Window& window) {
  m_impl->slice->GetProperty()->SetColorWindow(window.width);
  m_impl->slice->GetProperty()->SetColorLevel(window.center);
}

void SliceScene::scroll(int steps) {
  if (!hasVolume()) return;
  m_index = std::clamp(m_index + steps, 0, m_count - 1);
  updateCamera();
}

void SliceScene::setViewportSize(int width, int height) {
  m_aspect = height > 0 ? static_cast<double>(width) / height : 1.0;
  updateCamera();
}

void SliceScene::updateCamera() {
  if (!hasVolume()) return;
  const ViewAxes axes = viewAxes(m_orientation);
  // The screen axes are orthonormal, so the focal point is the sum of its three projections: the
  // middle of the visible extent, on the current slice plane.
  core::Vec3 focal{};
  for (int a = 0; a < 3; ++a) {
    focal[a] = m_impl->right.middle() * axes.right[a] + m_impl->up.middle() * axes.up[a] +
               slicePosition() * axes.into[a];
  }
  const double distance = 1000.0 + m_depth;
  vtkCamera* camera = m_impl->renderer->GetActiveCamera();
  camera->SetFocalPoint(focal.data());
  camera->SetPosition(focal[0] - distance * axes.into[0], focal[1] - distance * axes.into[1],
                      focal[2] - distance * axes.into[2]);
  camera->SetViewUp(axes.up.data());
  const double halfHeight =
      std::max(m_impl->up.length() / 2.0, m_impl->right.length() / 2.0 / m_aspect);
  camera->SetParallelScale(std::max(halfHeight, std::numeric_limits<double>::epsilon()));
  camera->SetClippingRange(distance - 1.0, distance + 1.0);
}

}  // namespace lumen::render
