#include "render/VolumeScene.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "render/VolumeImage.h"

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

}  // namespace
}  // namespace lumen::render
