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

#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>

#include "AnnotationControls.h"
#include "AnnotationSettings.h"
#include "ExportDialog.h"
#include "FindingsPanel.h"
#include "LabelPanel.h"
#include "LabelTools.h"
#include "MainWindow.h"
#include "ProjectDialog.h"
#include "core/Error.h"
#include "core/VolumeFile.h"
#include "core/annotate/LabelMapStore.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"
#include "widgets/VolumeView.h"

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

/// The grid of the CT the window tests annotate: 96 × 96 × 24 voxels of 0.8 × 0.8 × 2.5 mm.
core::VolumeGeometry ctGrid() {
  core::VolumeGeometry g;
  g.size = {96, 96, 24};
  g.spacing = {0.8, 0.8, 2.5};
  g.origin = {-38.0, -38.0, 0.0};
  return g;
}

/// A CT at 40 HU throughout.
core::Volume uniformCt() {
  core::Volume ct(core::PixelType::Int16, ctGrid());
  std::fill_n(static_cast<std::int16_t*>(ct.data()), ct.voxelCount(), std::int16_t{40});
  return ct;
}

/// Shows `window`, opens the volume file `path` and then the project in `project`, and waits
/// for the volume's labels; crosshair and text overlay off, so the pixels show image and labels.
::testing::AssertionResult openForAnnotation(MainWindow& window, const QString& path,
                                             const QString& project) {
  window.resize(1200, 900);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return ::testing::AssertionFailure() << "no window";
  QSignalSpy shown(&window, &MainWindow::volumeShown);
  window.openFile(path);
  if (!shown.wait(20000)) return ::testing::AssertionFailure() << "the volume was not shown";
  QSignalSpy ready(window.annotation()->session(), &AnnotationSession::labelsReady);
  window.annotation()->openProject(project);
  if (!ready.wait(5000)) return ::testing::AssertionFailure() << "the labels were not read";
  window.viewGrid()->setCrosshairVisible(false);
  window.viewGrid()->setOverlayVisible(false);
  return ::testing::AssertionSuccess();
}

TEST(AnnotationWindow, TheBrushPaintsTheActiveLabelWhichShowsInItsColourAndUndoes) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  const core::VolumeGeometry g = ctGrid();
  const QString path = data.filePath(QStringLiteral("ct.nii.gz"));
  core::writeVolumeFile(uniformCt(), path.toStdString());
  core::LabelSchema schema;
  schema.labels = {{4, "Lesion", {0, 200, 0}, {}, {}}};
  const QString project = data.filePath(QStringLiteral("project"));
  core::AnnotationProject::create(project.toStdString(), "Lesions", schema);

  MainWindow window(data.filePath(QStringLiteral("db")));
  ASSERT_TRUE(openForAnnotation(window, path, project));
  AnnotationSession* session = window.annotation()->session();
  widgets::ViewGrid* grid = window.viewGrid();
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

  // Annotate ▸ Export for Training, NIfTI: the label file holds the stroke, as label 1 (nnU-Net
  // numbers labels from 1), with nothing saved by hand before.
  ExportDialog* exporter = window.annotation()->exportDialog();
  const QString out = data.filePath(QStringLiteral("export"));
  exporter->setRequest(QStringLiteral("nifti"), out, {});
  QSignalSpy exported(exporter, &ExportDialog::finished);
  exporter->start();
  ASSERT_TRUE(exported.wait(20000));
  EXPECT_TRUE(exported.first().first().toBool()) << exporter->report().toStdString();
  const auto labelFiles = QDir(out + QStringLiteral("/labelsTr")).entryList(QDir::Files);
  ASSERT_EQ(labelFiles.size(), 1) << exporter->report().toStdString();
  const auto exportedLabels =
      core::readVolumeFile((out + QStringLiteral("/labelsTr/") + labelFiles.first()).toStdString());
  const auto* voxels = static_cast<const std::uint8_t*>(exportedLabels->data());
  EXPECT_EQ(static_cast<std::size_t>(std::count(voxels, voxels + exportedLabels->voxelCount(), 1)),
            painted);

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

  // The 3D brush paints a ball: the slices above and below get labels too.
  QAction* sphere = window.findChild<QAction*>(QStringLiteral("annotation-sphere-brush"));
  ASSERT_NE(sphere, nullptr);
  sphere->setChecked(true);
  grid->setTool(widgets::ReadingTool::Brush);
  stroke(axial, centre, centre);
  std::size_t offSlice = 0;
  for (std::size_t j = 0; j < 96; ++j)
    for (std::size_t i = 0; i < 96; ++i) {
      offSlice += session->labels()->at(i, j, slice + 1) == 4;
      offSlice += session->labels()->at(i, j, slice - 1) == 4;
    }
  EXPECT_GT(offSlice, 10u);  // 3 mm radius, 2.5 mm slices
  sphere->setChecked(false);
  undo->trigger();
  EXPECT_EQ(session->labels()->count(4), 0u);

  // The Outline tool fills a closed outline drawn around the centre, on the slice shown.
  grid->setTool(widgets::ReadingTool::Outline);
  const std::vector<QPointF> square{centre + QPointF(-20, -20), centre + QPointF(20, -20),
                                    centre + QPointF(20, 20), centre + QPointF(-20, 20)};
  sendMouse(axial, QEvent::MouseButtonPress, square[0], Qt::LeftButton);
  for (int corner = 1; corner <= 4; ++corner) {
    const QPointF from = square[corner - 1];
    const QPointF to = square[corner % 4];
    for (int step = 1; step <= 8; ++step)
      sendMouse(axial, QEvent::MouseMove, from + (to - from) * step / 8.0, Qt::LeftButton);
  }
  sendMouse(axial, QEvent::MouseButtonRelease, square[0], Qt::NoButton);
  const std::size_t filled = session->labels()->count(4);
  EXPECT_GT(filled, 100u);
  onSlice = 0;
  for (std::size_t j = 0; j < 96; ++j)
    for (std::size_t i = 0; i < 96; ++i) onSlice += session->labels()->at(i, j, slice) == 4;
  EXPECT_EQ(onSlice, filled);
  EXPECT_GT(qGreen(axial->grabView().pixel(inside)), qRed(axial->grabView().pixel(inside)) + 40);
  undo->trigger();
  EXPECT_EQ(session->labels()->count(4), 0u);

  // Annotate ▸ Import Labels…: a NIfTI label map on this grid becomes one edit; one on another
  // grid is refused, naming both grids, and changes nothing.
  core::Volume block(core::PixelType::UInt8, g);
  auto* blockVoxels = static_cast<std::uint8_t*>(block.data());
  std::fill_n(blockVoxels, block.voxelCount(), std::uint8_t{0});
  for (std::size_t k = 3; k < 6; ++k)
    for (std::size_t j = 10; j < 20; ++j)
      for (std::size_t i = 10; i < 20; ++i) blockVoxels[block.offset(i, j, k)] = 4;
  const QString labelFile = data.filePath(QStringLiteral("labels.nii.gz"));
  core::writeVolumeFile(block, labelFile.toStdString());
  QSignalSpy imported(session, &AnnotationSession::toolFinished);
  EXPECT_EQ(window.annotation()->tools()->importLabels(labelFile), QString());
  ASSERT_TRUE(imported.wait(5000));
  EXPECT_EQ(session->labels()->count(4), 300u);
  core::VolumeGeometry other = g;
  other.size[2] = 23;
  core::Volume elsewhere(core::PixelType::UInt8, other);
  std::fill_n(static_cast<std::uint8_t*>(elsewhere.data()), elsewhere.voxelCount(), 0);
  const QString otherFile = data.filePath(QStringLiteral("other.nii.gz"));
  core::writeVolumeFile(elsewhere, otherFile.toStdString());
  QSignalSpy refused(session, &AnnotationSession::failed);
  window.annotation()->tools()->importLabels(otherFile);
  ASSERT_TRUE(refused.wait(5000));
  EXPECT_TRUE(refused.first().first().toString().contains(QStringLiteral("96×96×23")))
      << refused.first().first().toString().toStdString();
  EXPECT_EQ(session->labels()->count(4), 300u);
}

/// Pixels of `image` clearly in `label`'s colour (green for Lesion) rather than the grey image.
int greenPixels(const QImage& image) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const QRgb p = image.pixel(x, y);
      count += qGreen(p) > qRed(p) + 40 && qGreen(p) > qBlue(p) + 40;
    }
  }
  return count;
}

TEST(AnnotationWindow, LabelToolsGrowFromTheCrosshairKeepIslandsStartFromTheModelAndShowAsAsked) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  // A CT at 40 HU with a bright sphere (300 HU, radius 9 mm) in its middle.
  const core::VolumeGeometry g = ctGrid();
  core::Volume ct(core::PixelType::Int16, g);
  const core::Vec3 centre{0.0, 0.0, 30.0};
  std::size_t sphere = 0;
  for (std::size_t k = 0; k < 24; ++k)
    for (std::size_t j = 0; j < 96; ++j)
      for (std::size_t i = 0; i < 96; ++i) {
        const core::Vec3 p = ct.indexToWorld({double(i), double(j), double(k)});
        const double d = std::hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
        const bool inside = d <= 9.0;
        sphere += inside;
        static_cast<std::int16_t*>(ct.data())[ct.offset(i, j, k)] = inside ? 300 : 40;
      }
  const QString path = data.filePath(QStringLiteral("ct.nii.gz"));
  core::writeVolumeFile(ct, path.toStdString());
  core::LabelSchema schema;
  schema.labels = {{4, "Lesion", {0, 200, 0}, {}, {}}, {5, "Vessel", {200, 0, 200}, {}, {}}};
  const QString project = data.filePath(QStringLiteral("project"));
  core::AnnotationProject::create(project.toStdString(), "Lesions", schema);

  MainWindow window(data.filePath(QStringLiteral("db")));
  ASSERT_TRUE(openForAnnotation(window, path, project));
  AnnotationControls* controls = window.annotation();
  AnnotationSession* session = controls->session();
  EXPECT_TRUE(controls->dock()->isVisible());
  QSignalSpy finished(session, &AnnotationSession::toolFinished);
  const auto run = [&](const char* name) {
    finished.clear();
    QAction* action = window.findChild<QAction*>(QString::fromLatin1(name));
    EXPECT_NE(action, nullptr) << name;
    if (action) action->trigger();
    return finished.wait(10000);
  };

  // Region growing from the crosshair at the sphere's centre, in 200–400 HU: exactly the sphere.
  widgets::ViewGrid* grid = window.viewGrid();
  grid->setCursor(centre);
  controls->panel()->suggestRange({200.0, 400.0});
  ASSERT_TRUE(run("label-grow-region"));
  EXPECT_EQ(session->labels()->count(4), sphere);
  widgets::SliceView* axial = grid->cell(0)->sliceView();
  const int filled = greenPixels(axial->grabView());
  EXPECT_GT(filled, 500);
  // The 3D view contours the sphere once edits pause.
  ASSERT_NE(grid->volumeView(), nullptr);
  QTRY_VERIFY_WITH_TIMEOUT(grid->volumeView()->scene().annotationTriangleCount() > 100, 3000);

  // Outline only: a ring of green pixels, far fewer; a hidden label: none.
  auto* outline = controls->panel()->findChild<QCheckBox*>(QStringLiteral("label-outline-only"));
  ASSERT_NE(outline, nullptr);
  outline->setChecked(true);
  const int ring = greenPixels(axial->grabView());
  EXPECT_GT(ring, 40);
  EXPECT_LT(ring * 3, filled);
  auto* list = controls->panel()->findChild<QListWidget*>(QStringLiteral("label-list"));
  ASSERT_NE(list, nullptr);
  list->item(0)->setCheckState(Qt::Unchecked);
  EXPECT_EQ(greenPixels(axial->grabView()), 0);
  list->item(0)->setCheckState(Qt::Checked);
  outline->setChecked(false);
  // Each label has its own fill opacity: Lesion opaque shows its own green, Vessel keeps 50 %.
  auto* opacity = controls->panel()->findChild<QSlider*>(QStringLiteral("label-opacity"));
  ASSERT_NE(opacity, nullptr);
  opacity->setValue(100);
  const QRgb opaque = axial->grabView().pixel(axial->width() / 2, axial->height() / 2);
  EXPECT_LT(qRed(opaque), 10) << std::hex << opaque;
  EXPECT_NEAR(qGreen(opaque), 200, 10) << std::hex << opaque;
  EXPECT_EQ(controls->panel()->display().styles[1].opacity, 0.5);

  // A speck far from the sphere; Keep Largest Island removes it and keeps the sphere.
  core::Brush speck;
  speck.radiusMm = 2.0;
  speck.value = 4;
  session->paint(speck, {25.0, 25.0, 30.0}, {25.0, 25.0, 30.0}, true, nullptr);
  EXPECT_GT(session->labels()->count(4), sphere);
  ASSERT_TRUE(run("label-keep-largest"));
  EXPECT_EQ(session->labels()->count(4), sphere);
  // Remove Small Islands (under 50 mm³) takes the speck and leaves the sphere (3 000 mm³).
  session->paint(speck, {25.0, 25.0, 30.0}, {25.0, 25.0, 30.0}, true, nullptr);
  QSignalSpy islands(session, &AnnotationSession::toolFinished);
  EXPECT_EQ(controls->tools()->removeSmallIslands(50.0), QString());
  ASSERT_TRUE(islands.wait(10000));
  EXPECT_EQ(session->labels()->count(4), sphere);
  // Threshold Fill (200–400 HU) labels exactly the sphere's voxels; undo puts Lesion back.
  controls->setActiveLabel(5);
  ASSERT_TRUE(run("label-threshold-fill"));
  EXPECT_EQ(session->labels()->count(5), sphere);
  EXPECT_EQ(session->labels()->count(4), 0u);
  QAction* undo = window.findChild<QAction*>(QStringLiteral("annotation-undo"));
  ASSERT_NE(undo, nullptr);
  undo->trigger();
  EXPECT_EQ(session->labels()->count(4), sphere);
  controls->setActiveLabel(4);

  // A model's label map shown in the findings panel: its "vessel" segment becomes Vessel, as
  // coming from that model.
  auto segmentation = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  std::fill_n(static_cast<std::uint8_t*>(segmentation->data()), segmentation->voxelCount(), 0);
  for (std::size_t k = 2; k < 6; ++k)
    for (std::size_t j = 5; j < 15; ++j)
      for (std::size_t i = 5; i < 15; ++i)
        static_cast<std::uint8_t*>(segmentation->data())[segmentation->offset(i, j, k)] = 1;
  auto result = std::make_shared<core::ModelResult>();
  result->modelSha256 = std::string(64, 'a');
  result->modelName = "Vessel finder";
  result->modelVersion = "2.1";
  result->task = core::ModelResult::Task::Segmentation;
  result->segments = {{"vessel", 1, 400, 0.0}};
  result->volumes = {{core::ResultVolume::Kind::LabelMap, "", segmentation}};
  window.findingsPanel()->showResult(result);
  ASSERT_TRUE(run("label-from-model"));
  EXPECT_EQ(session->labels()->count(5), 400u);
  EXPECT_EQ(session->labels()->count(4), sphere);
  EXPECT_EQ(session->provenance().at(5).modelName, "Vessel finder");
  EXPECT_EQ(session->provenance().at(5).modelVersion, "2.1");
  EXPECT_TRUE(session->provenance().at(4).manual());

  // The threshold brush (200–400 HU) across the sphere's edge paints only inside the sphere.
  auto* inRange = controls->panel()->findChild<QCheckBox*>(QStringLiteral("label-brush-in-range"));
  ASSERT_NE(inRange, nullptr);
  inRange->setChecked(true);
  controls->setActiveLabel(5);
  Q_EMIT grid->brushStroke({0.0, 0.0, 30.0}, {20.0, 0.0, 30.0}, true, 2, false);
  const std::size_t k = 12;  // z = 30 mm
  std::size_t inSphere = 0;
  std::size_t outside = 0;
  for (std::size_t j = 0; j < 96; ++j)
    for (std::size_t i = 0; i < 96; ++i) {
      if (session->labels()->at(i, j, k) != 5) continue;
      (static_cast<const std::int16_t*>(ct.data())[ct.offset(i, j, k)] == 300 ? inSphere
                                                                              : outside) += 1;
    }
  EXPECT_GT(inSphere, 50u);
  EXPECT_EQ(outside, 0u);
  inRange->setChecked(false);

  // Discs of Vessel on axial slices 16 and 22: Fill Between Slices labels 17–21 too.
  speck.value = 5;
  session->paint(speck, {-25.0, 25.0, 40.0}, {-25.0, 25.0, 40.0}, true, nullptr);
  session->paint(speck, {-25.0, 25.0, 55.0}, {-25.0, 25.0, 55.0}, true, nullptr);
  const std::size_t i = 16;  // x = -25.2 mm
  const std::size_t j = 79;  // y = 25.2 mm
  ASSERT_EQ(session->labels()->at(i, j, 16), 5);
  ASSERT_EQ(session->labels()->at(i, j, 19), 0);
  ASSERT_TRUE(run("label-fill-between"));
  for (std::size_t slice = 17; slice < 22; ++slice)
    EXPECT_EQ(session->labels()->at(i, j, slice), 5);
}

TEST(AnnotationWindow, BoxesPointsAndTagsAreDrawnShownRemovedAndWrittenAtOnce) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  const QString path = data.filePath(QStringLiteral("ct.nii.gz"));
  core::writeVolumeFile(uniformCt(), path.toStdString());
  core::LabelSchema schema;
  schema.labels = {{4, "Lesion", {0, 200, 0}, {}, {}}};
  schema.tags = {{"Nodule present", core::TagDefinition::Scope::Image},
                 {"Needs follow-up", core::TagDefinition::Scope::Study}};
  const QString projectFolder = data.filePath(QStringLiteral("project"));
  core::AnnotationProject::create(projectFolder.toStdString(), "Nodules", schema);

  MainWindow window(data.filePath(QStringLiteral("db")));
  ASSERT_TRUE(openForAnnotation(window, path, projectFolder));
  AnnotationSession* session = window.annotation()->session();
  widgets::ViewGrid* grid = window.viewGrid();
  widgets::SliceView* axial = grid->cell(0)->sliceView();
  const QPointF centre(axial->width() / 2.0, axial->height() / 2.0);
  EXPECT_EQ(greenPixels(axial->grabView()), 0);

  // A box dragged with the Box tool: stored with the active label, drawn in its colour.
  grid->setTool(widgets::ReadingTool::Box);
  stroke(axial, centre - QPointF(40, 30), centre + QPointF(40, 30));
  ASSERT_EQ(session->annotations().boxes.size(), 1u);
  const core::AnnotatedBox& box = session->annotations().boxes.front();
  EXPECT_EQ(box.label, 4);
  EXPECT_NEAR(
      std::abs(box.secondLps[0] - box.firstLps[0]) / std::abs(box.secondLps[1] - box.firstLps[1]),
      80.0 / 60.0, 0.05);
  const int boxPixels = greenPixels(axial->grabView());
  EXPECT_GT(boxPixels, 200);  // the rectangle's four sides
  // Off its slice it is not drawn.
  grid->setCursor({0.0, 0.0, 50.0});
  EXPECT_EQ(greenPixels(axial->grabView()), 0);
  grid->setCursor(box.firstLps);

  // A point, then Shift+click on it removes it.
  grid->setTool(widgets::ReadingTool::Point);
  const QPointF at = centre + QPointF(100, 100);
  sendMouse(axial, QEvent::MouseButtonPress, at, Qt::LeftButton);
  sendMouse(axial, QEvent::MouseButtonRelease, at, Qt::NoButton);
  ASSERT_EQ(session->annotations().points.size(), 1u);
  EXPECT_GT(greenPixels(axial->grabView()), boxPixels);
  QMouseEvent shiftClick(QEvent::MouseButtonPress, at + QPointF(2, 1),
                         axial->mapToGlobal(at + QPointF(2, 1)), Qt::LeftButton, Qt::LeftButton,
                         Qt::ShiftModifier);
  QApplication::sendEvent(axial, &shiftClick);
  sendMouse(axial, QEvent::MouseButtonRelease, at, Qt::NoButton);
  EXPECT_TRUE(session->annotations().points.empty());
  EXPECT_EQ(session->annotations().boxes.size(), 1u);

  // F1 sets the image tag; a study tag has no study to go to in a file without one.
  QAction* tag = nullptr;
  for (QAction* action : window.annotation()->menu()->findChildren<QAction*>()) {
    if (action->shortcut() == QKeySequence(Qt::Key_F1)) tag = action;
  }
  ASSERT_NE(tag, nullptr);
  tag->trigger();
  EXPECT_TRUE(session->hasTag("Nodule present"));
  session->setTag("Needs follow-up", true);
  EXPECT_FALSE(session->hasTag("Needs follow-up"));
  // Written at once, not at the next autosave.
  bool written = false;
  session->whenWritten([&written] { written = true; });
  QTRY_VERIFY_WITH_TIMEOUT(written, 5000);
  const core::SubjectAnnotations onDisk =
      core::AnnotationProject::open(projectFolder.toStdString())
          .annotations("file:" + QFileInfo(path).canonicalFilePath().toStdString());
  ASSERT_EQ(onDisk.tags.size(), 1u);
  EXPECT_EQ(onDisk.tags.front().name, "Nodule present");
  EXPECT_EQ(onDisk.boxes.size(), 1u);
  EXPECT_TRUE(onDisk.points.empty());
}

TEST(AnnotationWindow, AtStartLumenOffersToRestoreTheLabelsItHadNotSaved) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  core::VolumeGeometry g;
  g.size = {64, 64, 16};
  g.spacing = {1.0, 1.0, 2.0};
  core::Volume ct(core::PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(ct.data()), ct.voxelCount(), std::int16_t{40});
  const QString path = data.filePath(QStringLiteral("ct.nii.gz"));
  core::writeVolumeFile(ct, path.toStdString());
  core::LabelSchema schema;
  schema.labels = {{4, "Lesion", {0, 200, 0}, {}, {}}};
  const QString projectFolder = data.filePath(QStringLiteral("project"));
  core::AnnotationProject project =
      core::AnnotationProject::create(projectFolder.toStdString(), "Lesions", schema);
  // What a Lumen killed after one stroke leaves: the stroke in the journal, never saved.
  const std::string key = "file:" + QFileInfo(path).canonicalFilePath().toStdString();
  std::size_t painted = 0;
  {
    core::LabelMapStore store(project.subjectFolder(key));
    core::LabelMap map(g);
    core::Brush brush;
    brush.value = 4;
    const core::LabelEdit edit =
        core::paintBrush(map, brush, {30.0, 30.0, 16.0}, {40.0, 30.0, 16.0});
    store.record(map, edit.box);
    painted = map.count(4);
    core::SubjectAnnotations annotations;
    annotations.key = key;
    annotations.labels[4] = {"reader", "2026-11-22T05:00:00Z", "2026-11-22T05:00:00Z", "", ""};
    project.saveAnnotations(annotations);
  }
  ASSERT_GT(painted, 20u);
  const QString db = data.filePath(QStringLiteral("db"));
  AnnotationSettings{projectFolder, {}}.write(db);

  MainWindow window(db);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QMessageBox* offer = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT(
      (offer = window.findChild<QMessageBox*>(QStringLiteral("restore-offer"))) != nullptr, 5000);
  EXPECT_TRUE(offer->text().contains(QStringLiteral("1 image")));
  QSignalSpy shown(&window, &MainWindow::volumeShown);
  offer->button(QMessageBox::Yes)->click();
  ASSERT_TRUE(shown.wait(20000));
  AnnotationSession* session = window.annotation()->session();
  QTRY_VERIFY_WITH_TIMEOUT(session->labels() != nullptr, 5000);
  EXPECT_EQ(session->labels()->count(4), painted);
  QMessageBox* restored = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT(
      (restored = window.findChild<QMessageBox*>(QStringLiteral("annotation-message"))) != nullptr,
      5000);
  EXPECT_TRUE(restored->text().contains(QStringLiteral("restored")))
      << restored->text().toStdString();
}

TEST(AnnotationWindow, AProjectIsMadeAndEditedWithItsLabelsCodesAndTags) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  MainWindow window(data.filePath(QStringLiteral("db")));
  AnnotationControls* controls = window.annotation();
  const QString folder = data.filePath(QStringLiteral("nodules"));

  // The dialog of New Annotation Project: labels in distinct palette colours, coded concepts
  // typed as scheme, code and meaning; a malformed one keeps the dialog open with the reason.
  ProjectDialog dialog(QStringLiteral("Nodules"), {}, false);
  dialog.addLabel(QStringLiteral("Solid nodule"));
  dialog.addLabel(QStringLiteral("Ground-glass nodule"));
  dialog.addTag(QStringLiteral("Emphysema"), core::TagDefinition::Scope::Image);
  QTableWidget* labels = dialog.labelTable();
  labels->item(0, 3)->setText(QStringLiteral("SCT 27925004 Nodule"));
  labels->item(1, 2)->setText(QStringLiteral("SCT 49755003"));
  dialog.accept();
  EXPECT_EQ(dialog.result(), QDialog::Rejected);
  EXPECT_THROW(dialog.schema(), Error);
  labels->item(1, 2)->setText(QStringLiteral("SCT 49755003 Morphologically abnormal structure"));
  const core::LabelSchema schema = dialog.schema();
  ASSERT_EQ(schema.labels.size(), 2u);
  EXPECT_EQ(schema.labels[1].value, 2);
  EXPECT_NE(schema.labels[0].colour, schema.labels[1].colour);
  ASSERT_TRUE(schema.labels[0].type.has_value());
  EXPECT_EQ(schema.labels[0].type->code, "27925004");
  EXPECT_EQ(schema.labels[1].category->meaning, "Morphologically abnormal structure");

  QSignalSpy opened(controls, &AnnotationControls::projectOpened);
  QSignalSpy refused(controls, &AnnotationControls::projectFailed);
  controls->createProject(folder, dialog.name(), schema);
  ASSERT_TRUE(opened.wait(5000));
  ASSERT_NE(controls->session()->project(), nullptr);
  EXPECT_EQ(controls->activeLabel(), 1);
  EXPECT_EQ(controls->session()->project()->schema().tags.size(), 1u);
  // Again in the same folder: refused, with the reason.
  controls->createProject(folder, QStringLiteral("Again"), schema);
  ASSERT_TRUE(refused.wait(5000));
  EXPECT_TRUE(refused.first().first().toString().contains(QStringLiteral("project")))
      << refused.first().first().toString().toStdString();
  EXPECT_EQ(controls->session()->project()->name(), "Nodules");

  // Editing: a new tag is written, and the Labels dock lists it.
  ProjectDialog editor(QStringLiteral("Nodules"), schema, true);
  editor.addTag(QStringLiteral("Needs follow-up"), core::TagDefinition::Scope::Study);
  QSignalSpy changed(controls->session(), &AnnotationSession::projectChanged);
  controls->session()->setSchema(editor.schema());
  ASSERT_TRUE(changed.wait(5000));
  EXPECT_EQ(controls->session()->project()->schema().tags.size(), 2u);
  EXPECT_EQ(core::AnnotationProject::open(folder.toStdString()).schema().tags.size(), 2u);
  auto* tags = controls->panel()->findChild<QListWidget*>(QStringLiteral("label-tags"));
  ASSERT_NE(tags, nullptr);
  EXPECT_EQ(tags->count(), 2);
}

}  // namespace
}  // namespace lumen::app
