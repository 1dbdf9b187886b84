// Where things appear on screen: a marker voxel of an oblique volume under the crosshair in every
// view, at the position the camera says, and the patient direction letters at the edges, for an
// oblique, a feet-first and a left-right flipped series and a single radiograph.
#include <gtest/gtest.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <cstdint>

#include "render/VolumeImage.h"
#include "widgets/SliceView.h"
#include "widgets/ViewCell.h"
#include "widgets/ViewGrid.h"

namespace lumen::widgets {
namespace {

constexpr std::int16_t kMarker = 1000;

/// 60 × 50 × 40 voxels of 1.0 × 0.9 × 1.2 mm, turned 20° about S and tilted 10°, with one bright
/// voxel at index (37, 21, 13).
std::shared_ptr<core::Volume> obliqueVolume() {
  const double a = 20.0 * M_PI / 180.0;
  const double t = 10.0 * M_PI / 180.0;
  const core::Vec3 i{std::cos(a), std::sin(a), 0.0};
  const core::Vec3 j{-std::sin(a) * std::cos(t), std::cos(a) * std::cos(t), std::sin(t)};
  const core::Vec3 k{std::sin(a) * std::sin(t), -std::cos(a) * std::sin(t), std::cos(t)};
  core::VolumeGeometry g;
  g.size = {60, 50, 40};
  g.spacing = {1.0, 0.9, 1.2};
  g.origin = {-30.0, 10.0, -60.0};
  for (int row = 0; row < 3; ++row) g.direction[row] = {i[row], j[row], k[row]};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  std::fill(v, v + volume->voxelCount(), std::int16_t{0});
  v[volume->offset(37, 21, 13)] = kMarker;
  return volume;
}

/// Centre of the pixels brighter than 200 grey (the marker), or (−1, −1) when there are none.
QPointF brightCentre(const QImage& frame) {
  double x = 0.0;
  double y = 0.0;
  int count = 0;
  for (int row = 0; row < frame.height(); ++row) {
    for (int column = 0; column < frame.width(); ++column) {
      const QRgb pixel = frame.pixel(column, row);
      if (qRed(pixel) > 200 && qGreen(pixel) > 200 && qBlue(pixel) > 200) {
        x += column + 0.5;
        y += row + 0.5;
        ++count;
      }
    }
  }
  return count == 0 ? QPointF(-1, -1) : QPointF(x / count, y / count);
}

class ReadingGeometryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grid.resize(800, 800);
    grid.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&grid));
  }

  SliceView* view(int cell) { return grid.cell(cell)->sliceView(); }

  ViewGrid grid;
};

TEST_F(ReadingGeometryTest, TheMarkerVoxelLiesUnderTheCrosshairInEveryViewWhereTheCameraSaysIt) {
  const auto volume = obliqueVolume();
  grid.setVolume(volume, core::IntensityStatistics(*volume), {500.0, 1000.0});
  grid.setOverlayVisible(false);  // text only: the crosshair stays
  const core::Vec3 marker = volume->indexToWorld({37, 21, 13});
  grid.setCursor(marker);
  for (int cell = 0; cell < 3; ++cell) {
    SliceView* slice = view(cell);
    SCOPED_TRACE(SliceView::orientationName(slice->scene().orientation()).toStdString());
    const QImage frame = slice->grabView();
    ASSERT_EQ(frame.size(), slice->size());  // device pixel ratio 1 under Xvfb
    const QPointF seen = brightCentre(frame);
    ASSERT_GE(seen.x(), 0.0) << "the marker is not on the slice shown";

    // Independently of Lumen's own screen mapping: VTK's camera transform.
    vtkRenderer* renderer = slice->scene().renderer();
    renderer->SetWorldPoint(marker[0], marker[1], marker[2], 1.0);
    renderer->WorldToDisplay();
    double display[3];
    renderer->GetDisplayPoint(display);
    const QPointF expected(display[0], frame.height() - display[1]);
    EXPECT_NEAR(seen.x(), expected.x(), 1.0);
    EXPECT_NEAR(seen.y(), expected.y(), 1.0);

    // The crosshair: drawn through the same point, with a gap around it.
    const auto cursor = slice->scene().worldToScreen(slice->scene().cursor());
    EXPECT_NEAR(cursor[0], expected.x(), 1.0);
    EXPECT_NEAR(cursor[1], expected.y(), 1.0);
    const QRgb line = frame.pixel(static_cast<int>(cursor[0]), static_cast<int>(cursor[1]) + 40);
    EXPECT_GT(qBlue(line), qRed(line) + 60) << "no crosshair below the cursor";
    grid.setCrosshairVisible(false);
    const QRgb hidden =
        slice->grabView().pixel(static_cast<int>(cursor[0]), static_cast<int>(cursor[1]) + 40);
    EXPECT_LT(qBlue(hidden), 60) << "the crosshair toggle does not hide it";
    grid.setCrosshairVisible(true);
  }
}

TEST_F(ReadingGeometryTest, ClickingMovesTheOtherViewsToThePointClicked) {
  const auto volume = obliqueVolume();
  grid.setVolume(volume, core::IntensityStatistics(*volume), {500.0, 1000.0});
  const core::Vec3 marker = volume->indexToWorld({37, 21, 13});
  // Put the axial view on the marker's slice, then click on the marker there.
  view(0)->setCursor(marker);
  const auto at = view(0)->scene().worldToScreen(marker);
  QTest::mouseClick(view(0), Qt::LeftButton, Qt::NoModifier,
                    QPoint(static_cast<int>(at[0]), static_cast<int>(at[1])));
  for (int cell = 1; cell < 3; ++cell) {
    EXPECT_GE(brightCentre(view(cell)->grabView()).x(), 0.0)
        << "view " << cell << " did not move to the marker";
  }
}

std::array<QString, 4> letters(ViewGrid& grid, int cell) {
  return grid.cell(cell)->sliceView()->edgeLetters();
}

using Letters = std::array<QString, 4>;  // left, right, top, bottom

TEST_F(ReadingGeometryTest, OrientationLettersFollowTheObliqueAcquisition) {
  const auto volume = obliqueVolume();
  grid.setVolume(volume, core::IntensityStatistics(*volume), {500.0, 1000.0});
  // Axial: screen right is i = (cos 20°, sin 20°, 0): left and posterior; up is −j.
  EXPECT_EQ(letters(grid, 0), (Letters{"RA", "LP", "AL", "PR"}));
  EXPECT_EQ(letters(grid, 1)[0], "RA");  // coronal: the same i axis
  EXPECT_EQ(letters(grid, 1)[2], "S");   // and k, 10° from superior
  EXPECT_EQ(letters(grid, 2)[2], "S");
}

TEST_F(ReadingGeometryTest, FeetFirstAndFlippedSeriesStillReadTheTextbookWay) {
  for (const core::Mat3& direction : {core::Mat3{{{1, 0, 0}, {0, 1, 0}, {0, 0, -1}}},
                                      core::Mat3{{{-1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}}) {
    core::VolumeGeometry g;
    g.size = {20, 20, 20};
    g.direction = direction;
    auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
    std::fill_n(static_cast<std::uint8_t*>(volume->data()), volume->voxelCount(), 0);
    grid.setVolume(volume, core::IntensityStatistics(*volume), {128.0, 256.0});
    EXPECT_EQ(letters(grid, 0), (Letters{"R", "L", "A", "P"}));
    EXPECT_EQ(letters(grid, 1), (Letters{"R", "L", "S", "I"}));
    EXPECT_EQ(letters(grid, 2), (Letters{"A", "P", "S", "I"}));
  }
}

TEST_F(ReadingGeometryTest, ASingleRadiographIsShownAloneAsAcquired) {
  // Rows run towards the patient's right (a mirrored PA film), columns towards the feet.
  core::VolumeGeometry g;
  g.size = {40, 30, 1};
  g.direction = {{{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}}};
  auto image = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  auto* v = static_cast<std::uint8_t*>(image->data());
  std::fill_n(v, image->voxelCount(), 0);
  // A bright square near the first stored pixel (centred on column 4, row 4).
  for (std::size_t row = 2; row < 7; ++row)
    for (std::size_t column = 2; column < 7; ++column) v[row * 40 + column] = 255;
  grid.setVolume(image, core::IntensityStatistics(*image), {128.0, 256.0});
  EXPECT_EQ(grid.viewLayout(), ViewLayout::Single);
  EXPECT_TRUE(view(0)->isVisible());
  EXPECT_FALSE(view(1)->isVisible());
  EXPECT_EQ(letters(grid, 0), (Letters{"L", "R", "S", "I"}));
  // Its title names no slice plane and offers no other view.
  const auto* title = view(0)->parentWidget()->findChild<QToolButton*>();
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->text(), QStringLiteral("Image"));
  EXPECT_EQ(title->menu(), nullptr);
  grid.setOverlayVisible(false);
  grid.setCrosshairVisible(false);
  const QImage frame = view(0)->grabView();
  // The first stored pixels at the top left of the image, as acquired.
  const QPointF bright = brightCentre(frame);
  const auto corner = view(0)->scene().worldToScreen(image->indexToWorld({4, 4, 0}));
  EXPECT_NEAR(bright.x(), corner[0], 1.5);
  EXPECT_NEAR(bright.y(), corner[1], 1.5);
  EXPECT_LT(bright.x(), frame.width() / 2.0);
  EXPECT_LT(bright.y(), frame.height() / 2.0);

  // A CT after it: the planes again.
  g.size = {16, 16, 8};
  g.direction = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  auto ct = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  std::fill_n(static_cast<std::uint8_t*>(ct->data()), ct->voxelCount(), 0);
  grid.setVolume(ct, core::IntensityStatistics(*ct), {128.0, 256.0});
  EXPECT_EQ(title->text(), ViewCell::kindName(ViewKind::Axial) + QStringLiteral(" ▾"));
  EXPECT_NE(title->menu(), nullptr);
}

TEST_F(ReadingGeometryTest, APreviewSliceShowsOnlyInItsOwnPlaneAndKeepsTheLayout) {
  core::VolumeGeometry g;
  g.size = {16, 16, 1};  // the middle slice of an axial series still loading
  auto slice = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  std::fill_n(static_cast<std::uint8_t*>(slice->data()), slice->voxelCount(), 200);
  grid.showPreview(slice, {128.0, 256.0}, {});
  EXPECT_EQ(grid.viewLayout(), ViewLayout::TwoByTwo);
  EXPECT_TRUE(view(0)->scene().hasVolume());
  EXPECT_FALSE(view(1)->scene().hasVolume());
  EXPECT_FALSE(view(2)->scene().hasVolume());
}

TEST_F(ReadingGeometryTest, Monochrome1IsShownInvertedByDefault) {
  core::VolumeGeometry g;
  g.size = {16, 16, 4};
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  std::fill_n(static_cast<std::uint8_t*>(volume->data()), volume->voxelCount(), 0);
  core::VolumeSource source;
  source.invertForDisplay = true;
  grid.setVolume(volume, core::IntensityStatistics(*volume), {128.0, 256.0}, source);
  const QImage frame = view(0)->grabFramebuffer();
  EXPECT_GT(qGray(frame.pixel(frame.width() / 2, frame.height() / 2)), 240);
  grid.setInverted(false);
  const QImage plain = view(0)->grabFramebuffer();
  EXPECT_LT(qGray(plain.pixel(plain.width() / 2, plain.height() / 2)), 15);
}

}  // namespace
}  // namespace lumen::widgets
