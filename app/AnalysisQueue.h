#pragma once

#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <string>

#include "core/ModelResult.h"
#include "core/Volume.h"
#include "inference/ModelPackage.h"

namespace lumen::inference {
class InferenceWorker;
}

namespace lumen::app {

/// A volume for models to read, and what the study says about it.
struct AnalysisTarget {
  std::string volumeKey;  ///< as its measurements and results are stored (LoadedVolume::volumeKey)
  std::string seriesUid;  ///< empty for a volume file
  std::shared_ptr<const core::Volume> volume;
  std::string modality;  ///< DICOM Modality; empty for a volume file
  std::string bodyPart;  ///< DICOM BodyPartExamined; may be empty
};

/// The models' work for the app: one inference worker (the GPU when there is one, else the CPU
/// with one core left to the GUI), jobs tagged with the volume they read, results turned into
/// core::ModelResults off the GUI thread and delivered on it. Lives on the GUI thread.
class AnalysisQueue : public QObject {
  Q_OBJECT

 public:
  /// The volume on screen goes before volumes analysed in the background (an imported folder).
  enum class Priority { Background = 0, OnScreen = 10 };

  /// What the status bar shows.
  struct Status {
    int queued = 0;
    int running = 0;
    QString model;          ///< the running job's model
    QString modelSha256;    ///< the running job's model
    std::string volumeKey;  ///< the running job's volume
    double fraction = 0.0;  ///< of the running job
  };

  /// Starts the worker on `device` ("auto", "cpu", "cuda").
  explicit AnalysisQueue(const QString& device = QStringLiteral("auto"), QObject* parent = nullptr);
  /// Cancels every job and waits for the running one to stop (within one batch).
  ~AnalysisQueue() override;

  /// Queues `model` on `target`; its result or failure arrives as a signal. A job of the same
  /// model on the same volume key that is still pending is kept (raised to `priority` when that is
  /// higher) instead of a second one. Returns false (after jobFailed) when the volume is one models
  /// cannot read (colour), without a job.
  bool submit(const AnalysisTarget& target, const inference::ModelPackage& model,
              Priority priority);
  /// Cancels the jobs of every volume but `volumeKey` that were queued as OnScreen (those
  /// queued in the background go on).
  void cancelOnScreenJobsExcept(const std::string& volumeKey);
  /// Cancels every job (the user's Stop); emits allCancelled().
  void cancelAll();
  /// Cancels every job of a model (it was removed).
  void cancelModel(const QString& modelSha256);
  Status status() const;
  /// "cpu" or "cuda:0".
  QString device() const;

 Q_SIGNALS:
  /// The counts or the running job's progress changed.
  void statusChanged();
  void resultReady(const QString& volumeKey, const QString& seriesUid,
                   std::shared_ptr<const core::ModelResult> result);
  /// A job ended, however it ended: `completed` when it gave a result or failed (after
  /// resultReady or jobFailed), false when it was cancelled.
  void jobEnded(const QString& volumeKey, const QString& modelSha256, bool completed);
  /// The user stopped every job (cancelAll()).
  void allCancelled();
  /// A job failed; `message` names the model and what went wrong (English, from the model layer).
  void jobFailed(const QString& volumeKey, const QString& modelSha256, const QString& modelName,
                 const QString& message);

 private:
  struct Job {
    std::string volumeKey;
    QString model;
    QString modelSha256;
    Priority priority = Priority::Background;
    bool running = false;
    bool cancelled = false;  ///< asked to stop; ends soon
    double fraction = 0.0;
  };
  void cancel(std::uint64_t id, Job& job);
  void progressed(std::uint64_t id, double fraction);
  void ended(std::uint64_t id);

  std::unique_ptr<inference::InferenceWorker> m_worker;
  std::map<std::uint64_t, Job> m_jobs;  ///< queued or running, by job id
};

}  // namespace lumen::app
