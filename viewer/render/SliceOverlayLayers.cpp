#include "render/SliceOverlayLayers.h"

#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>

#include <algorithm>

#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

constexpr int kTableSize = 256;

/// The table covers 256 bins centred on 0, 1, …, 255 units: a uint8 value v falls in bin v, a
/// float value x (unit 1/255) in bin round(255·x).
void setTableRange(vtkLookupTable* table, double unit) {
  table->SetTableRange(-0.5 * unit, (kTableSize - 0.5) * unit);
}

void prepareTable(vtkLookupTable* table) {
  table->SetNumberOfTableValues(kTableSize);
  setTableRange(table, 1.0);
}

/// The unit of the table's bins for `image`'s voxels: 1 for uint8, 1/255 for float 0…1.
double binUnit(const VolumeImage& image) {
  return image.volume().pixelType() == core::PixelType::UInt8 ? 1.0 : 1.0 / 255.0;
}

}  // namespace

struct SliceOverlayLayers::Impl {
  vtkNew<vtkImageSliceMapper> heatmapMapper;
  vtkNew<vtkImageSlice> heatmapSlice;
  vtkNew<vtkLookupTable> heatmapTable;
  vtkNew<vtkImageSliceMapper> labelMapper;
  vtkNew<vtkImageSlice> labelSlice;
  vtkNew<vtkLookupTable> labelTable;
};

SliceOverlayLayers::SliceOverlayLayers() : m_impl(std::make_unique<Impl>()) {
  prepareTable(m_impl->heatmapTable);
  prepareTable(m_impl->labelTable);
  const auto setUp = [](vtkImageSlice* slice, vtkImageSliceMapper* mapper, vtkLookupTable* table,
                        int layer) {
    slice->SetMapper(mapper);
    vtkImageProperty* property = slice->GetProperty();
    property->SetLookupTable(table);
    property->UseLookupTableScalarRangeOn();
    property->SetLayerNumber(layer);
    slice->PickableOff();
    slice->VisibilityOff();
  };
  setUp(m_impl->heatmapSlice, m_impl->heatmapMapper, m_impl->heatmapTable, kHeatmapLayer);
  setUp(m_impl->labelSlice, m_impl->labelMapper, m_impl->labelTable, kLabelLayer);
  m_impl->heatmapSlice->GetProperty()->SetInterpolationTypeToLinear();
  // Labels are categories: never blend two of them, and keep region edges on voxel edges.
  m_impl->labelSlice->GetProperty()->SetInterpolationTypeToNearest();
  applyStyle();
}

SliceOverlayLayers::~SliceOverlayLayers() = default;

vtkImageSlice* SliceOverlayLayers::heatmapSlice() const { return m_impl->heatmapSlice; }

vtkImageSlice* SliceOverlayLayers::labelSlice() const { return m_impl->labelSlice; }

void SliceOverlayLayers::setHeatmap(std::shared_ptr<const VolumeImage> heatmap) {
  m_heatmap = std::move(heatmap);
  if (m_heatmap) {
    m_impl->heatmapMapper->SetInputData(m_heatmap->imageData());
    m_impl->heatmapSlice->SetUserMatrix(m_heatmap->gridToWorld());
    setTableRange(m_impl->heatmapTable, binUnit(*m_heatmap));
    applyStyle();  // the range changed: the table's values are set again after it
  } else {
    m_impl->heatmapMapper->SetInputData(nullptr);
  }
  applyVisibility();
}

void SliceOverlayLayers::setLabelMap(std::shared_ptr<const VolumeImage> labels) {
  m_labels = std::move(labels);
  if (m_labels) {
    m_impl->labelMapper->SetInputData(m_labels->imageData());
    m_impl->labelSlice->SetUserMatrix(m_labels->gridToWorld());
  } else {
    m_impl->labelMapper->SetInputData(nullptr);
  }
  applyVisibility();
}

void SliceOverlayLayers::setStyle(const OverlayStyle& style) {
  m_style.heatmapOpacity = std::clamp(style.heatmapOpacity, 0.0, 1.0);
  m_style.heatmapCutoff = std::clamp(style.heatmapCutoff, 0.0, 1.0);
  m_style.labelOpacity = std::clamp(style.labelOpacity, 0.0, 1.0);
  applyStyle();
}

void SliceOverlayLayers::applyStyle() {
  // Bin n holds the value n / 255. Below the cut-off a bin is transparent but keeps the cut-off's
  // colour, so linear interpolation at a hot region's edge fades out instead of darkening.
  const std::array<double, 3> cutoffColour = heatmapColour(m_style.heatmapCutoff);
  for (int n = 0; n < kTableSize; ++n) {
    const double value = n / 255.0;
    // A bin exactly at the cut-off (within rounding) is shown.
    const bool shown = value >= m_style.heatmapCutoff - 1e-9;
    const std::array<double, 3> c = shown ? heatmapColour(value) : cutoffColour;
    m_impl->heatmapTable->SetTableValue(n, c[0], c[1], c[2], shown ? m_style.heatmapOpacity : 0.0);
  }
  for (int n = 0; n < kTableSize; ++n) {
    const std::array<double, 3> c = labelColour(n);
    m_impl->labelTable->SetTableValue(n, c[0], c[1], c[2], n == 0 ? 0.0 : m_style.labelOpacity);
  }
  m_impl->heatmapTable->Modified();
  m_impl->labelTable->Modified();
}

void SliceOverlayLayers::setVisible(bool visible) {
  m_visible = visible;
  applyVisibility();
}

void SliceOverlayLayers::applyVisibility() {
  m_impl->heatmapSlice->SetVisibility(m_visible && m_heatmap != nullptr);
  m_impl->labelSlice->SetVisibility(m_visible && m_labels != nullptr);
}

void SliceOverlayLayers::showSlice(int axis, int sliceNumber) {
  for (vtkImageSliceMapper* mapper : {m_impl->heatmapMapper.Get(), m_impl->labelMapper.Get()}) {
    mapper->SetOrientation(axis);
    mapper->SetSliceNumber(sliceNumber);
  }
}

}  // namespace lumen::render
