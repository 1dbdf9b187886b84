#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace lumen::app {

class AnalysisQueue;

/// The status bar's view of the models' work: what runs, how far it is, how many jobs wait, and
/// a button that cancels them all. Hidden while nothing runs. GUI thread only.
class AnalysisStatus : public QWidget {
  Q_OBJECT

 public:
  explicit AnalysisStatus(AnalysisQueue* queue, QWidget* parent = nullptr);

 private:
  void update();

  AnalysisQueue* m_queue;
  QLabel* m_text = nullptr;
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancel = nullptr;
};

}  // namespace lumen::app
