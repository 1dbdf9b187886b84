#include "widgets/VtkViewport.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkSmartPointer.h>

#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <cmath>

namespace lumen::widgets {

struct VtkViewport::Impl {
  vtkNew<vtkGenericOpenGLRenderWindow> window;
  vtkSmartPointer<vtkRenderer> renderer;
};

VtkViewport::VtkViewport(QWidget* parent)
    : QOpenGLWidget(parent), m_impl(std::make_unique<Impl>()) {
  m_impl->window->SetOwnContext(false);
  m_impl->window->SetFrameBlitModeToBlitToCurrent();
  m_impl->window->SetReadyForRendering(false);
  // VTK asks for 8 samples per pixel by default; under Mesa llvmpipe that multisampled frame and
  // its resolve cost more than the image itself (slice scrolling ~1.7× faster without), and an
  // image or a ray-cast volume gains nothing from it.
  m_impl->window->SetMultiSamples(0);
  setMinimumSize(64, 64);
}

VtkViewport::~VtkViewport() {
  // Release VTK's OpenGL resources while this widget's context still exists; the base class
  // destroys the context afterwards, when this object's slots must no longer run.
  if (context()) disconnect(context(), nullptr, this, nullptr);
  releaseGraphics();
}

void VtkViewport::releaseGraphics() {
  makeCurrent();
  m_impl->window->ReleaseGraphicsResources(m_impl->window);
  m_impl->window->SetReadyForRendering(false);
  doneCurrent();
}

QSurfaceFormat VtkViewport::defaultSurfaceFormat() {
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  format.setAlphaBufferSize(8);
  return format;
}

void VtkViewport::setRenderer(vtkRenderer* renderer) {
  if (m_impl->renderer) m_impl->window->RemoveRenderer(m_impl->renderer);
  m_impl->renderer = renderer;
  m_impl->window->AddRenderer(renderer);
  update();
}

void VtkViewport::framebufferResized(int, int) {}

void VtkViewport::initializeGL() {
  // Qt replaces the context when the widget moves to another window (a layout change); VTK's
  // textures and buffers belong to the old one.
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkViewport::releaseGraphics,
          Qt::UniqueConnection);
  m_impl->window->SetReadyForRendering(false);
  m_impl->window->SetIsCurrent(true);
  m_impl->window->InitializeFromCurrentContext();
  m_impl->window->OpenGLInitState();
}

void VtkViewport::resizeGL(int width, int height) {
  const double ratio = devicePixelRatioF();
  const int w = static_cast<int>(std::lround(width * ratio));
  const int h = static_cast<int>(std::lround(height * ratio));
  m_impl->window->SetSize(w, h);
  framebufferResized(w, h);
}

void VtkViewport::paintGL() {
  vtkGenericOpenGLRenderWindow* window = m_impl->window;
  window->SetReadyForRendering(true);
  window->GetState()->Reset();
  window->GetState()->Push();
  window->Render();
  window->GetState()->Pop();
  window->SetReadyForRendering(false);
}

}  // namespace lumen::widgets
