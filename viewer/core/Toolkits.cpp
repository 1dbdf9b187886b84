#include "core/Toolkits.h"

#include <itkOutputWindow.h>
#include <itkVersion.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkVersion.h>

#include <string_view>

#include "core/Log.h"

namespace lumen::core {
namespace {

/// Toolkit messages end with blank lines; the log wants one line per message.
std::string_view trimmed(const char* text) {
  std::string_view view = text ? text : "";
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r' || view.back() == ' ')) {
    view.remove_suffix(1);
  }
  return view;
}

class VtkLogWindow : public vtkOutputWindow {
 public:
  static VtkLogWindow* New();
  vtkTypeMacro(VtkLogWindow, vtkOutputWindow);

  void DisplayText(const char* text) override { logMessage(LogLevel::Info, "vtk", trimmed(text)); }
  void DisplayErrorText(const char* text) override {
    logMessage(LogLevel::Error, "vtk", trimmed(text));
  }
  void DisplayWarningText(const char* text) override {
    logMessage(LogLevel::Warning, "vtk", trimmed(text));
  }
  void DisplayGenericWarningText(const char* text) override {
    logMessage(LogLevel::Warning, "vtk", trimmed(text));
  }
  void DisplayDebugText(const char* text) override {
    logMessage(LogLevel::Debug, "vtk", trimmed(text));
  }
};
vtkStandardNewMacro(VtkLogWindow);

class ItkLogWindow : public itk::OutputWindow {
 public:
  using Self = ItkLogWindow;
  using Superclass = itk::OutputWindow;
  using Pointer = itk::SmartPointer<Self>;
  using ConstPointer = itk::SmartPointer<const Self>;
  itkNewMacro(Self);

  void DisplayText(const char* text) override { logMessage(LogLevel::Info, "itk", trimmed(text)); }
  void DisplayErrorText(const char* text) override {
    logMessage(LogLevel::Error, "itk", trimmed(text));
  }
  void DisplayWarningText(const char* text) override {
    logMessage(LogLevel::Warning, "itk", trimmed(text));
  }
  void DisplayGenericOutputText(const char* text) override {
    logMessage(LogLevel::Info, "itk", trimmed(text));
  }
  void DisplayDebugText(const char* text) override {
    logMessage(LogLevel::Debug, "itk", trimmed(text));
  }
};

}  // namespace

void routeToolkitOutputToLog() {
  vtkNew<VtkLogWindow> vtkWindow;
  vtkOutputWindow::SetInstance(vtkWindow);
  itk::OutputWindow::SetInstance(ItkLogWindow::New());
}

std::string toolkitVersions() {
  return std::string("VTK ") + vtkVersion::GetVTKVersion() + ", ITK " +
         itk::Version::GetITKVersion();
}

}  // namespace lumen::core
