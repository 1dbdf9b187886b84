#include "core/VolumeFile.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <array>
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
  for (const char* name : {"v.nii", "v.nii.gz", "v.hdr", "v.nrrd", "v.mha", "v.mhd"}) {
    SCOPED_TRACE(name);
    writeVolumeFile(*original, path(name));
    expectSameVolume(*original, *readVolumeFile(path(name)));
  }
}

/// A NIfTI-1 single file written byte by byte: 3×2×2 int16 voxels 0…11, spacing 1.5×2×3 mm,
/// an sform placing voxel (0,0,0) at RAS (10, 20, 30) with i towards the right, j anterior and
/// k superior; `bigEndian` stores header and voxels in that order; `slope`/`inter` rescale.
std::string handWrittenNifti(bool bigEndian, float slope = 0.0F, float inter = 0.0F) {
  std::string bytes(352, '\0');
  auto put = [&](std::size_t at, auto value) {
    char raw[sizeof(value)];
    std::memcpy(raw, &value, sizeof(value));
    if (bigEndian) std::reverse(raw, raw + sizeof(value));
    bytes.replace(at, sizeof(value), raw, sizeof(value));
  };
  put(0, std::int32_t{348});
  const std::int16_t dims[8] = {3, 3, 2, 2, 1, 1, 1, 1};
  for (int d = 0; d < 8; ++d) put(40 + 2 * d, dims[d]);
  put(70, std::int16_t{4});   // datatype: int16
  put(72, std::int16_t{16});  // bitpix
  const float pixdim[4] = {1.0F, 1.5F, 2.0F, 3.0F};
  for (int d = 0; d < 4; ++d) put(76 + 4 * d, pixdim[d]);
  put(108, 352.0F);  // vox_offset
  put(112, slope);
  put(116, inter);
  put(123, char{10});         // xyzt_units: mm, s
  put(254, std::int16_t{1});  // sform_code: scanner
  const float srow[12] = {1.5F, 0, 0, 10, 0, 2.0F, 0, 20, 0, 0, 3.0F, 30};
  for (int n = 0; n < 12; ++n) put(280 + 4 * n, srow[n]);
  bytes.replace(344, 4, "n+1\0", 4);
  for (std::int16_t v = 0; v < 12; ++v) {
    bytes.append(2, '\0');
    put(bytes.size() - 2, v);
  }
  return bytes;
}

TEST_F(VolumeFileTest, HandWrittenRasNiftiOpensInLps) {
  for (bool bigEndian : {false, true}) {
    SCOPED_TRACE(bigEndian ? "big endian" : "little endian");
    writeText("ras.nii", handWrittenNifti(bigEndian));
    const auto volume = readVolumeFile(path("ras.nii"));
    const VolumeGeometry& g = volume->geometry();
    EXPECT_EQ(volume->pixelType(), PixelType::Int16);
    EXPECT_EQ(g.size, (Size3{3, 2, 2}));
    // RAS (10, 20, 30) is LPS (−10, −20, 30); RAS +x (right) is LPS −x, RAS +y is LPS −y.
    const Vec3 origin{-10, -20, 30};
    const Vec3 spacing{1.5, 2.0, 3.0};
    const Mat3 direction{{{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}}};
    for (int a = 0; a < 3; ++a) {
      EXPECT_NEAR(g.origin[a], origin[a], 1e-5);
      EXPECT_NEAR(g.spacing[a], spacing[a], 1e-6);
      for (int c = 0; c < 3; ++c) EXPECT_NEAR(g.direction[a][c], direction[a][c], 1e-6);
    }
    EXPECT_EQ(volume->valueAt(0, 0, 0), 0.0);
    EXPECT_EQ(volume->valueAt(1, 0, 0), 1.0);
    EXPECT_EQ(volume->valueAt(2, 1, 1), 11.0);
  }
}

TEST_F(VolumeFileTest, RescaledNiftiGivesModalityValues) {
  writeText("scaled.nii", handWrittenNifti(false, 2.0F, -1024.0F));
  const auto volume = readVolumeFile(path("scaled.nii"));
  EXPECT_EQ(volume->pixelType(), PixelType::Float32);
  EXPECT_FLOAT_EQ(volume->valueAt(0, 0, 0), -1024.0);
  EXPECT_FLOAT_EQ(volume->valueAt(2, 1, 1), 11 * 2.0 - 1024.0);
}

TEST_F(VolumeFileTest, CompressedNiftiIsReadFromItselfNotFromAnUncompressedNamesake) {
  // Same header, different voxels: x.nii holds 0…11, x.nii.gz holds them rescaled or not.
  writeText("x.nii", handWrittenNifti(false));
  auto doubled = readVolumeFile(path("x.nii"));
  auto* v = static_cast<std::int16_t*>(doubled->data());
  for (std::size_t n = 0; n < doubled->voxelCount(); ++n) v[n] = static_cast<std::int16_t>(2 * n);
  writeVolumeFile(*doubled, path("x.nii.gz"));
  EXPECT_EQ(readVolumeFile(path("x.nii.gz"))->valueAt(2, 1, 1), 22.0);
  // Rescaled data go through ITK, which would take x.nii's voxels: refused, naming both files.
  fs::remove(path("x.nii.gz"));
  const std::string scaled = handWrittenNifti(false, 2.0F, -1024.0F);
  gzFile gz = gzopen(path("x.nii.gz").c_str(), "wb");
  gzwrite(gz, scaled.data(), static_cast<unsigned>(scaled.size()));
  gzclose(gz);
  try {
    readVolumeFile(path("x.nii.gz"));
    FAIL() << "voxels of x.nii shown as x.nii.gz";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::ReadFailed);
    EXPECT_NE(std::string(e.what()).find("x.nii beside it"), std::string::npos) << e.what();
  }
  fs::remove(path("x.nii"));
  EXPECT_FLOAT_EQ(readVolumeFile(path("x.nii.gz"))->valueAt(2, 1, 1), 11 * 2.0 - 1024.0);
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
  for (const char* name : {"v.mha", "v.nii", "v.nii.gz"}) {
    SCOPED_TRACE(name);
    writeVolumeFile(*original, path(name));
    std::vector<double> reports;
    const auto loaded = readVolumeFile(path(name), [&](double f) { reports.push_back(f); });
    ASSERT_GT(reports.size(), 1U) << "these formats are read in slabs, so progress comes per slab";
    for (std::size_t n = 1; n < reports.size(); ++n) EXPECT_GT(reports[n], reports[n - 1]);
    EXPECT_DOUBLE_EQ(reports.back(), 1.0);
    expectSameVolume(*original, *loaded);
  }
}

TEST_F(VolumeFileTest, CancelStopsTheReadWithCancelled) {
  for (const char* name : {"v.mha", "v.nii.gz"}) {
    SCOPED_TRACE(name);
    writeVolumeFile(*makeOblique(), path(name));
    CancelToken cancel;
    try {
      readVolumeFile(
          path(name), [&](double) { cancel.cancel(); }, &cancel);
      ADD_FAILURE() << "cancelled read returned a volume";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Cancelled);
    }
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
       {Cut{"v.nii", "v.nii", 7}, Cut{"v.nii.gz", "v.nii.gz", 200}, Cut{"v.hdr", "v.img", 7},
        Cut{"v.nrrd", "v.nrrd", 7}, Cut{"v.mha", "v.mha", 7}, Cut{"v.mhd", "v.raw", 7}}) {
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
  for (auto [name, code] : {std::pair{"rgb.mha", ErrorCode::UnsupportedPixelType},
                            std::pair{"time.mha", ErrorCode::UnsupportedDimensions}}) {
    SCOPED_TRACE(name);
    try {
      readVolumeFile(path(name));
      FAIL();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
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
