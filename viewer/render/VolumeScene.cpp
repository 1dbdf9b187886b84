#include "render/VolumeScene.h"

#include <vtkActor.h>
#include <vtkAnnotatedCubeActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkCommand.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMath.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkOutlineSource.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkTransform.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "render/HeatmapSurface.h"
#include "render/LabelSurfaces.h"
#include "render/OverlayGeometry.h"
#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

constexpr double kCoarsestSampleDistance = 8.0;
constexpr double kFirstSampleDistance = 4.0;
constexpr double kMarkerDistance = 5.0;

/// vtkSmartVolumeMapper keeps its ray caster to itself; Lumen sets the caster's image sample
/// distance directly to keep frames within budget.
class LumenVolumeMapper : public vtkSmartVolumeMapper {
 public:
  static LumenVolumeMapper* New();
  vtkTypeMacro(LumenVolumeMapper, vtkSmartVolumeMapper);
  vtkGPUVolumeRayCastMapper* rayCaster() { return GetGPUMapper(); }
  /// The ray step VTK locks to for `image` (half its mean spacing, less for small volumes), mm.
  double spacingStep(vtkImageData* image) {
    double spacing[3];
    int extent[6];
    image->GetSpacing(spacing);
    image->GetExtent(extent);
    return SpacingAdjustedSampleDistance(spacing, extent);
  }
};
vtkStandardNewMacro(LumenVolumeMapper);

/// The image sample distance at which a frame that took `seconds` at `distance` would take
/// `budget`: the number of rays goes with 1 / distance², so distance ∝ √time. (Under llvmpipe
/// that holds down to about 4 pixels per ray at 512²; beyond it frames get cheaper more slowly,
/// and the adaptation over the next frames takes over.)
double fittingDistance(double distance, double seconds, double budget) {
  return std::clamp(distance * std::sqrt(std::max(seconds, 1e-6) / budget), 1.0,
                    kCoarsestSampleDistance);
}

void normalize(double v[3]) {
  if (vtkMath::Normalize(v) == 0.0) v[0] = 1.0;
}

}  // namespace

struct VolumeScene::Impl {
  vtkNew<vtkRenderer> renderer;
  vtkNew<LumenVolumeMapper> mapper;
  vtkNew<vtkVolume> volume;
  vtkNew<vtkVolumeProperty> property;
  vtkNew<vtkColorTransferFunction> color;
  vtkNew<vtkPiecewiseFunction> opacity;

  vtkNew<vtkOutlineSource> outline;
  vtkNew<vtkPolyDataMapper> outlineMapper;
  vtkNew<vtkActor> outlineActor;

  HeatmapSurface heatmap;
  LabelSurfaces annotation;  // the labels being drawn

  vtkNew<vtkRenderer> markerRenderer;
  vtkNew<vtkAnnotatedCubeActor> marker;
  vtkNew<vtkCallbackCommand> followCamera;
  unsigned long followTag = 0;

  Impl();
  ~Impl() { markerRenderer->RemoveObserver(followTag); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  vtkCamera* camera() const { return renderer->GetActiveCamera(); }
  vtkGPUVolumeRayCastMapper* rayCaster() const { return mapper->rayCaster(); }

  /// Turns the marker's camera like the main camera, seen from a fixed distance.
  static void alignMarkerCamera(vtkObject*, unsigned long, void* impl, void*);
};

VolumeScene::Impl::Impl() {
  renderer->SetBackground(0.08, 0.09, 0.12);
  // Opaque, so the frame Qt composes needs no alpha fix (VTK's default background alpha is 0).
  renderer->SetBackgroundAlpha(1.0);
  property->SetColor(color);
  property->SetScalarOpacity(opacity);
  property->SetInterpolationTypeToLinear();
  property->ShadeOn();
  property->SetAmbient(0.25);
  property->SetDiffuse(0.8);
  property->SetSpecular(0.15);
  mapper->SetBlendModeToComposite();
  mapper->SetCroppingRegionFlagsToSubVolume();
  // Lumen adapts the sampling itself (adaptToFrameTime); VTK's own adaptation only works while
  // the render window is marked interactive and starts from full resolution.
  mapper->InteractiveAdjustSampleDistancesOff();
  mapper->AutoAdjustSampleDistancesOff();
  volume->SetMapper(mapper);
  volume->SetProperty(property);

  outlineMapper->SetInputConnection(outline->GetOutputPort());
  outlineActor->SetMapper(outlineMapper);
  outlineActor->GetProperty()->SetColor(1.0, 0.8, 0.2);
  outlineActor->GetProperty()->LightingOff();
  outlineActor->PickableOff();
  outlineActor->VisibilityOff();

  // LPS: +x is the patient's left, +y posterior, +z superior.
  marker->SetXPlusFaceText("L");
  marker->SetXMinusFaceText("R");
  marker->SetYPlusFaceText("P");
  marker->SetYMinusFaceText("A");
  marker->SetZPlusFaceText("S");
  marker->SetZMinusFaceText("I");
  marker->SetFaceTextScale(0.6);
  marker->SetTextEdgesVisibility(false);
  marker->GetCubeProperty()->SetColor(0.3, 0.33, 0.4);
  for (vtkProperty* face : {marker->GetXPlusFaceProperty(), marker->GetXMinusFaceProperty()}) {
    face->SetColor(1.0, 0.55, 0.5);
  }
  for (vtkProperty* face : {marker->GetYPlusFaceProperty(), marker->GetYMinusFaceProperty()}) {
    face->SetColor(0.55, 1.0, 0.55);
  }
  for (vtkProperty* face : {marker->GetZPlusFaceProperty(), marker->GetZMinusFaceProperty()}) {
    face->SetColor(0.6, 0.75, 1.0);
  }
  marker->VisibilityOff();
  markerRenderer->SetLayer(1);  // drawn over the volume, without clearing it
  markerRenderer->SetViewport(0.82, 0.0, 1.0, 0.18);
  markerRenderer->InteractiveOff();
  markerRenderer->AddViewProp(marker);
  vtkCamera* markerCamera = markerRenderer->GetActiveCamera();
  markerCamera->ParallelProjectionOn();
  markerCamera->SetParallelScale(0.95);  // the unit cube's diagonal, 1.73, fits in any turn
  followCamera->SetCallback(&Impl::alignMarkerCamera);
  followCamera->SetClientData(this);
  followTag = markerRenderer->AddObserver(vtkCommand::StartEvent, followCamera);
}

void VolumeScene::Impl::alignMarkerCamera(vtkObject*, unsigned long, void* impl, void*) {
  auto* self = static_cast<Impl*>(impl);
  vtkCamera* main = self->camera();
  vtkCamera* marker = self->markerRenderer->GetActiveCamera();
  double direction[3];
  main->GetDirectionOfProjection(direction);
  marker->SetFocalPoint(0.0, 0.0, 0.0);
  marker->SetPosition(-kMarkerDistance * direction[0], -kMarkerDistance * direction[1],
                      -kMarkerDistance * direction[2]);
  marker->SetViewUp(main->GetViewUp());
  self->markerRenderer->ResetCameraClippingRange();
}

VolumeScene::VolumeScene() : m_impl(std::make_unique<Impl>()) {}

VolumeScene::~VolumeScene() = default;

vtkRenderer* VolumeScene::renderer() const { return m_impl->renderer; }

vtkRenderer* VolumeScene::markerRenderer() const { return m_impl->markerRenderer; }

void VolumeScene::setVolume(std::shared_ptr<const VolumeImage> image,
                            const core::IntensityStatistics& statistics) {
  m_image = std::move(image);
  m_statistics.emplace(statistics);
  m_impl->mapper->SetInputData(m_image->imageData());
  m_impl->volume->SetUserMatrix(m_image->gridToWorld());
  m_impl->outlineActor->SetUserMatrix(m_image->gridToWorld());
  m_impl->renderer->RemoveAllViewProps();
  m_impl->renderer->AddViewProp(m_impl->volume);
  m_impl->renderer->AddViewProp(m_impl->outlineActor);
  m_impl->heatmap.setHeatmap(nullptr);
  m_impl->renderer->AddViewProp(m_impl->heatmap.actor());
  m_impl->annotation.setLabels(nullptr);
  m_impl->renderer->AddViewProp(m_impl->annotation.actor());
  m_impl->marker->VisibilityOn();

  setPreset(defaultPreset(statistics));
  applyRayStep();
  m_cropBox = CropBox{};
  m_cropping = false;
  applyCropBox();
  resetCamera();

  setImageSampleDistance(kFirstSampleDistance);
  m_firstFrame = true;
  forgetTimings();
}

VolumePreset VolumeScene::defaultPreset(const core::IntensityStatistics& statistics) {
  return statistics.minimum() <= -500.0 ? VolumePreset::CtBone : VolumePreset::MrDefault;
}

void VolumeScene::setPreset(VolumePreset preset) {
  m_preset = preset;
  m_shading = volumePresetRendering(preset).shading;
  applyPreset();
  forgetTimings();
}

void VolumeScene::setShading(bool on) {
  m_shading = on;
  applyShading();
  forgetTimings();
}

void VolumeScene::applyPreset() {
  if (!m_statistics) return;
  const VolumePresetRendering rendering =
      applyVolumePreset(m_preset, *m_statistics, m_impl->color, m_impl->opacity);
  if (rendering.maximumIntensity) {
    m_impl->mapper->SetBlendModeToMaximumIntensity();
  } else {
    m_impl->mapper->SetBlendModeToComposite();
  }
  applyShading();
}

bool VolumeScene::shadedNow() const {
  return m_shading && !volumePresetRendering(m_preset).maximumIntensity &&
         !(m_interacting && m_flatWhileInteracting);
}

void VolumeScene::applyShading() { m_impl->property->SetShade(shadedNow()); }

void VolumeScene::forgetTimings() {
  // What a frame costs depends on the volume, the preset and the shading.
  m_timed = {};
  m_flatWhileInteracting = false;
  applyShading();
}

void VolumeScene::rotate(double horizontalDegrees, double verticalDegrees) {
  vtkCamera* camera = m_impl->camera();
  double focal[3], up[3], direction[3], right[3];
  camera->GetFocalPoint(focal);
  camera->GetViewUp(up);
  camera->GetDirectionOfProjection(direction);
  vtkMath::Cross(direction, up, right);
  normalize(right);
  // About the view-up axis first, then about the horizontal axis that turn leaves; the view-up
  // vector turns with the camera.
  vtkNew<vtkTransform> turn;
  turn->Translate(focal);
  turn->RotateWXYZ(horizontalDegrees, up);
  turn->RotateWXYZ(verticalDegrees, -right[0], -right[1], -right[2]);
  turn->Translate(-focal[0], -focal[1], -focal[2]);
  camera->ApplyTransform(turn);
  camera->OrthogonalizeViewUp();
  m_impl->renderer->ResetCameraClippingRange();
}

void VolumeScene::zoom(double factor) {
  if (!(factor > 0.0) || !std::isfinite(factor)) return;
  vtkCamera* camera = m_impl->camera();
  if (camera->GetParallelProjection()) {
    camera->SetParallelScale(camera->GetParallelScale() / factor);
  } else {
    camera->Dolly(factor);
  }
  m_impl->renderer->ResetCameraClippingRange();
}

void VolumeScene::pan(double dxPixels, double dyPixels, double viewportHeightPixels) {
  if (!(viewportHeightPixels > 0.0)) return;
  vtkCamera* camera = m_impl->camera();
  double focal[3], position[3], up[3], direction[3], right[3];
  camera->GetFocalPoint(focal);
  camera->GetPosition(position);
  camera->GetDirectionOfProjection(direction);
  camera->GetViewUp(up);
  vtkMath::Cross(direction, up, right);
  normalize(right);
  vtkMath::Cross(right, direction, up);
  normalize(up);
  // Height of the view in the focal plane, mm.
  const double height =
      camera->GetParallelProjection()
          ? 2.0 * camera->GetParallelScale()
          : 2.0 * camera->GetDistance() *
                std::tan(vtkMath::RadiansFromDegrees(camera->GetViewAngle()) / 2.0);
  const double mmPerPixel = height / viewportHeightPixels;
  for (int axis = 0; axis < 3; ++axis) {
    // The camera moves against the scene: left when the scene moves right, up when it moves down.
    const double shift = (-dxPixels * right[axis] + dyPixels * up[axis]) * mmPerPixel;
    focal[axis] += shift;
    position[axis] += shift;
  }
  camera->SetFocalPoint(focal);
  camera->SetPosition(position);
  m_impl->renderer->ResetCameraClippingRange();
}

void VolumeScene::resetCamera() {
  // Seen from the front (anterior is −y in LPS), superior up, turned a little for depth.
  vtkCamera* camera = m_impl->camera();
  camera->SetFocalPoint(0.0, 0.0, 0.0);
  camera->SetPosition(0.0, -1.0, 0.0);
  camera->SetViewUp(0.0, 0.0, 1.0);
  camera->Azimuth(25.0);
  camera->Elevation(10.0);
  camera->OrthogonalizeViewUp();
  m_impl->renderer->ResetCamera();
}

void VolumeScene::setCropBox(const CropBox& box) {
  const CropBox whole;
  for (int n = 0; n < 6; ++n) {
    const double value = box.bounds[n];
    m_cropBox.bounds[n] = std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : whole.bounds[n];
  }
  for (int axis = 0; axis < 3; ++axis) {
    double& low = m_cropBox.bounds[2 * axis];
    low = std::min(low, m_cropBox.bounds[2 * axis + 1]);
  }
  applyCropBox();
}

void VolumeScene::setCropping(bool on) {
  m_cropping = on;
  applyCropBox();
}

void VolumeScene::applyCropBox() {
  if (!m_image) return;
  // The mapper works in grid coordinates (index × spacing); the volume's user matrix places
  // them in the patient.
  const core::VolumeGeometry& geometry = m_image->volume().geometry();
  double planes[6];
  for (int axis = 0; axis < 3; ++axis) {
    const double length = static_cast<double>(geometry.size[axis] - 1) * geometry.spacing[axis];
    planes[2 * axis] = m_cropBox.bounds[2 * axis] * length;
    planes[2 * axis + 1] = m_cropBox.bounds[2 * axis + 1] * length;
  }
  m_impl->mapper->SetCroppingRegionPlanes(planes);
  m_impl->mapper->SetCropping(m_cropping);
  m_impl->outline->SetBounds(planes);
  m_impl->outlineActor->SetVisibility(m_cropping);
}

double VolumeScene::budget() const {
  return m_interacting ? kInteractiveFrameBudget : kFrameBudget;
}

double VolumeScene::rayStepFactor() const {
  return m_interacting ? kInteractiveRayStepFactor : 1.0;
}

void VolumeScene::applyRayStep() {
  if (!m_image) return;
  const double step = m_impl->mapper->spacingStep(m_image->imageData());
  // vtkSmartVolumeMapper passes its sample distance to the ray caster at every render; locked,
  // the ray caster uses its own spacing-based step whatever it is given.
  m_impl->mapper->SetSampleDistance(static_cast<float>(step * rayStepFactor()));
  m_impl->rayCaster()->SetLockSampleDistanceToInputSpacing(!m_interacting);
}

double VolumeScene::raySampleDistance() const { return m_impl->mapper->GetSampleDistance(); }

void VolumeScene::setInteracting(bool on) {
  if (on == m_interacting) return;
  const Timing last = m_timed[m_interacting ? 1 : 0];
  m_interacting = on;
  applyRayStep();
  applyShading();
  // Start from what the last timed frame says fits the new budget, rather than from whatever
  // the old budget allowed: the first frame of a drag is already cheap, the first after it
  // already fine. Without a frame of the new mode yet, take the old mode's last one: its time
  // goes with the number of samples along its rays.
  const Timing& known = m_timed[m_interacting ? 1 : 0];
  if (known.seconds > 0.0) {
    setImageSampleDistance(fittingDistance(known.distance, known.seconds, budget()));
  } else if (last.seconds > 0.0) {
    const double samples = on ? 1.0 / kInteractiveRayStepFactor : kInteractiveRayStepFactor;
    setImageSampleDistance(fittingDistance(last.distance, last.seconds * samples, budget()));
  }
}

double VolumeScene::imageSampleDistance() const {
  return m_impl->rayCaster()->GetImageSampleDistance();
}

void VolumeScene::setImageSampleDistance(double distance) {
  m_impl->rayCaster()->SetImageSampleDistance(distance);
}

bool VolumeScene::adaptToFrameTime(double seconds) {
  if (m_firstFrame) {
    // The first frame of a volume also uploads it to the GPU: time the next one instead.
    m_firstFrame = false;
    return !m_interacting && imageSampleDistance() > 1.0;
  }
  const double current = imageSampleDistance();
  if (m_interacting && shadedNow() && current * 1.1 > kCoarsestSampleDistance &&
      seconds > kInteractiveFrameBudget * 1.1) {
    // Even the coarsest image misses the budget while dragging: leave the lighting out then.
    m_flatWhileInteracting = true;
    applyShading();
    m_timed[1] = {};
    return false;
  }
  m_timed[m_interacting ? 1 : 0] = {current, seconds};
  const double target = fittingDistance(current, seconds, budget());
  if (target > current * 1.1) {
    setImageSampleDistance(target);
    return false;  // the next frame, whenever it comes, is cheaper
  }
  if (target < current / 1.25) {
    setImageSampleDistance(target);
    // While the user drags, the next drag event renders again anyway.
    return !m_interacting;
  }
  return false;
}

void VolumeScene::requestFullQuality() { setImageSampleDistance(1.0); }

void VolumeScene::setHeatmap(std::shared_ptr<const VolumeImage> heatmap) {
  if (heatmap) {
    if (!m_image) throw std::invalid_argument("a heatmap needs a volume shown with it");
    const std::string problem = heatmapProblem(heatmap->volume(), m_image->volume());
    if (!problem.empty()) throw std::invalid_argument(problem);
  }
  m_impl->heatmap.setHeatmap(std::move(heatmap));
}

const VolumeImage* VolumeScene::heatmap() const { return m_impl->heatmap.heatmap(); }

void VolumeScene::setOverlayStyle(const OverlayStyle& style) { m_impl->heatmap.setStyle(style); }

void VolumeScene::setOverlaysVisible(bool visible) { m_impl->heatmap.setVisible(visible); }

long VolumeScene::heatmapTriangleCount() const { return m_impl->heatmap.triangleCount(); }

void VolumeScene::setAnnotation(std::shared_ptr<const VolumeImage> labels) {
  if (labels.get() == m_impl->annotation.labels()) return;  // already contoured
  if (labels) {
    if (!m_image) throw std::invalid_argument("labels need a volume shown with them");
    const std::string problem = labelMapProblem(labels->volume(), m_image->volume());
    if (!problem.empty()) throw std::invalid_argument(problem);
  }
  m_impl->annotation.setLabels(std::move(labels));
}

const VolumeImage* VolumeScene::annotation() const { return m_impl->annotation.labels(); }

void VolumeScene::setAnnotationDisplay(const AnnotationDisplay& display) {
  m_impl->annotation.setDisplay(display);
}

void VolumeScene::annotationChanged() { m_impl->annotation.labelsChanged(); }

long VolumeScene::annotationTriangleCount() const { return m_impl->annotation.triangleCount(); }

}  // namespace lumen::render
