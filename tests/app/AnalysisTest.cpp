// The models at work in the real main window under Xvfb: a model whose heatmap is known runs by
// itself on the volume opened; the findings panel shows its probability; the frames of the axial
// and coronal views show the heatmap's colour where it is hot and the plain image elsewhere; H
// hides it; the result is cached and shown again without a job; a broken model is listed with its
// error while the others run; models are installed, validated, switched off and removed.
#include <gtest/gtest.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <cmath>
#include <cstdint>

#include "AnalysisQueue.h"
#include "FindingsPanel.h"
#include "MainWindow.h"
#include "ModelLibrary.h"
#include "ModelsDialog.h"
#include "StudyAnalysis.h"
#include "TestModels.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

namespace models = inference::testing;

// A CT of 0 HU with a block of 1000 HU: voxels [16, 40) × [20, 44) × [8, 24) of 64 × 64 × 32.
constexpr std::size_t kFirst[3] = {16, 20, 8};
constexpr std::size_t kLast[3] = {40, 44, 24};  // one past

core::Volume blockPhantom() {
  core::VolumeGeometry g;
  g.size = {64, 64, 32};
  g.spacing = {0.9, 0.9, 2.0};
  g.origin = {-28.0, -30.0, 40.0};
  core::Volume volume(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume.data());
  for (std::size_t k = 0; k < 32; ++k)
    for (std::size_t j = 0; j < 64; ++j)
      for (std::size_t i = 0; i < 64; ++i) {
        const bool inside = i >= kFirst[0] && i < kLast[0] && j >= kFirst[1] && j < kLast[1] &&
                            k >= kFirst[2] && k < kLast[2];
        v[volume.offset(i, j, k)] = inside ? 1000 : 0;
      }
  return volume;
}

/// Where a voxel index lands on a slice view's frame (device pixels).
QPoint screenOf(const widgets::SliceView* view, const core::Volume& volume, double i, double j,
                double k) {
  const auto at = view->scene().worldToScreen(volume.indexToWorld({i, j, k}));
  return {static_cast<int>(at[0]), static_cast<int>(at[1])};
}

bool isGrey(QRgb pixel) { return qRed(pixel) == qGreen(pixel) && qGreen(pixel) == qBlue(pixel); }

class AnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(data.isValid());
    volume = std::make_unique<core::Volume>(blockPhantom());
    path = data.filePath(QStringLiteral("ct.nii.gz"));
    core::writeVolumeFile(*volume, path.toStdString());
    QDir().mkpath(modelsFolder());
  }

  QString modelsFolder() const { return data.filePath(QStringLiteral("lumen/models")); }

  void openWindow() {
    window = std::make_unique<MainWindow>(data.filePath(QStringLiteral("lumen")));
    window->resize(1280, 900);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    QSignalSpy shown(window.get(), &MainWindow::volumeShown);
    window->openFile(path);
    ASSERT_TRUE(shown.wait(20000));
    grid()->setCrosshairVisible(false);
  }

  /// Waits until the findings panel lists a result of the model named `name`.
  QTreeWidgetItem* waitForResult(const QString& name) {
    QTreeWidgetItem* found = nullptr;
    const bool arrived = QTest::qWaitFor(
        [&] {
          for (const auto& result : window->findingsPanel()->results()) {
            if (QString::fromStdString(result->modelName) != name) continue;
            QTreeWidget* tree = window->findingsPanel()->tree();
            for (int i = 0; i < tree->topLevelItemCount(); ++i) {
              if (tree->topLevelItem(i)->text(0).startsWith(name)) found = tree->topLevelItem(i);
            }
          }
          return found != nullptr;
        },
        60000);
    return arrived ? found : nullptr;
  }

  void expectTheBlockListedAsOneLesionThatSelectingShows(QTreeWidgetItem* segment);

  widgets::ViewGrid* grid() const { return window->viewGrid(); }
  widgets::SliceView* axial() const { return grid()->cell(0)->sliceView(); }
  widgets::SliceView* coronal() const { return grid()->cell(1)->sliceView(); }

  QTemporaryDir data;
  QString path;
  std::unique_ptr<core::Volume> volume;
  std::unique_ptr<MainWindow> window;
};

/// In `view`'s frame, the block's centre shows the heatmap's colour over the image with overlays
/// on and the plain image with them off, and a point far from the block is the same either way.
void expectHeatmapOnlyOverTheBlock(widgets::SliceView* view, const core::Volume& volume,
                                   const QImage& on, const QImage& off) {
  const QPoint hot =
      screenOf(view, volume, (kFirst[0] + kLast[0]) / 2.0 - 0.5, (kFirst[1] + kLast[1]) / 2.0 - 0.5,
               (kFirst[2] + kLast[2]) / 2.0 - 0.5);
  const QPoint cold = screenOf(view, volume, 4.0, 58.0, 28.0);
  ASSERT_TRUE(on.rect().contains(hot) && on.rect().contains(cold));
  EXPECT_TRUE(isGrey(off.pixel(hot))) << "hot pixel without overlay is not plain grey: " << std::hex
                                      << off.pixel(hot) << " (with " << on.pixel(hot) << ")";
  EXPECT_FALSE(isGrey(on.pixel(hot)));
  // Inferno at 1 is a pale yellow: red and green above blue.
  EXPECT_GT(qRed(on.pixel(hot)) - qBlue(on.pixel(hot)), 20);
  EXPECT_EQ(on.pixel(cold), off.pixel(cold)) << "the overlay shows where the heatmap is 0";
  EXPECT_TRUE(isGrey(on.pixel(cold)));
}

TEST_F(AnalysisTest, TheFindingAndItsHeatmapAppearAfterLoadAndHHidesThem) {
  models::brightBlockClassifier(modelsFolder().toStdString());
  openWindow();
  QTreeWidgetItem* model = waitForResult(QStringLiteral("Bright block finder"));
  ASSERT_NE(model, nullptr);
  ASSERT_EQ(model->childCount(), 1);
  EXPECT_EQ(model->child(0)->text(0), QStringLiteral("bright block"));
  // sigmoid(8 · 1 − 4)
  EXPECT_EQ(model->child(0)->text(1), QStringLiteral("98.2 %"));
  EXPECT_TRUE(
      window->findingsPanel()->modelCard().contains(QStringLiteral("Not for clinical use")));
  EXPECT_TRUE(window->findingsPanel()->modelCard().contains(
      QStringLiteral("finds regions of 1000 HU or more")));
  EXPECT_TRUE(window->findingsPanel()->modelCard().contains(
      QStringLiteral("AUC 1.000 on every &lt;bright&gt; block")))
      << "the manifest's evaluation, escaped: "
      << window->findingsPanel()->modelCard().toStdString();

  grid()->setWindow({500.0, 2000.0});  // the block grey, not white: the overlay's hue shows
  grid()->setCursor(volume->indexToWorld({28.0, 32.0, 16.0}));
  const QImage axialOn = axial()->grabFramebuffer();
  const QImage coronalOn = coronal()->grabFramebuffer();
  QAction* toggle = window->findChild<QAction*>(QStringLiteral("showResultOverlays"));
  ASSERT_NE(toggle, nullptr);
  EXPECT_EQ(toggle->shortcut(), QKeySequence(Qt::Key_H));
  window->activateWindow();  // the shortcut belongs to the active window
  ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
  QTest::keyClick(axial(), Qt::Key_H);
  EXPECT_FALSE(grid()->resultOverlaysVisible());
  expectHeatmapOnlyOverTheBlock(axial(), *volume, axialOn, axial()->grabFramebuffer());
  expectHeatmapOnlyOverTheBlock(coronal(), *volume, coronalOn, coronal()->grabFramebuffer());
}

TEST_F(AnalysisTest, AReopenedVolumeShowsItsCachedResultWithoutANewJob) {
  models::brightBlockClassifier(modelsFolder().toStdString());
  openWindow();
  ASSERT_NE(waitForResult(QStringLiteral("Bright block finder")), nullptr);
  // The result is written to the study database off the GUI thread; closing waits for it.
  window.reset();

  window = std::make_unique<MainWindow>(data.filePath(QStringLiteral("lumen")));
  QSignalSpy jobs(window->analysis()->queue(), &AnalysisQueue::statusChanged);
  window->show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
  window->openFile(path);
  QTreeWidgetItem* model = waitForResult(QStringLiteral("Bright block finder"));
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->child(0)->text(1), QStringLiteral("98.2 %"));
  QTest::qWait(500);  // the model library's scan has come back by now
  EXPECT_EQ(jobs.count(), 0) << "the model ran again";
  EXPECT_EQ(window->analysis()->queue()->status().queued, 0);
}

TEST_F(AnalysisTest, RemovingAModelTakesItsFindingsAndOverlaysAway) {
  models::brightBlockClassifier(modelsFolder().toStdString());
  openWindow();
  ASSERT_NE(waitForResult(QStringLiteral("Bright block finder")), nullptr);
  EXPECT_TRUE(grid()->hasHeatmap());
  ModelLibrary* library = window->modelLibrary();
  ASSERT_EQ(library->models().size(), 1u);
  QSignalSpy removed(library, &ModelLibrary::removed);
  library->remove(library->models().front().path);
  ASSERT_TRUE(removed.wait(20000));
  EXPECT_TRUE(window->findingsPanel()->results().empty());
  EXPECT_EQ(window->findingsPanel()->tree()->topLevelItemCount(), 0);
  EXPECT_FALSE(grid()->hasHeatmap());
  EXPECT_FALSE(QFileInfo::exists(QDir(modelsFolder()).filePath(QStringLiteral("bright-block.pt"))));
}

TEST_F(AnalysisTest, TheQueueRunsAModelOnceOnAVolumeHoweverOftenItIsAskedTo) {
  const inference::ModelPackage model = models::brightBlockClassifier(data.path().toStdString());
  AnalysisQueue queue(QStringLiteral("cpu"));
  QSignalSpy results(&queue, &AnalysisQueue::resultReady);
  QSignalSpy ended(&queue, &AnalysisQueue::jobEnded);
  AnalysisTarget target;
  target.volumeKey = "file:/phantom";
  target.volume = std::make_shared<core::Volume>(blockPhantom());
  target.modality = "CT";
  ASSERT_TRUE(queue.submit(target, model, AnalysisQueue::Priority::Background));
  ASSERT_TRUE(queue.submit(target, model, AnalysisQueue::Priority::OnScreen));
  EXPECT_EQ(queue.status().queued + queue.status().running, 1);
  ASSERT_TRUE(ended.wait(30000));
  QTest::qWait(200);
  EXPECT_EQ(results.count(), 1);
  EXPECT_EQ(ended.count(), 1);
  EXPECT_TRUE(ended.first().at(2).toBool()) << "the job did not complete";
  // Other volume keys are other jobs; Stop cancels them (the second is still queued).
  for (const char* key : {"file:/other", "file:/third"}) {
    target.volumeKey = key;
    ASSERT_TRUE(queue.submit(target, model, AnalysisQueue::Priority::OnScreen));
  }
  EXPECT_EQ(queue.status().queued + queue.status().running, 2);
  queue.cancelAll();
  ASSERT_TRUE(QTest::qWaitFor([&] { return ended.count() == 3; }, 30000));
  for (const QList<QVariant>& job : ended) {
    if (job.at(0).toString() == QStringLiteral("file:/third")) {
      EXPECT_FALSE(job.at(2).toBool()) << "a cancelled job counts as completed";
    }
  }
}

TEST_F(AnalysisTest, ABrokenModelIsListedWithItsErrorAndTheOthersStillRun) {
  models::brightBlockClassifier(modelsFolder().toStdString());
  QFile broken(QDir(modelsFolder()).filePath(QStringLiteral("broken.pt")));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("this is not a TorchScript archive");
  broken.close();
  openWindow();
  ASSERT_NE(waitForResult(QStringLiteral("Bright block finder")), nullptr);
  QTreeWidget* tree = window->findingsPanel()->tree();
  QTreeWidgetItem* error = nullptr;
  for (int i = 0; i < tree->topLevelItemCount(); ++i) {
    if (tree->topLevelItem(i)->text(0) == QStringLiteral("broken.pt"))
      error = tree->topLevelItem(i);
  }
  ASSERT_NE(error, nullptr);
  ASSERT_EQ(error->childCount(), 1);
  EXPECT_TRUE(error->child(0)->text(0).contains(QStringLiteral("broken.pt")))
      << error->child(0)->text(0).toStdString();
}

/// The block, segmented, is one lesion: 24×24×16 voxels of 0.9×0.9×2 mm, 14930 mm³, 44.2 mm
/// corner to corner; selecting it takes the axial view from the first slice to its middle.
void AnalysisTest::expectTheBlockListedAsOneLesionThatSelectingShows(QTreeWidgetItem* segment) {
  ASSERT_EQ(segment->childCount(), 1);
  QTreeWidgetItem* lesion = segment->child(0);
  const double diameter = std::sqrt(2.0 * 21.6 * 21.6 + 32.0 * 32.0);
  EXPECT_EQ(lesion->text(0), QStringLiteral("bright 1: %1 mm").arg(diameter, 0, 'f', 1));
  EXPECT_EQ(lesion->text(1), QStringLiteral("14930 mm³"));
  grid()->setCursor(volume->indexToWorld({32.0, 32.0, 0.0}));
  ASSERT_EQ(axial()->scene().sliceIndex(), 0);
  window->findingsPanel()->tree()->setCurrentItem(lesion);
  const int middle = axial()->scene().sliceIndex();
  EXPECT_TRUE(middle == 15 || middle == 16) << middle;
}

TEST_F(AnalysisTest, ASegmentationShowsItsVolumeAndItsLabelMapOverTheImage) {
  models::thresholdSegmenter(modelsFolder().toStdString(), 0);
  openWindow();
  QTreeWidgetItem* model = waitForResult(QStringLiteral("Threshold segmenter"));
  ASSERT_NE(model, nullptr);
  ASSERT_EQ(model->childCount(), 1);
  EXPECT_EQ(model->child(0)->text(0), QStringLiteral("bright"));
  const double ml = 24 * 24 * 16 * 0.9 * 0.9 * 2.0 / 1000.0;
  EXPECT_EQ(model->child(0)->text(1), QStringLiteral("%1 ml").arg(ml, 0, 'f', 1));
  grid()->setWindow({500.0, 2000.0});
  expectTheBlockListedAsOneLesionThatSelectingShows(model->child(0));
  const QImage on = axial()->grabFramebuffer();
  grid()->setResultOverlaysVisible(false);
  const QImage off = axial()->grabFramebuffer();
  const QPoint inside = screenOf(axial(), *volume, 28.0, 32.0, 16.0);
  const QPoint outside = screenOf(axial(), *volume, 4.0, 4.0, 16.0);
  EXPECT_FALSE(isGrey(on.pixel(inside)));
  EXPECT_TRUE(isGrey(off.pixel(inside)));
  EXPECT_EQ(on.pixel(outside), off.pixel(outside));
}

TEST_F(AnalysisTest, AFolderOfStudiesIsAnalysedInTheBackgroundAndTheMostSuspiciousSortsFirst) {
  models::brightBlockClassifier(modelsFolder().toStdString());
  // Two CT studies: the one shown (more slices) has nothing bright, the other has the block.
  core::VolumeGeometry plainGeometry = volume->geometry();
  plainGeometry.size[2] = 40;
  core::Volume plain(core::PixelType::Int16, plainGeometry);
  std::fill_n(static_cast<std::int16_t*>(plain.data()), plain.voxelCount(), std::int16_t{0});
  core::DicomSeriesOptions quiet;
  quiet.patientName = "Quiet^Anna";
  quiet.studyInstanceUid = "1.2.826.0.1.3680043.10.9.1";
  core::writeDicomSeries(plain, data.filePath(QStringLiteral("studies/quiet")).toStdString(),
                         quiet);
  core::DicomSeriesOptions suspicious;
  suspicious.patientName = "Block^Ben";
  suspicious.studyInstanceUid = "1.2.826.0.1.3680043.10.9.2";
  core::writeDicomSeries(*volume, data.filePath(QStringLiteral("studies/block")).toStdString(),
                         suspicious);
  path = data.filePath(QStringLiteral("studies"));
  openWindow();

  auto* studies = window->findChild<QTreeWidget*>(QStringLiteral("studies"));
  ASSERT_NE(studies, nullptr);
  const int ai = studies->columnCount() - 1;
  ASSERT_EQ(studies->headerItem()->text(ai), QStringLiteral("AI"));
  const auto rowOf = [&](const QString& patient) -> QTreeWidgetItem* {
    for (int i = 0; i < studies->topLevelItemCount(); ++i) {
      if (studies->topLevelItem(i)->text(0) == patient) return studies->topLevelItem(i);
    }
    return nullptr;
  };
  // Both analysed: the one on screen by StudyAnalysis, the other in the background.
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        QTreeWidgetItem* a = rowOf(QStringLiteral("Quiet Anna"));
        QTreeWidgetItem* b = rowOf(QStringLiteral("Block Ben"));
        return a != nullptr && b != nullptr && !a->text(ai).isEmpty() && !b->text(ai).isEmpty();
      },
      60000));
  EXPECT_EQ(rowOf(QStringLiteral("Quiet Anna"))->text(ai), QStringLiteral("2 %"));  // sigmoid(−4)
  EXPECT_EQ(rowOf(QStringLiteral("Block Ben"))->text(ai), QStringLiteral("⚑ 98 %"));
  studies->sortByColumn(ai, Qt::DescendingOrder);
  EXPECT_EQ(studies->topLevelItem(0)->text(0), QStringLiteral("Block Ben"));
  studies->sortByColumn(ai, Qt::AscendingOrder);
  EXPECT_EQ(studies->topLevelItem(0)->text(0), QStringLiteral("Quiet Anna"));
}

TEST(ModelsDialog, ListsModelsWithTheirErrorsAndSwitchesThemOff) {
  QTemporaryDir data;
  const QString folder = data.filePath(QStringLiteral("models"));
  QDir().mkpath(folder);
  models::brightBlockClassifier(folder.toStdString());
  QFile broken(QDir(folder).filePath(QStringLiteral("broken.pt")));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("not a model");
  broken.close();
  ModelLibrary library(data.path());
  QSignalSpy changed(&library, &ModelLibrary::changed);
  library.rescan();
  ASSERT_TRUE(changed.wait(20000));
  ModelsDialog dialog(&library);
  dialog.show();
  QTreeWidget* list = dialog.list();
  ASSERT_EQ(list->topLevelItemCount(), 2);
  QTreeWidgetItem* good =
      list->findItems(QStringLiteral("Bright block finder"), Qt::MatchExactly).value(0);
  QTreeWidgetItem* bad = list->findItems(QStringLiteral("broken.pt"), Qt::MatchExactly).value(0);
  ASSERT_NE(good, nullptr);
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(good->text(1), QStringLiteral("2.1"));
  EXPECT_EQ(good->text(3), QStringLiteral("CT; any body part"));
  EXPECT_TRUE(bad->text(3).startsWith(QStringLiteral("Cannot be used:")));
  EXPECT_TRUE(bad->text(3).contains(QStringLiteral("not a TorchScript model")));
  EXPECT_EQ(good->checkState(0), Qt::Checked);
  good->setCheckState(0, Qt::Unchecked);
  EXPECT_TRUE(library.enabledPackages().empty());
}

TEST(ModelLibrary, InstallsAValidModelAndRejectsBrokenOnesWithTheReason) {
  QTemporaryDir data;
  QTemporaryDir source;
  const inference::ModelPackage good = models::brightBlockClassifier(source.path().toStdString());
  // Its manifest promises two labels; the model returns one.
  const inference::ModelPackage lying = models::savePackage(
      source.filePath(QStringLiteral("lying.pt")).toStdString(),
      "\n    def forward(self, x):\n        return x.amax([1, 2, 3, 4]).unsqueeze(1)\n", R"({
        "name": "Liar", "version": "1", "task": "classification",
        "applies_to": {"dimensionality": "volume3d"},
        "input": {"channels": 1, "size": [8, 8, 8]},
        "output": {"labels": ["a", "b"], "activation": "sigmoid"}})");

  ModelLibrary library(data.path());
  QSignalSpy changed(&library, &ModelLibrary::changed);
  QSignalSpy installed(&library, &ModelLibrary::installed);
  QSignalSpy failed(&library, &ModelLibrary::installFailed);
  library.rescan();
  ASSERT_TRUE(changed.wait(20000));
  EXPECT_TRUE(library.models().empty());

  library.install(QString::fromStdString(good.path));
  ASSERT_TRUE(installed.wait(30000));
  EXPECT_EQ(installed.takeFirst().at(0).toString(), QStringLiteral("Bright block finder"));
  ASSERT_TRUE(QTest::qWaitFor([&] { return library.models().size() == 1; }, 20000));
  EXPECT_TRUE(library.models().front().package.has_value());
  EXPECT_EQ(library.models().front().package->sha256, good.sha256);
  EXPECT_TRUE(library.models().front().path.startsWith(library.folder()));

  library.install(QString::fromStdString(lying.path));
  ASSERT_TRUE(failed.wait(30000));
  EXPECT_TRUE(failed.last().at(1).toString().contains(QStringLiteral("Liar")))
      << failed.last().at(1).toString().toStdString();
  library.install(QString::fromStdString(good.path));
  ASSERT_TRUE(failed.wait(30000));
  EXPECT_TRUE(failed.last().at(1).toString().contains(QStringLiteral("already installed")));
  QFile garbage(source.filePath(QStringLiteral("garbage.pt")));
  ASSERT_TRUE(garbage.open(QIODevice::WriteOnly));
  garbage.write("PK but not really");
  garbage.close();
  library.install(garbage.fileName());
  ASSERT_TRUE(failed.wait(30000));
  EXPECT_TRUE(failed.last().at(1).toString().contains(QStringLiteral("garbage.pt")));
  QTest::qWait(200);
  EXPECT_EQ(
      QDir(library.folder()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1)
      << "a failed install left something behind";

  // Switched off, and still off in the next session.
  library.setEnabled(library.models().front().path, false);
  EXPECT_TRUE(library.enabledPackages().empty());
  QTest::qWait(200);
  ModelLibrary next(data.path());
  QSignalSpy nextChanged(&next, &ModelLibrary::changed);
  next.rescan();
  ASSERT_TRUE(nextChanged.wait(20000));
  ASSERT_EQ(next.models().size(), 1u);
  EXPECT_FALSE(next.models().front().enabled);

  QSignalSpy removed(&next, &ModelLibrary::removed);
  next.remove(next.models().front().path);
  ASSERT_TRUE(removed.wait(20000));
  EXPECT_EQ(removed.first().at(0).toString().toStdString(), good.sha256);
  ASSERT_TRUE(QTest::qWaitFor([&] { return next.models().empty(); }, 20000));
}

}  // namespace
}  // namespace lumen::app
