#include "render/SliceScene.h"

#include <vtkCamera.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkImageStack.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "render/OverlayGeometry.h"
#include "render/SliceOverlayLayers.h"
#include "render/VolumeGeometryMath.h"
#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

constexpr double kMinimumZoom = 0.05;
constexpr double kMaximumZoom = 64.0;

/// The volume axis along `direction` (the view's axes are ± volume axes, see viewAxes).
int axisAlong(const core::Volume& volume, const core::Vec3& direction) {
  const core::Mat3& d = volume.geometry().direction;
  int best = 0;
  double bestCosine = -1.0;
  for (int axis = 0; axis < 3; ++axis) {
    const double cosine = std::abs(dot({d[0][axis], d[1][axis], d[2][axis]}, direction));
    if (cosine > bestCosine) {
      bestCosine = cosine;
      best = axis;
    }
  }
  return best;
}

bool alongPositiveAxis(const core::Volume& volume, int axis, const core::Vec3& direction) {
  const core::Mat3& d = volume.geometry().direction;
  return dot({d[0][axis], d[1][axis], d[2][axis]}, direction) >= 0.0;
}

}  // namespace

struct SliceScene::Impl {
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkImageSliceMapper> sliceMapper;   // one plane of voxels, as stored
  vtkNew<vtkImageResliceMapper> slabMapper;  // a thick slab, projected
  vtkNew<vtkImageSlice> slice;
  vtkNew<vtkLookupTable> invertedGrey;
  // The image (layer 0) with the result overlays above it, composited on one plane.
  vtkNew<vtkImageStack> stack;
  SliceOverlayLayers overlays;
  AnnotationLayer annotation;  // the labels being drawn, above the AI results
  Interval right;              // extent of the volume's voxel centres along the screen axes, mm
  Interval up;
  double fittedHalfHeight = 1.0;  // parallel scale at zoom 1, mm
};

SliceScene::SliceScene(SliceOrientation orientation)
    : m_orientation(orientation), m_impl(std::make_unique<Impl>()), m_axes(viewAxes(orientation)) {
  m_impl->renderer->SetBackground(0.0, 0.0, 0.0);
  // Opaque, so the frame Qt composes needs no alpha fix (VTK's default background alpha is 0).
  m_impl->renderer->SetBackgroundAlpha(1.0);
  m_impl->renderer->GetActiveCamera()->ParallelProjectionOn();
  m_impl->slabMapper->SliceFacesCameraOn();
  m_impl->slabMapper->SliceAtFocalPointOn();
  m_impl->slice->SetMapper(m_impl->sliceMapper);
  m_impl->slice->GetProperty()->SetInterpolationTypeToLinear();
  m_impl->invertedGrey->SetNumberOfTableValues(256);
  m_impl->invertedGrey->SetHueRange(0.0, 0.0);
  m_impl->invertedGrey->SetSaturationRange(0.0, 0.0);
  m_impl->invertedGrey->SetValueRange(1.0, 0.0);
  m_impl->invertedGrey->SetRampToLinear();
  m_impl->invertedGrey->Build();
  m_impl->slice->GetProperty()->SetLayerNumber(0);
  m_impl->stack->AddImage(m_impl->slice);
  m_impl->stack->AddImage(m_impl->overlays.heatmapSlice());
  m_impl->stack->AddImage(m_impl->overlays.labelSlice());
  m_impl->stack->AddImage(m_impl->annotation.slice());
  m_impl->stack->SetActiveLayer(0);
}

SliceScene::~SliceScene() = default;

vtkRenderer* SliceScene::renderer() const { return m_impl->renderer; }

const core::Volume& SliceScene::volume() const { return m_image->volume(); }

void SliceScene::setOrientation(SliceOrientation orientation) {
  m_orientation = orientation;
  if (!hasVolume()) {
    m_axes = viewAxes(orientation);
    return;
  }
  const core::Vec3 cursor = m_cursor;
  m_axes = viewAxes(orientation, volume());
  const Interval depth = projectedExtent(volume(), m_axes.into);
  const int axis = axisAlong(volume(), m_axes.into);
  m_first = depth.low;
  m_step = volume().geometry().spacing[axis];
  m_count = static_cast<int>(volume().size()[axis]);
  m_impl->right = projectedExtent(volume(), m_axes.right);
  m_impl->up = projectedExtent(volume(), m_axes.up);
  updateFit();
  m_impl->sliceMapper->SetOrientation(axis);
  m_zoom = 1.0;
  m_panRight = 0.0;
  m_panUp = 0.0;
  setCursor(cursor);
}

void SliceScene::setVolume(std::shared_ptr<const VolumeImage> image, const core::Window& window) {
  m_image = std::move(image);
  m_impl->sliceMapper->SetInputData(m_image->imageData());
  m_impl->slabMapper->SetInputData(m_image->imageData());
  m_impl->slice->SetUserMatrix(m_image->gridToWorld());
  m_impl->overlays.setHeatmap(nullptr);
  m_impl->overlays.setLabelMap(nullptr);
  m_impl->annotation.setLabels(nullptr);
  m_impl->renderer->RemoveAllViewProps();
  m_impl->renderer->AddViewProp(m_impl->stack);
  const core::Size3& size = volume().size();
  // The centre voxel (rounded down), so the first slice shown is a plane of voxel centres.
  m_cursor = volume().indexToWorld({static_cast<double>((size[0] - 1) / 2),
                                    static_cast<double>((size[1] - 1) / 2),
                                    static_cast<double>((size[2] - 1) / 2)});
  m_window = window;
  updateWindow();
  setOrientation(m_orientation);
}

void SliceScene::clearVolume() {
  m_image.reset();
  m_impl->overlays.setHeatmap(nullptr);
  m_impl->overlays.setLabelMap(nullptr);
  m_impl->annotation.setLabels(nullptr);
  m_impl->renderer->RemoveAllViewProps();
  m_impl->sliceMapper->SetInputData(nullptr);
  m_impl->slabMapper->SetInputData(nullptr);
}

void SliceScene::setWindow(const core::Window& window) {
  m_window = window;
  updateWindow();
}

void SliceScene::setInverted(bool inverted) {
  m_inverted = inverted;
  updateWindow();
}

void SliceScene::updateWindow() {
  vtkImageProperty* property = m_impl->slice->GetProperty();
  property->SetColorWindow(std::max(m_window.width, 1e-6));
  property->SetColorLevel(m_window.center);
  // With a lookup table, VTK maps the window onto the table instead of a black-to-white ramp.
  property->SetLookupTable(m_inverted ? m_impl->invertedGrey.GetPointer() : nullptr);
  property->UseLookupTableScalarRangeOff();
}

void SliceScene::setSlab(SlabMode mode, double thicknessMm) {
  m_slabMode = mode;
  m_slabThickness = std::max(thicknessMm, 0.0);
  vtkImageResliceMapper* slab = m_impl->slabMapper;
  switch (mode) {
    case SlabMode::Maximum:
      slab->SetSlabTypeToMax();
      break;
    case SlabMode::Minimum:
      slab->SetSlabTypeToMin();
      break;
    case SlabMode::Mean:
      slab->SetSlabTypeToMean();
      break;
    case SlabMode::Off:
      break;
  }
  slab->SetSlabThickness(m_slabThickness);
  if (mode == SlabMode::Off) {
    m_impl->slice->SetMapper(m_impl->sliceMapper);
  } else {
    m_impl->slice->SetMapper(m_impl->slabMapper);
  }
}

void SliceScene::setCursor(const core::Vec3& lps) {
  m_cursor = lps;
  if (!hasVolume()) return;
  const double along = (dot(lps, m_axes.into) - m_first) / m_step;
  m_index = std::clamp(static_cast<int>(std::lround(along)), 0, m_count - 1);
  updateSlice();
}

void SliceScene::scroll(int steps) {
  if (!hasVolume()) return;
  showSlice(m_index + steps);
}

void SliceScene::showSlice(int index) {
  if (!hasVolume()) return;
  m_index = std::clamp(index, 0, m_count - 1);
  updateSlice();
}

void SliceScene::updateSlice() {
  // The cursor lies on the slice shown.
  const double offset = slicePosition() - dot(m_cursor, m_axes.into);
  for (int a = 0; a < 3; ++a) m_cursor[a] += offset * m_axes.into[a];
  const auto [axis, number] = shownVoxelPlane();
  m_impl->sliceMapper->SetSliceNumber(number);
  // The overlays always show this plane of voxels; in slab mode that is the slab's centre slice
  // (a projected heatmap or label map would no longer say where in the slab a finding lies).
  m_impl->overlays.showSlice(axis, number);
  m_impl->annotation.showSlice(axis, number);
  updateCamera();
}

std::array<int, 2> SliceScene::shownVoxelPlane() const {
  const int axis = axisAlong(volume(), m_axes.into);
  const bool forward = alongPositiveAxis(volume(), axis, m_axes.into);
  return {axis, forward ? m_index : m_count - 1 - m_index};
}

void SliceScene::setHeatmap(std::shared_ptr<const VolumeImage> heatmap) {
  if (heatmap) {
    if (!hasVolume()) throw std::invalid_argument("a heatmap needs a volume shown under it");
    const std::string problem = heatmapProblem(heatmap->volume(), volume());
    if (!problem.empty()) throw std::invalid_argument(problem);
  }
  m_impl->overlays.setHeatmap(std::move(heatmap));
}

const VolumeImage* SliceScene::heatmap() const { return m_impl->overlays.heatmap(); }

void SliceScene::setLabelMap(std::shared_ptr<const VolumeImage> labels) {
  if (labels) {
    if (!hasVolume()) throw std::invalid_argument("a label map needs a volume shown under it");
    const std::string problem = labelMapProblem(labels->volume(), volume());
    if (!problem.empty()) throw std::invalid_argument(problem);
  }
  m_impl->overlays.setLabelMap(std::move(labels));
}

const VolumeImage* SliceScene::labelMap() const { return m_impl->overlays.labelMap(); }

void SliceScene::setAnnotation(std::shared_ptr<const VolumeImage> labels) {
  if (labels) {
    if (!hasVolume()) throw std::invalid_argument("labels need a volume shown under them");
    const std::string problem = labelMapProblem(labels->volume(), volume());
    if (!problem.empty()) throw std::invalid_argument(problem);
  }
  m_impl->annotation.setLabels(std::move(labels));
}

const VolumeImage* SliceScene::annotation() const { return m_impl->annotation.labels(); }

void SliceScene::setAnnotationDisplay(const AnnotationDisplay& display) {
  m_annotationDisplay = display;
  m_impl->annotation.setDisplay(display);
}

void SliceScene::annotationChanged() {
  m_impl->annotation.labelsChanged();
  ++m_annotationGeneration;
}

void SliceScene::setOverlayStyle(const OverlayStyle& style) { m_impl->overlays.setStyle(style); }

const OverlayStyle& SliceScene::overlayStyle() const { return m_impl->overlays.style(); }

void SliceScene::setOverlaysVisible(bool visible) { m_impl->overlays.setVisible(visible); }

bool SliceScene::overlaysVisible() const { return m_impl->overlays.visible(); }

std::vector<LabelEdge> SliceScene::labelOutline() const {
  const VolumeImage* labels = labelMap();
  if (labels == nullptr || !hasVolume()) return {};
  const auto [axis, number] = shownVoxelPlane();
  return render::labelOutline(labels->volume(), axis, number);
}

std::vector<LabelEdge> SliceScene::annotationOutline() const {
  const VolumeImage* labels = annotation();
  if (labels == nullptr || !hasVolume()) return {};
  const auto [axis, number] = shownVoxelPlane();
  std::vector<LabelEdge> edges = render::labelOutline(labels->volume(), axis, number);
  edges.erase(std::remove_if(edges.begin(), edges.end(),
                             [this](const LabelEdge& edge) {
                               const AnnotationLabelStyle* style =
                                   m_annotationDisplay.styleOf(edge.label);
                               return style == nullptr || !style->visible;
                             }),
              edges.end());
  return edges;
}

void SliceScene::setViewportSize(int width, int height) {
  m_width = std::max(width, 1);
  m_height = std::max(height, 1);
  if (!hasVolume()) return;
  updateFit();
  updateCamera();
}

void SliceScene::updateFit() {
  // Voxels are drawn as squares around their centres: fit their outer edges.
  const double width = m_impl->right.length() + stepAlong(volume(), m_axes.right);
  const double height = m_impl->up.length() + stepAlong(volume(), m_axes.up);
  m_impl->fittedHalfHeight = std::max(height, width * m_height / m_width) / 2.0;
}

void SliceScene::zoomAbout(double factor, double x, double y) {
  if (!hasVolume() || !(factor > 0.0)) return;
  const core::Vec3 anchor = screenToWorld(x, y);
  m_zoom = std::clamp(m_zoom * factor, kMinimumZoom, kMaximumZoom);
  const double mm = millimetresPerPixel();
  m_panRight = dot(anchor, m_axes.right) - (x - m_width / 2.0) * mm - m_impl->right.middle();
  m_panUp = dot(anchor, m_axes.up) - (m_height / 2.0 - y) * mm - m_impl->up.middle();
  updateCamera();
}

void SliceScene::pan(double dx, double dy) {
  if (!hasVolume()) return;
  m_panRight -= dx * millimetresPerPixel();
  m_panUp += dy * millimetresPerPixel();
  updateCamera();
}

void SliceScene::resetView() {
  m_zoom = 1.0;
  m_panRight = 0.0;
  m_panUp = 0.0;
  updateCamera();
}

double SliceScene::millimetresPerPixel() const {
  return 2.0 * m_impl->fittedHalfHeight / m_zoom / m_height;
}

core::Vec3 SliceScene::viewCentre() const {
  const double right = m_impl->right.middle() + m_panRight;
  const double up = m_impl->up.middle() + m_panUp;
  core::Vec3 centre{};
  for (int a = 0; a < 3; ++a) {
    centre[a] = right * m_axes.right[a] + up * m_axes.up[a] + slicePosition() * m_axes.into[a];
  }
  return centre;
}

core::Vec3 SliceScene::screenToWorld(double x, double y) const {
  const core::Vec3 centre = viewCentre();
  const double mm = millimetresPerPixel();
  const double right = (x - m_width / 2.0) * mm;
  const double up = (m_height / 2.0 - y) * mm;
  core::Vec3 world{};
  for (int a = 0; a < 3; ++a) world[a] = centre[a] + right * m_axes.right[a] + up * m_axes.up[a];
  return world;
}

std::array<double, 2> SliceScene::worldToScreen(const core::Vec3& lps) const {
  const core::Vec3 centre = viewCentre();
  const core::Vec3 d{lps[0] - centre[0], lps[1] - centre[1], lps[2] - centre[2]};
  const double mm = millimetresPerPixel();
  return {m_width / 2.0 + dot(d, m_axes.right) / mm, m_height / 2.0 - dot(d, m_axes.up) / mm};
}

void SliceScene::updateCamera() {
  if (!hasVolume()) return;
  const core::Vec3 focal = viewCentre();
  const double depth = projectedExtent(volume(), m_axes.into).length();
  const double distance = 1000.0 + depth;
  vtkCamera* camera = m_impl->renderer->GetActiveCamera();
  camera->SetFocalPoint(focal.data());
  camera->SetPosition(focal[0] - distance * m_axes.into[0], focal[1] - distance * m_axes.into[1],
                      focal[2] - distance * m_axes.into[2]);
  camera->SetViewUp(m_axes.up.data());
  camera->SetParallelScale(
      std::max(m_impl->fittedHalfHeight / m_zoom, std::numeric_limits<double>::epsilon()));
  camera->SetClippingRange(distance - 1.0, distance + 1.0);
}

}  // namespace lumen::render
