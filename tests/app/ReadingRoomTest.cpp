// The reading room in the real main window under Xvfb, driven by QTest input events: scrolling,
// window/level, zoom about the mouse, pan, a distance and a region measured on a phantom whose
// values are known, a window preset, and measurements kept with the study. Asserts on pixels.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "MainWindow.h"
#include "MeasurementPanel.h"
#include "core/VolumeFile.h"
#include "widgets/MeasurementSet.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

constexpr std::size_t kColumns = 80;
constexpr std::size_t kRows = 80;
constexpr std::size_t kSlices = 20;
constexpr std::int16_t kMarker = 3000;
constexpr std::size_t kMarkerI = 50;
constexpr std::size_t kMarkerJ = 30;

/// Slice k holds 100·k + (i mod 7) (a texture for region statistics), with one bright voxel at
/// 3 × 3 square around (50, 30) on every slice; 0.8 × 0.8 × 2.5 mm, axis aligned.
core::Volume phantom() {
  core::VolumeGeometry g;
  g.size = {kColumns, kRows, kSlices};
  g.spacing = {0.8, 0.8, 2.5};
  g.origin = {-30.0, -20.0, 10.0};
  core::Volume volume(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume.data());
  for (std::size_t k = 0; k < kSlices; ++k)
    for (std::size_t j = 0; j < kRows; ++j)
      for (std::size_t i = 0; i < kColumns; ++i)
        v[volume.offset(i, j, k)] = static_cast<std::int16_t>(100 * k + i % 7);
  for (std::size_t k = 0; k < kSlices; ++k)
    for (std::size_t j = kMarkerJ - 1; j <= kMarkerJ + 1; ++j)
      for (std::size_t i = kMarkerI - 1; i <= kMarkerI + 1; ++i)
        v[volume.offset(i, j, k)] = kMarker;
  return volume;
}

void sendMouse(QWidget* widget, QEvent::Type type, const QPointF& at, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  QMouseEvent event(type, at, widget->mapToGlobal(at), button, buttons, modifiers);
  QApplication::sendEvent(widget, &event);
}

/// Press at `from`, move in five steps, release at `to`.
void drag(QWidget* widget, Qt::MouseButton button, const QPointF& from, const QPointF& to) {
  sendMouse(widget, QEvent::MouseButtonPress, from, button, button);
  for (int step = 1; step <= 5; ++step) {
    sendMouse(widget, QEvent::MouseMove, from + (to - from) * step / 5.0, Qt::NoButton, button);
  }
  sendMouse(widget, QEvent::MouseButtonRelease, to, button, Qt::NoButton);
}

void wheel(QWidget* widget, const QPointF& at, int delta, Qt::KeyboardModifiers modifiers) {
  QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton,
                    modifiers, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &event);
}

/// Centre of the pixels at least as bright as 250 grey, or (−1, −1).
QPointF brightCentre(const QImage& frame) {
  double x = 0.0;
  double y = 0.0;
  int count = 0;
  for (int row = 0; row < frame.height(); ++row)
    for (int column = 0; column < frame.width(); ++column)
      if (qGray(frame.pixel(column, row)) >= 250) {
        x += column + 0.5;
        y += row + 0.5;
        ++count;
      }
  return count == 0 ? QPointF(-1, -1) : QPointF(x / count, y / count);
}

/// The grey a voxel value shows as at `window`.
int expectedGrey(double value, const core::Window& window) {
  const double t = (value - (window.center - window.width / 2.0)) / window.width;
  return static_cast<int>(std::lround(255.0 * std::clamp(t, 0.0, 1.0)));
}

QPointF screenOf(const widgets::SliceView* view, const core::Vec3& lps) {
  const auto at = view->scene().worldToScreen(lps);
  return {at[0], at[1]};
}

class ReadingRoomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(data.isValid());
    volume = std::make_unique<core::Volume>(phantom());
    path = data.filePath(QStringLiteral("phantom.nii.gz"));
    core::writeVolumeFile(*volume, path.toStdString());
    open();
  }

  void open() {
    window = std::make_unique<MainWindow>(data.filePath(QStringLiteral("db")));
    window->resize(1200, 900);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    QSignalSpy shown(window.get(), &MainWindow::volumeShown);
    window->openFile(path);
    ASSERT_TRUE(shown.wait(20000));
    grid()->setWindow({1000.0, 2000.0});  // 0 … 2000 HU: grey = value · 255 / 2000
  }

  widgets::ViewGrid* grid() const { return window->viewGrid(); }
  widgets::SliceView* axial() const { return grid()->cell(0)->sliceView(); }
  QPointF centre() const { return {axial()->width() / 2.0, axial()->height() / 2.0}; }
  core::Vec3 marker(std::size_t k) const {
    return volume->indexToWorld({double(kMarkerI), double(kMarkerJ), double(k)});
  }

  QTemporaryDir data;
  QString path;
  std::unique_ptr<core::Volume> volume;
  std::unique_ptr<MainWindow> window;
};

TEST_F(ReadingRoomTest, TheWheelScrollsAndTheFrameShowsTheNextSlice) {
  const int k = axial()->scene().sliceIndex();
  const QPoint probe(20, axial()->height() / 2);
  const int before = qGray(axial()->grabFramebuffer().pixel(probe));
  wheel(axial(), centre(), 120, Qt::NoModifier);
  EXPECT_EQ(axial()->scene().sliceIndex(), k + 1);
  const int after = qGray(axial()->grabFramebuffer().pixel(probe));
  // 100 HU more: 12.75 grey more.
  EXPECT_NEAR(after - before, 12.75, 2.0);
  // The other views follow the cursor: the coronal view's crosshair moved up one slice.
  EXPECT_NEAR(grid()->cursor()[2], axial()->scene().slicePosition(), 1e-9);
}

TEST_F(ReadingRoomTest, RightDragAdjustsTheWindowInEveryView) {
  const core::Window before = grid()->window();
  drag(axial(), Qt::RightButton, centre(), centre() + QPointF(100, 40));
  const core::Window after = grid()->window();
  EXPECT_GT(after.width, before.width);
  EXPECT_GT(after.center, before.center);
  // Linked: the coronal view shows the same window, and its pixels say so.
  widgets::SliceView* coronal = grid()->cell(1)->sliceView();
  EXPECT_DOUBLE_EQ(coronal->scene().window().width, after.width);
  const core::Vec3 lps = axial()->scene().screenToWorld(20.0, axial()->height() / 2.0);
  const core::Vec3 index = volume->worldToIndex(lps);
  const double value =
      volume->valueAt(std::lround(index[0]), std::lround(index[1]), std::lround(index[2]));
  const QImage frame = axial()->grabFramebuffer();
  EXPECT_NEAR(qGray(frame.pixel(20, axial()->height() / 2)), expectedGrey(value, after), 3);
}

TEST_F(ReadingRoomTest, CtrlWheelZoomsAboutTheMouseAndTheMiddleButtonPans) {
  grid()->setCrosshairVisible(false);
  const std::size_t k =
      static_cast<std::size_t>(std::lround(volume->worldToIndex(axial()->scene().cursor())[2]));
  const QPointF at = screenOf(axial(), marker(k));
  const QPointF seen = brightCentre(axial()->grabFramebuffer());
  ASSERT_NEAR(seen.x(), at.x(), 1.5);
  ASSERT_NEAR(seen.y(), at.y(), 1.5);
  wheel(axial(), at, 3 * 120, Qt::ControlModifier);
  EXPECT_NEAR(axial()->scene().zoom(), std::pow(1.15, 3), 1e-9);
  const QPointF zoomed = brightCentre(axial()->grabFramebuffer());
  EXPECT_NEAR(zoomed.x(), at.x(), 1.5) << "the point under the mouse moved";
  EXPECT_NEAR(zoomed.y(), at.y(), 1.5);

  drag(axial(), Qt::MiddleButton, centre(), centre() + QPointF(40, 25));
  const QPointF panned = brightCentre(axial()->grabFramebuffer());
  EXPECT_NEAR(panned.x(), zoomed.x() + 40, 1.5);
  EXPECT_NEAR(panned.y(), zoomed.y() + 25, 1.5);
}

TEST_F(ReadingRoomTest, DistanceToolMeasuresAKnownLengthInMillimetres) {
  grid()->setTool(widgets::ReadingTool::Distance);
  const core::Vec3 a = axial()->scene().cursor();
  core::Vec3 b = a;
  b[0] += 24.0;  // 30 voxels of 0.8 mm to the patient's left
  b[1] += 16.0;  // 20 voxels posterior: 28.84 mm in all
  drag(axial(), Qt::LeftButton, screenOf(axial(), a), screenOf(axial(), b));
  const auto& list = grid()->measurements()->measurements();
  ASSERT_EQ(list.size(), 1u);
  const double pixel = axial()->scene().millimetresPerPixel();
  EXPECT_NEAR(core::measuredLength(list.front()), std::hypot(24.0, 16.0), 1.5 * pixel);
  QTreeWidget* panel = window->measurementPanel()->list();
  QCoreApplication::processEvents();  // the panel refreshes from the event loop
  ASSERT_EQ(panel->topLevelItemCount(), 1);
  EXPECT_TRUE(panel->topLevelItem(0)->text(1).endsWith(QStringLiteral(" mm")));
  // Drawn: the middle of the line is in a measurement colour.
  const QPointF middle = (screenOf(axial(), a) + screenOf(axial(), b)) / 2.0;
  const QRgb drawn = axial()->grabView().pixel(middle.toPoint());
  EXPECT_GT(qGreen(drawn) - qBlue(drawn), 60);  // green, or yellow when selected; never grey
}

TEST_F(ReadingRoomTest, RectangleStatisticsMatchTheVoxelsInside) {
  grid()->setTool(widgets::ReadingTool::Rectangle);
  const core::Vec3 cursor = axial()->scene().cursor();
  const core::Vec3 index = volume->worldToIndex(cursor);
  const auto k = static_cast<std::size_t>(std::lround(index[2]));
  // Corners between voxel centres: columns 20…34 and rows 40…51 inside.
  const core::Vec3 from = volume->indexToWorld({19.5, 39.5, double(k)});
  const core::Vec3 to = volume->indexToWorld({34.5, 51.5, double(k)});
  drag(axial(), Qt::LeftButton, screenOf(axial(), from), screenOf(axial(), to));
  ASSERT_EQ(grid()->measurements()->measurements().size(), 1u);
  const core::RegionStatistics s =
      core::regionStatistics(*volume, grid()->measurements()->measurements().front());

  // The voxels whose centres lie inside the rectangle actually drawn (mouse positions are whole
  // pixels, so recompute its corners from what the view stored).
  const core::Measurement& m = grid()->measurements()->measurements().front();
  const core::Vec3 c0 = volume->worldToIndex(m.points[0]);
  const core::Vec3 c1 = volume->worldToIndex(m.points[1]);
  double sum = 0.0;
  double squares = 0.0;
  double low = 1e9;
  double high = -1e9;
  std::size_t count = 0;
  for (std::size_t j = 0; j < kRows; ++j)
    for (std::size_t i = 0; i < kColumns; ++i) {
      if (i < std::min(c0[0], c1[0]) || i > std::max(c0[0], c1[0])) continue;
      if (j < std::min(c0[1], c1[1]) || j > std::max(c0[1], c1[1])) continue;
      const double value = volume->valueAt(i, j, k);
      sum += value;
      squares += value * value;
      low = std::min(low, value);
      high = std::max(high, value);
      ++count;
    }
  ASSERT_GT(count, 100u);
  const double mean = sum / count;
  EXPECT_EQ(s.voxelCount, count);
  EXPECT_NEAR(s.mean, mean, 1e-9);
  EXPECT_NEAR(s.standardDeviation, std::sqrt(squares / count - mean * mean), 1e-6);
  EXPECT_DOUBLE_EQ(s.minimum, low);
  EXPECT_DOUBLE_EQ(s.maximum, high);
  EXPECT_NEAR(s.areaMm2, std::abs((c1[0] - c0[0]) * (c1[1] - c0[1])) * 0.64, 1e-6);
  QCoreApplication::processEvents();  // the panel refreshes from the event loop
  EXPECT_TRUE(window->measurementPanel()->list()->topLevelItem(0)->text(1).startsWith(
      QStringLiteral("Mean ")));
}

TEST_F(ReadingRoomTest, ALungPresetShowsTheLungWindow) {
  QAction* lung = nullptr;
  for (QAction* action : window->findChildren<QAction*>()) {
    if (action->text().startsWith(QStringLiteral("Lung"))) lung = action;
  }
  ASSERT_NE(lung, nullptr);
  lung->trigger();
  EXPECT_DOUBLE_EQ(grid()->window().center, -600.0);
  EXPECT_DOUBLE_EQ(grid()->window().width, 1500.0);
  const core::Vec3 lps = axial()->scene().screenToWorld(20.0, axial()->height() / 2.0);
  const core::Vec3 index = volume->worldToIndex(lps);
  const double value =
      volume->valueAt(std::lround(index[0]), std::lround(index[1]), std::lround(index[2]));
  EXPECT_NEAR(qGray(axial()->grabFramebuffer().pixel(20, axial()->height() / 2)),
              expectedGrey(value, {-600.0, 1500.0}), 3);
}

TEST_F(ReadingRoomTest, MeasurementsAreKeptWithTheStudy) {
  const auto drawDistance = [this](double mm) {
    grid()->setTool(widgets::ReadingTool::Distance);
    const core::Vec3 a = axial()->scene().cursor();
    core::Vec3 b = a;
    b[0] += mm;
    drag(axial(), Qt::LeftButton, screenOf(axial(), a), screenOf(axial(), b));
  };
  drawDistance(20.0);
  ASSERT_EQ(grid()->measurements()->measurements().size(), 1u);
  const double length = core::measuredLength(grid()->measurements()->measurements().front());
  window.reset();  // saves what is pending, as closing Lumen does

  // Drawn at once on reopening, and closed at once: whether or not the stored list has arrived
  // by then, it must not be lost.
  open();
  drawDistance(-15.0);
  window.reset();

  open();
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return grid()->measurements()->measurements().size() == 2; }, 10000));
  std::vector<double> lengths;
  for (const core::Measurement& m : grid()->measurements()->measurements())
    lengths.push_back(core::measuredLength(m));
  std::sort(lengths.begin(), lengths.end());
  EXPECT_NEAR(lengths[1], length, 1e-9);
  EXPECT_NEAR(lengths[0], 15.0, 1.0);
  QCoreApplication::processEvents();
  EXPECT_EQ(window->measurementPanel()->list()->topLevelItemCount(), 2);
}

TEST_F(ReadingRoomTest, AnglesTakeThreeClicksAndHandlesEditAndDeleteRemoves) {
  grid()->setTool(widgets::ReadingTool::Angle);
  const core::Vec3 vertex = axial()->scene().cursor();
  core::Vec3 first = vertex;
  first[0] -= 15.0;  // the first arm towards the patient's right
  core::Vec3 second = vertex;
  second[1] -= 15.0;  // the second towards anterior: a right angle
  drag(axial(), Qt::LeftButton, screenOf(axial(), first), screenOf(axial(), vertex));
  EXPECT_TRUE(grid()->measurements()->measurements().empty()) << "an angle needs its third click";
  sendMouse(axial(), QEvent::MouseMove, screenOf(axial(), second), Qt::NoButton, Qt::NoButton);
  QTest::mouseClick(axial(), Qt::LeftButton, Qt::NoModifier, screenOf(axial(), second).toPoint());
  ASSERT_EQ(grid()->measurements()->measurements().size(), 1u);
  EXPECT_NEAR(core::measuredAngle(grid()->measurements()->measurements().front()), 90.0, 3.0);

  // Dragging the second arm's end onto the first arm's line makes the angle 180°.
  core::Vec3 across = vertex;
  across[0] += 15.0;
  grid()->setTool(widgets::ReadingTool::Navigate);
  drag(axial(), Qt::LeftButton, screenOf(axial(), second), screenOf(axial(), across));
  ASSERT_EQ(grid()->measurements()->measurements().size(), 1u);
  EXPECT_NEAR(core::measuredAngle(grid()->measurements()->measurements().front()), 180.0, 3.0);

  QCoreApplication::processEvents();  // the panel refreshes from the event loop
  window->measurementPanel()->list()->topLevelItem(0)->setSelected(true);
  window->measurementPanel()->removeSelected();
  EXPECT_TRUE(grid()->measurements()->measurements().empty());
}

TEST_F(ReadingRoomTest, DoubleClickShowsAViewAloneAndBack) {
  widgets::SliceView* coronal = grid()->cell(1)->sliceView();
  QTest::mouseDClick(coronal, Qt::LeftButton, Qt::NoModifier, QPoint(30, 30));
  EXPECT_EQ(grid()->viewLayout(), widgets::ViewLayout::Single);
  EXPECT_TRUE(coronal->isVisible());
  EXPECT_FALSE(axial()->isVisible());
  QTest::mouseDClick(coronal, Qt::LeftButton, Qt::NoModifier, QPoint(30, 30));
  EXPECT_EQ(grid()->viewLayout(), widgets::ViewLayout::TwoByTwo);
  EXPECT_TRUE(axial()->isVisible());
}

TEST_F(ReadingRoomTest, TheStatusBarProbesTheVoxelUnderTheMouse) {
  const std::size_t k =
      static_cast<std::size_t>(std::lround(volume->worldToIndex(axial()->scene().cursor())[2]));
  sendMouse(axial(), QEvent::MouseMove, screenOf(axial(), marker(k)), Qt::NoButton, Qt::NoButton);
  QStringList texts;
  for (const QLabel* label : window->statusBar()->findChildren<QLabel*>()) texts << label->text();
  const QString expected =
      QStringLiteral("voxel %1, %2, %3  value %4").arg(kMarkerI).arg(kMarkerJ).arg(k).arg(kMarker);
  EXPECT_TRUE(texts.join(QLatin1Char('|')).contains(expected))
      << texts.join(QLatin1Char('|')).toStdString();
}

}  // namespace
}  // namespace lumen::app
