// `lumen infer`: the real executable running TorchScript models (built by the test, with known
// behaviour) over volume files, headless.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "LumenProcess.h"
#include "TestModels.h"
#include "core/Volume.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::test {
namespace {

namespace models = inference::testing;

QString path(const QTemporaryDir& dir, const char* name) {
  return dir.filePath(QString::fromLatin1(name));
}

/// A 40×36×20 int16 volume at 1×1×2 mm (turned by `turn` radians about the patient's axis),
/// 300 inside a ball of radius 9 mm, 0 elsewhere.
core::Volume ball(double turn = 0.0) {
  core::VolumeGeometry geometry;
  geometry.size = {40, 36, 20};
  geometry.spacing = {1.0, 1.0, 2.0};
  geometry.origin = {-20.0, 10.0, 5.0};
  const double c = std::cos(turn), s = std::sin(turn);
  geometry.direction = {{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}};
  core::Volume volume(core::PixelType::Int16, geometry);
  auto* voxels = static_cast<std::int16_t*>(volume.data());
  for (std::size_t k = 0; k < 20; ++k) {
    for (std::size_t j = 0; j < 36; ++j) {
      for (std::size_t i = 0; i < 40; ++i) {
        const double x = (static_cast<double>(i) - 19.5);
        const double y = (static_cast<double>(j) - 17.5);
        const double z = (static_cast<double>(k) - 9.5) * 2.0;
        voxels[volume.offset(i, j, k)] = x * x + y * y + z * z <= 81.0 ? 300 : 0;
      }
    }
  }
  return volume;
}

/// Writes ball() as NIfTI; returns its voxels inside the ball.
std::int64_t writeBall(const QString& file) {
  const core::Volume volume = ball();
  core::writeVolumeFile(volume, file.toStdString());
  const auto* voxels = static_cast<const std::int16_t*>(volume.data());
  return std::count(voxels, voxels + volume.voxelCount(), std::int16_t{300});
}

/// A 64×64 radiograph-like float image, 1 in the region the RegionClassifier calls "upper left".
void writeRadiograph(const QString& file) {
  core::VolumeGeometry geometry;
  geometry.size = {64, 64, 1};
  geometry.spacing = {0.2, 0.2, 1.0};
  core::Volume volume(core::PixelType::Float32, geometry);
  auto* pixels = static_cast<float*>(volume.data());
  std::fill(pixels, pixels + volume.voxelCount(), 0.0f);
  for (std::size_t j = models::kUpperLeftFirst; j < models::kUpperLeftFirst + models::kRegionWidth;
       ++j) {
    for (std::size_t i = models::kUpperLeftFirst;
         i < models::kUpperLeftFirst + models::kRegionWidth; ++i) {
      pixels[volume.offset(i, j, 0)] = 1.0f;
    }
  }
  core::writeVolumeFile(volume, file.toStdString());
}

QJsonObject parsed(const ProcessResult& r) {
  QJsonParseError error{};
  const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
  EXPECT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
  return json;
}

TEST(InferCli, SegmentsAVolumeAndWritesItsLabelMapOnTheSameGrid) {
  QTemporaryDir dir;
  const std::int64_t inside = writeBall(path(dir, "ball.nii.gz"));
  const inference::ModelPackage model = models::thresholdSegmenter(dir.path().toStdString(), 0);
  const ProcessResult r = runLumen(
      {QStringLiteral("infer"), path(dir, "ball.nii.gz"), QStringLiteral("--model"),
       QString::fromStdString(model.path), QStringLiteral("--device"), QStringLiteral("cpu"),
       QStringLiteral("--json"), QStringLiteral("--heatmaps"), path(dir, "out")});
  ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
  const QJsonObject json = parsed(r);
  EXPECT_EQ(json[QStringLiteral("model")][QStringLiteral("sha256")].toString().toStdString(),
            model.sha256);
  const QJsonObject volume = json[QStringLiteral("volumes")].toArray().at(0).toObject();
  EXPECT_EQ(volume[QStringLiteral("status")].toString(), QStringLiteral("done"));
  const QJsonObject bright = volume[QStringLiteral("segments")].toArray().at(0).toObject();
  EXPECT_EQ(bright[QStringLiteral("label")].toString(), QStringLiteral("bright"));
  EXPECT_EQ(bright[QStringLiteral("voxels")].toInteger(), inside);
  EXPECT_NEAR(bright[QStringLiteral("volume_ml")].toDouble(), inside * 2.0 / 1000.0, 1e-9);
  for (const char* stage : {"read", "preprocess", "model", "postprocess"}) {
    EXPECT_TRUE(volume[QStringLiteral("timings_ms")].toObject().contains(QLatin1String(stage)))
        << stage;
  }
  // The label map lies on the input's grid, voxel for voxel.
  const QString labels =
      volume[QStringLiteral("files")].toArray().at(0)[QStringLiteral("path")].toString();
  EXPECT_EQ(labels, path(dir, "out/volume1_labels.nii.gz"));
  const auto written = core::readVolumeFile(labels.toStdString());
  const auto input = core::readVolumeFile(path(dir, "ball.nii.gz").toStdString());
  EXPECT_EQ(written->size(), input->size());
  for (std::size_t a = 0; a < 3; ++a) {
    EXPECT_NEAR(written->geometry().origin[a], input->geometry().origin[a], 1e-4);
    EXPECT_NEAR(written->geometry().spacing[a], input->geometry().spacing[a], 1e-6);
  }
  for (std::size_t n = 0; n < input->voxelCount(); ++n) {
    const std::size_t i = n % 40, j = (n / 40) % 36, k = n / (40 * 36);
    ASSERT_EQ(written->valueAt(i, j, k), input->valueAt(i, j, k) > 100 ? 1.0 : 0.0) << n;
  }
}

TEST(InferCli, ClassifiesARadiographAndWritesAHeatmapWhereTheModelLooks) {
  QTemporaryDir dir;
  writeRadiograph(path(dir, "chest.nii"));
  const inference::ModelPackage model = models::regionClassifier(
      dir.path().toStdString(), R"({"method": "gradcam", "layer": "features"})");
  const ProcessResult r = runLumen({QStringLiteral("infer"), path(dir, "chest.nii"),
                                    QStringLiteral("--model"), QString::fromStdString(model.path),
                                    QStringLiteral("--heatmaps"), path(dir, "maps")});
  ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("upper left  0.881  POSITIVE (threshold 0.50)")))
      << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("lower right  0.119  negative")))
      << r.out.toStdString();
  EXPECT_TRUE(
      r.out.contains(QStringLiteral("note: the image does not say its modality; the model "
                                    "reads DX or CR")))
      << r.out.toStdString();
  const auto heatmap =
      core::readVolumeFile(path(dir, "maps/volume1_1-upper-left_heatmap.nii.gz").toStdString());
  EXPECT_EQ(heatmap->pixelType(), core::PixelType::Float32);
  EXPECT_FLOAT_EQ(static_cast<float>(heatmap->valueAt(12, 12, 0)), 1.0f);
  EXPECT_FLOAT_EQ(static_cast<float>(heatmap->valueAt(40, 40, 0)), 0.0f);
}

TEST(InferCli, RunsOnTheDicomSeriesItAppliesToAndListsTheOthers) {
  QTemporaryDir dir;
  // An oblique CT stored with an intercept (modality values in HU), and an MR.
  const core::Volume ct = ball(0.4);
  core::DicomSeriesOptions options;
  options.rescaleIntercept = -1024.0;
  core::writeDicomSeries(ct, path(dir, "ct").toStdString(), options);
  options.modality = "MR";
  options.rescaleIntercept = 0.0;
  core::writeDicomSeries(ball(), path(dir, "mr").toStdString(), options);
  const inference::ModelPackage model = models::thresholdSegmenter(dir.path().toStdString(), 0);
  const ProcessResult r = runLumen({QStringLiteral("infer"), dir.path(), QStringLiteral("--model"),
                                    QString::fromStdString(model.path), QStringLiteral("--json"),
                                    QStringLiteral("--heatmaps"), path(dir, "out")});
  ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
  const QJsonArray volumes = parsed(r)[QStringLiteral("volumes")].toArray();
  ASSERT_EQ(volumes.size(), 2);
  QJsonObject done, skipped;
  for (const QJsonValue& v : volumes) {
    (v[QStringLiteral("modality")].toString() == QLatin1String("CT") ? done : skipped) =
        v.toObject();
  }
  EXPECT_EQ(done[QStringLiteral("status")].toString(), QStringLiteral("done"));
  EXPECT_TRUE(done[QStringLiteral("notes")].toArray().isEmpty());  // the header says CT
  EXPECT_EQ(skipped[QStringLiteral("status")].toString(), QStringLiteral("not applicable"));
  EXPECT_EQ(skipped[QStringLiteral("error")].toString(),
            QStringLiteral("it reads CT, the image is MR"));
  // The label map lies on the oblique series' own grid: the ball's voxels, and only they.
  const QString labels =
      done[QStringLiteral("files")].toArray().at(0)[QStringLiteral("path")].toString();
  const auto written = core::readVolumeFile(labels.toStdString());
  ASSERT_EQ(written->size(), ct.size());
  std::int64_t agree = 0;
  for (std::size_t k = 0; k < 20; ++k) {
    for (std::size_t j = 0; j < 36; ++j) {
      for (std::size_t i = 0; i < 40; ++i) {
        agree += (written->valueAt(i, j, k) == 1.0) == (ct.valueAt(i, j, k) > 100) ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(agree, 40 * 36 * 20);
}

TEST(InferCli, SaysWhyAModelDoesNotApplyOrCannotBeUsed) {
  QTemporaryDir dir;
  writeRadiograph(path(dir, "chest.nii"));
  const inference::ModelPackage ct = models::thresholdSegmenter(dir.path().toStdString(), 0);
  ProcessResult r = runLumen({QStringLiteral("infer"), path(dir, "chest.nii"),
                              QStringLiteral("--model"), QString::fromStdString(ct.path)});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.out.contains(
      QStringLiteral("not applicable: it reads volumes, the image is a single 2D image")))
      << r.out.toStdString();

  QFile truncated(path(dir, "truncated.pt"));
  ASSERT_TRUE(truncated.open(QIODevice::WriteOnly));
  truncated.write("PK\x03\x04 not a whole archive");
  truncated.close();
  r = runLumen({QStringLiteral("infer"), path(dir, "chest.nii"), QStringLiteral("--model"),
                path(dir, "truncated.pt")});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.startsWith(QStringLiteral("lumen infer: ") + path(dir, "truncated.pt") +
                               QStringLiteral(": not a TorchScript model")))
      << r.err.toStdString();

  r = runLumen({QStringLiteral("infer"), path(dir, "chest.nii"), QStringLiteral("--model"),
                QString::fromStdString(ct.path), QStringLiteral("--device"),
                QStringLiteral("tpu")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.err.contains(QStringLiteral("--device must be auto, cpu or cuda, not tpu")));
  r = runLumen({QStringLiteral("infer"), path(dir, "chest.nii")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.err.contains(QStringLiteral("infer needs --model")));
}

TEST(EvaluateCli, WritesAReportOfAModelOnSyntheticRadiographs) {
  QTemporaryDir dir;
  const inference::ModelPackage model =
      models::savePackage(path(dir, "constant.pt").toStdString(), R"(
    def forward(self, x):
        return torch.zeros([x.size(0), 1])
  )",
                          R"({
    "name": "Constant", "version": "1", "task": "classification",
    "applies_to": {"dimensionality": "image2d"},
    "input": {"channels": 1, "size": [32, 32]},
    "output": {"labels": ["pleural effusion"], "activation": "sigmoid"}})");
  const ProcessResult r =
      runLumen({QStringLiteral("evaluate"), QString::fromStdString(model.path),
                QStringLiteral("--set"), QStringLiteral("6"), QStringLiteral("--size"),
                QStringLiteral("64"), QStringLiteral("--report"), path(dir, "report.html")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("pleural effusion  AUC 0.500"))) << r.out.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("evaluated 6 of 6 cases"))) << r.err.toStdString();
  QFile report(path(dir, "report.html"));
  ASSERT_TRUE(report.open(QIODevice::ReadOnly));
  const QByteArray html = report.readAll();
  EXPECT_TRUE(html.contains("<td>pleural effusion</td>"));
  EXPECT_TRUE(html.contains("<svg"));

  const ProcessResult missing = runLumen({QStringLiteral("evaluate"), path(dir, "nowhere.pt"),
                                          QStringLiteral("--set"), QStringLiteral("2")});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_TRUE(missing.err.contains(QStringLiteral("nowhere.pt"))) << missing.err.toStdString();
}

}  // namespace
}  // namespace lumen::test
