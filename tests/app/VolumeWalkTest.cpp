// Finding the volume a key names again: through the study database for a DICOM series, its
// decoded volume (for exports) and the images of its slices (for reading a SEG of it back).
#include "VolumeWalk.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>

#include "core/Error.h"
#include "core/StudyDatabase.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSegmentation.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::app {
namespace {

constexpr const char* kSeries = "1.2.826.0.1.3680043.10.543.64.2";

TEST(VolumeWalk, ASegOfASeriesFindsItsSlicesThroughTheStudyDatabase) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const std::string root = dir.path().toStdString();
  core::VolumeGeometry g;
  g.size = {16, 12, 5};
  g.spacing = {0.8, 0.8, 3.0};
  g.origin = {-6.0, -4.0, 20.0};
  core::Volume ct(core::PixelType::Int16, g);
  std::fill_n(static_cast<std::int16_t*>(ct.data()), ct.voxelCount(), std::int16_t{30});
  core::DicomSeriesOptions options;
  options.studyInstanceUid = "1.2.826.0.1.3680043.10.543.64.1";
  options.seriesInstanceUid = kSeries;
  options.instanceUidPrefix = "1.2.826.0.1.3680043.10.543.64.3";
  core::writeDicomSeries(ct, root + "/dicom", options);
  core::StudyDatabase database(root + "/studies.sqlite");
  database.importInstances(core::scanDicom({root + "/dicom"}).instances,
                           core::ImportMode::ReferenceInPlace);

  const std::string key = core::dicomVolumeKey(kSeries, 0);
  const FoundVolume found = findVolume(key, database);
  ASSERT_EQ(found.sourceSlices.size(), 5u);
  core::LabelSchema schema;
  schema.labels = {{2, "Nodule", {255, 0, 0}, {}, {}}};
  core::LabelMap labels(found.volume->geometry());
  labels.edit("nodule", {{3, 3, 1}, {8, 7, 4}}, [](auto, auto, auto, std::uint8_t) { return 2; });
  const std::string seg = root + "/seg.dcm";
  core::writeDicomSegmentation(seg, labels, schema, found.sourceSlices, {});

  const std::vector<core::SliceReference> slices = sliceReferences(key, database);
  ASSERT_EQ(slices.size(), 5u);
  const core::LabelMap back =
      core::readDicomSegmentation(seg, found.volume->geometry(), slices, schema);
  EXPECT_TRUE(std::equal(back.data(), back.data() + back.volume().voxelCount(), labels.data()));
  EXPECT_TRUE(sliceReferences("file:" + root + "/ct.nii.gz", database).empty());
  EXPECT_THROW(sliceReferences(core::dicomVolumeKey("1.2.3.4", 0), database), Error);
  EXPECT_THROW(sliceReferences("dicom:" + std::string(kSeries) + "#x", database), Error);
}

}  // namespace
}  // namespace lumen::app
