#include "core/annotate/NiftiDataset.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/Error.h"
#include "core/VolumeFile.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

/// An oblique CT grid off the origin, so that a mix-up of LPS and RAS or of axes shows.
VolumeGeometry obliqueGrid() {
  VolumeGeometry g;
  g.size = {24, 20, 12};
  g.spacing = {0.75, 0.8, 2.5};
  g.origin = {-110.5, 42.25, -310.0};
  const double c = std::cos(0.3);
  const double s = std::sin(0.3);
  g.direction = {{{c, -s, 0.0}, {s, c, 0.0}, {0.0, 0.0, 1.0}}};
  return g;
}

std::shared_ptr<Volume> ramp() {
  auto ct = std::make_shared<Volume>(PixelType::Int16, obliqueGrid());
  auto* hu = static_cast<std::int16_t*>(ct->data());
  for (std::size_t n = 0; n < ct->voxelCount(); ++n)
    hu[n] = static_cast<std::int16_t>(n % 3000 - 1000);
  return ct;
}

LabelSchema schema() {
  LabelSchema s;
  LabelDefinition nodule;
  nodule.value = 7;
  nodule.name = "Nodule";
  LabelDefinition vessel;
  vessel.value = 2;
  vessel.name = "Vessel";
  s.labels = {nodule, vessel};
  return s;
}

/// The NIfTI-1 header's sform rows (srow_x, srow_y, srow_z): RAS mm from voxel indices.
std::array<std::array<float, 4>, 3> sformOf(const std::string& path, short* sformCode) {
  gzFile file = gzopen(path.c_str(), "rb");
  unsigned char header[348];
  EXPECT_EQ(gzread(file, header, sizeof header), 348);
  gzclose(file);
  std::memcpy(sformCode, header + 254, sizeof(short));
  std::array<std::array<float, 4>, 3> rows{};
  for (int r = 0; r < 3; ++r) std::memcpy(rows[r].data(), header + 280 + 16 * r, 16);
  return rows;
}

class NiftiDatasetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() /
               ("lumen-nifti-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }
  fs::path m_folder;
};

TEST_F(NiftiDatasetTest, WritesTheNnUnetAndMonaiLayoutWithTheRightGeometry) {
  const std::shared_ptr<Volume> ct = ramp();
  LabelMap labels(ct->geometry());
  labels.edit("nodule", {{3, 4, 5}, {6, 7, 8}}, [](auto, auto, auto, std::uint8_t) { return 7; });
  labels.edit("vessel", {{10, 2, 1}, {11, 18, 2}},
              [](auto, auto, auto, std::uint8_t) { return 2; });
  writeNiftiDataset(m_folder.string(), "Chest nodules", "CT", schema(),
                    {{"case_0001", ct, &labels}, {"case_0002", ramp(), nullptr}});

  const std::string image = (m_folder / "imagesTr" / "case_0001_0000.nii.gz").string();
  const std::unique_ptr<Volume> readImage = readVolumeFile(image);
  const std::unique_ptr<Volume> readLabels =
      readVolumeFile((m_folder / "labelsTr" / "case_0001.nii.gz").string());
  ASSERT_TRUE(fs::exists(m_folder / "imagesTs" / "case_0002_0000.nii.gz"));
  for (const Volume* v : {readImage.get(), readLabels.get()}) {
    const VolumeGeometry& g = v->geometry();
    EXPECT_EQ(g.size, ct->size());
    for (int a = 0; a < 3; ++a) {
      EXPECT_NEAR(g.spacing[a], ct->geometry().spacing[a], 1e-5);
      EXPECT_NEAR(g.origin[a], ct->geometry().origin[a], 1e-4);
      for (int b = 0; b < 3; ++b)
        EXPECT_NEAR(g.direction[a][b], ct->geometry().direction[a][b], 1e-5);
    }
  }
  EXPECT_EQ(readImage->pixelType(), PixelType::Int16);
  EXPECT_EQ(std::memcmp(readImage->data(), ct->data(), ct->byteSize()), 0);
  // Renumbered in the schema's order: Nodule (7) is 1, Vessel (2) is 2.
  EXPECT_EQ(readLabels->valueAt(4, 5, 6), 1.0);
  EXPECT_EQ(readLabels->valueAt(10, 10, 1), 2.0);
  EXPECT_EQ(readLabels->valueAt(0, 0, 0), 0.0);

  // The file itself is RAS: the sform is diag(−1, −1, 1) · direction · spacing, origin likewise.
  short sformCode = 0;
  const auto sform = sformOf(image, &sformCode);
  EXPECT_GT(sformCode, 0);
  const VolumeGeometry& g = ct->geometry();
  const double flip[3] = {-1.0, -1.0, 1.0};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(sform[r][c], flip[r] * g.direction[r][c] * g.spacing[c], 1e-4) << r << c;
    }
    EXPECT_NEAR(sform[r][3], flip[r] * g.origin[r], 1e-3) << r;
  }

  std::ifstream in(m_folder / "dataset.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const QJsonObject dataset = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
  EXPECT_EQ(dataset["channel_names"].toObject()["0"].toString(), "CT");
  EXPECT_EQ(dataset["labels"].toObject(),
            (QJsonObject{{"background", 0}, {"Nodule", 1}, {"Vessel", 2}}));
  EXPECT_EQ(dataset["numTraining"].toInt(), 1);
  EXPECT_EQ(dataset["file_ending"].toString(), ".nii.gz");
  EXPECT_EQ(dataset["training"].toArray().at(0).toObject()["label"].toString(),
            "./labelsTr/case_0001.nii.gz");
  EXPECT_EQ(dataset["test"].toArray().at(0).toString(), "./imagesTs/case_0002_0000.nii.gz");
  for (const auto& entry : fs::recursive_directory_iterator(m_folder)) {
    EXPECT_EQ(entry.path().filename().string().rfind(".part", 0), std::string::npos);
  }
}

TEST_F(NiftiDatasetTest, RefusesLabelsOutsideTheSchemaOrOffTheGrid) {
  const std::shared_ptr<Volume> ct = ramp();
  LabelMap labels(ct->geometry());
  labels.edit("other", {{1, 1, 1}, {2, 2, 2}}, [](auto, auto, auto, std::uint8_t) { return 5; });
  try {
    writeNiftiDataset(m_folder.string(), "x", "CT", schema(), {{"case_0001", ct, &labels}});
    FAIL() << "wrote label 5";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("case_0001: label value 5"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(m_folder / "labelsTr" / "case_0001.nii.gz"));
  VolumeGeometry shifted = obliqueGrid();
  shifted.origin[2] += 2.5;
  const LabelMap elsewhere(shifted);
  EXPECT_THROW(
      writeNiftiDataset(m_folder.string(), "x", "CT", schema(), {{"case_0001", ct, &elsewhere}}),
      Error);
  EXPECT_THROW(writeNiftiDataset(m_folder.string(), "x", "CT", schema(),
                                 {{"case_0001", ct, nullptr}, {"case_0001", ct, nullptr}}),
               Error);
  LabelSchema background = schema();
  background.labels[1].name = "Background";
  EXPECT_THROW(
      writeNiftiDataset(m_folder.string(), "x", "CT", background, {{"case_0001", ct, nullptr}}),
      Error);
}

}  // namespace
}  // namespace lumen::core
