#include "core/VolumeFile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

class VolumeFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("lumen-volumefile-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string path(const std::string& name) const { return (dir / name).string(); }

  void writeText(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
  }

  fs::path dir;
};

/// An oblique, anisotropic int16 volume whose voxels encode their own index.
std::unique_ptr<Volume> makeOblique() {
  VolumeGeometry g;
  g.size = {17, 11, 9};
  g.spacing = {0.75, 0.9, 2.5};
  g.origin = {-101.5, 42.0, 310.25};
  const double c = std::cos(0.3), s = std::sin(0.3);
  g.direction = {{{c, 0, s}, {0, 1, 0}, {-s, 0, c}}};
  auto volume = std::make_unique<Volume>(PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n)
    v[n] = static_cast<std::int16_t>(n % 4000) - 1000;
  return volume;
}

void expectSameVolume(const Volume& a, const Volume& b) {
  ASSERT_EQ(a.pixelType(), b.pixelType());
  ASSERT_EQ(a.size(), b.size());
  for (int axis = 0; axis < 3; ++axis) {
    EXPECT_NEAR(a.geometry().spacing[axis], b.geometry().spacing[axis], 1e-5);
    EXPECT_NEAR(a.geometry().origin[axis], b.geometry().origin[axis], 1e-3);
    for (int row = 0; row < 3; ++row) {
      EXPECT_NEAR(a.geometry().direction[row][axis], b.geometry().direction[row][axis], 1e-5);
    }
  }
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.byteSize()), 0);
}

TEST_F(VolumeFileTest, EveryFormatRoundTripsVoxelsAndLpsGeometry) {
  const auto original = makeOblique();
  for (const char* name : {"v.nii", "v.nii.gz", "v.nrrd", "v.mha", "v.mhd"}) {
    SCOPED_TRACE(name);
    writeVolumeFile(*original, path(name));
    expectSameVolume(*original, *readVolumeFile(path(name)));
  }
}

TEST_F(VolumeFileTest, NiftiKeepsPatientPositionsDespiteRasStorage) {
  // NIfTI stores RAS; a voxel must come back at the same LPS point, not mirrored.
  const auto original = makeOblique();
  writeVolumeFile(*original, path("v.nii.gz"));
  const auto loaded = readVolumeFile(path("v.nii.gz"));
  const Vec3 a = original->indexToWorld({16, 10, 8});
  const Vec3 b = loaded->indexToWorld({16, 10, 8});
  for (int axis = 0; axis < 3; ++axis) EXPECT_NEAR(a[axis], b[axis], 1e-3);
}

TEST_F(VolumeFileTest, StreamedReadReportsProgressUpToOne) {
  const auto original = makeOblique();
  writeVolumeFile(*original, path("v.mha"));
  std::vector<double> reports;
  const auto loaded = readVolumeFile(path("v.mha"), [&](double f) { reports.push_back(f); });
  ASSERT_GT(reports.size(), 1U) << "MetaImage streams, so progress comes per slab";
  for (std::size_t n = 1; n < reports.size(); ++n) EXPECT_GT(reports[n], reports[n - 1]);
  EXPECT_DOUBLE_EQ(reports.back(), 1.0);
  expectSameVolume(*original, *loaded);
}

TEST_F(VolumeFileTest, CancelStopsTheReadWithCancelled) {
  writeVolumeFile(*makeOblique(), path("v.mha"));
  CancelToken cancel;
  try {
    readVolumeFile(
        path("v.mha"), [&](double) { cancel.cancel(); }, &cancel);
    FAIL() << "cancelled read returned a volume";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Cancelled);
  }
}

TEST_F(VolumeFileTest, MissingFileIsFileNotFoundNamingIt) {
  try {
    readVolumeFile(path("absent.nii"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::FileNotFound);
    EXPECT_NE(std::string(e.what()).find("absent.nii"), std::string::npos);
  }
}

TEST_F(VolumeFileTest, NonImageFileIsUnsupportedFormat) {
  writeText("notes.nii", "these are not voxels\n");
  try {
    readVolumeFile(path("notes.nii"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::UnsupportedFormat);
    EXPECT_NE(std::string(e.what()).find("notes.nii"), std::string::npos);
  }
}

TEST_F(VolumeFileTest, TruncatedFileIsReadFailedNotACrash) {
  const auto original = makeOblique();
  // The file written, the file whose end is cut off, and by how many bytes (a compressed file
  // is cut into its data, not just its trailer).
  struct Cut {
    const char* name;
    const char* data;
    std::uintmax_t bytes;
  };
  for (const Cut& cut :
       {Cut{"v.nii", "v.nii", 7}, Cut{"v.nii.gz", "v.nii.gz", 200}, Cut{"v.nrrd", "v.nrrd", 7},
        Cut{"v.mha", "v.mha", 7}, Cut{"v.mhd", "v.raw", 7}}) {
    const char* name = cut.name;
    SCOPED_TRACE(name);
    writeVolumeFile(*original, path(name));
    fs::resize_file(path(cut.data), fs::file_size(path(cut.data)) - cut.bytes);
    try {
      readVolumeFile(path(name));
      ADD_FAILURE() << "a cut file read as a whole volume";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::ReadFailed) << e.what();
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

TEST_F(VolumeFileTest, ColourAndFourDimensionalImagesAreRefusedClearly) {
  writeText("rgb.mha",
            "ObjectType = Image\nNDims = 3\nDimSize = 2 2 2\nElementNumberOfChannels = 3\n"
            "ElementType = MET_UCHAR\nElementDataFile = LOCAL\n" +
                std::string(24, '\x7f'));
  writeText("time.mha",
            "ObjectType = Image\nNDims = 4\nDimSize = 2 2 2 5\nElementType = MET_SHORT\n"
            "ElementDataFile = LOCAL\n" +
                std::string(80, '\0'));
  for (const char* name : {"rgb.mha", "time.mha"}) {
    SCOPED_TRACE(name);
    try {
      readVolumeFile(path(name));
      FAIL();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::UnsupportedPixelType) << e.what();
    }
  }
}

TEST_F(VolumeFileTest, TwoDimensionalImageBecomesOneSlice) {
  writeText("xray.mha",
            "ObjectType = Image\nNDims = 2\nDimSize = 3 2\nElementSpacing = 0.2 0.3\n"
            "ElementType = MET_USHORT\nElementDataFile = LOCAL\n" +
                std::string("\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00", 12));
  const auto image = readVolumeFile(path("xray.mha"));
  EXPECT_EQ(image->size(), (Size3{3, 2, 1}));
  EXPECT_EQ(image->pixelType(), PixelType::UInt16);
  EXPECT_NEAR(image->geometry().spacing[1], 0.3, 1e-9);
  EXPECT_EQ(image->valueAt(2, 1, 0), 6.0);
}

TEST_F(VolumeFileTest, UnknownExtensionCannotBeWritten) {
  try {
    writeVolumeFile(*makeOblique(), path("v.xyz"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::UnsupportedFormat);
  }
}

}  // namespace
}  // namespace lumen::core
