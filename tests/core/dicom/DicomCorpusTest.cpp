// Every file of pydicom's DICOM corpus (Debian package python3-pydicom) against values computed
// once with pydicom itself: see make_pydicom_expectations.py for how, and the .inc for the rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/Error.h"
#include "core/IntensityStatistics.h"
#include "core/dicom/DicomHeaderReader.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomVolumeReader.h"

namespace lumen::core {
namespace {

const std::string kCorpus = LUMEN_PYDICOM_DATA;

enum class Expect { Image, NotImage, Undecodable };

struct CorpusFile {
  const char* path;
  Expect kind;
  std::size_t columns, rows, frames;
  int components;
  double minimum, maximum, mean;
  bool lossy;
};

const CorpusFile kFiles[] = {
#define LUMEN_PYDICOM_EXPECTATIONS
#include "pydicom_expectations.inc"
#undef LUMEN_PYDICOM_EXPECTATIONS
};

struct CharsetFile {
  const char* path;
  const char* characterSet;
  const char* patientName;
};

const CharsetFile kCharsets[] = {
#define LUMEN_PYDICOM_CHARSETS
#include "pydicom_expectations.inc"
#undef LUMEN_PYDICOM_CHARSETS
};

/// Files pydicom reads and Lumen rejects, each with the reason: rejecting them is right.
bool rejectedOnPurpose(const std::string& path) {
  // Its data set is cut off inside an element whose VR is two spaces; DCMTK stops there with
  // "premature end of stream". pydicom reads lazily and never gets that far.
  return path == "test_files/SC_rgb_jpeg.dcm";
}

/// Scans one file alone and reads its volumes.
struct Loaded {
  DicomScan scan;
  std::vector<DicomVolumeRead> volumes;
  std::vector<std::string> failures;
};

Loaded load(const std::string& path) {
  Loaded loaded;
  loaded.scan = scanDicom({path});
  for (const DicomVolumePlan& plan : loaded.scan.volumes) {
    try {
      loaded.volumes.push_back(readDicomVolume(plan, loaded.scan.instances));
    } catch (const Error& e) {
      loaded.failures.push_back(e.what());
    }
  }
  return loaded;
}

class DicomCorpusTest : public testing::TestWithParam<CorpusFile> {};

TEST_P(DicomCorpusTest, LoadsAsPydicomDoesOrIsRejectedWithAReason) {
  const CorpusFile& expected = GetParam();
  const std::string path = kCorpus + "/" + expected.path;
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const Loaded loaded = load(path);
  const std::size_t rejected = loaded.scan.rejected.size() + loaded.failures.size();
  for (const DicomRejection& r : loaded.scan.rejected) EXPECT_FALSE(r.reason.empty());

  if (expected.kind == Expect::NotImage) {
    EXPECT_TRUE(loaded.volumes.empty()) << path;
    EXPECT_EQ(loaded.scan.skipped + rejected, 1u) << path;
    return;
  }
  if (expected.kind == Expect::Undecodable) {
    // pydicom cannot decode these here; Lumen either decodes them at the size the header says
    // or says why not.
    if (loaded.volumes.empty()) {
      EXPECT_EQ(rejected + loaded.scan.skipped, 1u) << path;
    } else {
      const Volume& volume = *loaded.volumes.front().volume;
      EXPECT_EQ(volume.size()[0], expected.columns) << path;
      EXPECT_EQ(volume.size()[1], expected.rows) << path;
    }
    return;
  }
  if (rejectedOnPurpose(expected.path)) {
    EXPECT_TRUE(loaded.volumes.empty());
    EXPECT_EQ(rejected, 1u);
    return;
  }
  ASSERT_EQ(loaded.volumes.size(), 1u)
      << path << ": "
      << (!loaded.scan.rejected.empty() ? loaded.scan.rejected.front().reason
          : !loaded.failures.empty()    ? loaded.failures.front()
                                        : "");
  const Volume& volume = *loaded.volumes.front().volume;
  EXPECT_EQ(volume.size()[0], expected.columns) << path;
  EXPECT_EQ(volume.size()[1], expected.rows) << path;
  EXPECT_EQ(volume.size()[2], expected.frames) << path;
  EXPECT_EQ(volume.components(), expected.components) << path;
  const IntensityStatistics statistics(volume);
  if (expected.lossy) {
    // Two JPEG decoders may round differently; the image must still be the same image.
    const double range = expected.maximum - expected.minimum;
    EXPECT_NEAR(statistics.minimum(), expected.minimum, 0.02 * range + 2) << path;
    EXPECT_NEAR(statistics.maximum(), expected.maximum, 0.02 * range + 2) << path;
    EXPECT_NEAR(statistics.mean(), expected.mean, 0.005 * range + 0.5) << path;
  } else if (volume.pixelType() == PixelType::Float32) {
    // A non-integral rescale is stored in float32: 24 significant bits.
    const double tolerance =
        1e-6 * std::max(std::abs(expected.minimum), std::abs(expected.maximum));
    EXPECT_NEAR(statistics.minimum(), expected.minimum, tolerance) << path;
    EXPECT_NEAR(statistics.maximum(), expected.maximum, tolerance) << path;
    EXPECT_NEAR(statistics.mean(), expected.mean, tolerance) << path;
  } else {
    EXPECT_DOUBLE_EQ(statistics.minimum(), expected.minimum) << path;
    EXPECT_DOUBLE_EQ(statistics.maximum(), expected.maximum) << path;
    EXPECT_NEAR(statistics.mean(), expected.mean, 1e-9 * std::max(1.0, std::abs(expected.mean)))
        << path;
  }
}

std::string testName(const testing::TestParamInfo<CorpusFile>& info) {
  std::string name = info.param.path;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Pydicom, DicomCorpusTest, testing::ValuesIn(kFiles), testName);

TEST(DicomCorpus, CharacterSetsAreConvertedToUtf8) {
  for (const CharsetFile& file : kCharsets) {
    const DicomHeader header = readDicomHeader(kCorpus + "/" + file.path);
    EXPECT_NE(header.kind, DicomHeader::Kind::NotDicom) << file.path;
    EXPECT_EQ(header.instance.patientName, file.patientName)
        << file.path << " (" << file.characterSet << ")";
  }
}

TEST(DicomCorpus, DicomdirTreesOpenAsStudies) {
  // 98892003: an MR study on one patient, referenced from its DICOMDIR.
  const std::string root = kCorpus + "/test_files/dicomdirtests";
  const DicomScan scan = scanDicom({root + "/DICOMDIR"});
  ASSERT_FALSE(scan.volumes.empty());
  std::set<std::string> studies;
  for (const DicomVolumePlan& plan : scan.volumes) studies.insert(plan.source.studyInstanceUid);
  EXPECT_GE(studies.size(), 2u);
  const DicomScan folder = scanDicom({root});
  EXPECT_EQ(folder.volumes.size(), scan.volumes.size());
  EXPECT_EQ(folder.instances.size(), scan.instances.size());
}

}  // namespace
}  // namespace lumen::core
