#include "widgets/VolumeControls.h"

#include <gtest/gtest.h>
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTest>
#include <QWheelEvent>
#include <cmath>
#include <cstdint>
#include <string>

#include "render/VolumeImage.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {
namespace {

/// 12 × 10 × 8 voxels, obliquely oriented: i runs from superior to inferior (tilted 20°
/// towards posterior), j from right to left, k from posterior to anterior (tilted 20° towards
/// inferior).
std::shared_ptr<const render::VolumeImage> obliqueImage() {
  core::VolumeGeometry g;
  g.size = {12, 10, 8};
  const double tilt = 20.0 * std::acos(-1.0) / 180.0;
  const double c = std::cos(tilt);
  const double s = std::sin(tilt);
  // Columns are the LPS directions of i, j, k.
  g.direction = {{{0.0, 1.0, 0.0}, {s, 0.0, -c}, {-c, 0.0, -s}}};
  auto volume = std::make_shared<core::Volume>(core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  for (std::size_t n = 0; n < volume->voxelCount(); ++n) v[n] = n % 3 ? -1000 : 800;
  return std::make_shared<const render::VolumeImage>(volume);
}

class VolumeControlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view->resize(120, 120);
    view->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(view.get()));
  }
  template <class T>
  T* child(const char* name) {
    T* found = controls.findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
  }
  void load() { view->setVolume(image, core::IntensityStatistics(image->volume())); }

  std::shared_ptr<const render::VolumeImage> image = obliqueImage();
  std::unique_ptr<VolumeView> view = std::make_unique<VolumeView>();
  VolumeControls controls{view.get()};
};

TEST_F(VolumeControlsTest, IsDisabledUntilTheViewHasAVolume) {
  EXPECT_FALSE(controls.isEnabled());
  load();
  EXPECT_TRUE(controls.isEnabled());
  EXPECT_EQ(child<QComboBox>("preset")->currentText(),
            VolumeControls::presetName(render::VolumePreset::CtBone));
  EXPECT_TRUE(child<QCheckBox>("shading")->isChecked());
  EXPECT_FALSE(child<QCheckBox>("crop")->isChecked());
  EXPECT_FALSE(child<QSlider>("crop0")->isEnabled()) << "crop sliders wait for Crop";
}

TEST_F(VolumeControlsTest, NamesTheCropSidesByThePatientDirectionsOfEachAxis) {
  load();
  const char* expected[6] = {"S", "I", "R", "L", "P", "A"};
  for (int n = 0; n < 6; ++n) {
    const std::string name = "side" + std::to_string(n);
    EXPECT_EQ(child<QLabel>(name.c_str())->text(), QString::fromLatin1(expected[n])) << name;
  }
}

TEST_F(VolumeControlsTest, PresetAndShadingReachTheView) {
  load();
  auto* preset = child<QComboBox>("preset");
  auto* shading = child<QCheckBox>("shading");
  preset->setCurrentIndex(preset->findText(VolumeControls::presetName(render::VolumePreset::Mip)));
  EXPECT_EQ(view->scene().preset(), render::VolumePreset::Mip);
  EXPECT_FALSE(shading->isChecked());
  EXPECT_FALSE(shading->isEnabled()) << "a MIP has no shading";

  preset->setCurrentIndex(
      preset->findText(VolumeControls::presetName(render::VolumePreset::CtLung)));
  EXPECT_EQ(view->scene().preset(), render::VolumePreset::CtLung);
  EXPECT_TRUE(shading->isEnabled());
  shading->setChecked(false);
  EXPECT_FALSE(view->scene().shading());

  // A change made elsewhere shows here.
  view->setPreset(render::VolumePreset::CtAngio);
  EXPECT_EQ(preset->currentText(), VolumeControls::presetName(render::VolumePreset::CtAngio));
  EXPECT_TRUE(shading->isChecked());
}

TEST_F(VolumeControlsTest, CropSlidersSetTheCropBoxAndKeepItRightSideOut) {
  load();
  child<QCheckBox>("crop")->setChecked(true);
  EXPECT_TRUE(view->scene().cropping());
  auto* low = child<QSlider>("crop0");
  auto* high = child<QSlider>("crop1");
  ASSERT_TRUE(low->isEnabled());
  low->setValue(600);
  EXPECT_DOUBLE_EQ(view->scene().cropBox().bounds[0], 0.6);
  EXPECT_DOUBLE_EQ(view->scene().cropBox().bounds[1], 1.0);
  high->setValue(400);  // below the low slider: it pushes that one down
  EXPECT_EQ(low->value(), 400);
  EXPECT_DOUBLE_EQ(view->scene().cropBox().bounds[0], 0.4);
  EXPECT_DOUBLE_EQ(view->scene().cropBox().bounds[1], 0.4);
  child<QSlider>("crop5")->setValue(250);
  EXPECT_DOUBLE_EQ(view->scene().cropBox().bounds[5], 0.25);

  // A new volume starts uncropped, and so do the sliders.
  load();
  EXPECT_FALSE(child<QCheckBox>("crop")->isChecked());
  EXPECT_EQ(low->value(), 0);
  EXPECT_EQ(high->value(), 1000);
}

TEST_F(VolumeControlsTest, ResetViewRestoresTheCamera) {
  load();
  vtkCamera* camera = view->scene().renderer()->GetActiveCamera();
  const double distance = camera->GetDistance();
  const QPointF at(60, 60);
  QWheelEvent wheel(at, view->mapToGlobal(at), QPoint(), QPoint(0, 360), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(view.get(), &wheel);
  ASSERT_LT(camera->GetDistance(), distance * 0.9);
  child<QPushButton>("resetView")->click();
  EXPECT_NEAR(camera->GetDistance(), distance, 1e-6 * distance);
}

TEST_F(VolumeControlsTest, CanBeBoundToAnotherViewLater) {
  load();
  VolumeControls unbound;
  EXPECT_FALSE(unbound.isEnabled());
  unbound.setView(view.get());
  EXPECT_EQ(unbound.view(), view.get());
  EXPECT_TRUE(unbound.isEnabled());

  VolumeView other;
  other.setVolume(image, core::IntensityStatistics(image->volume()));
  other.setPreset(render::VolumePreset::Mip);
  unbound.setView(&other);
  auto* preset = unbound.findChild<QComboBox*>(QStringLiteral("preset"));
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(preset->currentText(), VolumeControls::presetName(render::VolumePreset::Mip));
  // The first view's changes no longer reach the panel, the panel's reach only the other view.
  view->setPreset(render::VolumePreset::CtLung);
  EXPECT_EQ(preset->currentText(), VolumeControls::presetName(render::VolumePreset::Mip));
  preset->setCurrentIndex(
      preset->findText(VolumeControls::presetName(render::VolumePreset::CtAngio)));
  EXPECT_EQ(other.scene().preset(), render::VolumePreset::CtAngio);
  EXPECT_EQ(view->scene().preset(), render::VolumePreset::CtLung);
  unbound.setView(nullptr);
  EXPECT_FALSE(unbound.isEnabled());
}

TEST_F(VolumeControlsTest, OutlivesItsView) {
  load();
  ASSERT_TRUE(controls.isEnabled());
  view.reset();
  EXPECT_FALSE(controls.isEnabled());
  child<QPushButton>("resetView")->click();  // nothing to reset, nothing to crash
}

}  // namespace
}  // namespace lumen::widgets
