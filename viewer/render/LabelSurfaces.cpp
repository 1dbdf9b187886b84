#include "render/LabelSurfaces.h"

#include <vtkActor.h>
#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>

#include "render/HeatmapSurface.h"
#include "render/VolumeImage.h"

namespace lumen::render {

struct LabelSurfaces::Impl {
  vtkNew<vtkDiscreteFlyingEdges3D> contour;
  vtkNew<vtkPolyData> surface;  // the last contour, detached from the pipeline
  vtkNew<vtkLookupTable> colours;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
};

LabelSurfaces::LabelSurfaces() : m_impl(std::make_unique<Impl>()) {
  m_impl->contour->ComputeNormalsOn();
  m_impl->contour->ComputeScalarsOn();  // each triangle's label value, for its colour
  m_impl->contour->ComputeGradientsOff();
  m_impl->colours->SetNumberOfTableValues(256);
  m_impl->colours->SetTableRange(-0.5, 255.5);
  m_impl->mapper->SetInputData(m_impl->surface);
  m_impl->mapper->SetLookupTable(m_impl->colours);
  m_impl->mapper->UseLookupTableScalarRangeOn();
  m_impl->mapper->ScalarVisibilityOn();
  m_impl->actor->SetMapper(m_impl->mapper);
  m_impl->actor->PickableOff();
  m_impl->actor->VisibilityOff();
  vtkProperty* property = m_impl->actor->GetProperty();
  property->SetAmbient(0.3);
  property->SetDiffuse(0.7);
  property->SetSpecular(0.2);
}

LabelSurfaces::~LabelSurfaces() = default;

vtkActor* LabelSurfaces::actor() const { return m_impl->actor; }

void LabelSurfaces::setLabels(std::shared_ptr<const VolumeImage> labels) {
  m_labels = std::move(labels);
  if (m_labels) m_impl->actor->SetUserMatrix(m_labels->gridToWorld());
  contour();
}

void LabelSurfaces::setDisplay(const AnnotationDisplay& display) {
  const auto visibleValues = [](const AnnotationDisplay& d) {
    std::vector<int> values;
    for (const AnnotationLabelStyle& style : d.styles) {
      if (style.visible) values.push_back(style.value);
    }
    return values;
  };
  const bool recontour = visibleValues(display) != visibleValues(m_display);
  m_display = display;
  for (int n = 0; n < 256; ++n) m_impl->colours->SetTableValue(n, 0.8, 0.8, 0.8, 1.0);
  for (const AnnotationLabelStyle& style : display.styles) {
    m_impl->colours->SetTableValue(style.value, style.colour[0], style.colour[1], style.colour[2],
                                   1.0);
  }
  m_impl->colours->Modified();
  if (recontour) contour();
}

void LabelSurfaces::labelsChanged() {
  if (m_labels) contour();
}

void LabelSurfaces::contour() {
  m_impl->surface->Initialize();
  m_impl->contour->SetNumberOfContours(0);
  int contours = 0;
  for (const AnnotationLabelStyle& style : m_display.styles) {
    if (style.visible && style.value != 0) m_impl->contour->SetValue(contours++, style.value);
  }
  const core::Volume* volume = m_labels ? &m_labels->volume() : nullptr;
  // A single slice (a radiograph's labels) has no surface.
  const bool flat =
      volume && std::min({volume->size()[0], volume->size()[1], volume->size()[2]}) < 2;
  if (volume && !flat && contours > 0) {
    HeatmapSurface::contourSubsampled(m_labels->imageData(), m_impl->contour, m_impl->surface);
  }
  m_impl->surface->Modified();
  m_impl->actor->SetVisibility(m_labels != nullptr && m_impl->surface->GetNumberOfPolys() > 0);
}

long LabelSurfaces::triangleCount() const {
  return m_labels ? static_cast<long>(m_impl->surface->GetNumberOfPolys()) : 0;
}

}  // namespace lumen::render
