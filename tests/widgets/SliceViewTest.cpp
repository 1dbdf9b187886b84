#include "widgets/SliceView.h"

#include <gtest/gtest.h>

#include <QTest>
#include <QWheelEvent>
#include <cstdint>

#include "render/VolumeImage.h"

namespace lumen::widgets {
namespace {

/// 32×32×10 voxels, axial, each slice one grey: slice k holds 100·k.
std::shared_ptr<const render::VolumeImage> steppedSlices() {
  core::VolumeGeometry g;
  g.size = {32, 32, 10};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t k = 0; k < 10; ++k)
    for (std::size_t n = 0; n < 32 * 32; ++n)
      v[k * 32 * 32 + n] = static_cast<std::int16_t>(100 * k);
  return std::make_shared<const render::VolumeImage>(volume);
}

void turnWheel(QWidget& view, int delta) {
  const QPointF centre(view.width() / 2.0, view.height() / 2.0);
  QWheelEvent event(centre, view.mapToGlobal(centre), QPoint(), QPoint(0, delta), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &event);
}

int centreGrey(SliceView& view) {
  const QImage frame = view.grabFramebuffer();
  return qGray(frame.pixel(frame.width() / 2, frame.height() / 2));
}

class SliceViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view.resize(200, 200);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    // Window 0 … 900: slice k shows grey 255·k/9.
    view.setVolume(steppedSlices(), {450.0, 900.0});
  }

  SliceView view{render::SliceOrientation::Axial};
};

TEST_F(SliceViewTest, OpensOnTheMiddleSliceAndShowsIt) {
  EXPECT_EQ(view.scene().sliceIndex(), 4);
  EXPECT_NEAR(centreGrey(view), 255 * 4 / 9, 3);
}

TEST_F(SliceViewTest, TheFrameIsOpaqueEvenWhereNoImageIs) {
  // Qt composes the widget with its alpha: a transparent background would show what is behind.
  view.resize(300, 150);  // the square volume leaves black bars left and right
  const QImage frame = view.grabFramebuffer();
  EXPECT_EQ(qAlpha(frame.pixel(2, frame.height() / 2)), 255);
  EXPECT_EQ(qAlpha(frame.pixel(frame.width() / 2, frame.height() / 2)), 255);
}

TEST_F(SliceViewTest, EachWheelNotchMovesOneSliceAndTheViewShowsIt) {
  turnWheel(view, 120);
  EXPECT_EQ(view.scene().sliceIndex(), 5);
  EXPECT_NEAR(centreGrey(view), 255 * 5 / 9, 3);
  turnWheel(view, -240);
  EXPECT_EQ(view.scene().sliceIndex(), 3);
  EXPECT_NEAR(centreGrey(view), 255 * 3 / 9, 3);
}

TEST_F(SliceViewTest, FineWheelStepsAddUpToANotch) {
  turnWheel(view, 40);
  turnWheel(view, 40);
  EXPECT_EQ(view.scene().sliceIndex(), 4);
  turnWheel(view, 40);
  EXPECT_EQ(view.scene().sliceIndex(), 5);
}

TEST_F(SliceViewTest, ScrollingStopsAtTheLastSlice) {
  for (int n = 0; n < 20; ++n) turnWheel(view, 120);
  EXPECT_EQ(view.scene().sliceIndex(), 9);
  EXPECT_NEAR(centreGrey(view), 255, 3);
}

TEST_F(SliceViewTest, AThickSlabProjectsItsBrightestAndDarkestSlices) {
  // Slices 1 mm apart, slice k grey 255·k/9; a 5 mm slab around slice 4 spans slices 2 … 6 (VTK
  // samples it between slices, interpolating, so its ends lie within a slice of those).
  const auto grey = [](double slice) { return 255.0 * slice / 9.0; };
  view.setSlab(render::SlabMode::Maximum, 5.0);
  EXPECT_GE(centreGrey(view), grey(6) - 2);
  EXPECT_LE(centreGrey(view), grey(7));
  view.setSlab(render::SlabMode::Minimum, 5.0);
  EXPECT_GE(centreGrey(view), grey(1));
  EXPECT_LE(centreGrey(view), grey(2) + 2);
  view.setSlab(render::SlabMode::Mean, 5.0);
  EXPECT_NEAR(centreGrey(view), grey(4), grey(0.5));
  view.setSlab(render::SlabMode::Off, 5.0);
  EXPECT_NEAR(centreGrey(view), 255 * 4 / 9, 3);
}

TEST_F(SliceViewTest, CineStepsThroughTheSlicesAndWrapsAround) {
  for (int n = 0; n < 5; ++n) view.showNextSliceForCine();
  EXPECT_EQ(view.scene().sliceIndex(), 9);
  view.showNextSliceForCine();
  EXPECT_EQ(view.scene().sliceIndex(), 0);
  EXPECT_NEAR(centreGrey(view), 0, 3);
}

TEST_F(SliceViewTest, CornerTextAndLettersArePaintedOverTheImageAndHideWithTheToggle) {
  // Text is light on the dark image: count bright pixels near the bottom-left corner, where the
  // slice number and position are written.
  const auto brightInCorner = [this] {
    const QImage frame = view.grabView();
    int count = 0;
    for (int y = frame.height() - 40; y < frame.height(); ++y)
      for (int x = 0; x < 80; ++x) count += qGray(frame.pixel(x, y)) > 200 ? 1 : 0;
    return count;
  };
  view.setVolume(steppedSlices(), {2000.0, 900.0});  // every slice black
  EXPECT_GT(brightInCorner(), 30);
  view.setOverlayVisible(false);
  EXPECT_EQ(brightInCorner(), 0);
}

}  // namespace
}  // namespace lumen::widgets
