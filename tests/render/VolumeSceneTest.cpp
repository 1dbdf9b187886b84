#include "render/VolumeScene.h"

#include <gtest/gtest.h>
#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkMath.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderer.h>
#include <vtkVolume.h>
#include <vtkVolumeCollection.h>
#include <vtkVolumeMapper.h>
#include <vtkVolumeProperty.h>

#include <array>
#include <cmath>
#include <cstdint>

#include "render/VolumeImage.h"
#include "render/VolumePreset.h"

namespace lumen::render {
namespace {

std::shared_ptr<const VolumeImage> ctImage() {
  core::VolumeGeometry g;
  g.size = {8, 8, 8};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n) v[n] = n % 2 ? -1000 : 700;
  return std::make_shared<const VolumeImage>(volume);
}

/// An MR-like volume: half the voxels background (0), the rest 100…1090 evenly.
std::shared_ptr<const VolumeImage> mrImage() {
  core::VolumeGeometry g;
  g.size = {20, 10, 10};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n) {
    v[n] = static_cast<std::int16_t>(n % 2 ? 0 : 100 + 10 * ((n / 2) % 100));
  }
  return std::make_shared<const VolumeImage>(volume);
}

/// 10 × 20 × 5 voxels of 0.5 × 2 × 3 mm, origin (1, 2, 3), axes along L, P, S.
std::shared_ptr<const VolumeImage> anisotropicImage() {
  core::VolumeGeometry g;
  g.size = {10, 20, 5};
  g.spacing = {0.5, 2.0, 3.0};
  g.origin = {1.0, 2.0, 3.0};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n) v[n] = static_cast<std::int16_t>(n % 900);
  return std::make_shared<const VolumeImage>(volume);
}

/// A preset's transfer functions, evaluated.
struct Preset {
  explicit Preset(VolumePreset preset, const VolumeImage& image = *ctImage())
      : statistics(image.volume()) {
    rendering = applyVolumePreset(preset, statistics, color, opacity);
  }
  double opacityAt(double value) { return opacity->GetValue(value); }
  std::array<double, 3> colorAt(double value) {
    std::array<double, 3> rgb{};
    color->GetColor(value, rgb.data());
    return rgb;
  }

  core::IntensityStatistics statistics;
  vtkNew<vtkColorTransferFunction> color;
  vtkNew<vtkPiecewiseFunction> opacity;
  VolumePresetRendering rendering;
};

vtkVolume* volumeProp(const VolumeScene& scene) {
  vtkVolumeCollection* volumes = scene.renderer()->GetVolumes();
  volumes->InitTraversal();
  return volumes->GetNextVolume();
}

vtkVolumeMapper* mapper(const VolumeScene& scene) {
  return vtkVolumeMapper::SafeDownCast(volumeProp(scene)->GetMapper());
}

vtkActor* outline(const VolumeScene& scene) {
  vtkActorCollection* actors = scene.renderer()->GetActors();
  actors->InitTraversal();
  return actors->GetNextActor();
}

double distanceBetween(const double* a, const double* b) {
  return std::sqrt(vtkMath::Distance2BetweenPoints(a, b));
}

TEST(VolumePreset, CtBoneShowsBoneOpaqueAndIvoryAndHidesSoftTissue) {
  Preset p(VolumePreset::CtBone);
  EXPECT_EQ(p.opacityAt(-1000), 0.0);
  EXPECT_EQ(p.opacityAt(-100), 0.0);
  EXPECT_EQ(p.opacityAt(40), 0.0);
  EXPECT_GT(p.opacityAt(1000), 0.5);
  const auto bone = p.colorAt(1000);
  EXPECT_GT(bone[0], 0.9);
  EXPECT_GT(bone[1], 0.9);
  EXPECT_GT(bone[2], 0.8);
  EXPECT_FALSE(p.rendering.maximumIntensity);
  EXPECT_TRUE(p.rendering.shading);
}

TEST(VolumePreset, CtSoftTissueShowsFatTranslucentYellowAndMuscleRed) {
  Preset p(VolumePreset::CtSoftTissue);
  EXPECT_EQ(p.opacityAt(-1000), 0.0);
  EXPECT_EQ(p.opacityAt(-500), 0.0) << "lung must stay transparent";
  EXPECT_GT(p.opacityAt(-100), 0.01);
  EXPECT_LT(p.opacityAt(-100), 0.1) << "fat must stay translucent, or nothing beneath shows";
  EXPECT_GT(p.opacityAt(40), 2.0 * p.opacityAt(-100));
  EXPECT_GT(p.opacityAt(700), p.opacityAt(40));
  const auto fat = p.colorAt(-100);
  EXPECT_GT(fat[1], fat[2] + 0.15) << "fat is yellow";
  const auto muscle = p.colorAt(40);
  EXPECT_GT(muscle[0], muscle[1] + 0.3) << "muscle is red";
}

TEST(VolumePreset, CtLungShowsAeratedLungAndKeepsAirAndBodyNearlyClear) {
  Preset p(VolumePreset::CtLung);
  EXPECT_EQ(p.opacityAt(-1000), 0.0) << "air outside the body and in the airways";
  EXPECT_GT(p.opacityAt(-850), 0.02);
  EXPECT_GT(p.opacityAt(-650), 0.02);
  EXPECT_GT(p.opacityAt(40), 0.0) << "the body stays faintly visible";
  EXPECT_LT(p.opacityAt(40), p.opacityAt(-850) / 4.0);
}

TEST(VolumePreset, CtAngioShowsContrastVesselsRedToWhiteAndBoneFainter) {
  Preset p(VolumePreset::CtAngio);
  EXPECT_EQ(p.opacityAt(40), 0.0) << "unenhanced soft tissue";
  EXPECT_GE(p.opacityAt(200), 0.35);
  EXPECT_GE(p.opacityAt(300), 0.5);
  EXPECT_GE(p.opacityAt(450), 0.5);
  EXPECT_LT(p.opacityAt(1200), p.opacityAt(300) / 3.0) << "bone";
  const auto vessel = p.colorAt(200);
  EXPECT_GT(vessel[0], 2.0 * vessel[1]) << "vessels are red";
  const auto bright = p.colorAt(500);
  EXPECT_GT(std::min({bright[0], bright[1], bright[2]}), 0.85) << "the brightest are white";
}

TEST(VolumePreset, MrDefaultHidesTheBackgroundAndRampsOverTheTissue) {
  const auto image = mrImage();
  Preset p(VolumePreset::MrDefault, *image);
  EXPECT_EQ(p.opacityAt(0), 0.0);
  EXPECT_LE(p.opacityAt(p.statistics.quantile(0.5)), 1e-9);
  EXPECT_GT(p.opacityAt(600), 0.0);
  EXPECT_GT(p.opacityAt(1000), p.opacityAt(600));
  EXPECT_GE(p.opacityAt(1090), 0.4);
  EXPECT_FALSE(p.rendering.maximumIntensity);
}

TEST(VolumePreset, MipRampsOverTheDefaultWindowUnshaded) {
  const auto image = mrImage();
  Preset p(VolumePreset::Mip, *image);
  const core::Window window = p.statistics.defaultWindow();
  const double high = window.center + window.width / 2.0;
  const double low = window.center - window.width / 2.0;
  EXPECT_TRUE(p.rendering.maximumIntensity);
  EXPECT_FALSE(p.rendering.shading);
  EXPECT_NEAR(p.opacityAt(high), 1.0, 1e-9);
  EXPECT_NEAR(p.colorAt(high)[0], 1.0, 1e-9);
  EXPECT_NEAR(p.opacityAt(low), 0.0, 1e-9);
  EXPECT_NEAR(p.colorAt(low)[1], 0.0, 1e-9);
}

TEST(VolumeScene, CtOpensWithCtBoneAndMrWithMrDefault) {
  VolumeScene scene;
  const auto ct = ctImage();
  scene.setVolume(ct, core::IntensityStatistics(ct->volume()));
  EXPECT_EQ(scene.preset(), VolumePreset::CtBone);
  const auto mr = mrImage();
  scene.setVolume(mr, core::IntensityStatistics(mr->volume()));
  EXPECT_EQ(scene.preset(), VolumePreset::MrDefault);
}

TEST(VolumeScene, MipSetsTheMipBlendModeWithoutShadingAndBack) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  EXPECT_EQ(mapper(scene)->GetBlendMode(), vtkVolumeMapper::COMPOSITE_BLEND);
  EXPECT_TRUE(volumeProp(scene)->GetProperty()->GetShade());

  scene.setPreset(VolumePreset::Mip);
  EXPECT_EQ(scene.preset(), VolumePreset::Mip);
  EXPECT_EQ(mapper(scene)->GetBlendMode(), vtkVolumeMapper::MAXIMUM_INTENSITY_BLEND);
  EXPECT_FALSE(scene.shading());
  scene.setShading(true);
  EXPECT_FALSE(volumeProp(scene)->GetProperty()->GetShade()) << "a MIP is never shaded";

  scene.setPreset(VolumePreset::CtAngio);
  EXPECT_EQ(mapper(scene)->GetBlendMode(), vtkVolumeMapper::COMPOSITE_BLEND);
  EXPECT_TRUE(scene.shading());
  EXPECT_TRUE(volumeProp(scene)->GetProperty()->GetShade());
  EXPECT_GT(volumeProp(scene)->GetProperty()->GetScalarOpacity()->GetValue(300), 0.5);
  scene.setShading(false);
  EXPECT_FALSE(volumeProp(scene)->GetProperty()->GetShade());
}

TEST(VolumeScene, CropBoxBecomesMapperPlanesInGridCoordinatesOfAnAnisotropicVolume) {
  VolumeScene scene;
  const auto image = anisotropicImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  EXPECT_FALSE(scene.cropping());
  EXPECT_FALSE(mapper(scene)->GetCropping());
  EXPECT_FALSE(outline(scene)->GetVisibility());

  scene.setCropBox({{0.2, 0.8, 0.0, 0.5, 0.25, 1.0}});
  scene.setCropping(true);
  EXPECT_TRUE(mapper(scene)->GetCropping());
  EXPECT_EQ(mapper(scene)->GetCroppingRegionFlags(), VTK_CROP_SUBVOLUME);
  // Index extents 9, 19, 4 × spacings 0.5, 2, 3 mm.
  const std::array<double, 6> planes{0.9, 3.6, 0.0, 19.0, 3.0, 12.0};
  const double* actual = mapper(scene)->GetCroppingRegionPlanes();
  for (int n = 0; n < 6; ++n) EXPECT_NEAR(actual[n], planes[n], 1e-9) << "plane " << n;

  // The outline shows the same box in the patient: shifted by the origin.
  ASSERT_TRUE(outline(scene)->GetVisibility());
  const double* bounds = outline(scene)->GetBounds();
  const std::array<double, 3> origin{1.0, 2.0, 3.0};
  for (int n = 0; n < 6; ++n) EXPECT_NEAR(bounds[n], planes[n] + origin[n / 2], 1e-6);

  scene.setCropping(false);
  EXPECT_FALSE(mapper(scene)->GetCropping());
  EXPECT_FALSE(outline(scene)->GetVisibility());
}

TEST(VolumeScene, CropBoxIsClampedAndNeverInsideOut) {
  VolumeScene scene;
  scene.setCropBox({{-0.5, 1.5, 0.7, 0.3, 0.1, 0.2}});
  const std::array<double, 6> expected{0.0, 1.0, 0.3, 0.3, 0.1, 0.2};
  for (int n = 0; n < 6; ++n) EXPECT_DOUBLE_EQ(scene.cropBox().bounds[n], expected[n]);
}

TEST(VolumeScene, ANewVolumeResetsTheCropBox) {
  VolumeScene scene;
  const auto image = anisotropicImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  scene.setCropBox({{0.5, 1.0, 0.5, 1.0, 0.5, 1.0}});
  scene.setCropping(true);
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  EXPECT_FALSE(scene.cropping());
  EXPECT_EQ(scene.cropBox().bounds, VolumeScene::CropBox{}.bounds);
}

class VolumeSceneCamera : public ::testing::Test {
 protected:
  void SetUp() override {
    scene.setVolume(image, core::IntensityStatistics(image->volume()));
    camera = scene.renderer()->GetActiveCamera();
  }
  void expectViewUpOrthogonal() {
    double up[3], direction[3];
    camera->GetViewUp(up);
    camera->GetDirectionOfProjection(direction);
    EXPECT_NEAR(vtkMath::Dot(up, direction), 0.0, 1e-9);
    EXPECT_NEAR(vtkMath::Norm(up), 1.0, 1e-9);
  }

  std::shared_ptr<const VolumeImage> image = anisotropicImage();
  VolumeScene scene;
  vtkCamera* camera = nullptr;
};

TEST_F(VolumeSceneCamera, RotateKeepsTheFocalPointDistanceAndAnOrthogonalViewUp) {
  double focal[3];
  camera->GetFocalPoint(focal);
  const double distance = camera->GetDistance();
  expectViewUpOrthogonal();
  for (const auto& [h, v] : {std::pair{30.0, 20.0}, {-75.0, 60.0}, {10.0, 120.0}, {200.0, -95.0}}) {
    scene.rotate(h, v);
    SCOPED_TRACE(::testing::Message() << "after rotate(" << h << ", " << v << ")");
    expectViewUpOrthogonal();
    EXPECT_NEAR(camera->GetDistance(), distance, 1e-9 * distance);
    EXPECT_NEAR(distanceBetween(camera->GetFocalPoint(), focal), 0.0, 1e-9);
  }
}

TEST_F(VolumeSceneCamera, RotateTurnsLikeAzimuthThenElevation) {
  vtkNew<vtkCamera> expected;
  expected->DeepCopy(camera);
  expected->Azimuth(40.0);
  expected->Elevation(15.0);
  expected->OrthogonalizeViewUp();
  scene.rotate(40.0, 15.0);
  EXPECT_LT(distanceBetween(camera->GetPosition(), expected->GetPosition()),
            1e-9 * camera->GetDistance());
  EXPECT_LT(distanceBetween(camera->GetViewUp(), expected->GetViewUp()), 1e-9);
}

TEST_F(VolumeSceneCamera, RotatingAFullTurnComesBack) {
  double position[3], up[3];
  camera->GetPosition(position);
  camera->GetViewUp(up);
  for (int n = 0; n < 12; ++n) scene.rotate(0.0, 30.0);  // over the top and under
  EXPECT_LT(distanceBetween(camera->GetPosition(), position), 1e-6 * camera->GetDistance());
  EXPECT_LT(distanceBetween(camera->GetViewUp(), up), 1e-6);
}

TEST_F(VolumeSceneCamera, ZoomDividesTheDistanceOrTheParallelScale) {
  double focal[3];
  camera->GetFocalPoint(focal);
  const double distance = camera->GetDistance();
  scene.zoom(2.0);
  EXPECT_NEAR(camera->GetDistance(), distance / 2.0, 1e-9 * distance);
  EXPECT_NEAR(distanceBetween(camera->GetFocalPoint(), focal), 0.0, 1e-9);
  scene.zoom(0.25);
  EXPECT_NEAR(camera->GetDistance(), distance * 2.0, 1e-9 * distance);
  scene.zoom(0.0);
  scene.zoom(-1.0);
  EXPECT_NEAR(camera->GetDistance(), distance * 2.0, 1e-9 * distance);

  camera->ParallelProjectionOn();
  camera->SetParallelScale(40.0);
  scene.zoom(1.6);
  EXPECT_NEAR(camera->GetParallelScale(), 25.0, 1e-9);
}

TEST_F(VolumeSceneCamera, PanMovesTheFocalPlaneWithTheMouse) {
  double focal[3], position[3], direction[3], up[3], right[3];
  camera->GetFocalPoint(focal);
  camera->GetPosition(position);
  camera->GetDirectionOfProjection(direction);
  camera->GetViewUp(up);
  vtkMath::Cross(direction, up, right);
  // The view is 2·d·tan(15°) mm high in the focal plane; 500 pixels show it.
  const double mmPerPixel =
      2.0 * camera->GetDistance() * std::tan(vtkMath::RadiansFromDegrees(15.0)) / 500.0;
  scene.pan(100.0, -50.0, 500.0);  // the mouse moves right and up
  double shift[3];
  vtkMath::Subtract(camera->GetFocalPoint(), focal, shift);
  // The scene follows the mouse, so the camera moves left and down.
  EXPECT_NEAR(vtkMath::Dot(shift, right), -100.0 * mmPerPixel, 1e-9);
  EXPECT_NEAR(vtkMath::Dot(shift, up), -50.0 * mmPerPixel, 1e-9);
  EXPECT_NEAR(vtkMath::Dot(shift, direction), 0.0, 1e-9);
  double moved[3];
  vtkMath::Subtract(camera->GetPosition(), position, moved);
  EXPECT_LT(distanceBetween(moved, shift), 1e-9);
}

TEST_F(VolumeSceneCamera, ResetCameraReturnsToTheFrontView) {
  double position[3], up[3];
  camera->GetPosition(position);
  camera->GetViewUp(up);
  // The front view: the camera on the anterior side (−y), superior up.
  EXPECT_LT(position[1], camera->GetFocalPoint()[1]);
  EXPECT_GT(up[2], 0.9);
  scene.rotate(70.0, 40.0);
  scene.zoom(3.0);
  scene.pan(30.0, 30.0, 300.0);
  scene.resetCamera();
  EXPECT_LT(distanceBetween(camera->GetPosition(), position), 1e-6);
  EXPECT_LT(distanceBetween(camera->GetViewUp(), up), 1e-9);
}

TEST(VolumeScene, ANewVolumeStartsCoarseAndRefinesWhileFramesAreCheap) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  const double first = scene.imageSampleDistance();
  EXPECT_GT(first, 1.0) << "the first frame of a new volume must be cheap";
  // That frame also uploads the volume, so its time says nothing: render once more, as it was.
  EXPECT_TRUE(scene.adaptToFrameTime(100.0));
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), first);
  // Frames far inside the budget: finer each time, down to one ray per pixel, then no more.
  int renders = 0;
  while (scene.adaptToFrameTime(0.001) && renders < 10) ++renders;
  EXPECT_GE(renders, 1);
  EXPECT_LT(renders, 10);
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), 1.0);
  EXPECT_FALSE(scene.adaptToFrameTime(0.001));
}

TEST(VolumeScene, SlowFramesBecomeCheaperWithoutAskingForAnotherRender) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  scene.adaptToFrameTime(0.0);  // the first frame, which uploads the volume
  scene.requestFullQuality();
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), 1.0);
  // A 2.4 s frame is 16× the budget: four times fewer rays along each screen axis.
  EXPECT_FALSE(scene.adaptToFrameTime(16 * VolumeScene::kFrameBudget));
  EXPECT_NEAR(scene.imageSampleDistance(), 4.0, 1e-9);
  // A frame on budget changes nothing.
  EXPECT_FALSE(scene.adaptToFrameTime(VolumeScene::kFrameBudget));
  EXPECT_NEAR(scene.imageSampleDistance(), 4.0, 1e-9);
}

TEST(VolumeScene, DraggingStartsFromTheLastMeasuredFrameAndReleasingRefines) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  scene.adaptToFrameTime(0.0);  // the first frame, which uploads the volume
  scene.requestFullQuality();
  EXPECT_FALSE(scene.adaptToFrameTime(0.12));  // within the budget at rest
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), 1.0);
  const double restStep = scene.raySampleDistance();
  EXPECT_GT(restStep, 0.0);

  // Rays sample twice as coarsely, so that 0.12 s frame would take 0.06 s: 1.2× the interactive
  // budget, √1.2 fewer rays along each screen axis. (The ray caster keeps the distance as a
  // float.)
  scene.setInteracting(true);
  EXPECT_TRUE(scene.interacting());
  EXPECT_NEAR(scene.raySampleDistance(), VolumeScene::kInteractiveRayStepFactor * restStep, 1e-6);
  const double dragging = std::sqrt(0.12 / VolumeScene::kInteractiveRayStepFactor /
                                    VolumeScene::kInteractiveFrameBudget);
  EXPECT_NEAR(scene.imageSampleDistance(), dragging, 1e-6);
  // Frames while dragging adapt to the interactive budget, and never ask for another render.
  EXPECT_FALSE(scene.adaptToFrameTime(VolumeScene::kInteractiveFrameBudget));
  EXPECT_NEAR(scene.imageSampleDistance(), dragging, 1e-6);
  EXPECT_FALSE(scene.adaptToFrameTime(4 * VolumeScene::kInteractiveFrameBudget));
  EXPECT_NEAR(scene.imageSampleDistance(), 2 * dragging, 1e-6);
  EXPECT_FALSE(scene.adaptToFrameTime(VolumeScene::kInteractiveFrameBudget / 4));
  EXPECT_NEAR(scene.imageSampleDistance(), dragging, 1e-6);

  // Released: the last frame (0.0125 s at `dragging`, coarse rays) says full resolution with fine
  // rays fits the budget.
  scene.setInteracting(false);
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), 1.0);
  EXPECT_NEAR(scene.raySampleDistance(), restStep, 1e-6);
}

TEST(VolumeScene, ReleasingAccountsForTheFinerRaysAtRest) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  scene.adaptToFrameTime(0.0);
  scene.setInteracting(true);
  scene.requestFullQuality();
  EXPECT_FALSE(scene.adaptToFrameTime(0.3));  // 6× the interactive budget: √6 coarser
  EXPECT_NEAR(scene.imageSampleDistance(), std::sqrt(6.0), 1e-6);
  // With fine rays that frame (one ray per pixel) would have taken 0.6 s: 4× the budget at rest,
  // so 2 pixels per ray, not the √(0.3 / 0.15) that ignoring the ray step would give.
  scene.setInteracting(false);
  EXPECT_NEAR(scene.imageSampleDistance(), 2.0, 1e-6);
}

TEST(VolumeScene, ShadingIsLeftOutWhileDraggingOnlyWhenTheCoarsestFrameIsStillTooSlow) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  vtkVolumeProperty* property = volumeProp(scene)->GetProperty();
  scene.adaptToFrameTime(0.0);  // the first frame, which uploads the volume
  scene.setInteracting(true);
  EXPECT_FALSE(scene.adaptToFrameTime(1.0));  // far too slow: as coarse as it gets
  EXPECT_NEAR(scene.imageSampleDistance(), 8.0, 1e-6);
  EXPECT_TRUE(property->GetShade()) << "a coarser image comes first";
  EXPECT_FALSE(scene.adaptToFrameTime(2 * VolumeScene::kInteractiveFrameBudget));
  EXPECT_FALSE(property->GetShade());
  EXPECT_FALSE(scene.shadedNow());
  EXPECT_TRUE(scene.shading()) << "the user's choice stays";
  EXPECT_FALSE(scene.adaptToFrameTime(VolumeScene::kInteractiveFrameBudget / 4));
  EXPECT_NEAR(scene.imageSampleDistance(), 4.0, 1e-6) << "unlit frames are cheaper: finer";

  scene.setInteracting(false);
  EXPECT_TRUE(property->GetShade()) << "lit again at rest";
  scene.setInteracting(true);
  EXPECT_FALSE(property->GetShade()) << "the next drag starts unlit";
  EXPECT_NEAR(scene.imageSampleDistance(), 4.0, 1e-6)
      << "from the last unlit frame (a quarter of the budget at 8 pixels per ray)";
  scene.setInteracting(false);

  // Another preset may be cheap enough to stay lit.
  scene.setPreset(VolumePreset::CtSoftTissue);
  scene.setInteracting(true);
  EXPECT_TRUE(property->GetShade());
}

TEST(VolumeScene, FramesWithinTheInteractiveBudgetStayLit) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  scene.adaptToFrameTime(0.0);
  scene.setInteracting(true);
  EXPECT_FALSE(scene.adaptToFrameTime(1.0));
  EXPECT_FALSE(scene.adaptToFrameTime(VolumeScene::kInteractiveFrameBudget * 0.9));
  EXPECT_TRUE(scene.shadedNow());
  // A slow frame at a distance finer than the coarsest only makes the image coarser.
  scene.setInteracting(false);
  scene.requestFullQuality();
  scene.setInteracting(true);
  scene.requestFullQuality();
  EXPECT_FALSE(scene.adaptToFrameTime(1.0));
  EXPECT_TRUE(scene.shadedNow());
}

TEST(VolumeScene, DraggingBeforeAnyTimedFrameKeepsTheSampleDistance) {
  VolumeScene scene;
  const auto image = ctImage();
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  const double first = scene.imageSampleDistance();
  scene.setInteracting(true);
  EXPECT_DOUBLE_EQ(scene.imageSampleDistance(), first);
  EXPECT_FALSE(scene.adaptToFrameTime(100.0)) << "no refining render requested while dragging";
}

}  // namespace
}  // namespace lumen::render
