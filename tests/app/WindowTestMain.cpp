// In-process window tests need a QApplication with VTK's OpenGL format, made before any test.
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
