// Widget tests need a QApplication with VTK's OpenGL format, created before any test runs.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSurfaceFormat>

#include "widgets/VtkViewport.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  QSurfaceFormat::setDefaultFormat(lumen::widgets::VtkViewport::defaultSurfaceFormat());
  QApplication application(argc, argv);
  return RUN_ALL_TESTS();
}
