#include "ProjectDialog.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/Error.h"
#include "render/OverlayColours.h"

namespace lumen::app {
namespace {

enum LabelColumn { NameColumn, ColourColumn, CategoryColumn, TypeColumn };
constexpr int kValueRole = Qt::UserRole;
constexpr int kExistingRole = Qt::UserRole + 1;

QString cellText(const QTableWidget* table, int row, int column) {
  const QTableWidgetItem* item = table->item(row, column);
  return item ? item->text().trimmed() : QString();
}

}  // namespace

std::optional<core::CodedConcept> conceptFromText(const QString& text) {
  const QString simplified = text.simplified();
  if (simplified.isEmpty()) return std::nullopt;
  const QStringList parts = simplified.split(QLatin1Char(' '));
  if (parts.size() < 3) {
    throw Error(ErrorCode::InvalidArgument,
                "\"" + simplified.toStdString() +
                    "\" needs a scheme, a code and a meaning, as in \"SCT 27925004 Nodule\"");
  }
  return core::CodedConcept{parts[0].toStdString(), parts[1].toStdString(),
                            parts.mid(2).join(QLatin1Char(' ')).toStdString()};
}

QString textOf(const std::optional<core::CodedConcept>& concept) {
  if (!concept) return {};
  return QStringLiteral("%1 %2 %3")
      .arg(QString::fromStdString(concept->scheme), QString::fromStdString(concept->code),
           QString::fromStdString(concept->meaning));
}

ProjectDialog::ProjectDialog(const QString& name, const core::LabelSchema& schema, bool editing,
                             QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(editing ? tr("Project Labels and Tags") : tr("New Annotation Project"));
  m_name = new QLineEdit(name, this);
  m_name->setReadOnly(editing);

  m_labels = new QTableWidget(0, 4, this);
  m_labels->setObjectName(QStringLiteral("project-labels"));
  m_labels->setHorizontalHeaderLabels(
      {tr("Label"), tr("Colour"), tr("Category (DICOM SEG)"), tr("Type (DICOM SEG)")});
  m_labels->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_labels->horizontalHeader()->setSectionResizeMode(ColourColumn, QHeaderView::ResizeToContents);
  m_labels->setToolTip(
      tr("Coded concepts as scheme, code and meaning, e.g. category \"SCT 49755003 "
         "Morphologically abnormal structure\", type \"SCT 27925004 Nodule\". Double-click a "
         "colour to change it."));
  connect(m_labels, &QTableWidget::cellDoubleClicked, this, &ProjectDialog::chooseColour);
  for (const core::LabelDefinition& label : schema.labels) addLabelRow(label, editing);

  m_tags = new QTableWidget(0, 2, this);
  m_tags->setObjectName(QStringLiteral("project-tags"));
  m_tags->setHorizontalHeaderLabels({tr("Tag"), tr("Of the whole study")});
  m_tags->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (const core::TagDefinition& tag : schema.tags)
    addTag(QString::fromStdString(tag.name), tag.scope, editing);

  auto* addLabelButton = new QPushButton(tr("Add Label"), this);
  connect(addLabelButton, &QPushButton::clicked, this, [this] { addLabel(tr("Label")); });
  auto* removeLabelButton = new QPushButton(tr("Remove Label"), this);
  removeLabelButton->setToolTip(tr("Only labels added now: label maps hold the others"));
  connect(removeLabelButton, &QPushButton::clicked, this, &ProjectDialog::removeLabel);
  auto* addTagButton = new QPushButton(tr("Add Tag"), this);
  connect(addTagButton, &QPushButton::clicked, this,
          [this] { addTag(tr("Tag"), core::TagDefinition::Scope::Image); });
  auto* removeTagButton = new QPushButton(tr("Remove Tag"), this);
  connect(removeTagButton, &QPushButton::clicked, this, [this] {
    const int row = m_tags->currentRow();
    if (row < 0) return;
    if (m_tags->item(row, 0)->data(kExistingRole).toBool()) {
      m_problem->setText(tr("Tags the project already has stay: annotations may hold them."));
      return;
    }
    m_tags->removeRow(row);
  });

  m_problem = new QLabel(this);
  m_problem->setWordWrap(true);
  m_problem->setStyleSheet(QStringLiteral("color: #c83030"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &ProjectDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* labelButtons = new QHBoxLayout;
  labelButtons->addWidget(addLabelButton);
  labelButtons->addWidget(removeLabelButton);
  labelButtons->addStretch();
  auto* tagButtons = new QHBoxLayout;
  tagButtons->addWidget(addTagButton);
  tagButtons->addWidget(removeTagButton);
  tagButtons->addStretch();
  auto* form = new QFormLayout;
  form->addRow(tr("Project name"), m_name);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_labels, 2);
  layout->addLayout(labelButtons);
  layout->addWidget(m_tags, 1);
  layout->addLayout(tagButtons);
  layout->addWidget(m_problem);
  layout->addWidget(buttons);
  resize(760, 520);
}

void ProjectDialog::addLabelRow(const core::LabelDefinition& label, bool existing) {
  const int row = m_labels->rowCount();
  m_labels->insertRow(row);
  auto* name = new QTableWidgetItem(QString::fromStdString(label.name));
  name->setData(kValueRole, label.value);
  name->setData(kExistingRole, existing);
  m_labels->setItem(row, NameColumn, name);
  auto* colour = new QTableWidgetItem;
  colour->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  colour->setBackground(QColor(label.colour[0], label.colour[1], label.colour[2]));
  m_labels->setItem(row, ColourColumn, colour);
  m_labels->setItem(row, CategoryColumn, new QTableWidgetItem(textOf(label.category)));
  m_labels->setItem(row, TypeColumn, new QTableWidgetItem(textOf(label.type)));
}

void ProjectDialog::addLabel(const QString& name) {
  int value = 1;
  for (int row = 0; row < m_labels->rowCount(); ++row)
    value = std::max(value, m_labels->item(row, NameColumn)->data(kValueRole).toInt() + 1);
  if (value > 255) {
    m_problem->setText(tr("A project holds at most 255 labels."));
    return;
  }
  core::LabelDefinition label;
  label.value = static_cast<std::uint8_t>(value);
  label.name = name.toStdString();
  const std::array<double, 3> colour = render::labelColour(label.value);
  for (int c = 0; c < 3; ++c)
    label.colour[c] = static_cast<std::uint8_t>(std::lround(255.0 * colour[c]));
  addLabelRow(label, false);
}

void ProjectDialog::addTag(const QString& name, core::TagDefinition::Scope scope, bool existing) {
  const int row = m_tags->rowCount();
  m_tags->insertRow(row);
  auto* item = new QTableWidgetItem(name);
  item->setData(kExistingRole, existing);
  // A tag's name and level are what annotations refer to: fixed once the project has it.
  if (existing) item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  m_tags->setItem(row, 0, item);
  auto* study = new QTableWidgetItem;
  study->setFlags(existing ? Qt::ItemIsSelectable : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
  study->setCheckState(scope == core::TagDefinition::Scope::Study ? Qt::Checked : Qt::Unchecked);
  m_tags->setItem(row, 1, study);
}

void ProjectDialog::chooseColour(int row, int column) {
  if (column != ColourColumn) return;
  QTableWidgetItem* item = m_labels->item(row, column);
  const QColor chosen = QColorDialog::getColor(item->background().color(), this);
  if (chosen.isValid()) item->setBackground(chosen);
}

void ProjectDialog::removeLabel() {
  const int row = m_labels->currentRow();
  if (row < 0) return;
  if (m_labels->item(row, NameColumn)->data(kExistingRole).toBool()) {
    m_problem->setText(tr("Labels the project already has stay: label maps may hold them."));
    return;
  }
  m_labels->removeRow(row);
}

QString ProjectDialog::name() const { return m_name->text().trimmed(); }

core::LabelSchema ProjectDialog::schema() const {
  core::LabelSchema schema;
  for (int row = 0; row < m_labels->rowCount(); ++row) {
    core::LabelDefinition label;
    label.value =
        static_cast<std::uint8_t>(m_labels->item(row, NameColumn)->data(kValueRole).toInt());
    label.name = cellText(m_labels, row, NameColumn).toStdString();
    const QColor colour = m_labels->item(row, ColourColumn)->background().color();
    label.colour = {static_cast<std::uint8_t>(colour.red()),
                    static_cast<std::uint8_t>(colour.green()),
                    static_cast<std::uint8_t>(colour.blue())};
    label.category = conceptFromText(cellText(m_labels, row, CategoryColumn));
    label.type = conceptFromText(cellText(m_labels, row, TypeColumn));
    schema.labels.push_back(label);
  }
  for (int row = 0; row < m_tags->rowCount(); ++row) {
    schema.tags.push_back(
        {cellText(m_tags, row, 0).toStdString(), m_tags->item(row, 1)->checkState() == Qt::Checked
                                                     ? core::TagDefinition::Scope::Study
                                                     : core::TagDefinition::Scope::Image});
  }
  schema.validate();
  if (schema.labels.empty() && schema.tags.empty())
    throw Error(ErrorCode::InvalidArgument, "a project needs at least one label or tag");
  return schema;
}

void ProjectDialog::accept() {
  if (name().isEmpty()) {
    m_problem->setText(tr("The project needs a name."));
    return;
  }
  try {
    schema();
  } catch (const Error& e) {
    m_problem->setText(QString::fromStdString(e.what()));
    return;
  }
  QDialog::accept();
}

}  // namespace lumen::app
