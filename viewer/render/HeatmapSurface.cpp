#include "render/HeatmapSurface.h"

#include <vtkActor.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkImageShrink3D.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>
#include <cmath>

#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

/// The iso-value of `cutoff` (0…1) in the heatmap's stored values. For uint8, halfway between the
/// stored value nearest the cut-off and the one below, so a voxel at the cut-off lies inside, as
/// the slice views show it.
double contourValue(core::PixelType type, double cutoff) {
  if (type != core::PixelType::UInt8) return cutoff;
  return std::max(std::round(cutoff * 255.0), 1.0) - 0.5;
}

}  // namespace

struct HeatmapSurface::Impl {
  vtkNew<vtkFlyingEdges3D> contour;
  vtkNew<vtkPolyData> surface;  // the last contour, detached from the pipeline
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
};

HeatmapSurface::HeatmapSurface() : m_impl(std::make_unique<Impl>()) {
  m_impl->contour->ComputeNormalsOn();
  m_impl->contour->ComputeScalarsOff();
  m_impl->contour->ComputeGradientsOff();
  m_impl->mapper->SetInputData(m_impl->surface);
  m_impl->mapper->ScalarVisibilityOff();
  m_impl->actor->SetMapper(m_impl->mapper);
  m_impl->actor->PickableOff();
  m_impl->actor->VisibilityOff();
  vtkProperty* property = m_impl->actor->GetProperty();
  property->SetAmbient(0.3);
  property->SetDiffuse(0.7);
  property->SetSpecular(0.2);
  property->BackfaceCullingOff();
  applyAppearance();
}

HeatmapSurface::~HeatmapSurface() = default;

vtkActor* HeatmapSurface::actor() const { return m_impl->actor; }

int HeatmapSurface::subsamplingStep(double voxels) {
  if (!(voxels > kMaximumContourVoxels)) return 1;
  return static_cast<int>(std::ceil(std::cbrt(voxels / kMaximumContourVoxels)));
}

void HeatmapSurface::contourSubsampled(vtkImageData* image, vtkPolyDataAlgorithm* contour,
                                       vtkPolyData* surface) {
  int dimensions[3];
  image->GetDimensions(dimensions);
  const int step =
      subsamplingStep(static_cast<double>(dimensions[0]) * dimensions[1] * dimensions[2]);
  vtkNew<vtkImageShrink3D> shrink;
  if (step > 1) {
    // Every step-th voxel from index 0, not an average: averaging would cost a pass over every
    // voxel, and would mix label values.
    shrink->AveragingOff();
    shrink->SetInputData(image);
    shrink->SetShrinkFactors(step, step, step);
    shrink->SetShift(0, 0, 0);
    contour->SetInputConnection(shrink->GetOutputPort());
  } else {
    contour->SetInputData(image);
  }
  contour->Update();
  surface->ShallowCopy(contour->GetOutput());
  contour->RemoveAllInputConnections(0);
}

void HeatmapSurface::setHeatmap(std::shared_ptr<const VolumeImage> heatmap) {
  if (heatmap == m_heatmap) return;  // already contoured
  m_heatmap = std::move(heatmap);
  if (m_heatmap) m_impl->actor->SetUserMatrix(m_heatmap->gridToWorld());
  contour();
}

void HeatmapSurface::setStyle(const OverlayStyle& style) {
  const bool recontour = style.heatmapCutoff != m_style.heatmapCutoff;
  m_style = style;
  applyAppearance();
  if (recontour) contour();
}

void HeatmapSurface::setVisible(bool visible) {
  m_visible = visible;
  m_impl->actor->SetVisibility(m_visible && m_heatmap != nullptr);
}

void HeatmapSurface::contour() {
  m_impl->surface->Initialize();
  // A 2D heatmap (a radiograph's) has no surface: flying edges needs two voxels along each axis.
  const bool flat =
      m_heatmap && std::min({m_heatmap->volume().size()[0], m_heatmap->volume().size()[1],
                             m_heatmap->volume().size()[2]}) < 2;
  if (m_heatmap && !flat) {
    m_impl->contour->SetValue(0,
                              contourValue(m_heatmap->volume().pixelType(), m_style.heatmapCutoff));
    contourSubsampled(m_heatmap->imageData(), m_impl->contour, m_impl->surface);
  }
  m_impl->surface->Modified();
  m_impl->actor->SetVisibility(m_visible && m_heatmap != nullptr);
}

void HeatmapSurface::applyAppearance() {
  const std::array<double, 3> colour = heatmapColour(m_style.heatmapCutoff);
  vtkProperty* property = m_impl->actor->GetProperty();
  property->SetColor(colour[0], colour[1], colour[2]);
  property->SetOpacity(std::clamp(m_style.heatmapOpacity, 0.0, 1.0));
}

long HeatmapSurface::triangleCount() const {
  return m_heatmap ? static_cast<long>(m_impl->surface->GetNumberOfPolys()) : 0;
}

}  // namespace lumen::render
