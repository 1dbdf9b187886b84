#pragma once

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <initializer_list>
#include <vector>

namespace lumen::render::test {

/// An RGB frame, origin top left (as SliceScene's screen positions), one byte per channel.
struct Frame {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;

  std::array<int, 3> at(int x, int y) const {
    const unsigned char* p = &rgb[3 * (static_cast<std::size_t>(y) * width + x)];
    return {p[0], p[1], p[2]};
  }
  bool operator==(const Frame& other) const {
    return width == other.width && height == other.height && rgb == other.rgb;
  }
};

/// Largest difference of one channel between two colours.
inline int colourDistance(const std::array<int, 3>& a, const std::array<int, 3>& b) {
  int largest = 0;
  for (int c = 0; c < 3; ++c) largest = std::max(largest, std::abs(a[c] - b[c]));
  return largest;
}

/// An off-screen VTK render window (needs an X display: the test runs under xvfb-run) that
/// renders renderers and reads the frame back.
class OffscreenFrame {
 public:
  OffscreenFrame(int width, int height) : m_width(width), m_height(height) {
    m_window->SetOffScreenRendering(1);
    m_window->SetMultiSamples(0);
    m_window->SetNumberOfLayers(2);
    m_window->SetSize(width, height);
  }

  /// Renders `renderers` (layers as they are set) and returns the frame.
  Frame render(std::initializer_list<vtkRenderer*> renderers) {
    for (vtkRenderer* renderer : m_renderers) m_window->RemoveRenderer(renderer);
    m_renderers.clear();
    for (vtkRenderer* renderer : renderers) {
      m_window->AddRenderer(renderer);
      m_renderers.emplace_back(renderer);
    }
    m_window->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(m_window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->ShouldRerenderOff();
    grab->Update();
    vtkImageData* image = grab->GetOutput();
    auto* pixels = vtkUnsignedCharArray::SafeDownCast(image->GetPointData()->GetScalars());
    Frame frame;
    frame.width = m_width;
    frame.height = m_height;
    frame.rgb.resize(static_cast<std::size_t>(3) * m_width * m_height);
    // VTK's rows run bottom to top.
    for (int y = 0; y < m_height; ++y) {
      for (int x = 0; x < m_width; ++x) {
        for (int c = 0; c < 3; ++c) {
          frame.rgb[3 * (static_cast<std::size_t>(y) * m_width + x) + c] =
              pixels->GetValue(3 * (static_cast<vtkIdType>(m_height - 1 - y) * m_width + x) + c);
        }
      }
    }
    return frame;
  }

  int width() const { return m_width; }
  int height() const { return m_height; }

 private:
  int m_width;
  int m_height;
  vtkNew<vtkRenderWindow> m_window;
  std::vector<vtkSmartPointer<vtkRenderer>> m_renderers;
};

}  // namespace lumen::render::test
