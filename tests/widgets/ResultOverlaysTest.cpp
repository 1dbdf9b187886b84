// AI result overlays through the view grid, in a real window under Xvfb.
#include <gtest/gtest.h>

#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "render/OverlayColours.h"
#include "widgets/ResultLegend.h"
#include "widgets/SliceView.h"
#include "widgets/ViewCell.h"
#include "widgets/ViewGrid.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {
namespace {

/// 48 × 40 × 24 voxels of 1 × 1 × 2 mm: 40 HU inside, air in a 4-voxel border.
core::VolumeGeometry grid() {
  core::VolumeGeometry g;
  g.size = {48, 40, 24};
  g.spacing = {1.0, 1.0, 2.0};
  g.origin = {-24.0, -20.0, -24.0};
  return g;
}

std::shared_ptr<const core::Volume> body() {
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, grid());
  auto* v = static_cast<std::int16_t*>(volume->data());
  const core::Size3& n = volume->size();
  for (std::size_t k = 0; k < n[2]; ++k)
    for (std::size_t j = 0; j < n[1]; ++j)
      for (std::size_t i = 0; i < n[0]; ++i) {
        const bool border =
            std::min({i, j, k}) < 4 || i >= n[0] - 4 || j >= n[1] - 4 || k >= n[2] - 4;
        v[volume->offset(i, j, k)] = border ? -1000 : 40;
      }
  return volume;
}

/// Voxels 12…21 along i, 14…23 along j, 8…13 along k hold `value`, the rest 0.
std::shared_ptr<core::Volume> block(std::uint8_t value, const core::VolumeGeometry& g = grid()) {
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  auto* v = static_cast<std::uint8_t*>(volume->data());
  std::fill_n(v, volume->voxelCount(), std::uint8_t{0});
  for (std::size_t k = 8; k < 14; ++k)
    for (std::size_t j = 14; j < 24; ++j)
      for (std::size_t i = 12; i < 22; ++i) v[volume->offset(i, j, k)] = value;
  return volume;
}

int distance(QRgb pixel, const std::array<int, 3>& colour) {
  return std::max({std::abs(qRed(pixel) - colour[0]), std::abs(qGreen(pixel) - colour[1]),
                   std::abs(qBlue(pixel) - colour[2])});
}

std::array<int, 3> rgb(QRgb pixel) { return {qRed(pixel), qGreen(pixel), qBlue(pixel)}; }

std::array<int, 3> scaled(const std::array<double, 3>& c) {
  return {static_cast<int>(std::lround(255 * c[0])), static_cast<int>(std::lround(255 * c[1])),
          static_cast<int>(std::lround(255 * c[2]))};
}

std::array<int, 3> blend(const std::array<int, 3>& grey, const std::array<double, 3>& overlay,
                         double opacity) {
  std::array<int, 3> result{};
  for (int c = 0; c < 3; ++c) {
    result[c] = static_cast<int>(std::lround((1 - opacity) * grey[c] + opacity * 255 * overlay[c]));
  }
  return result;
}

class ResultOverlaysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    views.resize(640, 640);
    views.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&views));
    views.setVolume(volume, core::IntensityStatistics(*volume), {40.0, 400.0});
    views.setCrosshairVisible(false);
    views.setOverlayVisible(false);  // no corner text over the pixels looked at
    views.setCursor(volume->indexToWorld({16.0, 18.0, 10.0}));  // inside the block
  }

  SliceView* view(int cell) const { return views.cell(cell)->sliceView(); }

  /// The view's pixel at the screen position of voxel index `index`.
  QRgb pixelAt(int cell, const QImage& frame, const core::Vec3& index) const {
    const auto at = view(cell)->scene().worldToScreen(volume->indexToWorld(index));
    const double ratio = frame.width() / static_cast<double>(view(cell)->width());
    return frame.pixel(static_cast<int>(at[0] / view(cell)->devicePixelRatioF() * ratio),
                       static_cast<int>(at[1] / view(cell)->devicePixelRatioF() * ratio));
  }

  std::shared_ptr<const core::Volume> volume = body();
  ViewGrid views;
};

TEST_F(ResultOverlaysTest, AHeatmapShowsInTheAxialAndCoronalViewsOverItsBlockOnly) {
  const core::Vec3 inside{16.0, 18.0, 10.0};
  const core::Vec3 outside{30.0, 30.0, 10.0};  // same slices, away from the block
  const std::array<int, 3> grey = rgb(pixelAt(0, view(0)->grabView(), inside));
  ASSERT_NEAR(grey[0], 127, 4);
  ASSERT_TRUE(views.setHeatmap(block(255), QStringLiteral("Nodule")));
  const auto hot = blend(grey, render::heatmapColour(1.0), render::OverlayStyle{}.heatmapOpacity);
  for (int cell : {0, 1}) {
    const QImage frame = view(cell)->grabView();
    EXPECT_LE(distance(pixelAt(cell, frame, inside), hot), 5) << "cell " << cell;
    EXPECT_LE(distance(pixelAt(cell, frame, outside), grey), 1) << "cell " << cell;
  }
  // Hidden, then shown again, everywhere at once.
  views.setResultOverlaysVisible(false);
  EXPECT_FALSE(views.resultOverlaysVisible());
  for (int cell : {0, 1, 2}) {
    EXPECT_LE(distance(pixelAt(cell, view(cell)->grabView(), inside), grey), 1) << "cell " << cell;
  }
  views.setResultOverlaysVisible(true);
  EXPECT_LE(distance(pixelAt(1, view(1)->grabView(), inside), hot), 5);
  // Removed.
  ASSERT_TRUE(views.setHeatmap(nullptr, {}));
  EXPECT_LE(distance(pixelAt(0, view(0)->grabView(), inside), grey), 1);
}

TEST_F(ResultOverlaysTest, AShownHeatmapHasAColourBarThatMatchesItsColourMap) {
  const auto barPixel = [this](double value) {
    const QImage frame = view(0)->grabView();
    const double ratio = frame.width() / static_cast<double>(view(0)->width());
    const auto [left, top, width, height] =
        ResultLegend::colourBarRect(view(0)->width(), view(0)->height());
    return frame.pixel(static_cast<int>((left + width / 2) * ratio),
                       static_cast<int>((top + (1.0 - value) * height) * ratio));
  };
  const QRgb before = barPixel(0.9);
  ASSERT_TRUE(views.setHeatmap(block(255), {}));
  EXPECT_TRUE(view(0)->colourBarShown());
  // Near the top: inferno's amber-yellow, drawn opaque.
  EXPECT_LE(distance(barPixel(0.9), scaled(render::heatmapColour(0.9))), 12);
  EXPECT_LE(distance(barPixel(0.6), scaled(render::heatmapColour(0.6))), 12);
  views.setResultOverlaysVisible(false);
  EXPECT_FALSE(view(0)->colourBarShown());
  EXPECT_EQ(barPixel(0.9), before);
}

TEST_F(ResultOverlaysTest, ALabelMapIsFilledAndOutlinedInItsLabelColour) {
  const core::Vec3 inside{16.0, 18.0, 10.0};
  const std::array<int, 3> grey = rgb(pixelAt(0, view(0)->grabView(), inside));
  ASSERT_TRUE(views.setLabelMap(block(3)));
  const QImage frame = view(0)->grabView();
  const auto fill = blend(grey, render::labelColour(3), render::OverlayStyle{}.labelOpacity);
  EXPECT_LE(distance(pixelAt(0, frame, inside), fill), 5);
  // The outline on the voxel edge at i = 11.5: some pixel across it is the label's full colour.
  const auto edge = view(0)->scene().worldToScreen(volume->indexToWorld({11.5, 18.0, 10.0}));
  const double ratio = frame.width() / static_cast<double>(view(0)->width());
  const int x = static_cast<int>(edge[0] / view(0)->devicePixelRatioF() * ratio);
  const int y = static_cast<int>(edge[1] / view(0)->devicePixelRatioF() * ratio);
  int best = 255;
  for (int dx = -2; dx <= 2; ++dx) {
    best = std::min(best, distance(frame.pixel(x + dx, y), scaled(render::labelColour(3))));
  }
  EXPECT_LE(best, 10);
  // Five pixels out, the plain image.
  EXPECT_LE(distance(frame.pixel(x - 5, y), grey), 1);
}

TEST_F(ResultOverlaysTest, OverlaysOnAnotherGridAreRefusedAndAnotherVolumeClearsThem) {
  core::VolumeGeometry shifted = grid();
  shifted.origin[2] += 1.0;
  EXPECT_FALSE(views.setHeatmap(block(255, shifted), {}));
  EXPECT_FALSE(views.setLabelMap(block(1, shifted)));
  EXPECT_FALSE(views.hasHeatmap());
  ASSERT_TRUE(views.setHeatmap(block(255), {}));
  ASSERT_TRUE(views.setLabelMap(block(1)));
  EXPECT_FALSE(views.setHeatmap(block(255, shifted), {}));
  EXPECT_TRUE(views.hasHeatmap());  // the refused one changed nothing
  // The same volume again keeps them; another one (even with the same grid) drops them.
  views.setVolume(volume, core::IntensityStatistics(*volume), {40.0, 400.0});
  EXPECT_TRUE(views.hasHeatmap());
  EXPECT_NE(view(0)->scene().heatmap(), nullptr);
  const auto other = body();
  views.setVolume(other, core::IntensityStatistics(*other), {40.0, 400.0});
  EXPECT_FALSE(views.hasHeatmap());
  EXPECT_FALSE(views.hasLabelMap());
  EXPECT_EQ(view(0)->scene().heatmap(), nullptr);
  EXPECT_EQ(view(1)->scene().labelMap(), nullptr);
}

TEST_F(ResultOverlaysTest, TheHeatmapsSurfaceAppearsInThe3DView) {
  VolumeView* volumeView = views.volumeView();
  ASSERT_NE(volumeView, nullptr);
  const auto frame = [volumeView] {
    volumeView->renderAtFullQualityNext();
    return volumeView->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
  };
  const QImage without = frame();
  ASSERT_TRUE(views.setHeatmap(block(255), {}));
  EXPECT_GT(volumeView->scene().heatmapTriangleCount(), 0);
  const QImage with = frame();
  int changed = 0;
  for (int y = 0; y < with.height(); ++y)
    for (int x = 0; x < with.width(); ++x) {
      if (distance(with.pixel(x, y), rgb(without.pixel(x, y))) > 8) ++changed;
    }
  EXPECT_GT(changed, 200);
  views.setResultOverlaysVisible(false);
  EXPECT_EQ(frame(), without);
}

}  // namespace
}  // namespace lumen::widgets
