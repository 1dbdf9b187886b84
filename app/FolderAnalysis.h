#pragma once

#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <string>

#include "AnalysisQueue.h"

namespace lumen::app {

class ModelLibrary;
class StudyIndex;

/// Runs the enabled models over every volume of a folder of studies in the background (after an
/// import), so that the study list can be sorted by what they found. Volumes are read one at a
/// time on a thread of its own, each waits until its jobs have ended before the next is read (at
/// most one such volume in memory), and models whose result is cached already are not run again.
/// Jobs go at background priority: the volume on screen goes first. Results are cached by
/// whoever stores the queue's results (StudyAnalysis). Lives on the GUI thread.
class FolderAnalysis : public QObject {
  Q_OBJECT

 public:
  FolderAnalysis(ModelLibrary* library, StudyIndex* index, AnalysisQueue* queue,
                 QObject* parent = nullptr);
  /// Stops after the volume being read.
  ~FolderAnalysis() override;

  /// Analyses every volume under `paths` but the one stored as `skipKey` (it is on screen).
  void analyse(const QStringList& paths, const std::string& skipKey);

 Q_SIGNALS:
  /// Every volume of an analyse() call has been through the models.
  void finished(int volumes);

 private:
  struct Volume;
  /// On the GUI thread: queues the models a volume has no cached result of.
  void start(std::shared_ptr<Volume> volume);
  void jobEnded(const QString& volumeKey);

  ModelLibrary* m_library;
  StudyIndex* m_index;
  AnalysisQueue* m_queue;
  QThreadPool m_pool;
  std::atomic<bool> m_stop{false};
  std::map<std::string, std::shared_ptr<Volume>> m_running;  ///< by volume key
};

}  // namespace lumen::app
