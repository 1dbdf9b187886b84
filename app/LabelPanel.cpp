#include "LabelPanel.h"

#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace lumen::app {
namespace {

constexpr int kValueRole = Qt::UserRole;
constexpr int kToolColumns = 2;
constexpr int kDefaultOpacity = 50;  // percent

QDoubleSpinBox* intensityBox(double value, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(-1e6, 1e6);
  box->setDecimals(0);
  box->setValue(value);
  box->setKeyboardTracking(false);
  return box;
}

}  // namespace

LabelPanel::LabelPanel(QWidget* parent) : QWidget(parent) {
  m_list = new QListWidget(this);
  m_list->setObjectName(QStringLiteral("label-list"));
  m_list->setToolTip(
      tr("The selected label is the one the tools draw (keys 1–9); unchecked "
         "labels are hidden"));
  connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (!item) return;
    const auto value = static_cast<std::uint8_t>(item->data(kValueRole).toInt());
    setActiveLabel(value);
    Q_EMIT activeLabelChosen(value);
  });
  connect(m_list, &QListWidget::itemChanged, this, &LabelPanel::displayChanged);

  m_tags = new QListWidget(this);
  m_tags->setObjectName(QStringLiteral("label-tags"));
  m_tags->setToolTip(tr("Tags of the image shown (or of its study); F1–F9 set them"));
  m_tags->hide();
  connect(m_tags, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    Q_EMIT tagToggled(item->data(kValueRole).toString(), item->checkState() == Qt::Checked);
  });

  m_opacity = new QSlider(Qt::Horizontal, this);
  m_opacity->setRange(0, 100);
  m_opacity->setValue(kDefaultOpacity);
  m_opacity->setObjectName(QStringLiteral("label-opacity"));
  m_opacity->setToolTip(tr("The fill opacity of the selected label"));
  connect(m_opacity, &QSlider::valueChanged, this, [this](int percent) {
    if (QListWidgetItem* item = m_list->currentItem()) {
      m_opacities[static_cast<std::uint8_t>(item->data(kValueRole).toInt())] = percent;
      Q_EMIT displayChanged();
    }
  });
  m_outline = new QCheckBox(tr("Outline only"), this);
  m_outline->setObjectName(QStringLiteral("label-outline-only"));
  connect(m_outline, &QCheckBox::toggled, this, &LabelPanel::displayChanged);

  m_low = intensityBox(-160, this);
  m_high = intensityBox(240, this);
  for (QDoubleSpinBox* box : {m_low, m_high}) {
    connect(box, &QDoubleSpinBox::valueChanged, this, [this] { m_rangeEdited = true; });
  }
  m_brushInRange = new QCheckBox(tr("The brush paints only inside the range"), this);
  m_brushInRange->setObjectName(QStringLiteral("label-brush-in-range"));
  auto* rangeRow = new QHBoxLayout;
  rangeRow->addWidget(m_low);
  rangeRow->addWidget(m_high);
  auto* range = new QGroupBox(tr("Intensity range"), this);
  range->setToolTip(
      tr("In the image's units (HU for CT): for the threshold brush, threshold fill "
         "and region growing"));
  auto* rangeLayout = new QVBoxLayout(range);
  rangeLayout->addLayout(rangeRow);
  rangeLayout->addWidget(m_brushInRange);

  m_tools = new QGridLayout;
  auto* form = new QFormLayout;
  form->addRow(tr("Fill opacity"), m_opacity);  // of the selected label
  form->addRow(m_outline);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_list, 1);
  layout->addWidget(m_tags);
  layout->addLayout(form);
  layout->addWidget(range);
  layout->addLayout(m_tools);
}

void LabelPanel::setLabels(const std::vector<core::LabelDefinition>& labels, std::uint8_t active) {
  m_labels = labels;
  const QSignalBlocker blocker(m_list);
  m_list->clear();
  int key = 1;
  for (const core::LabelDefinition& label : labels) {
    const QString name = QString::fromStdString(label.name);
    auto* item = new QListWidgetItem(key <= 9 ? QStringLiteral("%1   %2").arg(key).arg(name)
                                              : QStringLiteral("     %1").arg(name));
    ++key;
    QPixmap swatch(14, 14);
    swatch.fill(QColor(label.colour[0], label.colour[1], label.colour[2]));
    item->setIcon(QIcon(swatch));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
    item->setData(kValueRole, label.value);
    m_list->addItem(item);
  }
  setActiveLabel(active);
  Q_EMIT displayChanged();
}

void LabelPanel::setActiveLabel(std::uint8_t value) {
  const QSignalBlocker blocker(m_list);
  for (int row = 0; row < m_list->count(); ++row) {
    if (m_list->item(row)->data(kValueRole).toInt() == value) m_list->setCurrentRow(row);
  }
  const QSignalBlocker sliderBlocker(m_opacity);
  const auto opacity = m_opacities.find(value);
  m_opacity->setValue(opacity != m_opacities.end() ? opacity->second : kDefaultOpacity);
}

render::AnnotationDisplay LabelPanel::display() const {
  render::AnnotationDisplay display;
  for (int row = 0; row < m_list->count(); ++row) {
    const core::LabelDefinition& label = m_labels[static_cast<std::size_t>(row)];
    const auto opacity = m_opacities.find(label.value);
    display.styles.push_back(
        {label.value,
         {label.colour[0] / 255.0, label.colour[1] / 255.0, label.colour[2] / 255.0},
         m_list->item(row)->checkState() == Qt::Checked,
         (opacity != m_opacities.end() ? opacity->second : kDefaultOpacity) / 100.0});
  }
  display.outlineOnly = m_outline->isChecked();
  return display;
}

core::IntensityRange LabelPanel::range() const {
  return {std::min(m_low->value(), m_high->value()), std::max(m_low->value(), m_high->value())};
}

void LabelPanel::suggestRange(const core::IntensityRange& range) {
  if (m_rangeEdited) return;
  m_low->setValue(range.low);
  m_high->setValue(range.high);
  m_rangeEdited = false;
}

bool LabelPanel::brushKeepsToRange() const { return m_brushInRange->isChecked(); }

void LabelPanel::showTags(const std::vector<core::TagDefinition>& tags,
                          const std::function<bool(const std::string&)>& isSet) {
  const QSignalBlocker blocker(m_tags);
  m_tags->clear();
  for (const core::TagDefinition& tag : tags) {
    const QString name = QString::fromStdString(tag.name);
    auto* item = new QListWidgetItem(
        tag.scope == core::TagDefinition::Scope::Study ? tr("%1 (study)").arg(name) : name);
    item->setData(kValueRole, name);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(isSet(tag.name) ? Qt::Checked : Qt::Unchecked);
    m_tags->addItem(item);
  }
  m_tags->setVisible(!tags.empty());
}

void LabelPanel::addTool(QAction* action) {
  auto* button = new QToolButton(this);
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  const int count = m_tools->count();
  m_tools->addWidget(button, count / kToolColumns, count % kToolColumns);
}

}  // namespace lumen::app
