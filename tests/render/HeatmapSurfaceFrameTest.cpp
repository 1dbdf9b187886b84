// The heatmap's iso-surface in the 3D scene, rendered by VTK off screen (under xvfb-run).
#include <gtest/gtest.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "OffscreenFrame.h"
#include "render/HeatmapSurface.h"
#include "render/VolumeImage.h"
#include "render/VolumeScene.h"

namespace lumen::render {
namespace {

using test::colourDistance;
using test::Frame;
using test::OffscreenFrame;

constexpr int kSize = 40;
constexpr std::size_t kBlockLow = 8;  // the hot block fills voxels 8…17 along i, j and k

core::VolumeGeometry grid(const core::Size3& size) {
  core::VolumeGeometry g;
  g.size = size;
  g.spacing = {1.0, 1.0, 1.0};
  g.origin = {-20.0, -20.0, -20.0};
  return g;
}

/// Soft tissue (40 HU) everywhere but a −1000 HU border: the CT preset shows little of it.
std::shared_ptr<const VolumeImage> softTissue() {
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, grid({kSize, kSize, kSize}));
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t k = 0; k < kSize; ++k)
    for (std::size_t j = 0; j < kSize; ++j)
      for (std::size_t i = 0; i < kSize; ++i) {
        const bool border = std::min({i, j, k}) < 2 || std::max({i, j, k}) >= kSize - 2;
        v[volume->offset(i, j, k)] = border ? -1000 : 40;
      }
  return std::make_shared<const VolumeImage>(volume);
}

/// 1.0 in a 10³ block in the right, anterior, inferior corner, 0 elsewhere.
std::shared_ptr<const VolumeImage> hotBlock(const core::Size3& size = {kSize, kSize, kSize},
                                            std::size_t low = kBlockLow, std::size_t side = 10) {
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, grid(size));
  auto* v = static_cast<std::uint8_t*>(volume->data());
  std::fill_n(v, volume->voxelCount(), std::uint8_t{0});
  for (std::size_t k = low; k < low + side; ++k)
    for (std::size_t j = low; j < low + side; ++j)
      for (std::size_t i = low; i < low + side; ++i) v[volume->offset(i, j, k)] = 255;
  return std::make_shared<const VolumeImage>(volume);
}

class HeatmapSurfaceFrame : public ::testing::Test {
 protected:
  void SetUp() override { scene.setVolume(image, core::IntensityStatistics(image->volume())); }

  Frame render() {
    scene.requestFullQuality();
    return offscreen.render({scene.renderer(), scene.markerRenderer()});
  }

  std::shared_ptr<const VolumeImage> image = softTissue();
  VolumeScene scene;
  OffscreenFrame offscreen{240, 240};
};

TEST_F(HeatmapSurfaceFrame, TheIsoSurfaceChangesThe3DFrameWhereTheHotBlockIs) {
  const Frame without = render();
  scene.setHeatmap(hotBlock());
  EXPECT_GT(scene.heatmapTriangleCount(), 100);
  const Frame with = render();

  // Where the block's centre lands on screen.
  vtkRenderer* renderer = scene.renderer();
  const core::Vec3 centre = image->volume().indexToWorld({12.5, 12.5, 12.5});
  renderer->SetWorldPoint(centre[0], centre[1], centre[2], 1.0);
  renderer->WorldToDisplay();
  double display[3];
  renderer->GetDisplayPoint(display);
  const double cx = display[0];
  const double cy = with.height - 1 - display[1];  // VTK counts rows from the bottom

  int changed = 0;
  double sumX = 0.0;
  double sumY = 0.0;
  for (int y = 0; y < with.height; ++y)
    for (int x = 0; x < with.width; ++x) {
      if (colourDistance(with.at(x, y), without.at(x, y)) <= 8) continue;
      ++changed;
      sumX += x;
      sumY += y;
    }
  ASSERT_GT(changed, 150);
  // The changed pixels gather around the block, not anywhere else.
  EXPECT_NEAR(sumX / changed, cx, 20.0);
  EXPECT_NEAR(sumY / changed, cy, 20.0);
  EXPECT_GT(colourDistance(with.at(static_cast<int>(cx), static_cast<int>(cy)),
                           without.at(static_cast<int>(cx), static_cast<int>(cy))),
            8);

  scene.setOverlaysVisible(false);
  EXPECT_TRUE(render() == without);
  scene.setOverlaysVisible(true);
  scene.setHeatmap(nullptr);
  EXPECT_TRUE(render() == without);
}

TEST_F(HeatmapSurfaceFrame, AHeatmapOnAnotherGridIsRefusedAndANewVolumeRemovesIt) {
  EXPECT_THROW(scene.setHeatmap(hotBlock({kSize, kSize, kSize - 1})), std::invalid_argument);
  EXPECT_EQ(scene.heatmap(), nullptr);
  scene.setHeatmap(hotBlock());
  EXPECT_NE(scene.heatmap(), nullptr);
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  EXPECT_EQ(scene.heatmap(), nullptr);
  EXPECT_EQ(scene.heatmapTriangleCount(), 0);
}

TEST_F(HeatmapSurfaceFrame, ACutoffAboveEveryValueLeavesNoSurface) {
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, grid({kSize, kSize, kSize}));
  std::fill_n(static_cast<std::uint8_t*>(volume->data()), volume->voxelCount(), std::uint8_t{0});
  auto* v = static_cast<std::uint8_t*>(volume->data());
  for (std::size_t k = 10; k < 20; ++k)
    for (std::size_t j = 10; j < 20; ++j)
      for (std::size_t i = 10; i < 20; ++i) v[volume->offset(i, j, k)] = 100;  // 0.39
  scene.setHeatmap(std::make_shared<const VolumeImage>(volume));
  EXPECT_GT(scene.heatmapTriangleCount(), 100);
  OverlayStyle style;
  style.heatmapCutoff = 0.5;
  scene.setOverlayStyle(style);
  EXPECT_EQ(scene.heatmapTriangleCount(), 0);
}

TEST(HeatmapSurface, SubsamplesLargeHeatmapsToAFewMillionVoxels) {
  EXPECT_EQ(HeatmapSurface::subsamplingStep(40.0 * 40 * 40), 1);
  EXPECT_EQ(HeatmapSurface::subsamplingStep(512.0 * 512 * 300), 4);
  EXPECT_LE(512.0 * 512 * 300 / std::pow(HeatmapSurface::subsamplingStep(512.0 * 512 * 300), 3),
            HeatmapSurface::kMaximumContourVoxels);
}

TEST(HeatmapSurface, ContouringA512By512By300HeatmapTakesAFewTensOfMilliseconds) {
  const core::Size3 size{512, 512, 300};
  // A big volume shown (uint8 to spare memory) and a heatmap with a 60-voxel hot cube.
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, grid(size));
  std::fill_n(static_cast<std::uint8_t*>(volume->data()), volume->voxelCount(), std::uint8_t{0});
  const auto image = std::make_shared<const VolumeImage>(volume);
  const auto heatmap = hotBlock(size, 200, 60);
  VolumeScene scene;
  scene.setVolume(image, core::IntensityStatistics(image->volume()));
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    scene.setHeatmap(heatmap);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("setHeatmap 512x512x300: %.1f ms, %ld triangles\n", ms,
                scene.heatmapTriangleCount());
    EXPECT_GT(scene.heatmapTriangleCount(), 0);
    best = std::min(best, ms);
    scene.setHeatmap(nullptr);
  }
  std::printf("best of 3: %.1f ms (not a timed test: the figure is for the README)\n", best);
}

TEST(HeatmapSurface, AFlatHeatmapOfARadiographHasNoSurface) {
  HeatmapSurface surface;
  surface.setHeatmap(hotBlock({64, 48, 1}, 0, 1));
  EXPECT_EQ(surface.triangleCount(), 0);
}

}  // namespace
}  // namespace lumen::render
