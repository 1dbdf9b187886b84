#include "render/AnnotationLayer.h"

#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>

#include <algorithm>

#include "render/VolumeImage.h"

namespace lumen::render {

struct AnnotationLayer::Impl {
  vtkNew<vtkImageSliceMapper> mapper;
  vtkNew<vtkImageSlice> slice;
  vtkNew<vtkLookupTable> table;
};

AnnotationLayer::AnnotationLayer() : m_impl(std::make_unique<Impl>()) {
  // 256 bins centred on the label values 0 … 255.
  m_impl->table->SetNumberOfTableValues(256);
  m_impl->table->SetTableRange(-0.5, 255.5);
  for (int n = 0; n < 256; ++n) m_impl->table->SetTableValue(n, 0.0, 0.0, 0.0, 0.0);
  m_impl->slice->SetMapper(m_impl->mapper);
  vtkImageProperty* property = m_impl->slice->GetProperty();
  property->SetLookupTable(m_impl->table);
  property->UseLookupTableScalarRangeOn();
  property->SetLayerNumber(kLayer);
  property->SetInterpolationTypeToNearest();
  m_impl->slice->PickableOff();
  m_impl->slice->VisibilityOff();
}

AnnotationLayer::~AnnotationLayer() = default;

vtkImageSlice* AnnotationLayer::slice() const { return m_impl->slice; }

void AnnotationLayer::setLabels(std::shared_ptr<const VolumeImage> labels) {
  m_labels = std::move(labels);
  if (m_labels) {
    m_impl->mapper->SetInputData(m_labels->imageData());
    m_impl->slice->SetUserMatrix(m_labels->gridToWorld());
  } else {
    m_impl->mapper->SetInputData(nullptr);
  }
  m_impl->slice->SetVisibility(m_labels != nullptr);
}

const AnnotationLabelStyle* AnnotationDisplay::styleOf(int value) const {
  for (const AnnotationLabelStyle& style : styles) {
    if (style.value == value) return &style;
  }
  return nullptr;
}

void AnnotationLayer::setDisplay(const AnnotationDisplay& display) {
  for (int n = 0; n < 256; ++n) m_impl->table->SetTableValue(n, 0.0, 0.0, 0.0, 0.0);
  for (const AnnotationLabelStyle& style : display.styles) {
    if (style.value == 0) continue;
    const std::array<double, 3>& c = style.colour;
    m_impl->table->SetTableValue(
        style.value, c[0], c[1], c[2],
        style.visible && !display.outlineOnly ? std::clamp(style.opacity, 0.0, 1.0) : 0.0);
  }
  m_impl->table->Modified();
}

void AnnotationLayer::labelsChanged() {
  if (m_labels) m_labels->imageData()->Modified();
}

void AnnotationLayer::showSlice(int axis, int sliceNumber) {
  m_impl->mapper->SetOrientation(axis);
  m_impl->mapper->SetSliceNumber(sliceNumber);
}

}  // namespace lumen::render
