#include "AnalysisQueue.h"

#include <QMetaObject>

#include "InferenceBridge.h"
#include "Logging.h"
#include "core/Error.h"
#include "inference/InferenceWorker.h"

namespace lumen::app {

AnalysisQueue::AnalysisQueue(const QString& device, QObject* parent) : QObject(parent) {
  inference::InferenceWorker::Settings settings;
  settings.device = device.toStdString();
  m_worker = std::make_unique<inference::InferenceWorker>(settings);
  qCInfo(lcApp).noquote() << "models run on" << QString::fromStdString(m_worker->device());
}

AnalysisQueue::~AnalysisQueue() {
  // Every job's callbacks have run when the worker is gone; what they queued here is dropped
  // with this object.
  m_worker.reset();
}

bool AnalysisQueue::submit(const AnalysisTarget& target, const inference::ModelPackage& model,
                           Priority priority) {
  const QString modelName = QString::fromStdString(model.manifest.name);
  const QString modelSha = QString::fromStdString(model.sha256);
  for (auto& [id, job] : m_jobs) {
    if (job.cancelled || job.volumeKey != target.volumeKey || job.modelSha256 != modelSha) continue;
    if (priority > job.priority) {
      job.priority = priority;
      m_worker->setPriority(id, static_cast<int>(priority));
    }
    return true;
  }
  inference::InferenceJob job;
  try {
    job.image = imageInputOf(*target.volume);
  } catch (const Error& e) {
    Q_EMIT jobFailed(QString::fromStdString(target.volumeKey), modelSha, modelName,
                     QString::fromStdString(e.what()));
    return false;
  }
  job.model = model;
  job.keepAlive = target.volume;
  job.modality = target.modality;
  job.bodyPart = target.bodyPart;
  job.priority = static_cast<int>(priority);
  job.progress = [this](inference::JobId id, double fraction, const std::string&) {
    QMetaObject::invokeMethod(
        this, [this, id, fraction] { progressed(id, fraction); }, Qt::QueuedConnection);
  };
  const QString volumeKey = QString::fromStdString(target.volumeKey);
  const QString seriesUid = QString::fromStdString(target.seriesUid);
  job.finished = [this, manifest = model.manifest, volumeKey, seriesUid, modelSha,
                  modelName](const inference::JobOutcome& outcome) {
    // Made here, on the worker thread: the heatmaps are converted off the GUI thread.
    std::shared_ptr<const core::ModelResult> result;
    QString error = QString::fromStdString(outcome.error);
    if (outcome.status == inference::JobOutcome::Status::Done) {
      try {
        result = std::make_shared<core::ModelResult>(modelResultOf(*outcome.result, manifest));
      } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
      }
    }
    const bool cancelled = outcome.status == inference::JobOutcome::Status::Cancelled;
    QMetaObject::invokeMethod(
        this,
        [this, id = outcome.id, result, error, cancelled, volumeKey, seriesUid, modelSha,
         modelName] {
          ended(id);
          if (result) {
            Q_EMIT resultReady(volumeKey, seriesUid, result);
          } else if (!cancelled) {
            qCWarning(lcApp).noquote() << "model" << modelName << "failed:" << error;
            Q_EMIT jobFailed(volumeKey, modelSha, modelName, error);
          }
          Q_EMIT jobEnded(volumeKey, modelSha, !cancelled);
        },
        Qt::QueuedConnection);
  };
  const inference::JobId id = m_worker->submit(std::move(job));
  m_jobs[id] = Job{target.volumeKey, modelName, modelSha, priority};
  Q_EMIT statusChanged();
  return true;
}

void AnalysisQueue::cancel(std::uint64_t id, Job& job) {
  job.cancelled = true;
  m_worker->cancel(id);
}

void AnalysisQueue::cancelOnScreenJobsExcept(const std::string& volumeKey) {
  for (auto& [id, job] : m_jobs) {
    if (job.priority == Priority::OnScreen && job.volumeKey != volumeKey) cancel(id, job);
  }
}

void AnalysisQueue::cancelAll() {
  for (auto& [id, job] : m_jobs) cancel(id, job);
  Q_EMIT allCancelled();
}

void AnalysisQueue::cancelModel(const QString& modelSha256) {
  for (auto& [id, job] : m_jobs) {
    if (job.modelSha256 == modelSha256) cancel(id, job);
  }
}

AnalysisQueue::Status AnalysisQueue::status() const {
  Status status;
  for (const auto& entry : m_jobs) {
    const Job& job = entry.second;
    if (job.running) {
      ++status.running;
      status.model = job.model;
      status.modelSha256 = job.modelSha256;
      status.volumeKey = job.volumeKey;
      status.fraction = job.fraction;
    } else {
      ++status.queued;
    }
  }
  return status;
}

QString AnalysisQueue::device() const { return QString::fromStdString(m_worker->device()); }

void AnalysisQueue::progressed(std::uint64_t id, double fraction) {
  const auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return;
  it->second.running = true;
  it->second.fraction = fraction;
  Q_EMIT statusChanged();
}

void AnalysisQueue::ended(std::uint64_t id) {
  m_jobs.erase(id);
  Q_EMIT statusChanged();
}

}  // namespace lumen::app
