#include "widgets/VolumeControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

#include "render/VolumeImage.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {
namespace {

constexpr int kSliderSteps = 1000;

/// The LPS axis (0 x, 1 y, 2 z) closest to index axis `axis`, and whether the index runs
/// towards its positive side (L, P, S).
std::pair<int, bool> closestPatientAxis(const core::Volume& volume, int axis) {
  const core::Mat3& direction = volume.geometry().direction;
  int closest = 0;
  for (int row = 1; row < 3; ++row) {
    if (std::abs(direction[row][axis]) > std::abs(direction[closest][axis])) closest = row;
  }
  return {closest, direction[closest][axis] > 0.0};
}

}  // namespace

VolumeControls::VolumeControls(VolumeView* view, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);

  auto* presetRow = new QHBoxLayout;
  auto* presetLabel = new QLabel(tr("Preset"), this);
  m_preset = new QComboBox(this);
  m_preset->setObjectName(QStringLiteral("preset"));
  for (render::VolumePreset preset : render::kVolumePresets) {
    m_preset->addItem(presetName(preset), static_cast<int>(preset));
  }
  presetLabel->setBuddy(m_preset);
  presetRow->addWidget(presetLabel);
  presetRow->addWidget(m_preset, 1);
  layout->addLayout(presetRow);

  m_shading = new QCheckBox(tr("Shading"), this);
  m_shading->setObjectName(QStringLiteral("shading"));
  m_shading->setToolTip(tr("Light the volume's surfaces"));
  layout->addWidget(m_shading);

  m_crop = new QCheckBox(tr("Crop"), this);
  m_crop->setObjectName(QStringLiteral("crop"));
  m_crop->setToolTip(tr("Show only the inside of the crop box"));
  layout->addWidget(m_crop);

  // Per volume axis: the side of its first voxel, a slider that crops from that side, a slider
  // that crops from the other side, and that side's name.
  auto* cropGrid = new QGridLayout;
  for (int n = 0; n < 6; ++n) {
    const int axis = n / 2;
    const bool high = n % 2 == 1;
    m_sideNames[n] = new QLabel(this);
    m_sideNames[n]->setObjectName(QStringLiteral("side%1").arg(n));
    m_sideNames[n]->setAlignment(Qt::AlignCenter);
    m_cropSliders[n] = new QSlider(Qt::Horizontal, this);
    m_cropSliders[n]->setObjectName(QStringLiteral("crop%1").arg(n));
    m_cropSliders[n]->setRange(0, kSliderSteps);
    m_cropSliders[n]->setValue(high ? kSliderSteps : 0);
    cropGrid->addWidget(m_sideNames[n], axis, high ? 3 : 0);
    cropGrid->addWidget(m_cropSliders[n], axis, high ? 2 : 1);
    connect(m_cropSliders[n], &QSlider::valueChanged, this, [this, n] { cropSliderMoved(n); });
    connect(m_cropSliders[n], &QSlider::sliderPressed, this, [this] {
      if (m_view) m_view->setInteracting(true);
    });
    connect(m_cropSliders[n], &QSlider::sliderReleased, this, [this] {
      if (m_view) m_view->setInteracting(false);
    });
  }
  layout->addLayout(cropGrid);

  m_reset = new QPushButton(tr("Reset view"), this);
  m_reset->setObjectName(QStringLiteral("resetView"));
  m_reset->setToolTip(tr("Front view, the whole volume in sight"));
  layout->addWidget(m_reset);
  layout->addStretch(1);

  connect(m_preset, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
    if (m_view && index >= 0) {
      m_view->setPreset(static_cast<render::VolumePreset>(m_preset->itemData(index).toInt()));
    }
  });
  connect(m_shading, &QCheckBox::toggled, this, [this](bool on) {
    if (m_view) m_view->setShading(on);
  });
  connect(m_crop, &QCheckBox::toggled, this, [this](bool on) {
    if (m_view) m_view->setCropping(on);
  });
  connect(m_reset, &QPushButton::clicked, this, [this] {
    if (m_view) m_view->resetCamera();
  });
  setView(view);
}

VolumeControls::~VolumeControls() = default;

void VolumeControls::setView(VolumeView* view) {
  if (m_view) disconnect(m_view, nullptr, this, nullptr);
  m_view = view;
  if (m_view) {
    connect(m_view, &VolumeView::sceneChanged, this, &VolumeControls::refresh);
    // destroyed() comes after the view's own destructor ran, maybe before QPointer forgets it.
    connect(m_view, &QObject::destroyed, this, [this] {
      m_view = nullptr;
      refresh();
    });
  }
  refresh();
}

QString VolumeControls::presetName(render::VolumePreset preset) {
  switch (preset) {
    case render::VolumePreset::CtBone:
      return tr("CT bone");
    case render::VolumePreset::CtSoftTissue:
      return tr("CT soft tissue");
    case render::VolumePreset::CtLung:
      return tr("CT lung");
    case render::VolumePreset::CtAngio:
      return tr("CT angio");
    case render::VolumePreset::MrDefault:
      return tr("MR default");
    case render::VolumePreset::Mip:
      return tr("MIP");
  }
  return {};
}

std::array<QString, 2> VolumeControls::axisEnds(const core::Volume& volume, int axis) {
  const auto [lps, towardsPositive] = closestPatientAxis(volume, axis);
  // LPS: the negative side of x is the patient's right, of y anterior, of z inferior.
  const std::array<QString, 3> negative{tr("R"), tr("A"), tr("I")};
  const std::array<QString, 3> positive{tr("L"), tr("P"), tr("S")};
  if (towardsPositive) return {negative[lps], positive[lps]};
  return {positive[lps], negative[lps]};
}

void VolumeControls::refresh() {
  const bool ready = m_view && m_view->scene().hasVolume();
  setEnabled(ready);
  if (!ready) return;
  const render::VolumeScene& scene = m_view->scene();

  {
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(scene.preset())));
  }
  {
    const QSignalBlocker blocker(m_shading);
    m_shading->setChecked(scene.shading());
    // A MIP has no surfaces to light.
    m_shading->setEnabled(!render::volumePresetRendering(scene.preset()).maximumIntensity);
  }
  {
    const QSignalBlocker blocker(m_crop);
    m_crop->setChecked(scene.cropping());
  }
  const core::Volume& volume = scene.image()->volume();
  for (int n = 0; n < 6; ++n) {
    const QSignalBlocker blocker(m_cropSliders[n]);
    m_cropSliders[n]->setValue(
        static_cast<int>(std::lround(scene.cropBox().bounds[n] * kSliderSteps)));
    m_cropSliders[n]->setEnabled(scene.cropping());
    const QString side = axisEnds(volume, n / 2)[n % 2];
    m_sideNames[n]->setText(side);
    m_cropSliders[n]->setToolTip(tr("Crop from the %1 side").arg(side));
  }
}

void VolumeControls::cropSliderMoved(int slider) {
  if (!m_view) return;
  // A low slider pushes its high partner ahead of it, and the other way round.
  const int value = m_cropSliders[slider]->value();
  QSlider* partner = m_cropSliders[slider ^ 1];
  const bool high = slider % 2 == 1;
  if (high ? partner->value() > value : partner->value() < value) {
    const QSignalBlocker blocker(partner);
    partner->setValue(value);
  }
  render::VolumeScene::CropBox box;
  for (int n = 0; n < 6; ++n) {
    box.bounds[n] = static_cast<double>(m_cropSliders[n]->value()) / kSliderSteps;
  }
  m_view->setCropBox(box);
}

}  // namespace lumen::widgets
