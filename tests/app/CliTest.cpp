// The command line without a display: what a script, the package test and CI rely on.
#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>

#include "LumenProcess.h"
#include "TestModels.h"
#include "core/StudyDatabase.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::test {
namespace {

QProcessEnvironment withoutDisplay(const QString& language = QStringLiteral("en")) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove(QStringLiteral("DISPLAY"));
  environment.insert(QStringLiteral("LANGUAGE"), language);
  return environment;
}

TEST(Cli, VersionNamesLumenAndEveryLibraryWithoutADisplay) {
  const ProcessResult r = runLumen({QStringLiteral("--version")}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.startsWith(QStringLiteral("Lumen " LUMEN_TEST_VERSION "\n")))
      << r.out.toStdString();
  for (const char* library : {"Qt 6.", "VTK 9.1", "ITK 5.2", "LibTorch "}) {
    EXPECT_TRUE(r.out.contains(QLatin1String(library)))
        << library << " missing: " << r.out.toStdString();
  }
}

TEST(Cli, HelpListsOptionsAndCommands) {
  const ProcessResult r = runLumen({QStringLiteral("--help")}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_TRUE(r.out.contains(QStringLiteral("--screenshot"))) << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("demo [--out DIR]"))) << r.out.toStdString();
}

TEST(Cli, HelpIsInChineseForAChineseLocale) {
  const ProcessResult r =
      runLumen({QStringLiteral("--help")}, withoutDisplay(QStringLiteral("zh_CN")));
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_TRUE(r.out.contains(QStringLiteral("放射影像工作站"))) << r.out.toStdString();
}

TEST(Cli, InfoJsonDescribesADicomSeriesAndWhatItRejected) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  // An oblique series with a non-ASCII name, a file cut off, and a file that is not DICOM.
  core::VolumeGeometry g;
  g.size = {24, 20, 6};
  g.spacing = {0.8, 0.6, 3.0};
  g.origin = {-40.5, 12.25, 300.0};
  const double c = std::cos(0.3), s = std::sin(0.3);
  g.direction = {{{c, 0, s}, {0, 1, 0}, {-s, 0, c}}};
  core::Volume volume(core::PixelType::Int16, g);
  auto* voxels = static_cast<std::int16_t*>(volume.data());
  double sum = 0;
  for (std::size_t n = 0; n < volume.voxelCount(); ++n) {
    voxels[n] = static_cast<std::int16_t>(static_cast<int>(n * 7 % 3001) - 1024);
    sum += voxels[n];
  }
  core::DicomSeriesOptions options;
  options.patientName = "Wáng^Xiǎodōng";
  options.seriesInstanceUid = "1.2.826.0.1.3680043.10.99.1";
  options.studyInstanceUid = "1.2.826.0.1.3680043.10.99";
  core::writeDicomSeries(volume, dir.filePath(QStringLiteral("series")).toStdString(), options);
  const QString cut = dir.filePath(QStringLiteral("cut.dcm"));
  QFile::copy(dir.filePath(QStringLiteral("series/IM00001.dcm")), cut);
  QFile(cut).resize(QFile(cut).size() - 200);
  QFile notes(dir.filePath(QStringLiteral("notes.txt")));
  ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
  notes.write("not DICOM\n");
  notes.close();

  const ProcessResult r =
      runLumen({QStringLiteral("info"), dir.path(), QStringLiteral("--json")}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  QJsonParseError error;
  const QJsonObject info = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
  ASSERT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
  EXPECT_EQ(info.keys(), (QStringList{"rejected", "skipped", "volumes"}));
  const QJsonArray volumes = info[QStringLiteral("volumes")].toArray();
  ASSERT_EQ(volumes.size(), 1);
  const QJsonObject v = volumes[0].toObject();
  EXPECT_EQ(v[QStringLiteral("series_instance_uid")].toString().toStdString(),
            options.seriesInstanceUid);
  EXPECT_EQ(v[QStringLiteral("study_instance_uid")].toString().toStdString(),
            options.studyInstanceUid);
  EXPECT_EQ(v[QStringLiteral("modality")].toString(), QStringLiteral("CT"));
  EXPECT_EQ(v[QStringLiteral("patient_name")].toString(), QStringLiteral("Wáng^Xiǎodōng"));
  EXPECT_EQ(v[QStringLiteral("size")].toArray(), (QJsonArray{24, 20, 6}));
  EXPECT_EQ(v[QStringLiteral("components")].toInt(), 1);
  const auto near = [](const QJsonArray& values, const core::Vec3& expected) {
    for (int n = 0; n < 3; ++n) EXPECT_NEAR(values[n].toDouble(), expected[n], 1e-5) << n;
  };
  near(v[QStringLiteral("spacing")].toArray(), g.spacing);
  near(v[QStringLiteral("origin")].toArray(), g.origin);
  const QJsonArray direction = v[QStringLiteral("direction")].toArray();
  for (int axis = 0; axis < 3; ++axis) {
    near(direction[axis].toArray(),
         {g.direction[0][axis], g.direction[1][axis], g.direction[2][axis]});
  }
  const QJsonObject stats = v[QStringLiteral("stats")].toObject();
  EXPECT_EQ(stats[QStringLiteral("min")].toDouble(), -1024);
  EXPECT_EQ(stats[QStringLiteral("max")].toDouble(), 1976);  // voxel 1286: 1286 · 7 mod 3001 = 3000
  EXPECT_DOUBLE_EQ(stats[QStringLiteral("mean")].toDouble(), sum / volume.voxelCount());
  // The cut-off copy repeats IM00001's SOP Instance UID, but it is rejected before assembly.
  EXPECT_EQ(v[QStringLiteral("warnings")].toArray(), QJsonArray{});
  const QJsonArray rejected = info[QStringLiteral("rejected")].toArray();
  ASSERT_EQ(rejected.size(), 1);
  EXPECT_EQ(rejected[0].toObject()[QStringLiteral("path")].toString(), cut);
  EXPECT_TRUE(rejected[0].toObject()[QStringLiteral("reason")].toString().contains(
      QStringLiteral("cut off")));
  EXPECT_EQ(info[QStringLiteral("skipped")].toInt(), 1);
}

/// The study database a command run with `environment` wrote under its XDG data folder.
QString studyDatabaseUnder(const QString& dataHome) {
  QDirIterator it(dataHome, {QStringLiteral("studies.sqlite")}, QDir::Files,
                  QDirIterator::Subdirectories);
  return it.hasNext() ? it.next() : QString();
}

TEST(Cli, DemoWritesDicomStudiesOfFictitiousPatientsAndImportsThemOnce) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString out = dir.filePath(QStringLiteral("demo"));
  QProcessEnvironment environment = withoutDisplay();
  environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
  // An older Lumen's demo classifier, installed before: the new one replaces it.
  const QString oldModel =
      dir.filePath(QStringLiteral("data/lumen/models/Lumen_demo_chest_radiograph_classifier-old"));
  ASSERT_TRUE(QDir().mkpath(oldModel));
  inference::testing::savePackage(QDir(oldModel).filePath(QStringLiteral("old.pt")).toStdString(),
                                  "    def forward(self, x):\n        return x.mean([2, 3])\n",
                                  R"({"name": "Lumen demo chest radiograph classifier",
    "version": "0.1", "task": "classification",
    "applies_to": {"modalities": ["DX"], "dimensionality": "image2d"},
    "input": {"channels": 1, "size": [64, 64]},
    "output": {"labels": ["nodule"], "activation": "sigmoid"}})");
  const ProcessResult r =
      runLumen({QStringLiteral("demo"), QStringLiteral("--out"), out}, environment);
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_EQ(r.out.trimmed(), QDir(out).absolutePath());
  EXPECT_FALSE(QFileInfo::exists(oldModel));

  const core::DicomScan scan = core::scanDicom({out.toStdString()});
  EXPECT_TRUE(scan.rejected.empty());
  ASSERT_EQ(scan.volumes.size(), 4u);
  int radiographs = 0;
  for (const core::DicomInstance& instance : scan.instances) {
    EXPECT_NE(instance.patientName.find("DEMO^"), std::string::npos) << instance.patientName;
    EXPECT_EQ(instance.bodyPart, "CHEST");
    if (instance.modality == "DX") {
      ++radiographs;
      EXPECT_EQ(instance.sopClassUid, "1.2.840.10008.5.1.4.1.1.1.1");
      EXPECT_EQ(instance.rows, 2048);
      EXPECT_EQ(instance.columns, 2048);
    } else {
      EXPECT_EQ(instance.modality, "CT");
      EXPECT_EQ(instance.sopClassUid, "1.2.840.10008.5.1.4.1.1.2");
    }
  }
  EXPECT_EQ(radiographs, 3);
  EXPECT_EQ(scan.instances.size(), 163u);  // 160 CT slices and three radiographs

  const QString database = studyDatabaseUnder(dir.filePath(QStringLiteral("data")));
  ASSERT_FALSE(database.isEmpty());
  // The two bundled demo models, validated and installed beside the database.
  EXPECT_FALSE(r.err.contains(QStringLiteral("lumen demo:"))) << r.err.toStdString();
  const QDir models(QFileInfo(database).dir().filePath(QStringLiteral("models")));
  EXPECT_EQ(models.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2)
      << models.entryList(QDir::Dirs | QDir::NoDotAndDotDot).join(',').toStdString();
  const auto studies = [&] {
    return core::StudyDatabase(database.toStdString()).searchStudies({});
  };
  ASSERT_EQ(studies().size(), 4u);
  std::size_t instances = 0;
  for (const core::StudyRecord& study : studies()) instances += study.instanceCount;
  EXPECT_EQ(instances, 163u);

  // Again: the same files, UIDs and studies, nothing added.
  const ProcessResult again =
      runLumen({QStringLiteral("demo"), QStringLiteral("--out"), out}, environment);
  ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
  EXPECT_EQ(models.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2);
  EXPECT_EQ(studies().size(), 4u);
  std::size_t instancesAgain = 0;
  for (const core::StudyRecord& study : studies()) instancesAgain += study.instanceCount;
  EXPECT_EQ(instancesAgain, 163u);
}

TEST(Cli, DemoIntoAnUnwritablePlaceFailsNamingIt) {
  QTemporaryDir dir;
  const QString blocker = dir.filePath(QStringLiteral("file"));
  QFile file(blocker);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.close();
  const ProcessResult r =
      runLumen({QStringLiteral("demo"), QStringLiteral("--out"), blocker + QStringLiteral("/sub")},
               withoutDisplay());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_FALSE(r.crashed);
  EXPECT_TRUE(r.err.contains(blocker)) << r.err.toStdString();
}

TEST(Cli, WindowWithoutADisplayExplainsInsteadOfAborting) {
  const ProcessResult r = runLumen({QStringLiteral("volume.nii")}, withoutDisplay());
  EXPECT_FALSE(r.crashed);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.contains(QStringLiteral("DISPLAY"))) << r.err.toStdString();
}

}  // namespace
}  // namespace lumen::test
