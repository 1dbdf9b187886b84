// The study list in a real (Xvfb) window, over a real SQLite database of DICOM series written
// with DCMTK: imported studies appear, the search narrows them, series open, removal empties it.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "StudyBrowser.h"
#include "StudyIndex.h"
#include "Thumbnail.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::app {
namespace {

core::Volume smallVolume() {
  core::VolumeGeometry g;
  g.size = {8, 8, 4};
  core::Volume volume(core::PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(volume.data()), volume.voxelCount(), std::int16_t{7});
  return volume;
}

std::shared_ptr<const std::vector<core::DicomInstance>> writeStudies(const QTemporaryDir& dir) {
  core::DicomSeriesOptions first;
  first.patientName = "Müller^Jürgen";
  first.patientId = "P-1";
  first.studyInstanceUid = "1.2.826.0.1.3680043.10.7.1";
  first.seriesInstanceUid = "1.2.826.0.1.3680043.10.7.1.1";
  core::writeDicomSeries(smallVolume(), dir.filePath(QStringLiteral("a")).toStdString(), first);
  core::DicomSeriesOptions second;
  second.patientName = "Smith^Anna";
  second.patientId = "P-2";
  second.modality = "MR";
  second.studyInstanceUid = "1.2.826.0.1.3680043.10.7.2";
  core::writeDicomSeries(smallVolume(), dir.filePath(QStringLiteral("b")).toStdString(), second);
  return std::make_shared<const std::vector<core::DicomInstance>>(
      core::scanDicom({dir.path().toStdString()}).instances);
}

TEST(StudyBrowser, ListsSearchesOpensAndForgetsImportedStudies) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  StudyIndex index(dir.filePath(QStringLiteral("data")));
  StudyBrowser browser(&index);
  browser.resize(700, 400);
  browser.show();
  auto* tree = browser.findChild<QTreeWidget*>(QStringLiteral("studies"));
  ASSERT_NE(tree, nullptr);

  QSignalSpy changed(&index, &StudyIndex::changed);
  index.importInstances(writeStudies(dir));
  ASSERT_TRUE(changed.wait(5000));
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 2, 5000);

  // Typing narrows the list, case-insensitively and beyond ASCII.
  auto* search = browser.findChildren<QLineEdit*>().first();
  search->setText(QStringLiteral("mÜl"));
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 5000);
  EXPECT_EQ(tree->topLevelItem(0)->text(0), QStringLiteral("Müller Jürgen"));
  EXPECT_EQ(tree->topLevelItem(0)->text(4), QStringLiteral("CT"));

  // Expanding shows the series with its picture; activating one asks to open its four files.
  core::Volume bright = smallVolume();
  static_cast<std::int16_t*>(bright.data())[bright.offset(4, 4, 2)] = 100;
  const QImage picture = makeThumbnail(bright, {57, 100}, 64);
  ASSERT_EQ(picture.size(), QSize(64, 64));
  EXPECT_GT(qGray(picture.pixel(36, 36)), 200);  // the bright voxel, stretched over 8 × 8 pixels
  EXPECT_LT(qGray(picture.pixel(2, 2)), 10);     // 7 HU is the bottom of the window: black
  index.setThumbnail("1.2.826.0.1.3680043.10.7.1.1", pngBytes(picture));
  tree->expandItem(tree->topLevelItem(0));
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(0)->childCount(), 1, 5000);
  QTRY_VERIFY_WITH_TIMEOUT(!tree->topLevelItem(0)->child(0)->icon(0).isNull(), 5000);
  const QImage shown = tree->topLevelItem(0)->child(0)->icon(0).pixmap(64, 64).toImage();
  EXPECT_GT(qGray(shown.pixel(36, 36)), 200);
  QSignalSpy open(&browser, &StudyBrowser::openRequested);
  tree->setCurrentItem(tree->topLevelItem(0)->child(0));
  Q_EMIT tree->itemActivated(tree->currentItem(), 0);
  ASSERT_TRUE(open.wait(5000));
  EXPECT_EQ(open.first().first().toStringList().size(), 4);

  // Removing the study empties the filtered list.
  index.removeStudy("1.2.826.0.1.3680043.10.7.1");
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 0, 5000);
  search->clear();
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 5000);
}

TEST(StudyBrowser, NextAndPreviousImageWalkTheListInItsOrder) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  StudyIndex index(dir.filePath(QStringLiteral("data")));
  StudyBrowser browser(&index);
  auto* tree = browser.findChild<QTreeWidget*>(QStringLiteral("studies"));
  ASSERT_NE(tree, nullptr);
  index.importInstances(writeStudies(dir));
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 2, 5000);
  QSignalSpy open(&browser, &StudyBrowser::openRequested);
  const auto step = [&](int direction) {
    open.clear();
    if (!browser.openNeighbour(direction)) return QString();
    EXPECT_TRUE(open.wait(5000));
    EXPECT_EQ(open.first().first().toStringList().size(), 4);
    return tree->currentItem()->text(0);
  };
  EXPECT_EQ(browser.openNeighbour(-1), false);  // nothing selected: nothing before
  const QString first = step(1);
  const QString second = step(1);
  EXPECT_EQ(tree->indexOfTopLevelItem(tree->currentItem()), 1);
  EXPECT_NE(first, second);
  EXPECT_EQ(step(1), QString());  // the end of the list
  EXPECT_EQ(step(-1), first);
  // From a series row: its study's next series, then the next study.
  tree->expandItem(tree->topLevelItem(0));
  QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(0)->childCount(), 1, 5000);
  tree->setCurrentItem(tree->topLevelItem(0)->child(0));
  EXPECT_EQ(step(1), second);
}

TEST(StudyIndex, CopyIntoTheStoreKeepsFilesThatStillOpen) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString data = dir.filePath(QStringLiteral("data"));
  StudyIndex index(data);
  QSignalSpy changed(&index, &StudyIndex::changed);
  index.importInstances(writeStudies(dir), core::ImportMode::CopyIntoStore);
  ASSERT_TRUE(changed.wait(5000));
  // The originals may go (a CD is ejected); the copies are what the database opens.
  QDir(dir.filePath(QStringLiteral("a"))).removeRecursively();
  QDir(dir.filePath(QStringLiteral("b"))).removeRecursively();
  QStringList paths;
  index.instancePaths("1.2.826.0.1.3680043.10.7.2",
                      [&](const QStringList& found) { paths = found; });
  QTRY_COMPARE_WITH_TIMEOUT(paths.size(), 4, 5000);
  for (const QString& path : paths) EXPECT_TRUE(path.startsWith(data + QStringLiteral("/store/")));
  std::vector<std::string> files;
  for (const QString& path : paths) files.push_back(path.toStdString());
  const core::DicomScan scan = core::scanDicom(files);
  EXPECT_EQ(scan.volumes.size(), 1u);
  EXPECT_TRUE(scan.rejected.empty());
}

}  // namespace
}  // namespace lumen::app
