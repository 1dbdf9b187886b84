#include "render/VolumeScene.h"

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderer.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>

#include "render/VolumeImage.h"

namespace lumen::render {
namespace {

constexpr double kCoarsestSampleDistance = 8.0;
constexpr double kFirstSampleDistance = 4.0;

/// vtkSmartVolumeMapper keeps its ray caster to itself; Lumen sets the caster's image sample
/// distance directly to keep frames within budget.
class LumenVolumeMapper : public vtkSmartVolumeMapper {
 public:
  static LumenVolumeMapper* New();
  vtkTypeMacro(LumenVolumeMapper, vtkSmartVolumeMapper);
  vtkGPUVolumeRayCastMapper* rayCaster() { return GetGPUMapper(); }
};
vtkStandardNewMacro(LumenVolumeMapper);

/// "CT bone": air, fat and soft tissue transparent (a body is too thick to see through
/// otherwise), contrast-filled vessels faint, bone opaque and ivory.
void applyCtPreset(vtkColorTransferFunction* color, vtkPiecewiseFunction* opacity) {
  color->AddRGBPoint(-1000.0, 0.0, 0.0, 0.0);
  color->AddRGBPoint(100.0, 0.7, 0.3, 0.2);
  color->AddRGBPoint(250.0, 0.95, 0.85, 0.7);
  color->AddRGBPoint(1000.0, 1.0, 1.0, 0.95);
  opacity->AddPoint(-1000.0, 0.0);
  opacity->AddPoint(100.0, 0.0);
  opacity->AddPoint(200.0, 0.12);
  opacity->AddPoint(400.0, 0.6);
  opacity->AddPoint(1500.0, 0.85);
}

/// Transparent below the window, a grey ramp across it, opaque above.
void applyRampPreset(const core::Window& window, vtkColorTransferFunction* color,
                     vtkPiecewiseFunction* opacity) {
  const double low = window.center - window.width / 2.0;
  const double high = window.center + window.width / 2.0;
  color->AddRGBPoint(low, 0.0, 0.0, 0.0);
  color->AddRGBPoint(high, 1.0, 1.0, 1.0);
  opacity->AddPoint(low, 0.0);
  opacity->AddPoint(high, 0.8);
}

}  // namespace

struct VolumeScene::Impl {
  vtkNew<vtkRenderer> renderer;
  vtkNew<LumenVolumeMapper> mapper;
  vtkNew<vtkVolume> volume;
  vtkNew<vtkVolumeProperty> property;
  vtkNew<vtkColorTransferFunction> color;
  vtkNew<vtkPiecewiseFunction> opacity;
};

VolumeScene::VolumeScene() : m_impl(std::make_unique<Impl>()) {
  m_impl->renderer->SetBackground(0.08, 0.09, 0.12);
  m_impl->property->SetColor(m_impl->color);
  m_impl->property->SetScalarOpacity(m_impl->opacity);
  m_impl->property->SetInterpolationTypeToLinear();
  m_impl->property->ShadeOn();
  m_impl->property->SetAmbient(0.25);
  m_impl->property->SetDiffuse(0.8);
  m_impl->property->SetSpecular(0.15);
  m_impl->mapper->SetBlendModeToComposite();
  // Lumen adapts the sampling itself (adaptToFrameTime); VTK's own adaptation only works while
  // the render window is marked interactive and starts from full resolution.
  m_impl->mapper->InteractiveAdjustSampleDistancesOff();
  m_impl->mapper->AutoAdjustSampleDistancesOff();
  m_impl->volume->SetMapper(m_impl->mapper);
  m_impl->volume->SetProperty(m_impl->property);
}

VolumeScene::~VolumeScene() = default;

vtkRenderer* VolumeScene::renderer() const { return m_impl->renderer; }

void VolumeScene::setVolume(std::shared_ptr<const VolumeImage> image,
                            const core::IntensityStatistics& statistics) {
  m_image = std::move(image);
  m_impl->mapper->SetInputData(m_image->imageData());
  m_impl->volume->SetUserMatrix(m_image->gridToWorld());

  m_impl->color->RemoveAllPoints();
  m_impl->opacity->RemoveAllPoints();
  if (statistics.minimum() <= -500.0) {
    applyCtPreset(m_impl->color, m_impl->opacity);
  } else {
    applyRampPreset(statistics.defaultWindow(), m_impl->color, m_impl->opacity);
  }
  m_impl->renderer->RemoveAllViewProps();
  m_impl->renderer->AddViewProp(m_impl->volume);

  // Seen from the front (anterior is −y in LPS), superior up, turned a little for depth.
  vtkCamera* camera = m_impl->renderer->GetActiveCamera();
  camera->SetFocalPoint(0.0, 0.0, 0.0);
  camera->SetPosition(0.0, -1.0, 0.0);
  camera->SetViewUp(0.0, 0.0, 1.0);
  camera->Azimuth(25.0);
  camera->Elevation(10.0);
  camera->OrthogonalizeViewUp();
  m_impl->renderer->ResetCamera();
  m_impl->mapper->rayCaster()->SetImageSampleDistance(kFirstSampleDistance);
  m_firstFrame = true;
}

double VolumeScene::imageSampleDistance() const {
  return m_impl->mapper->rayCaster()->GetImageSampleDistance();
}

bool VolumeScene::adaptToFrameTime(double seconds) {
  if (m_firstFrame) {
    // The first frame of a volume also uploads it to the GPU: time the next one instead.
    m_firstFrame = false;
    return imageSampleDistance() > 1.0;
  }
  // The number of rays goes with 1 / distance², so distance ∝ √time hits the budget.
  const double current = imageSampleDistance();
  const double target = std::clamp(current * std::sqrt(std::max(seconds, 1e-6) / kFrameBudget), 1.0,
                                   kCoarsestSampleDistance);
  if (target > current * 1.1) {
    m_impl->mapper->rayCaster()->SetImageSampleDistance(target);
    return false;  // the next frame, whenever it comes, is cheaper
  }
  if (target < current / 1.25) {
    m_impl->mapper->rayCaster()->SetImageSampleDistance(target);
    return true;
  }
  return false;
}

void VolumeScene::requestFullQuality() { m_impl->mapper->rayCaster()->SetImageSampleDistance(1.0); }

}  // namespace lumen::render
