// DICOM SEG written by Lumen for a real CT series (DicomSeriesWriter): dciodvfy (dicom3tools)
// must find no error in it, and Lumen must read it back as the same label map.
#include "core/dicom/DicomSegmentation.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "core/Error.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "support/Dciodvfy.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

VolumeGeometry ctGrid() {
  VolumeGeometry g;
  g.size = {40, 32, 12};
  g.spacing = {0.7, 0.7, 2.5};
  g.origin = {-14.0, -11.2, 120.0};
  const double c = std::cos(0.2);
  const double s = std::sin(0.2);
  g.direction = {{{c, 0.0, s}, {0.0, 1.0, 0.0}, {-s, 0.0, c}}};  // tilted about the y axis
  return g;
}

LabelSchema chestSchema() {
  LabelSchema schema;
  LabelDefinition nodule;
  nodule.value = 7;
  nodule.name = "Nodule";
  nodule.colour = {230, 25, 75};
  nodule.category = CodedConcept{"SCT", "49755003", "Morphologically abnormal structure"};
  nodule.type = CodedConcept{"SCT", "27925004", "Nodule"};
  LabelDefinition vessel;
  vessel.value = 2;
  vessel.name = "Vessel";
  vessel.colour = {0, 130, 200};
  schema.labels = {nodule, vessel};
  return schema;
}

/// A nodule over slices 3–6 and a vessel over slices 5–10, overlapping nowhere; slices 0–2 and
/// 11 are empty.
LabelMap drawnLabels() {
  LabelMap labels(ctGrid());
  labels.edit("nodule", {{10, 10, 3}, {16, 15, 7}},
              [](auto, auto, auto, std::uint8_t) { return 7; });
  labels.edit("vessel", {{25, 2, 5}, {27, 30, 11}},
              [](auto, auto, auto, std::uint8_t) { return 2; });
  return labels;
}

struct Folder {
  fs::path path;
  explicit Folder(const std::string& name)
      : path(fs::temp_directory_path() / ("lumen-seg-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
};

/// The CT series of ctGrid(), SOP Instance UIDs `prefix`.1 … .12 (or one multi-frame file).
std::vector<std::string> writeCt(const Folder& folder, const std::string& prefix, bool multiFrame) {
  Volume ct(PixelType::Int16, ctGrid());
  auto* hu = static_cast<std::int16_t*>(ct.data());
  for (std::size_t n = 0; n < ct.voxelCount(); ++n)
    hu[n] = static_cast<std::int16_t>(n % 900 - 850);
  DicomSeriesOptions options;
  options.instanceUidPrefix = prefix;
  options.multiFrame = multiFrame;
  return writeDicomSeries(ct, (folder.path / "ct").string(), options);
}

std::vector<SliceReference> sliceUids(const std::string& prefix, std::size_t count) {
  std::vector<SliceReference> uids;
  for (std::size_t k = 1; k <= count; ++k) uids.push_back({prefix + "." + std::to_string(k), 0});
  return uids;
}

/// Slice k of a single-frame series is file k.
std::vector<SegmentationSource> sourcesOf(const std::vector<std::string>& files) {
  std::vector<SegmentationSource> sources;
  for (const std::string& file : files) sources.push_back({file, 0});
  return sources;
}

bool sameVoxels(const LabelMap& a, const LabelMap& b) {
  return std::equal(a.data(), a.data() + a.volume().voxelCount(), b.data());
}

constexpr const char* kPrefix = "1.2.826.0.1.3680043.10.543.77";

TEST(DicomSegmentation, PassesDciodvfyAndReadsBackAsTheSameLabels) {
  const Folder folder("single");
  const std::vector<std::string> files = writeCt(folder, kPrefix, false);
  const LabelMap labels = drawnLabels();
  SegmentationAuthoring authoring;
  authoring.creator = "Reader^One";
  authoring.softwareVersion = "Lumen test";
  authoring.provenance[2] = {"reader1", "2026-11-22T04:00:00Z", "2026-11-22T04:00:00Z",
                             "Lumen demo vessel model", "1.0"};
  const std::string seg = (folder.path / "labels.dcm").string();
  writeDicomSegmentation(seg, labels, chestSchema(), sourcesOf(files), authoring);
  EXPECT_EQ(test::dciodvfyErrors(seg), "");

  const LabelMap back = readDicomSegmentation(seg, ctGrid(), sliceUids(kPrefix, 12), chestSchema());
  EXPECT_TRUE(sameVoxels(back, labels));
  EXPECT_EQ(back.count(7), labels.count(7));
}

TEST(DicomSegmentation, WorksForAMultiFrameSourceToo) {
  const Folder folder("multi");
  const std::vector<std::string> files = writeCt(folder, kPrefix, true);
  ASSERT_EQ(files.size(), 1u);
  const LabelMap labels = drawnLabels();
  // Frame f + 1 of the file is slice k = 11 − f: stored head first, the volume sorted feet first.
  std::vector<SegmentationSource> sources;
  std::vector<SliceReference> slices;
  for (int k = 0; k < 12; ++k) {
    sources.push_back({files[0], 12 - k});
    slices.push_back({kPrefix + std::string(".1"), 12 - k});
  }
  const std::string seg = (folder.path / "labels.dcm").string();
  writeDicomSegmentation(seg, labels, chestSchema(), sources, {});
  EXPECT_EQ(test::dciodvfyErrors(seg), "");
  const LabelMap back = readDicomSegmentation(seg, ctGrid(), slices, chestSchema());
  EXPECT_TRUE(sameVoxels(back, labels));
  // Read as if the frames were in k order, the labels land on the mirrored slices.
  std::vector<SliceReference> inOrder;
  for (int k = 0; k < 12; ++k) inOrder.push_back({kPrefix + std::string(".1"), k + 1});
  const LabelMap mirrored = readDicomSegmentation(seg, ctGrid(), inOrder, chestSchema());
  EXPECT_EQ(mirrored.at(12, 12, 11 - 3), 7);
  EXPECT_EQ(mirrored.at(12, 12, 3), 0);
  sources[0].frame = 13;
  EXPECT_THROW(writeDicomSegmentation(seg, labels, chestSchema(), sources, {}), Error);
}

TEST(DicomSegmentation, RefusesASegOfOtherImagesOrLabels) {
  const Folder folder("refuse");
  const std::vector<std::string> files = writeCt(folder, kPrefix, false);
  const std::string seg = (folder.path / "labels.dcm").string();
  writeDicomSegmentation(seg, drawnLabels(), chestSchema(), sourcesOf(files), {});
  try {
    readDicomSegmentation(seg, ctGrid(), sliceUids("1.2.826.0.1.3680043.10.543.78", 12),
                          chestSchema());
    FAIL() << "read a SEG of another series";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("not in this series"), std::string::npos) << e.what();
  }
  LabelSchema noVessel = chestSchema();
  noVessel.labels.pop_back();
  EXPECT_THROW(readDicomSegmentation(seg, ctGrid(), sliceUids(kPrefix, 12), noVessel), Error);
  VolumeGeometry smaller = ctGrid();
  smaller.size[0] = 39;
  EXPECT_THROW(readDicomSegmentation(seg, smaller, sliceUids(kPrefix, 12), chestSchema()), Error);
  EXPECT_THROW(readDicomSegmentation(files[0], ctGrid(), sliceUids(kPrefix, 12), chestSchema()),
               Error);
  // Writing: too few source files, or a drawn value the schema lacks.
  std::vector<SegmentationSource> tooFew = sourcesOf(files);
  tooFew.pop_back();
  EXPECT_THROW(writeDicomSegmentation(seg, drawnLabels(), chestSchema(), tooFew, {}), Error);
  EXPECT_THROW(writeDicomSegmentation(seg, drawnLabels(), noVessel, sourcesOf(files), {}), Error);
}

}  // namespace
}  // namespace lumen::core
