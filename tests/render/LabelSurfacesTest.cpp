// The 3D surfaces of the labels being drawn: one contour per visible label, at the label's
// boundary, coloured by label value, following edits and visibility.
#include "render/LabelSurfaces.h"

#include <gtest/gtest.h>
#include <vtkActor.h>
#include <vtkDataArray.h>
#include <vtkMapper.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

constexpr double kRadius = 8.0;  // mm, the ball of label 3

/// 40³ voxels of 1 mm: a ball of label 3 centred at (20, 20, 20) and a block of label 5.
std::shared_ptr<core::Volume> labels() {
  core::VolumeGeometry g;
  g.size = {40, 40, 40};
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  auto* v = static_cast<std::uint8_t*>(volume->data());
  for (std::size_t k = 0; k < 40; ++k)
    for (std::size_t j = 0; j < 40; ++j)
      for (std::size_t i = 0; i < 40; ++i) {
        const double d = std::hypot(i - 20.0, j - 20.0, k - 20.0);
        std::uint8_t value = d <= kRadius ? 3 : 0;
        if (i >= 32 && i < 38 && j >= 2 && j < 8 && k >= 2 && k < 8) value = 5;
        v[volume->offset(i, j, k)] = value;
      }
  return volume;
}

vtkPolyData* surfaceOf(const LabelSurfaces& surfaces) {
  return vtkPolyData::SafeDownCast(surfaces.actor()->GetMapper()->GetInput());
}

TEST(LabelSurfaces, ContoursEachVisibleLabelAtItsBoundaryAndFollowsEdits) {
  const auto volume = labels();
  LabelSurfaces surfaces;
  surfaces.setDisplay({{{3, {1.0, 0.0, 0.0}, true}, {5, {0.0, 0.0, 1.0}, false}}, false});
  surfaces.setLabels(std::make_shared<const VolumeImage>(volume));
  ASSERT_GT(surfaces.triangleCount(), 100);
  EXPECT_TRUE(surfaces.actor()->GetVisibility());
  // Every point of the surface lies on the ball's boundary (within a voxel), none at the hidden
  // block; every point carries label 3.
  vtkPolyData* surface = surfaceOf(surfaces);
  vtkDataArray* values = surface->GetPointData()->GetScalars();
  ASSERT_NE(values, nullptr);
  for (vtkIdType n = 0; n < surface->GetNumberOfPoints(); ++n) {
    double p[3];
    surface->GetPoint(n, p);
    EXPECT_NEAR(std::hypot(p[0] - 20.0, p[1] - 20.0, p[2] - 20.0), kRadius, 1.0);
    EXPECT_EQ(values->GetTuple1(n), 3.0);
  }
  const long ball = surfaces.triangleCount();

  // Showing label 5 adds its block; clearing the ball in place and labelsChanged() leaves it.
  surfaces.setDisplay({{{3, {1.0, 0.0, 0.0}, true}, {5, {0.0, 0.0, 1.0}, true}}, false});
  EXPECT_GT(surfaces.triangleCount(), ball);
  auto* v = static_cast<std::uint8_t*>(volume->data());
  std::replace(v, v + volume->voxelCount(), std::uint8_t{3}, std::uint8_t{0});
  surfaces.labelsChanged();
  surface = surfaceOf(surfaces);
  ASSERT_GT(surface->GetNumberOfPoints(), 0);
  for (vtkIdType n = 0; n < surface->GetNumberOfPoints(); ++n)
    EXPECT_EQ(surface->GetPointData()->GetScalars()->GetTuple1(n), 5.0);
  surfaces.setLabels(nullptr);
  EXPECT_EQ(surfaces.triangleCount(), 0);
  EXPECT_FALSE(surfaces.actor()->GetVisibility());
}

}  // namespace
}  // namespace lumen::render
