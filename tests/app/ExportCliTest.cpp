// `lumen export` on a real project: a DICOM CT series in a study database, labels saved through
// the label map store, boxes and tags; every format, de-identified.
#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "LumenProcess.h"
#include "core/StudyDatabase.h"
#include "core/VolumeFile.h"
#include "core/annotate/AnnotationProject.h"
#include "core/annotate/LabelMapStore.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSegmentation.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "support/Dciodvfy.h"

namespace lumen::test {
namespace {

constexpr const char* kSeries = "1.2.826.0.1.3680043.10.543.60.2";

core::VolumeGeometry ctGrid() {
  core::VolumeGeometry g;
  g.size = {24, 20, 6};
  g.spacing = {0.75, 0.75, 2.5};
  g.origin = {-9.0, -7.5, 40.0};
  return g;
}

core::LabelSchema schema() {
  core::LabelSchema s;
  core::LabelDefinition nodule;
  nodule.value = 3;
  nodule.name = "Nodule";
  s.labels = {nodule};
  s.tags = {{"Emphysema", core::TagDefinition::Scope::Study}};
  return s;
}

/// A temporary workspace: the CT series imported into the study database under data/, and a
/// project whose only labelled volume is that CT.
class ExportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    core::Volume ct(core::PixelType::Int16, ctGrid());
    auto* hu = static_cast<std::int16_t*>(ct.data());
    for (std::size_t n = 0; n < ct.voxelCount(); ++n)
      hu[n] = static_cast<std::int16_t>(n % 500 - 900);
    core::DicomSeriesOptions options;
    options.patientName = "Doe^Jane";
    options.patientId = "MRN-4711";
    options.studyInstanceUid = "1.2.826.0.1.3680043.10.543.60.1";
    options.seriesInstanceUid = kSeries;
    options.instanceUidPrefix = "1.2.826.0.1.3680043.10.543.60.3";
    writeDicomSeries(ct, path("dicom"), options);
    ASSERT_TRUE(QDir().mkpath(m_dir.filePath(QStringLiteral("data/lumen"))));
    core::StudyDatabase(path("data/lumen/studies.sqlite"))
        .importInstances(core::scanDicom({path("dicom")}).instances,
                         core::ImportMode::ReferenceInPlace);

    core::AnnotationProject project =
        core::AnnotationProject::create(path("project"), "Nodules", schema());
    const std::string key = core::dicomVolumeKey(kSeries, 0);
    m_labels = std::make_unique<core::LabelMap>(ctGrid());
    m_labels->edit("nodule", {{5, 6, 2}, {9, 10, 4}},
                   [](auto, auto, auto, std::uint8_t) { return 3; });
    core::LabelMapStore(project.subjectFolder(key)).save(*m_labels);
    const core::Provenance hand{"reader1", "2026-11-22T05:00:00Z", "2026-11-22T05:00:00Z", "", ""};
    core::SubjectAnnotations a;
    a.key = key;
    a.labels[3] = hand;
    a.boxes = {{3, {-5.5, -3.0, 45.0}, {-2.5, 0.0, 50.0}, hand}};
    project.saveAnnotations(a);
    project.saveAnnotations({core::studySubjectKey("1.2.826.0.1.3680043.10.543.60.1"),
                             {},
                             {{"Emphysema", hand}},
                             {},
                             {}});
    // A second volume, a NIfTI file with no labels: a test case.
    writeVolumeFile(ct, path("other.nii.gz"));
    project.saveAnnotations({"file:" + path("other.nii.gz"), {}, {}, {}, {}});
  }

  std::string path(const char* name) const {
    return m_dir.filePath(QString::fromUtf8(name)).toStdString();
  }

  ProcessResult exportAs(const char* format, const QStringList& extra = {}) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    return runLumen(
        QStringList{QStringLiteral("export"), m_dir.filePath(QStringLiteral("project")),
                    QStringLiteral("--format"), QString::fromUtf8(format), QStringLiteral("--out"),
                    m_dir.filePath(QString::fromUtf8(format))} +
            extra,
        environment);
  }

  /// True when any file under `folder` contains `text`.
  static bool anyFileContains(const QString& folder, const QByteArray& text) {
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      QFile file(it.next());
      if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text)) return true;
    }
    return false;
  }

  QTemporaryDir m_dir;
  std::unique_ptr<core::LabelMap> m_labels;
};

TEST_F(ExportCliTest, NiftiHoldsTheLabelsOnTheImagesGrid) {
  const ProcessResult r = exportAs("nifti");
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("case_0001: CT 24×20×6, labelled")))
      << r.out.toStdString();
  const std::unique_ptr<core::Volume> labels =
      core::readVolumeFile(path("nifti/labelsTr/case_0001.nii.gz"));
  ASSERT_EQ(labels->size(), ctGrid().size);
  for (std::size_t n = 0; n < labels->voxelCount(); ++n) {
    ASSERT_EQ(static_cast<const std::uint8_t*>(labels->data())[n], m_labels->data()[n] != 0 ? 1 : 0)
        << n;
  }
  EXPECT_TRUE(
      QFile::exists(m_dir.filePath(QStringLiteral("nifti/imagesTs/case_0002_0000.nii.gz"))));
  EXPECT_FALSE(anyFileContains(m_dir.filePath(QStringLiteral("nifti")), "MRN-4711"));
  EXPECT_FALSE(anyFileContains(m_dir.filePath(QStringLiteral("nifti")), kSeries));
}

TEST_F(ExportCliTest, SegAndItsImagesAreDeidentifiedValidAndStillMatch) {
  const ProcessResult r = exportAs("seg");
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  const std::string seg = path("seg/case_0001/seg.dcm");
  EXPECT_EQ(dciodvfyErrors(seg), "");
  const core::DicomScan images = core::scanDicom({path("seg/case_0001/images")});
  ASSERT_EQ(images.volumes.size(), 1u);
  std::vector<core::SliceReference> uids;
  for (const core::DicomSlice& slice : images.volumes[0].slices) {
    const core::DicomInstance& instance = images.instances[slice.instance];
    EXPECT_EQ(instance.patientId, "LUMEN-0001");
    EXPECT_EQ(instance.patientName, "Lumen^0001");
    uids.push_back({instance.sopInstanceUid, 0});
  }
  const core::LabelMap back =
      core::readDicomSegmentation(seg, images.volumes[0].geometry, uids, schema());
  EXPECT_TRUE(std::equal(back.data(), back.data() + back.volume().voxelCount(), m_labels->data()));
  const QString out = m_dir.filePath(QStringLiteral("seg"));
  EXPECT_FALSE(anyFileContains(out, "MRN-4711"));
  EXPECT_FALSE(anyFileContains(out, "Doe^Jane"));
  EXPECT_FALSE(anyFileContains(out, kSeries));
  EXPECT_TRUE(r.out.contains(QStringLiteral("case_0002: skipped"))) << r.out.toStdString();
}

TEST_F(ExportCliTest, TheMappingIsWrittenOnlyWhenAskedFor) {
  const QString mapping = m_dir.filePath(QStringLiteral("mapping.json"));
  const ProcessResult r = exportAs("tables", {QStringLiteral("--mapping"), mapping});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  QFile file(mapping);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
  EXPECT_EQ(json[QStringLiteral("cases")]
                .toObject()[QStringLiteral("case_0001")]
                .toString()
                .toStdString(),
            core::dicomVolumeKey(kSeries, 0));
  QFile boxes(m_dir.filePath(QStringLiteral("tables/boxes.csv")));
  ASSERT_TRUE(boxes.open(QIODevice::ReadOnly));
  EXPECT_TRUE(boxes.readAll().contains("case_0001,3,Nodule,5,8,6,10,2,4,"));
  QFile tags(m_dir.filePath(QStringLiteral("tables/tags.csv")));
  ASSERT_TRUE(tags.open(QIODevice::ReadOnly));
  EXPECT_TRUE(tags.readAll().contains("case_0001,Emphysema,study,reader1"));
}

TEST_F(ExportCliTest, SaysWhatIsWrongWithABadRequest) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove(QStringLiteral("DISPLAY"));
  const ProcessResult noProject =
      runLumen({QStringLiteral("export"), m_dir.filePath(QStringLiteral("nowhere")),
                QStringLiteral("--format"), QStringLiteral("nifti"), QStringLiteral("--out"),
                m_dir.filePath(QStringLiteral("x"))},
               environment);
  EXPECT_EQ(noProject.exitCode, 1);
  EXPECT_TRUE(noProject.err.contains(QStringLiteral("project.json")))
      << noProject.err.toStdString();
  const ProcessResult badFormat =
      runLumen({QStringLiteral("export"), m_dir.filePath(QStringLiteral("project")),
                QStringLiteral("--format"), QStringLiteral("dicomdir"), QStringLiteral("--out"),
                m_dir.filePath(QStringLiteral("x"))},
               environment);
  EXPECT_EQ(badFormat.exitCode, 2);
}

}  // namespace
}  // namespace lumen::test
