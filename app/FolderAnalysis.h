#pragma once

#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "AnalysisQueue.h"
#include "core/Job.h"

namespace lumen::app {

class ModelLibrary;
class StudyIndex;

/// Runs the enabled models over every volume of a folder of studies in the background (after an
/// import), so that the study list can be sorted by what they found. Volumes are read one at a
/// time on a thread of its own, each waits until its jobs have ended before the next is read (at
/// most one such volume in memory), and models whose result is cached already are not run again;
/// a volume done once this session is not read again. Jobs go at background priority: the volume
/// on screen goes first. Results are cached by whoever stores the queue's results
/// (StudyAnalysis). Lives on the GUI thread.
class FolderAnalysis : public QObject {
  Q_OBJECT

 public:
  FolderAnalysis(ModelLibrary* library, StudyIndex* index, AnalysisQueue* queue,
                 QObject* parent = nullptr);
  /// Stops the walk (within one DICOM file or slice) and waits for it.
  ~FolderAnalysis() override;

  /// Analyses every volume under `paths` but the one stored as `skipKey` (it is on screen).
  void analyse(const QStringList& paths, const std::string& skipKey);
  /// Stops every walk started so far (their volumes' queued jobs are the queue's to cancel).
  void stop();

 Q_SIGNALS:
  /// A walk has been through every volume it was given (`volumes` of them read).
  void finished(int volumes);

 private:
  struct Volume;
  /// On the GUI thread: queues the models a volume has no cached result of.
  void start(std::shared_ptr<Volume> volume);
  void jobEnded(const QString& volumeKey, const QString& modelSha256, bool completed);

  ModelLibrary* m_library;
  StudyIndex* m_index;
  AnalysisQueue* m_queue;
  QThreadPool m_pool;
  std::shared_ptr<core::CancelToken> m_cancel;  ///< of the walks started since the last stop()
  std::map<std::string, std::shared_ptr<Volume>> m_running;  ///< by volume key
  std::mutex m_doneMutex;
  std::set<std::string> m_done;  ///< volume keys analysed this session
};

}  // namespace lumen::app
