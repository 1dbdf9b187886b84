#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace lumen::app {

/// Measures how late the GUI event loop runs a 10 ms timer: the longest time the window could not
/// react to the user. Runs only when the "lumen.stall" logging category is enabled
/// (QT_LOGGING_RULES="lumen.stall.debug=true"); then it logs every stall over 50 ms as it happens
/// and the longest one when the application quits. GUI thread only.
class StallProbe : public QObject {
  Q_OBJECT

 public:
  explicit StallProbe(QObject* parent = nullptr);
  ~StallProbe() override;

 private:
  void tick();

  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_expected = 0;
  qint64 m_longest = 0;
};

}  // namespace lumen::app
