#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace lumen::app {

class StudyIndex;

/// The study list of the local database: search by patient name or ID, study date range and
/// modality; expand a study into its series; open a series or a whole study; remove a study.
/// Every query runs on the StudyIndex's thread. GUI thread only.
class StudyBrowser : public QWidget {
  Q_OBJECT

 public:
  explicit StudyBrowser(StudyIndex* index, QWidget* parent = nullptr);

  /// Queries the database again with the current search fields.
  void refresh();
  /// Selects and opens the row after (`step` 1) or before (−1) the current one in the list's
  /// order: the next series of a study, then the next study. False at either end.
  bool openNeighbour(int step);

 Q_SIGNALS:
  /// The user asked to open these files (a series, or every series of a study).
  void openRequested(const QStringList& paths);

 private:
  void showSeries(QTreeWidgetItem* study);
  void openSelected();
  void removeSelected();

  StudyIndex* m_index;
  QLineEdit* m_text = nullptr;
  QLineEdit* m_from = nullptr;
  QLineEdit* m_to = nullptr;
  QComboBox* m_modality = nullptr;
  QTreeWidget* m_tree = nullptr;
  QPushButton* m_open = nullptr;
  QPushButton* m_remove = nullptr;
  QTimer* m_refreshSoon = nullptr;  ///< refreshes once typing or a burst of changes pauses
  int m_generation = 0;             // the latest search; older answers are dropped
};

}  // namespace lumen::app
