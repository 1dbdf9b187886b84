// Drawing labels in the real window under Xvfb: the Brush tool paints the active label of the
// project into the volume's label map, the slice view shows it in the label's colour, the Eraser
// clears it, and Undo (Ctrl+Z) takes a stroke back.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "AnnotationControls.h"
#include "MainWindow.h"
#include "core/VolumeFile.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

void sendMouse(QWidget* widget, QEvent::Type type, const QPointF& at, Qt::MouseButtons buttons) {
  QMouseEvent event(type, at, widget->mapToGlobal(at),
                    type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                    Qt::NoModifier);
  QApplication::sendEvent(widget, &event);
}

/// A left drag from `from` to `to` in ten moves.
void stroke(QWidget* widget, const QPointF& from, const QPointF& to) {
  sendMouse(widget, QEvent::MouseButtonPress, from, Qt::LeftButton);
  for (int step = 1; step <= 10; ++step) {
    sendMouse(widget, QEvent::MouseMove, from + (to - from) * step / 10.0, Qt::LeftButton);
  }
  sendMouse(widget, QEvent::MouseButtonRelease, to, Qt::NoButton);
}

TEST(AnnotationWindow, TheBrushPaintsTheActiveLabelWhichShowsInItsColourAndUndoes) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  core::VolumeGeometry g;
  g.size = {96, 96, 24};
  g.spacing = {0.8, 0.8, 2.5};
  g.origin = {-38.0, -38.0, 0.0};
  core::Volume ct(core::PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(ct.data()), ct.voxelCount(), std::int16_t{40});
  const QString path = data.filePath(QStringLiteral("ct.nii.gz"));
  core::writeVolumeFile(ct, path.toStdString());
  core::LabelSchema schema;
  core::LabelDefinition lesion;
  lesion.value = 4;
  lesion.name = "Lesion";
  lesion.colour = {0, 200, 0};
  schema.labels = {lesion};
  const QString project = data.filePath(QStringLiteral("project"));
  core::AnnotationProject::create(project.toStdString(), "Lesions", schema);

  MainWindow window(data.filePath(QStringLiteral("db")));
  window.resize(1200, 900);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QSignalSpy shown(&window, &MainWindow::volumeShown);
  window.openFile(path);
  ASSERT_TRUE(shown.wait(20000));
  AnnotationSession* session = window.annotation()->session();
  QSignalSpy ready(session, &AnnotationSession::labelsReady);
  ASSERT_EQ(window.annotation()->openProject(project), QString());
  ASSERT_TRUE(ready.wait(5000));

  widgets::ViewGrid* grid = window.viewGrid();
  grid->setCrosshairVisible(false);
  grid->setOverlayVisible(false);
  grid->setTool(widgets::ReadingTool::Brush);
  widgets::SliceView* axial = grid->cell(0)->sliceView();
  const QPointF centre(axial->width() / 2.0, axial->height() / 2.0);
  const QPoint inside = centre.toPoint();
  const QRgb before = axial->grabView().pixel(inside);
  stroke(axial, centre - QPointF(30, 0), centre + QPointF(30, 0));
  const std::size_t painted = session->labels()->count(4);
  EXPECT_GT(painted, 50u);
  // Painted on the slice shown: every labelled voxel lies on it.
  const std::size_t slice = static_cast<std::size_t>(axial->scene().sliceIndex());
  std::size_t onSlice = 0;
  for (std::size_t j = 0; j < 96; ++j)
    for (std::size_t i = 0; i < 96; ++i) onSlice += session->labels()->at(i, j, slice) == 4;
  EXPECT_EQ(onSlice, painted);
  // Drawn in the label's green over the grey image.
  const QRgb after = axial->grabView().pixel(inside);
  EXPECT_EQ(qRed(before), qGreen(before));
  EXPECT_GT(qGreen(after), qRed(after) + 40) << std::hex << after;

  // The eraser takes part of it away; Undo puts it back, a second Undo removes the stroke.
  grid->setTool(widgets::ReadingTool::Eraser);
  stroke(axial, centre - QPointF(5, 0), centre + QPointF(5, 0));
  EXPECT_LT(session->labels()->count(4), painted);
  QAction* undo = window.findChild<QAction*>(QStringLiteral("annotation-undo"));
  ASSERT_NE(undo, nullptr);
  undo->trigger();
  EXPECT_EQ(session->labels()->count(4), painted);
  undo->trigger();
  EXPECT_EQ(session->labels()->count(4), 0u);
  const QRgb undone = axial->grabView().pixel(inside);
  EXPECT_EQ(qRed(undone), qGreen(undone));
}

TEST(AnnotationWindow, ANewProjectGetsItsLabelsInDistinctColoursAndOpens) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  MainWindow window(data.filePath(QStringLiteral("db")));
  AnnotationControls* controls = window.annotation();
  const QString folder = data.filePath(QStringLiteral("nodules"));
  EXPECT_EQ(controls->createProject(folder, QStringLiteral("Nodules"),
                                    {QStringLiteral("Solid nodule"), QStringLiteral(" "),
                                     QStringLiteral("Ground-glass nodule")}),
            QString());
  ASSERT_NE(controls->session()->project(), nullptr);
  const auto& labels = controls->session()->project()->schema().labels;
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[1].name, "Ground-glass nodule");
  EXPECT_EQ(labels[1].value, 2);
  EXPECT_NE(labels[0].colour, labels[1].colour);
  EXPECT_EQ(controls->activeLabel(), 1);
  // Again in the same folder, or without labels: refused, with the reason.
  EXPECT_FALSE(
      controls->createProject(folder, QStringLiteral("Again"), {QStringLiteral("A")}).isEmpty());
  EXPECT_FALSE(
      controls->createProject(data.filePath(QStringLiteral("empty")), QStringLiteral("Empty"), {})
          .isEmpty());
}

}  // namespace
}  // namespace lumen::app
