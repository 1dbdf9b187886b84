#pragma once

#include <QWidget>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/annotate/IntensityRange.h"
#include "core/annotate/LabelSchema.h"
#include "render/AnnotationLayer.h"

class QAction;
class QCheckBox;
class QDoubleSpinBox;
class QGridLayout;
class QListWidget;
class QSlider;

namespace lumen::app {

/// The Labels dock: the project's labels (the current row is the active label; unchecking one
/// hides it), how the labels are drawn (each label's fill opacity, set with the slider while it
/// is the active label; outline only), the intensity range that
/// the threshold brush, threshold fill and region growing keep to, and buttons for the label
/// tools. GUI thread only.
class LabelPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LabelPanel(QWidget* parent = nullptr);

  /// Lists `labels` (every one visible), `active` current; an empty list empties the panel.
  void setLabels(const std::vector<core::LabelDefinition>& labels, std::uint8_t active);
  void setActiveLabel(std::uint8_t value);
  /// The labels' colours, visibility and opacity, outline only.
  render::AnnotationDisplay display() const;

  /// Low to high, whichever way round the user typed them.
  core::IntensityRange range() const;
  /// Sets the range unless the user has changed it: a default that follows the image shown.
  void suggestRange(const core::IntensityRange& range);
  /// True when the brush paints only voxels inside range().
  bool brushKeepsToRange() const;

  /// Adds a button for `action` under the tools.
  void addTool(QAction* action);

  /// Lists the project's tags, each checked when `isSet` says it is set on the volume shown (or
  /// its study); hidden when the project has none.
  void showTags(const std::vector<core::TagDefinition>& tags,
                const std::function<bool(const std::string&)>& isSet);

 Q_SIGNALS:
  void activeLabelChosen(std::uint8_t value);
  /// display() changed.
  void displayChanged();
  /// The user checked or unchecked tag `name`.
  void tagToggled(const QString& name, bool on);

 private:
  QListWidget* m_list = nullptr;
  QListWidget* m_tags = nullptr;
  QSlider* m_opacity = nullptr;
  QCheckBox* m_outline = nullptr;
  QDoubleSpinBox* m_low = nullptr;
  QDoubleSpinBox* m_high = nullptr;
  QCheckBox* m_brushInRange = nullptr;
  QGridLayout* m_tools = nullptr;
  bool m_rangeEdited = false;
  std::vector<core::LabelDefinition> m_labels;
  std::map<std::uint8_t, int> m_opacities;  ///< percent, by label value; 50 until changed
};

}  // namespace lumen::app
