// Series written by DicomSeriesWriter (DCMTK) in every shape a scanner produces, read back: the
// geometry and every voxel must come back exactly, and every oddity must be reported.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/Error.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/dicom/DicomVolumeReader.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

using Encoding = DicomSeriesOptions::Encoding;

/// A fresh folder under the system's temporary folder, removed afterwards.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : m_path(fs::temp_directory_path() / ("lumen-dicom-" + name)) {
    fs::remove_all(m_path);
    fs::create_directories(m_path);
  }
  ~TempFolder() { fs::remove_all(m_path); }
  std::string operator/(const std::string& child) const { return (m_path / child).string(); }
  std::string path() const { return m_path.string(); }

 private:
  fs::path m_path;
};

/// Rotation by `degrees` about the axis (1, 1, 1)/√3: an oblique acquisition.
Mat3 oblique(double degrees) {
  const double a = degrees * M_PI / 180.0, c = std::cos(a), s = std::sin(a), t = 1 - c;
  const double u = 1 / std::sqrt(3.0);
  return {{{t * u * u + c, t * u * u - s * u, t * u * u + s * u},
           {t * u * u + s * u, t * u * u + c, t * u * u - s * u},
           {t * u * u - s * u, t * u * u + s * u, t * u * u + c}}};
}

/// A 20×16×9 volume whose every voxel value is different, with values in [low, low + 2879].
Volume makeVolume(const Mat3& direction, int low = -1000, PixelType type = PixelType::Int16) {
  VolumeGeometry g;
  g.size = {20, 16, 9};
  g.spacing = {0.75, 0.5, 2.5};
  g.origin = {-12.5, 30.25, 101.0};
  g.direction = direction;
  Volume volume(type, g);
  dispatchPixelType(type, [&](auto zero) {
    using T = decltype(zero);
    T* voxels = static_cast<T*>(volume.data());
    for (std::size_t n = 0; n < volume.voxelCount(); ++n) {
      voxels[n] = static_cast<T>(low + static_cast<int>((n * 7919) % 2880));
    }
  });
  return volume;
}

const Mat3 kAxial{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

struct Read {
  DicomScan scan;
  std::vector<DicomVolumeRead> volumes;
};

Read readFolder(const std::string& folder) {
  Read read;
  read.scan = scanDicom({folder});
  for (const DicomVolumePlan& plan : read.scan.volumes) {
    read.volumes.push_back(readDicomVolume(plan, read.scan.instances));
  }
  return read;
}

/// Every voxel of `read` lies where a voxel of `written` lies, with the same value.
void expectSameImage(const Volume& written, const Volume& read) {
  ASSERT_EQ(read.voxelCount(), written.voxelCount());
  for (int axis = 0; axis < 3; ++axis)
    EXPECT_NEAR(read.geometry().spacing[axis], written.geometry().spacing[axis], 1e-6);
  int mismatches = 0;
  for (std::size_t k = 0; k < read.size()[2]; ++k) {
    for (std::size_t j = 0; j < read.size()[1]; ++j) {
      for (std::size_t i = 0; i < read.size()[0]; ++i) {
        const Vec3 at = written.worldToIndex(read.indexToWorld({double(i), double(j), double(k)}));
        const Vec3 rounded{std::round(at[0]), std::round(at[1]), std::round(at[2])};
        for (int axis = 0; axis < 3; ++axis) ASSERT_NEAR(at[axis], rounded[axis], 1e-4);
        const double expected = written.valueAt(std::size_t(rounded[0]), std::size_t(rounded[1]),
                                                std::size_t(rounded[2]));
        if (read.valueAt(i, j, k) != expected && ++mismatches < 5) {
          ADD_FAILURE() << "voxel " << i << "," << j << "," << k << ": " << read.valueAt(i, j, k)
                        << " != " << expected;
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0);
}

bool hasWarning(const VolumeSource& source, const std::string& words) {
  return std::any_of(source.warnings.begin(), source.warnings.end(),
                     [&](const std::string& w) { return w.find(words) != std::string::npos; });
}

TEST(DicomSeries, ShuffledFilesOfAnObliqueSeriesComeBackExactly) {
  TempFolder folder("shuffled");
  const Volume written = makeVolume(oblique(25));
  std::vector<std::string> files = writeDicomSeries(written, folder / "in", {});
  // File names no longer follow the slice order.
  std::mt19937 random(7);
  std::vector<std::string> names = files;
  std::shuffle(names.begin(), names.end(), random);
  fs::create_directories(folder / "out");
  for (std::size_t n = 0; n < files.size(); ++n)
    fs::rename(files[n], folder / ("out/" + std::to_string(n * 31 % 97)));
  const Read read = readFolder(folder / "out");
  ASSERT_EQ(read.volumes.size(), 1u);
  const Volume& volume = *read.volumes[0].volume;
  EXPECT_EQ(volume.pixelType(), PixelType::Int16);
  for (int axis = 0; axis < 3; ++axis) {
    EXPECT_NEAR(volume.geometry().origin[axis], written.geometry().origin[axis], 1e-4);
    for (int row = 0; row < 3; ++row)
      EXPECT_NEAR(volume.geometry().direction[row][axis], written.geometry().direction[row][axis],
                  1e-6);
  }
  expectSameImage(written, volume);
  EXPECT_TRUE(read.volumes[0].source.warnings.empty());
  EXPECT_EQ(read.volumes[0].source.patientName, "Phantom^Lumen");
}

TEST(DicomSeries, FeetFirstSeriesIsSortedAlongTheNormal) {
  TempFolder folder("feet-first");
  // Slices written from head to feet: k runs against i × j.
  const Volume written = makeVolume({{{-1, 0, 0}, {0, 1, 0}, {0, 0, 1}}});
  writeDicomSeries(written, folder.path(), {});
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  const Volume& volume = *read.volumes[0].volume;
  // The normal of IOP (−1,0,0)×(0,1,0) is (0,0,−1): k must follow it.
  EXPECT_NEAR(volume.geometry().direction[2][2], -1.0, 1e-9);
  expectSameImage(written, volume);
}

TEST(DicomSeries, EveryEncodingGivesTheSameVoxels) {
  const Volume written = makeVolume(kAxial);
  for (Encoding encoding :
       {Encoding::ImplicitLittleEndian, Encoding::ExplicitBigEndian, Encoding::JpegLsLossless,
        Encoding::RleLossless, Encoding::JpegLossless}) {
    SCOPED_TRACE(static_cast<int>(encoding));
    TempFolder folder("encoding");
    DicomSeriesOptions options;
    options.encoding = encoding;
    writeDicomSeries(written, folder.path(), options);
    const Read read = readFolder(folder.path());
    ASSERT_EQ(read.volumes.size(), 1u);
    expectSameImage(written, *read.volumes[0].volume);
  }
}

TEST(DicomSeries, TwelveBitSignedValuesAreMaskedAndSignExtended) {
  TempFolder folder("12bit");
  const Volume written = makeVolume(kAxial, -2048);  // -2048 … 831
  DicomSeriesOptions options;
  options.bitsStored = 12;
  writeDicomSeries(written, folder.path(), options);
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  expectSameImage(written, *read.volumes[0].volume);
}

TEST(DicomSeries, UnsignedCtWithInterceptIsStoredAsInt16Hounsfield) {
  TempFolder folder("rescale");
  const Volume written = makeVolume(kAxial, -1024);
  DicomSeriesOptions options;
  options.signedPixels = false;
  options.bitsStored = 16;
  options.rescaleIntercept = -1024;
  writeDicomSeries(written, folder.path(), options);
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  EXPECT_EQ(read.volumes[0].volume->pixelType(), PixelType::Int16);
  expectSameImage(written, *read.volumes[0].volume);
}

TEST(DicomSeries, APaRadiographComesBackUprightFromItsPatientOrientation) {
  TempFolder folder("dx");
  VolumeGeometry g;
  g.size = {24, 32, 1};
  g.spacing = {0.2, 0.2, 1.0};
  Volume written(PixelType::UInt16, g);
  auto* pixels = static_cast<std::uint16_t*>(written.data());
  for (std::size_t n = 0; n < written.voxelCount(); ++n) pixels[n] = static_cast<std::uint16_t>(n);
  DicomSeriesOptions options;
  options.modality = "DX";
  options.bitsStored = 12;
  options.signedPixels = false;
  const std::vector<std::string> files = writeDicomSeries(written, folder.path(), options);
  ASSERT_EQ(files.size(), 1u);
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  const Volume& image = *read.volumes[0].volume;
  ASSERT_EQ(image.size(), written.size());
  // Columns run to the patient's left, rows to the feet ("L\\F"), the normal from front to back.
  const Mat3& d = image.geometry().direction;
  EXPECT_EQ((Vec3{d[0][0], d[1][0], d[2][0]}), (Vec3{1, 0, 0}));
  EXPECT_EQ((Vec3{d[0][1], d[1][1], d[2][1]}), (Vec3{0, 0, -1}));
  EXPECT_NEAR(std::abs(d[1][2]), 1.0, 1e-12);
  EXPECT_NEAR(image.geometry().spacing[0], 0.2, 1e-9);
  EXPECT_EQ(read.scan.instances[0].sopClassUid, "1.2.840.10008.5.1.4.1.1.1.1");
  EXPECT_EQ(image.valueAt(5, 7, 0), static_cast<double>(7 * 24 + 5));
  EXPECT_THROW(writeDicomSeries(makeVolume(kAxial), folder.path(), options), Error)
      << "a DX file holds one 2D image";
}

TEST(DicomSeries, FractionalRescaleIsStoredAsFloat) {
  TempFolder folder("fraction");
  const Volume written = makeVolume(kAxial, 0, PixelType::UInt16);
  DicomSeriesOptions options;
  options.signedPixels = false;
  writeDicomSeries(written, folder.path(), options);
  // Rewrite the slope of every file: values become stored × 0.25.
  for (const auto& entry : fs::directory_iterator(folder.path())) {
    DcmFileFormat file;
    ASSERT_TRUE(file.loadFile(entry.path().c_str()).good());
    file.getDataset()->putAndInsertString(DCM_RescaleSlope, "0.25");
    ASSERT_TRUE(file.saveFile(entry.path().c_str()).good());
  }
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  const Volume& volume = *read.volumes[0].volume;
  EXPECT_EQ(volume.pixelType(), PixelType::Float32);
  EXPECT_EQ(volume.valueAt(3, 2, 1), written.valueAt(3, 2, 1) * 0.25);
}

TEST(DicomSeries, HeaderWindowsAndMonochrome1AreKeptForDisplay) {
  TempFolder folder("windows");
  writeDicomSeries(makeVolume(kAxial), folder.path(), {});
  for (const auto& entry : fs::directory_iterator(folder.path())) {
    DcmFileFormat file;
    ASSERT_TRUE(file.loadFile(entry.path().c_str()).good());
    DcmDataset& data = *file.getDataset();
    data.putAndInsertString(DCM_WindowCenter, "40\\-600");
    data.putAndInsertString(DCM_WindowWidth, "400\\1500");
    data.putAndInsertString(DCM_WindowCenterWidthExplanation, "SOFT TISSUE\\LUNG");
    data.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME1");
    ASSERT_TRUE(file.saveFile(entry.path().c_str()).good());
  }
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  const VolumeSource& source = read.volumes[0].source;
  ASSERT_EQ(source.windows.size(), 2u);
  EXPECT_EQ(source.windows[1].center, -600);
  EXPECT_EQ(source.windows[1].width, 1500);
  EXPECT_EQ(source.windows[1].name, "LUNG");
  EXPECT_TRUE(source.invertForDisplay);
}

TEST(DicomSeries, EnhancedMultiFrameUsesPerFramePositions) {
  TempFolder folder("enhanced");
  const Volume written = makeVolume(oblique(-40));
  DicomSeriesOptions options;
  options.multiFrame = true;
  options.modality = "MR";
  writeDicomSeries(written, folder.path(), options);
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  expectSameImage(written, *read.volumes[0].volume);
}

TEST(DicomSeries, SeveralSeriesAndALocalizerInOneFolderBecomeSeparateVolumes) {
  TempFolder folder("mixed");
  DicomSeriesOptions axial;
  axial.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.1";
  axial.studyInstanceUid = "1.2.826.0.1.3680043.10.1";
  writeDicomSeries(makeVolume(kAxial), folder / "axial", axial);
  // A coronal localizer in the same series, of another size.
  VolumeGeometry g;
  g.size = {12, 10, 1};
  g.direction = {{{1, 0, 0}, {0, 0, 1}, {0, -1, 0}}};
  Volume localizer(PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(localizer.data()), localizer.voxelCount(),
              std::int16_t{5});
  writeDicomSeries(localizer, folder / "localizer", axial);
  DicomSeriesOptions other = axial;
  other.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.2";
  other.seriesNumber = 2;
  writeDicomSeries(makeVolume(oblique(10)), folder / "other", other);
  std::ofstream(folder / "notes.txt") << "not DICOM: skipped quietly\n";

  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 3u);
  EXPECT_EQ(read.scan.skipped, 1u);
  EXPECT_TRUE(read.scan.rejected.empty());
  EXPECT_EQ(read.volumes[0].source.seriesInstanceUid, axial.seriesInstanceUid);
  EXPECT_EQ(read.volumes[0].volume->size()[2], 9u);  // the larger volume of the series first
  EXPECT_EQ(read.volumes[1].source.seriesInstanceUid, axial.seriesInstanceUid);
  EXPECT_EQ(read.volumes[1].volume->size()[0], 12u);
  EXPECT_EQ(read.volumes[2].source.seriesInstanceUid, other.seriesInstanceUid);
}

TEST(DicomSeries, GapsAndDuplicatesAreReported) {
  TempFolder folder("gaps");
  std::vector<std::string> files = writeDicomSeries(makeVolume(kAxial), folder.path(), {});
  fs::remove(files[4]);
  fs::copy_file(files[2], folder / "copy-of-3.dcm");
  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  EXPECT_EQ(read.volumes[0].volume->size()[2], 8u);
  EXPECT_NEAR(read.volumes[0].volume->geometry().spacing[2], 20.0 / 7.0, 1e-9);  // mean step
  EXPECT_TRUE(hasWarning(read.volumes[0].source, "gap of 5 mm"))
      << read.volumes[0].source.warnings.front();
  EXPECT_TRUE(hasWarning(read.volumes[0].source, "1 duplicate"));
}

TEST(DicomSeries, GantryTiltAndMixedRescaleAreReported) {
  TempFolder folder("tilt");
  // k leans 15° towards j: each slice is shifted along j.
  const double t = std::tan(15 * M_PI / 180);
  const double n = std::sqrt(1 + t * t);
  DicomSeriesOptions first;
  first.seriesInstanceUid = "1.2.826.0.1.3680043.10.2";
  writeDicomSeries(makeVolume({{{1, 0, 0}, {0, 1, t / n}, {0, 0, 1 / n}}}), folder / "a", first);
  const Read tilted = readFolder(folder / "a");
  ASSERT_EQ(tilted.volumes.size(), 1u);
  EXPECT_TRUE(hasWarning(tilted.volumes[0].source, "gantry tilt of 15"));

  // The same series continued above with another intercept.
  VolumeGeometry g;
  g.size = {20, 16, 9};
  g.spacing = {0.75, 0.5, 2.5};
  g.origin = {-12.5, 30.25, 101.0 + 9 * 2.5};
  Volume above(PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(above.data()), above.voxelCount(), std::int16_t{-3});
  DicomSeriesOptions second = first;
  second.rescaleIntercept = -7;
  writeDicomSeries(makeVolume(kAxial), folder / "b", first);
  writeDicomSeries(above, folder / "c", second);
  const Read both = [&] {
    Read read;
    read.scan = scanDicom({folder / "b", folder / "c"});
    read.volumes.push_back(readDicomVolume(read.scan.volumes.at(0), read.scan.instances));
    return read;
  }();
  ASSERT_EQ(both.scan.volumes.size(), 1u);
  EXPECT_TRUE(hasWarning(both.volumes[0].source, "rescale slope and intercept differ"));
  EXPECT_EQ(both.volumes[0].volume->valueAt(0, 0, 17), -3);
}

TEST(DicomSeries, BrokenFilesAreRejectedWithAReasonAndTheRestLoads) {
  TempFolder folder("broken ünïcødé 中文");
  std::vector<std::string> files = writeDicomSeries(makeVolume(kAxial), folder.path(), {});
  // Cut one file off inside its pixel data.
  fs::resize_file(files[3], fs::file_size(files[3]) - 100);
  // Make another claim 65535 × 65535 × 65535 voxels.
  DcmFileFormat huge;
  ASSERT_TRUE(huge.loadFile(files[6].c_str()).good());
  huge.getDataset()->putAndInsertUint16(DCM_Rows, 65535);
  huge.getDataset()->putAndInsertUint16(DCM_Columns, 65535);
  huge.getDataset()->putAndInsertString(DCM_NumberOfFrames, "65535");
  ASSERT_TRUE(huge.saveFile(files[6].c_str()).good());
  // And a third that is DICOM's preamble and nothing else.
  {
    std::ofstream(files[8], std::ios::binary | std::ios::trunc) << std::string(128, '\0') << "DICM";
  }

  const Read read = readFolder(folder.path());
  ASSERT_EQ(read.volumes.size(), 1u);
  EXPECT_EQ(read.volumes[0].volume->size()[2], 6u);
  ASSERT_EQ(read.scan.rejected.size(), 3u);
  std::string reasons;
  for (const DicomRejection& r : read.scan.rejected) reasons += r.reason + "\n";
  EXPECT_NE(reasons.find("cut off"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("65535 frame(s) would need"), std::string::npos) << reasons;
}

}  // namespace
}  // namespace lumen::core
