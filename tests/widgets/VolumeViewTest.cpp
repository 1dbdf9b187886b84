#include "widgets/VolumeView.h"

#include <gtest/gtest.h>
#include <vtkCamera.h>
#include <vtkMath.h>
#include <vtkRenderer.h>

#include <QMouseEvent>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "render/VolumeImage.h"

namespace lumen::widgets {
namespace {

constexpr int kSize = 40;
constexpr int kBlockLow = 26;  // the block fills voxels 26…35 along i, j and k

/// 40³ voxels of air (−1000 HU) with a 1000 HU block in the left, posterior, superior corner.
std::shared_ptr<const render::VolumeImage> blockInAir() {
  core::VolumeGeometry g;
  g.size = {kSize, kSize, kSize};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t k = 0; k < kSize; ++k)
    for (std::size_t j = 0; j < kSize; ++j)
      for (std::size_t i = 0; i < kSize; ++i) {
        const bool block = i >= kBlockLow && i < kBlockLow + 10 && j >= kBlockLow &&
                           j < kBlockLow + 10 && k >= kBlockLow && k < kBlockLow + 10;
        v[volume->offset(i, j, k)] = block ? 1000 : -1000;
      }
  return std::make_shared<const render::VolumeImage>(volume);
}

bool inMarkerCorner(const QImage& frame, int x, int y) {
  return x > frame.width() * 3 / 4 && y > frame.height() * 3 / 4;
}

/// Pixels of the volume rendering (not the background, not the yellow crop outline, not the
/// orientation marker's corner).
int volumePixels(const QImage& frame, QRgb background) {
  int count = 0;
  for (int y = 0; y < frame.height(); ++y)
    for (int x = 0; x < frame.width(); ++x) {
      if (inMarkerCorner(frame, x, y)) continue;
      const QRgb c = frame.pixel(x, y);
      const int difference = std::abs(qRed(c) - qRed(background)) +
                             std::abs(qGreen(c) - qGreen(background)) +
                             std::abs(qBlue(c) - qBlue(background));
      if (difference > 60 && qBlue(c) * 2 > qRed(c)) ++count;
    }
  return count;
}

int differingPixels(const QImage& a, const QImage& b) {
  int count = 0;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) {
      if (qGray(a.pixel(x, y)) != qGray(b.pixel(x, y))) ++count;
    }
  return count;
}

class VolumeViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view.resize(300, 300);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.setVolume(image, core::IntensityStatistics(image->volume()));
  }

  /// A frame at full resolution, as the user sees it once the view has refined.
  QImage frame() {
    view.renderAtFullQualityNext();
    return view.grabFramebuffer();
  }
  QRgb background() {
    const double* rgb = view.scene().renderer()->GetBackground();
    return qRgb(static_cast<int>(std::lround(rgb[0] * 255)),
                static_cast<int>(std::lround(rgb[1] * 255)),
                static_cast<int>(std::lround(rgb[2] * 255)));
  }
  vtkCamera* camera() { return view.scene().renderer()->GetActiveCamera(); }
  QPoint centre() const { return {view.width() / 2, view.height() / 2}; }

  std::shared_ptr<const render::VolumeImage> image = blockInAir();
  VolumeView view;
};

TEST_F(VolumeViewTest, CtBoneShowsTheBlockAndTheOrientationMarker) {
  EXPECT_EQ(view.scene().preset(), render::VolumePreset::CtBone);
  const QImage shown = frame();
  EXPECT_GT(volumePixels(shown, background()), 500) << "the block is not visible";
  int marker = 0;
  for (int y = 0; y < shown.height(); ++y)
    for (int x = 0; x < shown.width(); ++x) {
      if (inMarkerCorner(shown, x, y) && shown.pixel(x, y) != background()) ++marker;
    }
  EXPECT_GT(marker, 300) << "no orientation marker in the bottom-right corner";
}

TEST_F(VolumeViewTest, CroppingTheBlockAwayLeavesBackgroundAndAnOutline) {
  ASSERT_GT(volumePixels(frame(), background()), 500);
  // Keep the right 40 % of the volume (along i, towards the patient's left is the block).
  view.setCropBox({{0.0, 0.4, 0.0, 1.0, 0.0, 1.0}});
  view.setCropping(true);
  const QImage cropped = frame();
  EXPECT_LT(volumePixels(cropped, background()), 5) << "the block still shows";
  int outline = 0;
  for (int y = 0; y < cropped.height(); ++y)
    for (int x = 0; x < cropped.width(); ++x) {
      const QRgb c = cropped.pixel(x, y);
      if (qRed(c) > 150 && qBlue(c) < 100) ++outline;
    }
  EXPECT_GT(outline, 50) << "no crop box outline";

  view.setCropping(false);
  EXPECT_GT(volumePixels(frame(), background()), 500) << "the block is back";
}

TEST_F(VolumeViewTest, LeftDragTurnsTheVolumeAndTheMarkerFollows) {
  const QImage before = frame();
  double position[3], focal[3], up[3], direction[3], right[3];
  camera()->GetPosition(position);
  camera()->GetFocalPoint(focal);
  camera()->GetViewUp(up);
  camera()->GetDirectionOfProjection(direction);
  vtkMath::Cross(direction, up, right);

  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, centre());
  EXPECT_TRUE(view.scene().interacting());
  for (int step = 1; step <= 5; ++step) {
    QTest::mouseMove(&view, centre() + QPoint(10 * step, 0));
  }
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, centre() + QPoint(50, 0));
  EXPECT_FALSE(view.scene().interacting());

  // 50 pixels of a 300-pixel view: 30° about the view-up axis, the camera going left.
  double moved[3], now[3];
  camera()->GetPosition(now);
  vtkMath::Subtract(now, position, moved);
  EXPECT_LT(vtkMath::Dot(moved, right), 0.0);
  double from[3], to[3];
  vtkMath::Subtract(position, focal, from);
  vtkMath::Subtract(now, camera()->GetFocalPoint(), to);
  EXPECT_NEAR(vtkMath::DegreesFromRadians(vtkMath::AngleBetweenVectors(from, to)), 30.0, 0.5);

  const QImage after = frame();
  EXPECT_GT(differingPixels(before, after), 500) << "the frame did not change";
  double markerDirection[3], mainDirection[3];
  view.scene().markerRenderer()->GetActiveCamera()->GetDirectionOfProjection(markerDirection);
  camera()->GetDirectionOfProjection(mainDirection);
  EXPECT_NEAR(vtkMath::Dot(markerDirection, mainDirection), 1.0, 1e-9);
}

TEST_F(VolumeViewTest, RightDragAndWheelZoomMiddleDragPans) {
  const double distance = camera()->GetDistance();
  QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, centre());
  QTest::mouseMove(&view, centre() - QPoint(0, 75));  // up a quarter of the view: 4^¼ = √2
  QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, centre() - QPoint(0, 75));
  EXPECT_NEAR(camera()->GetDistance(), distance / std::sqrt(2.0), 1e-6 * distance);

  const QPointF at(centre());
  QWheelEvent wheel(at, view.mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  EXPECT_NEAR(camera()->GetDistance(), distance / std::sqrt(2.0) * 1.1, 1e-6 * distance);

  double focal[3];
  camera()->GetFocalPoint(focal);
  QTest::mousePress(&view, Qt::MiddleButton, Qt::NoModifier, centre());
  QTest::mouseMove(&view, centre() + QPoint(30, 0));
  QTest::mouseRelease(&view, Qt::MiddleButton, Qt::NoModifier, centre() + QPoint(30, 0));
  EXPECT_GT(std::sqrt(vtkMath::Distance2BetweenPoints(focal, camera()->GetFocalPoint())), 1.0);
}

TEST_F(VolumeViewTest, MipShowsTheBlockAtItsFullBrightness) {
  view.setPreset(render::VolumePreset::Mip);
  const QImage mip = frame();
  int brightest = 0;
  for (int y = 0; y < mip.height(); ++y)
    for (int x = 0; x < mip.width(); ++x) {
      if (!inMarkerCorner(mip, x, y)) brightest = std::max(brightest, qGray(mip.pixel(x, y)));
    }
  EXPECT_GE(brightest, 250);
  // Air projects to the background.
  EXPECT_EQ(mip.pixel(2, mip.height() - 2), background());
}

/// Records the double-clicks that reach it.
class DoubleClickCounter : public QWidget {
 public:
  int doubleClicks = 0;

 protected:
  void mouseDoubleClickEvent(QMouseEvent*) override { ++doubleClicks; }
};

TEST(VolumeView, DoubleClicksReachTheParent) {
  DoubleClickCounter parent;
  auto* view = new VolumeView(&parent);
  const auto image = blockInAir();
  view->setVolume(image, core::IntensityStatistics(image->volume()));  // the view takes drags
  view->resize(100, 100);
  parent.resize(100, 100);
  parent.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&parent));
  QTest::mouseDClick(view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 50));
  EXPECT_EQ(parent.doubleClicks, 1);
}

TEST(VolumeView, MouseWithoutAVolumeDoesNothing) {
  VolumeView view;
  view.resize(100, 100);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 50));
  EXPECT_FALSE(view.scene().interacting());
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 50));
}

}  // namespace
}  // namespace lumen::widgets
