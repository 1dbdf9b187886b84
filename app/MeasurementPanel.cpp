#include "MeasurementPanel.h"

#include <QAction>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/Error.h"
#include "widgets/MeasurementSet.h"
#include "widgets/MeasurementText.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

enum Column { KindColumn, ValueColumn, LabelColumn };
constexpr int kIdRole = Qt::UserRole;

core::Vec3 centreOf(const core::Measurement& m) {
  core::Vec3 centre{};
  for (const core::Vec3& p : m.points)
    for (int a = 0; a < 3; ++a) centre[a] += p[a] / static_cast<double>(m.points.size());
  return centre;
}

}  // namespace

MeasurementPanel::MeasurementPanel(widgets::ViewGrid* grid, QWidget* parent)
    : QWidget(parent), m_grid(grid), m_measurements(grid->measurements()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  m_list = new QTreeWidget(this);
  m_list->setHeaderLabels({tr("Measurement"), tr("Value"), tr("Label")});
  m_list->setRootIsDecorated(false);
  m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  m_list->header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
  layout->addWidget(m_list);
  auto* remove = new QPushButton(tr("Delete"), this);
  remove->setToolTip(tr("Delete the selected measurement (Delete)"));
  layout->addWidget(remove);

  auto* removeKey = new QAction(tr("Delete Measurement"), this);
  removeKey->setShortcut(QKeySequence::Delete);
  removeKey->setShortcutContext(Qt::WindowShortcut);  // Delete anywhere in the window
  addAction(removeKey);
  connect(removeKey, &QAction::triggered, this, &MeasurementPanel::removeSelected);
  connect(remove, &QPushButton::clicked, this, &MeasurementPanel::removeSelected);
  // Queued: selecting or relabelling a row changes the set, and rebuilding the list inside the
  // list's own signal would delete the row being clicked.
  connect(m_measurements, &widgets::MeasurementSet::changed, this, &MeasurementPanel::refresh,
          Qt::QueuedConnection);
  connect(m_list, &QTreeWidget::itemSelectionChanged, this, &MeasurementPanel::onSelection);
  connect(m_list, &QTreeWidget::itemChanged, this, &MeasurementPanel::onEdited);
}

void MeasurementPanel::setVolume(std::shared_ptr<const core::Volume> volume, const QString& unit) {
  m_volume = std::move(volume);
  m_unit = unit;
  refresh();
}

void MeasurementPanel::refresh() {
  const QSignalBlocker block(m_list);
  m_list->clear();
  for (const core::Measurement& m : m_measurements->measurements()) {
    QString value;
    if (m_volume) {
      try {
        value = widgets::MeasurementText::value(m, *m_volume, m_unit);
      } catch (const Error& error) {
        value = QString::fromStdString(error.what());
      }
    }
    auto* item =
        new QTreeWidgetItem(m_list, {widgets::MeasurementText::kindName(m.kind),
                                     value.replace(QLatin1Char('\n'), QStringLiteral("; ")),
                                     QString::fromStdString(m.label)});
    item->setData(KindColumn, kIdRole, QVariant::fromValue<qint64>(m.id));
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    if (m.id == m_measurements->selected()) item->setSelected(true);
  }
  m_list->resizeColumnToContents(KindColumn);
}

void MeasurementPanel::onSelection() {
  const QList<QTreeWidgetItem*> items = m_list->selectedItems();
  if (items.isEmpty()) return;
  const qint64 id = items.first()->data(KindColumn, kIdRole).toLongLong();
  if (const core::Measurement* m = m_measurements->find(id)) {
    m_grid->setCursor(centreOf(*m));
  }
  m_measurements->select(id);
}

void MeasurementPanel::onEdited(QTreeWidgetItem* item, int column) {
  if (column != LabelColumn) return;
  const qint64 id = item->data(KindColumn, kIdRole).toLongLong();
  if (const core::Measurement* found = m_measurements->find(id)) {
    core::Measurement edited = *found;
    edited.label = item->text(LabelColumn).toStdString();
    m_measurements->update(edited);
  }
}

void MeasurementPanel::removeSelected() {
  if (m_measurements->selected() != 0) m_measurements->remove(m_measurements->selected());
}

}  // namespace lumen::app
