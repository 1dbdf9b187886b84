// The background loader with a real DICOM series: the middle slice arrives first, on its own,
// then the whole volume, and the two agree voxel for voxel.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstring>

#include "VolumeLoader.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::app {
namespace {

TEST(VolumeLoader, DicomShowsTheMiddleSliceBeforeTheWholeVolume) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  core::VolumeGeometry g;
  g.size = {64, 48, 40};
  g.spacing = {0.8, 0.8, 2.0};
  core::Volume written(core::PixelType::Int16, g);
  auto* voxels = static_cast<std::int16_t*>(written.data());
  for (std::size_t n = 0; n < written.voxelCount(); ++n)
    voxels[n] = static_cast<std::int16_t>(n % 2000 - 1000);
  core::writeDicomSeries(written, dir.path().toStdString(), {});

  VolumeLoader loader;
  QSignalSpy preview(&loader, &VolumeLoader::previewReady);
  QSignalSpy finished(&loader, &VolumeLoader::finished);
  loader.load({dir.path()});
  ASSERT_TRUE(finished.wait(10000));
  ASSERT_EQ(preview.size(), 1);
  const auto first = preview.first().first().value<LoadedVolume>();
  const auto whole = finished.first().first().value<LoadedVolume>();
  ASSERT_FALSE(whole.error.has_value());
  EXPECT_TRUE(first.preview);
  EXPECT_FALSE(whole.preview);
  ASSERT_EQ(first.volume->size()[2], 1u);
  const std::size_t k = 20;  // the middle of 40 slices
  const core::Vec3 at = first.volume->indexToWorld({0, 0, 0});
  const core::Vec3 expected = whole.volume->indexToWorld({0, 0, double(k)});
  for (int axis = 0; axis < 3; ++axis) EXPECT_NEAR(at[axis], expected[axis], 1e-6);
  const std::size_t sliceBytes = first.volume->byteSize();
  EXPECT_EQ(
      std::memcmp(first.volume->data(),
                  static_cast<const std::byte*>(whole.volume->data()) + k * sliceBytes, sliceBytes),
      0);
}

}  // namespace
}  // namespace lumen::app
