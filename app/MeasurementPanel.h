#pragma once

#include <QString>
#include <QWidget>
#include <memory>

#include "core/Volume.h"

class QTreeWidget;
class QTreeWidgetItem;

namespace lumen::widgets {
class MeasurementSet;
class ViewGrid;
}  // namespace lumen::widgets

namespace lumen::app {

/// The measurements of the volume on screen as a list: kind, value, and the user's label (double
/// click to edit). Selecting one selects it in the views and moves the cursor to it; Delete
/// removes it. GUI thread only.
class MeasurementPanel : public QWidget {
  Q_OBJECT

 public:
  MeasurementPanel(widgets::ViewGrid* grid, QWidget* parent = nullptr);

  /// The volume the values are measured on, and the unit of its values ("HU" or empty).
  void setVolume(std::shared_ptr<const core::Volume> volume, const QString& unit);
  /// Removes the selected measurement.
  void removeSelected();

  QTreeWidget* list() const { return m_list; }

 private:
  void refresh();
  void onSelection();
  void onEdited(QTreeWidgetItem* item, int column);

  widgets::ViewGrid* m_grid;
  widgets::MeasurementSet* m_measurements;
  QTreeWidget* m_list = nullptr;
  std::shared_ptr<const core::Volume> m_volume;
  QString m_unit;
};

}  // namespace lumen::app
