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

}  // namespace
}  // namespace lumen::widgets
