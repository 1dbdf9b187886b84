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
  // Slice centres run from z = 100 − 39·2 = 22 to z = 100 mm: 40 slices. The cursor starts at
  // the centre voxel as stored (k = 19, z = 62), slice 20 counted from the feet: a plane of voxel
  // centres (never 61, halfway between two slices).
  EXPECT_EQ(scene.sliceCount(), 40);
  EXPECT_EQ(scene.sliceIndex(), 20);
  EXPECT_DOUBLE_EQ(scene.firstSlicePosition(), 22.0);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 62.0);
  EXPECT_DOUBLE_EQ(scene.cursor()[2], 62.0);
  EXPECT_DOUBLE_EQ(scene.sliceStep(), 2.0);
  scene.scroll(3);
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 68.0);
  EXPECT_DOUBLE_EQ(scene.cursor()[2], 68.0);
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
  // Voxel edges span 50 mm × 80 mm; in a 2:1 viewport the height decides: half of 80.
  EXPECT_NEAR(camera->GetParallelScale(), 40.0, 1e-9);
  scene.setViewportSize(100, 400);
  EXPECT_NEAR(camera->GetParallelScale(), 50.0 / 2 / 0.25, 1e-9);
}

/// A volume whose axes are the patient's, rotated by `degrees` about the S axis, then by
/// `tilt` degrees about the rotated i axis; 60 × 50 × 40 voxels of 0.8 × 0.6 × 1.5 mm.
core::VolumeGeometry obliqueGeometry(double degrees, double tilt) {
  const double a = degrees * M_PI / 180.0;
  const double t = tilt * M_PI / 180.0;
  const core::Vec3 i{std::cos(a), std::sin(a), 0.0};
  const core::Vec3 j0{-std::sin(a), std::cos(a), 0.0};
  const core::Vec3 k0{0.0, 0.0, 1.0};
  core::Vec3 j{};
  core::Vec3 k{};
  for (int n = 0; n < 3; ++n) {
    j[n] = std::cos(t) * j0[n] + std::sin(t) * k0[n];
    k[n] = -std::sin(t) * j0[n] + std::cos(t) * k0[n];
  }
  core::VolumeGeometry g;
  g.size = {60, 50, 40};
  g.spacing = {0.8, 0.6, 1.5};
  g.origin = {-20.0, 30.0, -100.0};
  for (int row = 0; row < 3; ++row) g.direction[row] = {i[row], j[row], k[row]};
  return g;
}

core::Volume volumeOf(const core::VolumeGeometry& g) {
  return core::Volume(core::PixelType::UInt8, g);
}

TEST(ViewAxes, FollowTheAcquisitionOfAnObliqueSeriesAndStayOrthonormal) {
  const core::Volume volume = volumeOf(obliqueGeometry(20.0, 10.0));
  for (auto orientation :
       {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal}) {
    const ViewAxes textbook = viewAxes(orientation);
    const ViewAxes axes = viewAxes(orientation, volume);
    EXPECT_NEAR(dot(axes.right, axes.up), 0.0, 1e-12);
    const core::Vec3 right = cross(axes.into, axes.up);
    for (int a = 0; a < 3; ++a) EXPECT_NEAR(right[a], axes.right[a], 1e-12);
    // Each screen axis is a volume axis, within 25° of the textbook one.
    EXPECT_GT(dot(axes.right, textbook.right), std::cos(25.0 * M_PI / 180.0));
    EXPECT_GT(dot(axes.up, textbook.up), std::cos(25.0 * M_PI / 180.0));
    const core::Vec3 index = volume.worldToIndex(axes.into);
    const core::Vec3 zero = volume.worldToIndex({0, 0, 0});
    int nonZero = 0;
    for (int a = 0; a < 3; ++a) nonZero += std::abs(index[a] - zero[a]) > 1e-9 ? 1 : 0;
    EXPECT_EQ(nonZero, 1) << "the view must look along one volume axis";
  }
}

TEST(ViewAxes, ShowFeetFirstAndLeftRightFlippedSeriesTheTextbookWayRound) {
  core::VolumeGeometry g;
  g.size = {10, 10, 10};
  g.direction = {{{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}}};  // i towards the right, k towards the feet
  const core::Volume flipped = volumeOf(g);
  for (auto orientation :
       {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal}) {
    const ViewAxes textbook = viewAxes(orientation);
    const ViewAxes axes = viewAxes(orientation, flipped);
    for (int a = 0; a < 3; ++a) {
      EXPECT_DOUBLE_EQ(axes.right[a], textbook.right[a]);
      EXPECT_DOUBLE_EQ(axes.up[a], textbook.up[a]);
      EXPECT_DOUBLE_EQ(axes.into[a], textbook.into[a]);
    }
  }
}

TEST(ViewAxes, ShowASingleImageAsAcquired) {
  // A PA chest radiograph stored mirrored: rows run towards the patient's right.
  core::VolumeGeometry g;
  g.size = {30, 40, 1};
  // Columns i = R, j = I (rows run towards the feet), normal = A.
  g.direction = {{{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}}};
  const core::Volume image = volumeOf(g);
  const ViewAxes axes = viewAxes(SliceOrientation::Axial, image);
  EXPECT_EQ(axes.right, (core::Vec3{-1, 0, 0}));  // rows left to right as stored
  EXPECT_EQ(axes.up, (core::Vec3{0, 0, 1}));      // the first row (towards the head) at the top
  EXPECT_EQ(orientationLetters(axes.right), "R");
}

TEST(OrientationLetters, NameTheDominantDirectionFirstAndObliqueComponents) {
  EXPECT_EQ(orientationLetters({1, 0, 0}), "L");
  EXPECT_EQ(orientationLetters({-1, 0, 0}), "R");
  EXPECT_EQ(orientationLetters({0, -1, 0}), "A");
  EXPECT_EQ(orientationLetters({0, 1, 0}), "P");
  EXPECT_EQ(orientationLetters({0, 0, 1}), "S");
  EXPECT_EQ(orientationLetters({0, 0, -1}), "I");
  EXPECT_EQ(orientationLetters({std::cos(0.5), -std::sin(0.5), 0}), "LA");  // 29° oblique
  EXPECT_EQ(orientationLetters({std::cos(0.1), 0, std::sin(0.1)}), "L");    // 6°: not named
  EXPECT_EQ(orientationLetters({-0.3, 0.5, -0.81}), "IPR");
}

TEST(SliceScene, ScreenAndWorldPositionsRoundTripAtAnyZoomAndPan) {
  const auto image = std::make_shared<const VolumeImage>(
      std::make_shared<core::Volume>(core::PixelType::UInt8, obliqueGeometry(15.0, 0.0)));
  SliceScene scene(SliceOrientation::Sagittal);
  scene.setVolume(image, {100.0, 200.0});
  scene.setViewportSize(300, 200);
  scene.zoomAbout(2.5, 40.0, 170.0);
  scene.pan(-13.0, 7.0);
  for (const core::Vec3& p : {core::Vec3{1.0, 2.0, 3.0}, core::Vec3{-10.0, 40.0, -90.0}}) {
    const auto screen = scene.worldToScreen(p);
    const core::Vec3 back = scene.screenToWorld(screen[0], screen[1]);
    // Back on the slice plane: equal after removing the component along the normal.
    const double off = dot(p, scene.axes().into) - scene.slicePosition();
    for (int a = 0; a < 3; ++a) EXPECT_NEAR(back[a] + off * scene.axes().into[a], p[a], 1e-9);
  }
  // The camera shows what screenToWorld says: its focal point is at the viewport's centre.
  double focal[3];
  scene.renderer()->GetActiveCamera()->GetFocalPoint(focal);
  const core::Vec3 centre = scene.screenToWorld(150.0, 100.0);
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(focal[a], centre[a], 1e-9);
  EXPECT_NEAR(scene.renderer()->GetActiveCamera()->GetParallelScale(),
              100.0 * scene.millimetresPerPixel(), 1e-9);
}

TEST(SliceScene, ZoomKeepsThePointUnderTheMouseAndPanMovesTheImageWithIt) {
  SliceScene scene(SliceOrientation::Axial);
  scene.setVolume(feetFirstImage(), {40.0, 400.0});
  scene.setViewportSize(200, 200);
  const core::Vec3 anchor = scene.screenToWorld(50.0, 60.0);
  scene.zoomAbout(3.0, 50.0, 60.0);
  EXPECT_DOUBLE_EQ(scene.zoom(), 3.0);
  const auto after = scene.worldToScreen(anchor);
  EXPECT_NEAR(after[0], 50.0, 1e-9);
  EXPECT_NEAR(after[1], 60.0, 1e-9);
  scene.pan(10.0, -5.0);
  const auto panned = scene.worldToScreen(anchor);
  EXPECT_NEAR(panned[0], 60.0, 1e-9);
  EXPECT_NEAR(panned[1], 55.0, 1e-9);
  scene.resetView();
  EXPECT_DOUBLE_EQ(scene.zoom(), 1.0);
}

TEST(SliceScene, TheCursorPicksTheNearestSliceAndLiesOnIt) {
  SliceScene scene(SliceOrientation::Axial);
  scene.setVolume(feetFirstImage(), {40.0, 400.0});
  scene.setCursor({3.0, 4.0, 30.9});  // between z = 30 and 32, nearer 30
  EXPECT_DOUBLE_EQ(scene.slicePosition(), 30.0);
  EXPECT_EQ(scene.cursor(), (core::Vec3{3.0, 4.0, 30.0}));
  scene.setCursor({0.0, 0.0, 500.0});
  EXPECT_EQ(scene.sliceIndex(), scene.sliceCount() - 1);
}

}  // namespace
}  // namespace lumen::render
