#pragma once

#include <QOpenGLWidget>
#include <memory>

class vtkRenderer;

namespace lumen::widgets {

/// A QOpenGLWidget that renders one VTK renderer into Qt's framebuffer through a
/// vtkGenericOpenGLRenderWindow (ARCHITECTURE.md, "VTK inside Qt 6"). Subclasses add the scene
/// and the interaction. The default QSurfaceFormat must be set before QApplication exists
/// (see defaultSurfaceFormat()). GUI thread only.
class VtkViewport : public QOpenGLWidget {
  Q_OBJECT

 public:
  explicit VtkViewport(QWidget* parent = nullptr);
  ~VtkViewport() override;

  /// OpenGL 3.2 core, depth 24, stencil 8, alpha 8: what VTK 9.1's OpenGL2 backend needs.
  static QSurfaceFormat defaultSurfaceFormat();

 protected:
  /// Puts `renderer` into this viewport's render window (replacing any other).
  void setRenderer(vtkRenderer* renderer);
  /// Called with the framebuffer size in device pixels whenever it changes.
  virtual void framebufferResized(int width, int height);

  void initializeGL() override;
  void resizeGL(int width, int height) override;
  void paintGL() override;

 private:
  void releaseGraphics();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lumen::widgets
