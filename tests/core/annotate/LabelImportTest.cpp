#include "core/annotate/LabelImport.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "core/Error.h"
#include "core/VolumeFile.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

VolumeGeometry seriesGrid() {
  VolumeGeometry g;
  g.size = {20, 18, 6};
  g.spacing = {0.8, 0.8, 3.0};
  g.origin = {-120.25, 33.5, -402.0};
  g.direction = {{{0.0, 0.0, -1.0}, {1.0, 0.0, 0.0}, {0.0, -1.0, 0.0}}};  // a sagittal series
  return g;
}

LabelSchema schema() {
  LabelSchema s;
  LabelDefinition a;
  a.value = 7;
  a.name = "Nodule";
  LabelDefinition b;
  b.value = 2;
  b.name = "Vessel";
  s.labels = {a, b};
  return s;
}

class LabelImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() / ("lumen-import-" + std::to_string(::getpid()));
    fs::create_directories(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }

  /// Writes a label file on `grid` of `type` with voxel n = values[n % values.size()].
  std::string write(const VolumeGeometry& grid, PixelType type, const std::vector<double>& values,
                    const char* name) {
    Volume v(type, grid);
    dispatchPixelType(type, [&](auto zero) {
      auto* voxels = static_cast<decltype(zero)*>(v.data());
      for (std::size_t n = 0; n < v.voxelCount(); ++n)
        voxels[n] = static_cast<decltype(zero)>(values[n % values.size()]);
    });
    const std::string path = (m_folder / name).string();
    writeVolumeFile(v, path);
    return path;
  }

  fs::path m_folder;
};

TEST_F(LabelImportTest, ReadsALabelFileOntoTheSeries) {
  const std::string path = write(seriesGrid(), PixelType::Int16, {0, 7, 0, 2, 2}, "labels.nii.gz");
  const LabelMap map = importLabelFile(path, seriesGrid(), schema());
  for (std::size_t n = 0; n < map.volume().voxelCount(); ++n) {
    const std::uint8_t expected[] = {0, 7, 0, 2, 2};
    ASSERT_EQ(map.data()[n], expected[n % 5]) << n;
  }
}

TEST_F(LabelImportTest, RefusesAnotherGridOrValuesThatAreNoLabels) {
  VolumeGeometry shifted = seriesGrid();
  shifted.origin[1] += 0.5;
  const std::string elsewhere = write(shifted, PixelType::UInt8, {0, 7}, "elsewhere.nii.gz");
  try {
    importLabelFile(elsewhere, seriesGrid(), schema());
    FAIL() << "imported labels of another grid";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidGeometry);
    EXPECT_NE(std::string(e.what()).find("20×18×6"), std::string::npos) << e.what();
  }
  const std::string three = write(seriesGrid(), PixelType::UInt8, {0, 3}, "three.nrrd");
  EXPECT_THROW(importLabelFile(three, seriesGrid(), schema()), Error);
  const std::string fraction = write(seriesGrid(), PixelType::Float32, {0, 1.5}, "fraction.nii");
  EXPECT_THROW(importLabelFile(fraction, seriesGrid(), schema()), Error);
  EXPECT_THROW(importLabelFile((m_folder / "none.nii").string(), seriesGrid(), schema()), Error);
}

}  // namespace
}  // namespace lumen::core
