// Result overlays in a slice scene, rendered by VTK off screen (under xvfb-run) and checked pixel
// by pixel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "OffscreenFrame.h"
#include "render/OverlayColours.h"
#include "render/SliceScene.h"
#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

using test::colourDistance;
using test::Frame;
using test::OffscreenFrame;

constexpr int kSide = 200;
// Window 0 … 900 over voxels of 300: grey 85.
const core::Window kWindow{450.0, 900.0};
constexpr std::int16_t kImageValue = 300;

/// 40 × 32 × 16 voxels of 1 × 1.25 × 2 mm, stored feet first: 40 mm × 40 mm × 32 mm.
core::VolumeGeometry grid() {
  core::VolumeGeometry g;
  g.size = {40, 32, 16};
  g.spacing = {1.0, 1.25, 2.0};
  g.origin = {-20.0, -15.0, 30.0};
  g.direction = {{{1, 0, 0}, {0, 1, 0}, {0, 0, -1}}};
  return g;
}

std::shared_ptr<const VolumeImage> plainImage() {
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, grid());
  std::fill_n(static_cast<std::int16_t*>(volume->data()), volume->voxelCount(), kImageValue);
  return std::make_shared<const VolumeImage>(volume);
}

/// Voxels lo ≤ index < hi.
struct Block {
  std::array<std::size_t, 3> lo;
  std::array<std::size_t, 3> hi;
};

const Block kHot{{10, 8, 4}, {20, 16, 8}};
const Block kLukewarm{{26, 20, 4}, {34, 28, 8}};  // below the cut-off

template <typename T>
void fill(core::Volume& volume, const Block& block, T value) {
  auto* v = static_cast<T*>(volume.data());
  for (std::size_t k = block.lo[2]; k < block.hi[2]; ++k)
    for (std::size_t j = block.lo[1]; j < block.hi[1]; ++j)
      for (std::size_t i = block.lo[0]; i < block.hi[0]; ++i) v[volume.offset(i, j, k)] = value;
}

std::shared_ptr<core::Volume> zeros(core::PixelType type, const core::VolumeGeometry& g = grid()) {
  auto volume = std::make_shared<core::Volume>(type, g);
  std::fill_n(static_cast<std::byte*>(volume->data()), volume->byteSize(), std::byte{0});
  return volume;
}

/// A uint8 heatmap: 255 (1.0) in kHot, 30 (0.12, below the cut-off 0.2) in kLukewarm.
std::shared_ptr<const VolumeImage> heatmapImage() {
  auto volume = zeros(core::PixelType::UInt8);
  fill<std::uint8_t>(*volume, kHot, 255);
  fill<std::uint8_t>(*volume, kLukewarm, 30);
  return std::make_shared<const VolumeImage>(volume);
}

/// The centre voxel of a block, as an LPS point.
core::Vec3 centreOf(const core::Volume& volume, const Block& block) {
  core::Vec3 index{};
  for (int a = 0; a < 3; ++a) index[a] = std::floor((block.lo[a] + block.hi[a] - 1) / 2.0);
  return volume.indexToWorld(index);
}

struct Rect {
  double left, top, right, bottom;  // device pixels, origin top left
};

/// Where the block's voxels (their outer edges) fall on screen.
Rect screenRect(const SliceScene& scene, const Block& block) {
  Rect rect{1e9, 1e9, -1e9, -1e9};
  for (int corner = 0; corner < 8; ++corner) {
    core::Vec3 index{};
    for (int a = 0; a < 3; ++a) {
      index[a] = ((corner >> a) & 1) ? block.hi[a] - 0.5 : block.lo[a] - 0.5;
    }
    const auto at = scene.worldToScreen(scene.volume().indexToWorld(index));
    rect = {std::min(rect.left, at[0]), std::min(rect.top, at[1]), std::max(rect.right, at[0]),
            std::max(rect.bottom, at[1])};
  }
  return rect;
}

/// Largest channel difference from `expected` over the pixels whose centres lie inside `rect`
/// shrunk by `margin` pixels.
int worstInside(const Frame& frame, const Rect& rect, double margin,
                const std::array<int, 3>& expected) {
  int worst = 0;
  int count = 0;
  for (int y = 0; y < frame.height; ++y)
    for (int x = 0; x < frame.width; ++x) {
      const double cx = x + 0.5;
      const double cy = y + 0.5;
      if (cx < rect.left + margin || cx > rect.right - margin || cy < rect.top + margin ||
          cy > rect.bottom - margin) {
        continue;
      }
      worst = std::max(worst, colourDistance(frame.at(x, y), expected));
      ++count;
    }
  EXPECT_GT(count, 20) << "the rectangle is too small to test";
  return worst;
}

/// Largest channel difference from `expected` over a ring of `width` pixels around `rect`,
/// `margin` pixels away from it.
int worstAround(const Frame& frame, const Rect& rect, double margin, double width,
                const std::array<int, 3>& expected) {
  int worst = 0;
  for (int y = 0; y < frame.height; ++y)
    for (int x = 0; x < frame.width; ++x) {
      const double cx = x + 0.5;
      const double cy = y + 0.5;
      const bool outer = cx > rect.left - margin - width && cx < rect.right + margin + width &&
                         cy > rect.top - margin - width && cy < rect.bottom + margin + width;
      const bool inner = cx > rect.left - margin && cx < rect.right + margin &&
                         cy > rect.top - margin && cy < rect.bottom + margin;
      if (outer && !inner) worst = std::max(worst, colourDistance(frame.at(x, y), expected));
    }
  return worst;
}

/// `overlay` at `opacity` over `grey`, 0…255.
std::array<int, 3> blend(const std::array<int, 3>& grey, const std::array<double, 3>& overlay,
                         double opacity) {
  std::array<int, 3> result{};
  for (int c = 0; c < 3; ++c) {
    result[c] =
        static_cast<int>(std::lround((1.0 - opacity) * grey[c] + opacity * 255.0 * overlay[c]));
  }
  return result;
}

class SliceOverlayFrame : public ::testing::Test {
 protected:
  void SetUp() override {
    scene.setVolume(image, kWindow);
    scene.setViewportSize(kSide, kSide);
    // Away from the blocks and from the image's edge (VTK draws the slice up to its outer
    // voxel centres, leaving half a voxel black around it).
    grey = render().at(kSide - 20, kSide - 20);
    // The window maps 300 of 0 … 900 to 85 (give or take VTK's rounding).
    ASSERT_NEAR(grey[0], 85, 2);
  }

  Frame render() { return offscreen.render({scene.renderer()}); }

  /// Moves the slice through the centre of `block`.
  void showBlock(const Block& block) { scene.setCursor(centreOf(image->volume(), block)); }

  std::shared_ptr<const VolumeImage> image = plainImage();
  SliceScene scene{SliceOrientation::Axial};
  OffscreenFrame offscreen{kSide, kSide};
  std::array<int, 3> grey{};
  // One voxel is 5 device pixels here (40 mm across 200 pixels); stay 1.2 voxels clear of edges,
  // where linear interpolation blends the heatmap's neighbours.
  const double margin = 6.0;
};

TEST_F(SliceOverlayFrame, AHeatmapShowsInfernoInsideItsHotBlockAndThePlainImageElsewhere) {
  scene.setHeatmap(heatmapImage());
  showBlock(kHot);
  const Frame frame = render();
  const OverlayStyle style;
  const auto hot = blend(grey, heatmapColour(1.0), style.heatmapOpacity);
  const Rect rect = screenRect(scene, kHot);
  EXPECT_LE(worstInside(frame, rect, margin, hot), 4);
  EXPECT_LE(worstAround(frame, rect, margin, 15.0, grey), 1);
  // The lukewarm block, on the same slice, is below the cut-off: plain.
  EXPECT_LE(worstInside(frame, screenRect(scene, kLukewarm), 0.0, grey), 1);
  // The colour is really inferno's pale yellow: much more red and green than blue.
  const auto centre = frame.at(static_cast<int>((rect.left + rect.right) / 2),
                               static_cast<int>((rect.top + rect.bottom) / 2));
  EXPECT_GT(centre[0], centre[2] + 30);
}

TEST_F(SliceOverlayFrame, AFloatHeatmapLooksLikeTheSameUint8One) {
  auto volume = zeros(core::PixelType::Float32);
  fill<float>(*volume, kHot, 1.0F);
  fill<float>(*volume, kLukewarm, 30.0F / 255.0F);
  showBlock(kHot);
  scene.setHeatmap(heatmapImage());
  const Frame bytes = render();
  scene.setHeatmap(std::make_shared<const VolumeImage>(volume));
  const Frame floats = render();
  EXPECT_TRUE(bytes == floats);
}

TEST_F(SliceOverlayFrame, ScrollingToASliceOutsideTheBlockLeavesThePlainImage) {
  scene.showSlice(2);  // k = 13, away from the blocks at k = 4 … 7
  const Frame without = render();
  scene.setHeatmap(heatmapImage());
  const Frame with = render();
  EXPECT_TRUE(with == without);
  showBlock(kHot);
  EXPECT_FALSE(render() == without);
}

TEST_F(SliceOverlayFrame, TheCoronalViewShowsTheBlockWhereItLies) {
  scene.setHeatmap(heatmapImage());
  scene.setOrientation(SliceOrientation::Coronal);
  showBlock(kHot);
  const Frame frame = render();
  const Rect rect = screenRect(scene, kHot);
  // Coronal: 10 mm of i across, 8 mm of k (4 slices of 2 mm) up.
  EXPECT_NEAR(rect.right - rect.left, 10.0 / scene.millimetresPerPixel(), 1e-6);
  EXPECT_NEAR(rect.bottom - rect.top, 8.0 / scene.millimetresPerPixel(), 1e-6);
  const auto hot = blend(grey, heatmapColour(1.0), OverlayStyle{}.heatmapOpacity);
  EXPECT_LE(worstInside(frame, rect, margin, hot), 4);
  EXPECT_LE(worstAround(frame, rect, margin, 15.0, grey), 1);
  // Sagittal too.
  scene.setOrientation(SliceOrientation::Sagittal);
  showBlock(kHot);
  const Frame sagittal = render();
  EXPECT_LE(worstInside(sagittal, screenRect(scene, kHot), margin, hot), 4);
  EXPECT_LE(worstAround(sagittal, screenRect(scene, kHot), margin, 15.0, grey), 1);
}

TEST_F(SliceOverlayFrame, TheOverlayFollowsZoomPanAndStaysOnTheCentreSliceOfASlab) {
  scene.setHeatmap(heatmapImage());
  showBlock(kHot);
  scene.zoomAbout(1.7, 60.0, 80.0);
  scene.pan(-23.0, 11.0);
  const auto hot = blend(grey, heatmapColour(1.0), OverlayStyle{}.heatmapOpacity);
  const Rect rect = screenRect(scene, kHot);
  Frame frame = render();
  EXPECT_LE(worstInside(frame, rect, margin * 1.7, hot), 4);
  EXPECT_LE(worstAround(frame, rect, margin * 1.7, 15.0, grey), 1);
  // A 10 mm MIP slab of a uniform image is the same grey; the heatmap stays its centre slice.
  scene.setSlab(SlabMode::Maximum, 10.0);
  frame = render();
  EXPECT_LE(worstInside(frame, rect, margin * 1.7, hot), 4);
  EXPECT_LE(worstAround(frame, rect, margin * 1.7, 15.0, grey), 1);
}

TEST_F(SliceOverlayFrame, ACutoffAndOpacityChangeWhatIsShown) {
  scene.setHeatmap(heatmapImage());
  showBlock(kHot);
  OverlayStyle style;
  style.heatmapCutoff = 0.1;  // now the lukewarm block (0.12) shows too
  style.heatmapOpacity = 0.8;
  scene.setOverlayStyle(style);
  const Frame frame = render();
  EXPECT_LE(
      worstInside(frame, screenRect(scene, kHot), margin, blend(grey, heatmapColour(1.0), 0.8)), 4);
  EXPECT_LE(worstInside(frame, screenRect(scene, kLukewarm), margin,
                        blend(grey, heatmapColour(30.0 / 255.0), 0.8)),
            4);
}

TEST_F(SliceOverlayFrame, ALabelMapFillsWithItsLabelColoursWithSharpVoxelEdges) {
  auto labels = zeros(core::PixelType::UInt8);
  const Block first{{4, 20, 4}, {12, 28, 8}};
  const Block second{{14, 20, 4}, {22, 28, 8}};
  fill<std::uint8_t>(*labels, first, 1);
  fill<std::uint8_t>(*labels, second, 2);
  scene.setLabelMap(std::make_shared<const VolumeImage>(labels));
  showBlock(first);
  const Frame frame = render();
  const double opacity = OverlayStyle{}.labelOpacity;
  for (const auto& [block, label] : {std::pair{first, 1}, std::pair{second, 2}}) {
    const Rect rect = screenRect(scene, block);
    const auto fillColour = blend(grey, labelColour(label), opacity);
    // Nearest neighbour: full colour up to 1.5 pixels (0.3 voxel) inside the voxel edges, plain
    // grey 1.5 pixels outside (linear interpolation would blend a voxel wide across the edge).
    EXPECT_LE(worstInside(frame, rect, 1.5, fillColour), 3) << "label " << label;
    EXPECT_LE(worstAround(frame, rect, 1.5, 1.0, grey), 1) << "label " << label;
  }
  EXPECT_GT(
      colourDistance(blend(grey, labelColour(1), opacity), blend(grey, labelColour(2), opacity)),
      30);
}

TEST_F(SliceOverlayFrame, TheLabelsBeingDrawnShowInTheirColoursAboveTheResultsAndFollowEdits) {
  // The reader's label map: label 7 (red) in the first block, label 2 (hidden) in the second.
  auto drawn = zeros(core::PixelType::UInt8);
  const Block first{{4, 20, 4}, {12, 28, 8}};
  const Block second{{14, 20, 4}, {22, 28, 8}};
  fill<std::uint8_t>(*drawn, first, 7);
  fill<std::uint8_t>(*drawn, second, 2);
  // An AI label map under it, over the first block.
  auto result = zeros(core::PixelType::UInt8);
  fill<std::uint8_t>(*result, first, 1);
  scene.setLabelMap(std::make_shared<const VolumeImage>(result));
  scene.setAnnotation(std::make_shared<const VolumeImage>(drawn));
  const std::array<double, 3> red{1.0, 0.0, 0.0};
  scene.setAnnotationDisplay({{{7, red, true, 0.5}, {2, {0.0, 0.0, 1.0}, false, 0.5}}, false});
  showBlock(first);
  Frame frame = render();
  const auto underneath = blend(grey, labelColour(1), OverlayStyle{}.labelOpacity);
  EXPECT_LE(worstInside(frame, screenRect(scene, first), 1.5, blend(underneath, red, 0.5)), 3);
  EXPECT_LE(worstInside(frame, screenRect(scene, second), 1.5, grey), 1);  // hidden label

  // An edit in place (as LabelMap::edit writes its buffer), then annotationChanged().
  const Block third{{26, 4, 4}, {34, 12, 8}};
  fill<std::uint8_t>(*drawn, third, 7);
  scene.annotationChanged();
  frame = render();
  EXPECT_LE(worstInside(frame, screenRect(scene, third), 1.5, blend(grey, red, 0.5)), 3);
  // Hiding the AI results leaves the reader's labels.
  scene.setOverlaysVisible(false);
  EXPECT_LE(worstInside(render(), screenRect(scene, first), 1.5, blend(grey, red, 0.5)), 3);
  // Outline only: no fill (the slice view strokes the outline), traced for visible labels only,
  // around both blocks of label 7: 2 × 4 sides.
  scene.setAnnotationDisplay({{{7, red, true, 0.5}, {2, {0.0, 0.0, 1.0}, false, 0.5}}, true});
  EXPECT_LE(worstInside(render(), screenRect(scene, third), 1.5, grey), 1);
  const std::vector<LabelEdge> edges = scene.annotationOutline();
  EXPECT_EQ(edges.size(), 8u);
  for (const LabelEdge& edge : edges) EXPECT_EQ(edge.label, 7);
  core::VolumeGeometry smaller = grid();
  smaller.size[2] = 15;
  EXPECT_THROW(scene.setAnnotation(
                   std::make_shared<const VolumeImage>(zeros(core::PixelType::UInt8, smaller))),
               std::invalid_argument);
}

TEST_F(SliceOverlayFrame, HiddenOverlaysLeaveTheFrameAsWithoutThem) {
  showBlock(kHot);
  const Frame without = render();
  auto labels = zeros(core::PixelType::UInt8);
  fill<std::uint8_t>(*labels, kLukewarm, 3);
  scene.setHeatmap(heatmapImage());
  scene.setLabelMap(std::make_shared<const VolumeImage>(labels));
  EXPECT_FALSE(render() == without);
  scene.setOverlaysVisible(false);
  EXPECT_TRUE(render() == without);
  scene.setOverlaysVisible(true);
  scene.setHeatmap(nullptr);
  scene.setLabelMap(nullptr);
  EXPECT_TRUE(render() == without);
}

TEST_F(SliceOverlayFrame, AnOverlayOnAnotherGridOrOfAnotherTypeIsRefused) {
  const auto heatmap = heatmapImage();
  scene.setHeatmap(heatmap);
  showBlock(kHot);
  const Frame before = render();
  core::VolumeGeometry shifted = grid();
  shifted.origin[0] += 0.5;
  core::VolumeGeometry smaller = grid();
  smaller.size[2] = 15;
  core::VolumeGeometry turned = grid();
  turned.direction = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  for (const core::VolumeGeometry& g : {shifted, smaller, turned}) {
    const auto other = std::make_shared<const VolumeImage>(zeros(core::PixelType::UInt8, g));
    EXPECT_THROW(scene.setHeatmap(other), std::invalid_argument);
    EXPECT_THROW(scene.setLabelMap(other), std::invalid_argument);
  }
  const auto int16 = std::make_shared<const VolumeImage>(zeros(core::PixelType::Int16));
  EXPECT_THROW(scene.setHeatmap(int16), std::invalid_argument);
  EXPECT_THROW(scene.setLabelMap(int16), std::invalid_argument);
  const auto floats = std::make_shared<const VolumeImage>(zeros(core::PixelType::Float32));
  EXPECT_THROW(scene.setLabelMap(floats), std::invalid_argument);
  // Nothing changed.
  EXPECT_EQ(scene.heatmap(), heatmap.get());
  EXPECT_EQ(scene.labelMap(), nullptr);
  EXPECT_TRUE(render() == before);
  // Without a volume there is nothing to align with.
  SliceScene empty(SliceOrientation::Axial);
  EXPECT_THROW(empty.setHeatmap(heatmap), std::invalid_argument);
}

TEST_F(SliceOverlayFrame, ANewVolumeOrClearingRemovesTheOverlays) {
  scene.setHeatmap(heatmapImage());
  scene.setLabelMap(std::make_shared<const VolumeImage>(zeros(core::PixelType::UInt8)));
  scene.setVolume(plainImage(), kWindow);
  EXPECT_EQ(scene.heatmap(), nullptr);
  EXPECT_EQ(scene.labelMap(), nullptr);
  showBlock(kHot);
  EXPECT_LE(worstInside(render(), screenRect(scene, kHot), 0.0, grey), 1);
  scene.setHeatmap(heatmapImage());
  scene.clearVolume();
  EXPECT_EQ(scene.heatmap(), nullptr);
}

}  // namespace
}  // namespace lumen::render
