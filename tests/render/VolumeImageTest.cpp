#include "render/VolumeImage.h"

#include <gtest/gtest.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>

#include <cmath>
#include <cstdint>

namespace lumen::render {
namespace {

std::shared_ptr<core::Volume> makeVolume() {
  core::VolumeGeometry g;
  g.size = {6, 5, 4};
  g.spacing = {0.5, 0.75, 3.0};
  g.origin = {12.0, -40.0, 7.5};
  const double c = std::cos(0.4), s = std::sin(0.4);
  g.direction = {{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n) v[n] = static_cast<std::int16_t>(n);
  return volume;
}

TEST(VolumeImage, WrapsTheVolumeBufferWithoutCopying) {
  const auto volume = makeVolume();
  const VolumeImage image(volume);
  vtkDataArray* scalars = image.imageData()->GetPointData()->GetScalars();
  ASSERT_NE(scalars, nullptr);
  EXPECT_EQ(scalars->GetVoidPointer(0), volume->data());
  EXPECT_EQ(scalars->GetNumberOfTuples(), static_cast<vtkIdType>(volume->voxelCount()));
  EXPECT_EQ(scalars->GetDataType(), VTK_SHORT);
  int dims[3];
  image.imageData()->GetDimensions(dims);
  EXPECT_EQ(dims[0], 6);
  EXPECT_EQ(dims[1], 5);
  EXPECT_EQ(dims[2], 4);
  EXPECT_EQ(image.imageData()->GetScalarComponentAsDouble(5, 4, 3, 0), volume->valueAt(5, 4, 3));
}

TEST(VolumeImage, VtkKeepsTheVoxelsAliveAsLongAsItUsesThem) {
  std::shared_ptr<core::Volume> volume = makeVolume();
  const std::weak_ptr<core::Volume> watch = volume;
  vtkSmartPointer<vtkImageData> heldByAMapper;
  {
    const VolumeImage image(std::move(volume));
    heldByAMapper = image.imageData();
  }
  ASSERT_FALSE(watch.expired()) << "the voxels were freed while VTK still points at them";
  EXPECT_EQ(heldByAMapper->GetScalarComponentAsDouble(5, 4, 3, 0), 119.0);
  heldByAMapper = nullptr;
  EXPECT_TRUE(watch.expired()) << "VTK leaks the volume";
}

TEST(VolumeImage, GridToWorldPlacesEveryVoxelAtItsLpsPosition) {
  const auto volume = makeVolume();
  const VolumeImage image(volume);
  for (const core::Vec3& index : {core::Vec3{0, 0, 0}, core::Vec3{5, 4, 3}, core::Vec3{2, 1, 3}}) {
    double grid[4];
    image.imageData()->GetPoint(
        image.imageData()->ComputePointId(std::array<int, 3>{
            static_cast<int>(index[0]), static_cast<int>(index[1]), static_cast<int>(index[2])}
                                              .data()),
        grid);
    grid[3] = 1.0;
    double world[4];
    image.gridToWorld()->MultiplyPoint(grid, world);
    const core::Vec3 expected = volume->indexToWorld(index);
    for (int a = 0; a < 3; ++a) EXPECT_NEAR(world[a], expected[a], 1e-9);
  }
}

}  // namespace
}  // namespace lumen::render
