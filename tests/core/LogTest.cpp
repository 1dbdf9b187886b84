#include "core/Log.h"

#include <gtest/gtest.h>
#include <itkOutputWindow.h>
#include <vtkOutputWindow.h>

#include <string>
#include <vector>

#include "core/Toolkits.h"

namespace lumen::core {
namespace {

struct Captured {
  LogLevel level;
  std::string source;
  std::string message;
};

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setLogSink([this](LogLevel level, std::string_view source, std::string_view message) {
      records.push_back({level, std::string(source), std::string(message)});
    });
  }
  void TearDown() override { setLogSink({}); }

  std::vector<Captured> records;
};

TEST_F(LogTest, SinkReceivesLevelSourceAndMessage) {
  logMessage(LogLevel::Warning, "core", "spacing is not uniform");
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].level, LogLevel::Warning);
  EXPECT_EQ(records[0].source, "core");
  EXPECT_EQ(records[0].message, "spacing is not uniform");
}

TEST_F(LogTest, VtkAndItkOutputArriveInTheLog) {
  routeToolkitOutputToLog();
  vtkOutputWindow::GetInstance()->DisplayErrorText("ERROR: vtkImageReslice: bad input\n\n");
  itk::OutputWindowDisplayWarningText("WARNING: ImageIO: odd header\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].source, "vtk");
  EXPECT_EQ(records[0].level, LogLevel::Error);
  EXPECT_EQ(records[0].message, "ERROR: vtkImageReslice: bad input");
  EXPECT_EQ(records[1].source, "itk");
  EXPECT_EQ(records[1].level, LogLevel::Warning);
  EXPECT_EQ(records[1].message, "WARNING: ImageIO: odd header");
}

}  // namespace
}  // namespace lumen::core
