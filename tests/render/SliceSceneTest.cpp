#include "render/SliceScene.h"

#include <gtest/gtest.h>
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <cmath>

#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

double dot(const core::Vec3& a, const core::Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

core::Vec3 cross(const core::Vec3& a, const core::Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

/// 100 × 80 × 40 voxels of 0.5 × 0.5 × 2 mm, stored feet first (k towards the feet).
std::shared_ptr<const VolumeImage> feetFirstImage() {
  core::VolumeGeometry g;
  g.size = {100, 80, 40};
  g.spacing = {0.5, 0.5, 2.0};
  g.origin = {-25.0, -20.0, 100.0};
  g.direction = {{{1, 0, 0}, {0, 1, 0}, {0, 0, -1}}};
  return std::make_shared<const VolumeImage>(
      std::make_shared<core::Volume>(core::PixelType::UInt8, g));
}

TEST(ViewAxes, AreOrthonormalAndLookIntoTheScreen) {
  for (auto orientation :
       {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal}) {
    const ViewAxes axes = viewAxes(orientation);
    EXPECT_DOUBLE_EQ(dot(axes.right, axes.up), 0.0);
    // VTK's camera: right = direction of projection × view-up.
    const core::Vec3 right = cross(axes.into, axes.up);
    for (int a = 0; a < 3; ++a) EXPECT_DOUBLE_EQ(right[a], axes.right[a]);
  }
  // Radiological convention: the patient's left (+x) on screen right in axial and coronal,
  // anterior (−y) up in axial, superior (+z) up in coronal and sagittal, anterior left in sagittal.
  EXPECT_EQ(viewAxes(SliceOrientation::Axial).right, (core::Vec3{1, 0, 0}));
  EXPECT_EQ(viewAxes(SliceOrientation::Axial).up, (core::Vec3{0, -1, 0}));
  EXPECT_EQ(viewAxes(SliceOrientation::Coronal).up, (core::Vec3{0, 0, 1}));
  EXPECT_EQ(viewAxes(SliceOrientation::Sagittal).right, (core::Vec3{0, 1, 0}));
}

TEST(SliceScene, OpensOnTheMiddleSliceAndScrollsBySliceSpacingWithinTheVolume) {
  SliceScene scene(SliceOrientation::Axial);
  scene.setVolume(feetFirstImage(), {40.0, 400.0});
  // Slice centres run from z = 100 − 39·2 = 22 to z = 100 mm: 40 slices, the middle one is
  // number 19 at z = 60, a plane of voxel centres (never 61, halfway between two slices).
  EXPECT_EQ(scene.sliceCount(), 40);
  EXPECT_EQ(scene.sliceIndex(), 19);
  EXPECT_DOUBLE_EQ(scene.firstSlicePosition(), 22.0);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 60.0);
  EXPECT_DOUBLE_EQ(scene.sliceStep(), 2.0);
  scene.scroll(3);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 66.0);
  scene.scroll(-1000);
  EXPECT_EQ(scene.sliceIndex(), 0);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 22.0);
  scene.scroll(1000);
  EXPECT_EQ(scene.sliceIndex(), 39);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 100.0);
}

TEST(SliceScene, EverySliceLiesOnAPlaneOfVoxelCentres) {
  const auto image = feetFirstImage();
  for (auto orientation :
       {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal}) {
    SliceScene scene(orientation);
    scene.setVolume(image, {40.0, 400.0});
    for (int step : {0, 1, 7}) {
      scene.scroll(step);
      const ViewAxes axes = viewAxes(orientation);
      core::Vec3 onSlice{};
      for (int a = 0; a < 3; ++a) onSlice[a] = scene.slicePosition() * axes.into[a];
      const core::Vec3 index = image->volume().worldToIndex(onSlice);
      // The index along the axis the view looks through must be a whole number.
      const double along = std::abs(axes.into[0]) > 0.5   ? index[0]
                           : std::abs(axes.into[1]) > 0.5 ? index[1]
                                                          : index[2];
      EXPECT_NEAR(along, std::round(along), 1e-9);
    }
  }
}

TEST(SliceScene, CameraLooksAtTheSlicePlaneAndFitsTheVolume) {
  SliceScene scene(SliceOrientation::Coronal);
  scene.setVolume(feetFirstImage(), {40.0, 400.0});
  scene.setViewportSize(400, 200);
  vtkCamera* camera = scene.renderer()->GetActiveCamera();
  double focal[3];
  camera->GetFocalPoint(focal);
  // Coronal: the middle slice (39 of 80) at y = −20 + 39·0.5; focal point at the middle of
  // x (−25 … 24.5) and z (22 … 100).
  EXPECT_NEAR(focal[1], -0.5, 1e-9);
  EXPECT_NEAR(focal[0], (-25.0 + 24.5) / 2, 1e-9);
  EXPECT_NEAR(focal[2], 61.0, 1e-9);
  double projection[3];
  camera->GetDirectionOfProjection(projection);
  EXPECT_NEAR(projection[1], 1.0, 1e-9);
  EXPECT_TRUE(camera->GetParallelProjection());
  // 49.5 mm wide × 78 mm tall in a 2:1 viewport: height decides, half of 78.
  EXPECT_NEAR(camera->GetParallelScale(), 39.0, 1e-9);
  scene.setViewportSize(100, 400);
  EXPECT_NEAR(camera->GetParallelScale(), 49.5 / 2 / 0.25, 1e-9);
}

}  // namespace
}  // namespace lumen::render
