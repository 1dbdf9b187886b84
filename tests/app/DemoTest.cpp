// The demo as the README's run command gives it, in the real main window under Xvfb: `lumen
// demo`'s studies and the bundled demo models (trained by lumen-train, resources/models/). The
// chest CT opens with its nodules segmented and listed; a radiograph with cardiomegaly and an
// effusion shows them as positive findings with a heatmap over the image.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "DemoData.h"
#include "FindingsPanel.h"
#include "MainWindow.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

bool isGrey(QRgb pixel) { return qRed(pixel) == qGreen(pixel) && qGreen(pixel) == qBlue(pixel); }

int colouredPixels(const QImage& frame) {
  int coloured = 0;
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) coloured += !isGrey(frame.pixel(x, y));
  }
  return coloured;
}

/// The panel's row of the model whose name starts with `name`, once its result is in.
QTreeWidgetItem* waitForModel(MainWindow& window, const QString& name, int milliseconds) {
  QTreeWidgetItem* found = nullptr;
  const bool arrived = QTest::qWaitFor(
      [&] {
        QTreeWidget* tree = window.findingsPanel()->tree();
        for (const auto& result : window.findingsPanel()->results()) {
          if (!QString::fromStdString(result->modelName).startsWith(name)) continue;
          for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            if (tree->topLevelItem(i)->text(0).startsWith(name)) found = tree->topLevelItem(i);
          }
        }
        return found != nullptr;
      },
      milliseconds);
  return arrived ? found : nullptr;
}

TEST(Demo, OpensOnTheChestCtWithItsNodulesAndShowsARadiographsFindings) {
  QTemporaryDir data;
  ASSERT_TRUE(data.isValid());
  const QString dataFolder = data.filePath(QStringLiteral("lumen"));
  const DemoSetUp demo = setUpDemo(data.filePath(QStringLiteral("demo")), dataFolder);
  ASSERT_EQ(demo.models.size(), 2) << demo.problems.join(QLatin1Char('\n')).toStdString();

  MainWindow window(dataFolder);
  window.resize(1280, 900);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QSignalSpy shown(&window, &MainWindow::volumeShown);
  window.openPaths({demo.folder});
  ASSERT_TRUE(shown.wait(60000));
  widgets::ViewGrid* grid = window.viewGrid();
  grid->setCrosshairVisible(false);
  grid->setOverlayVisible(false);
  widgets::SliceView* axial = grid->cell(0)->sliceView();
  ASSERT_EQ(axial->scene().sliceCount(), 160) << "the CT, the volume with the most slices";

  QTreeWidgetItem* segmenter =
      waitForModel(window, QStringLiteral("Lumen demo lung nodule segmenter"), 300000);
  ASSERT_NE(segmenter, nullptr);
  ASSERT_EQ(segmenter->childCount(), 1);
  QTreeWidgetItem* nodules = segmenter->child(0);
  EXPECT_EQ(nodules->text(0), QStringLiteral("nodule"));
  ASSERT_GE(nodules->childCount(), 1) << "no nodule found";
  // The largest lesion: the views go to it, and its centre shows the label map's colour.
  std::shared_ptr<const core::ModelResult> result;
  for (const auto& r : window.findingsPanel()->results()) {
    if (!r->lesions.empty()) result = r;
  }
  ASSERT_NE(result, nullptr);
  window.findingsPanel()->tree()->setCurrentItem(nodules->child(0));
  const core::Vec3 centre = result->lesions.front().centreLps;
  const auto at = axial->scene().worldToScreen(centre);
  const QImage frame = axial->grabFramebuffer();
  const QPoint pixel(static_cast<int>(at[0]), static_cast<int>(at[1]));
  ASSERT_TRUE(frame.rect().contains(pixel));
  EXPECT_FALSE(isGrey(frame.pixel(pixel))) << "no label colour at the nodule's centre";

  // Ben's radiograph: cardiomegaly and a pleural effusion.
  window.openPaths({demo.folder + QStringLiteral("/xr-3")});
  ASSERT_TRUE(shown.wait(60000));
  QTreeWidgetItem* classifier =
      waitForModel(window, QStringLiteral("Lumen demo chest radiograph classifier"), 120000);
  ASSERT_NE(classifier, nullptr);
  QStringList positives;
  for (int f = 0; f < classifier->childCount(); ++f) {
    if (classifier->child(f)->font(0).bold()) positives << classifier->child(f)->text(0);
  }
  EXPECT_TRUE(positives.contains(QStringLiteral("cardiomegaly")))
      << positives.join(',').toStdString();
  EXPECT_TRUE(positives.contains(QStringLiteral("pleural effusion")))
      << positives.join(',').toStdString();
  grid->setCrosshairVisible(false);
  grid->setOverlayVisible(false);
  const int withHeatmap = colouredPixels(axial->grabFramebuffer());
  grid->setResultOverlaysVisible(false);
  const int without = colouredPixels(axial->grabFramebuffer());
  EXPECT_EQ(without, 0);
  EXPECT_GT(withHeatmap, 1000) << "no heatmap over the radiograph";
}

}  // namespace
}  // namespace lumen::app
