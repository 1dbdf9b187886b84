#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>
#include <array>

#include "core/Volume.h"
#include "render/VolumePreset.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace lumen::widgets {

class VolumeView;

/// The 3D view's panel: preset, shading, a crop box (two sliders per volume axis, named by the
/// patient directions the axis runs between) and "Reset view". Bound to one VolumeView at a time,
/// which it does not own; it follows the view's changes and is disabled while there is no view
/// or it shows no volume. GUI thread only.
class VolumeControls : public QWidget {
  Q_OBJECT

 public:
  /// A panel bound to `view` (may be nullptr: disabled until setView()).
  explicit VolumeControls(VolumeView* view = nullptr, QWidget* parent = nullptr);
  ~VolumeControls() override;

  /// Binds the panel to `view` instead (nullptr: to none) and shows its settings.
  void setView(VolumeView* view);
  VolumeView* view() const { return m_view; }

  /// The preset's name as the user reads it ("CT bone"), translated.
  static QString presetName(render::VolumePreset preset);

  /// The patient sides (translated one-letter names: R, L, A, P, I, S) at the first and at the
  /// last voxel of index axis `axis` (0 = i, 1 = j, 2 = k): the LPS axis closest to the axis'
  /// direction decides, its sign which end is which.
  static std::array<QString, 2> axisEnds(const core::Volume& volume, int axis);

 private:
  void refresh();
  void cropSliderMoved(int slider);

  QPointer<VolumeView> m_view;
  QComboBox* m_preset = nullptr;
  QCheckBox* m_shading = nullptr;
  QCheckBox* m_crop = nullptr;
  /// Per axis the side of its first voxel, then of its last (as the crop box: iLow, iHigh, …).
  std::array<QLabel*, 6> m_sideNames{};
  /// Per axis a low then a high slider, in thousandths of the axis' index extent.
  std::array<QSlider*, 6> m_cropSliders{};
  QPushButton* m_reset = nullptr;
};

}  // namespace lumen::widgets
