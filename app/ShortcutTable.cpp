#include "ShortcutTable.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::app {

QDialog* ShortcutTable::create(const std::vector<QAction*>& actions, QWidget* parent) {
  std::vector<std::pair<QString, QString>> rows;
  for (const QAction* action : actions) {
    if (action->shortcut().isEmpty()) continue;
    rows.emplace_back(action->shortcut().toString(QKeySequence::NativeText),
                      action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
  }
  rows.emplace_back(tr("Wheel, ↑ ↓"), tr("Next or previous slice"));
  rows.emplace_back(tr("Page Up, Page Down"), tr("Ten slices on or back"));
  rows.emplace_back(tr("Ctrl + wheel"), tr("Zoom about the mouse"));
  rows.emplace_back(tr("Right drag"), tr("Window/level (zoom in the Zoom tool)"));
  rows.emplace_back(tr("Middle drag"), tr("Pan"));
  rows.emplace_back(tr("Double click"), tr("Show the view alone, or the layout again"));
  rows.emplace_back(tr("Drag a measurement's handle"), tr("Edit the measurement"));
  rows.emplace_back(tr("Esc"), tr("Cancel the measurement being drawn"));
  rows.emplace_back(tr("3D view: left, middle, right drag"), tr("Rotate, pan, zoom"));

  auto* dialog = new QDialog(parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Keyboard and Mouse"));
  auto* table = new QTableWidget(static_cast<int>(rows.size()), 2, dialog);
  table->setHorizontalHeaderLabels({tr("Key or gesture"), tr("What it does")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  for (int row = 0; row < static_cast<int>(rows.size()); ++row) {
    table->setItem(row, 0, new QTableWidgetItem(rows[row].first));
    table->setItem(row, 1, new QTableWidgetItem(rows[row].second));
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  auto* layout = new QVBoxLayout(dialog);
  layout->addWidget(table);
  layout->addWidget(buttons);
  dialog->resize(560, 520);
  return dialog;
}

}  // namespace lumen::app
