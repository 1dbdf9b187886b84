#include "FolderAnalysis.h"

#include <QMetaObject>
#include <QPointer>
#include <algorithm>
#include <chrono>
#include <future>

#include "InferenceBridge.h"
#include "Logging.h"
#include "ModelLibrary.h"
#include "StudyIndex.h"
#include "VolumeLoader.h"
#include "VolumeWalk.h"
#include "core/Error.h"
#include "inference/InferenceWorker.h"

namespace lumen::app {

/// One volume on its way through the models.
struct FolderAnalysis::Volume {
  AnalysisTarget target;
  std::set<std::string> jobs;  ///< models (SHA-256) still queued or running on it
  bool cancelled = false;      ///< a job of it was cancelled: not done, read it again next time
  std::promise<void> done;     ///< set when its jobs have all ended: the reader goes on
};

namespace {

/// Thrown out of the walk to stop it.
struct Stopped {};

}  // namespace

FolderAnalysis::FolderAnalysis(ModelLibrary* library, StudyIndex* index, AnalysisQueue* queue,
                               QObject* parent)
    : QObject(parent),
      m_library(library),
      m_index(index),
      m_queue(queue),
      m_cancel(std::make_shared<core::CancelToken>()) {
  m_pool.setMaxThreadCount(1);
  connect(m_queue, &AnalysisQueue::jobEnded, this, &FolderAnalysis::jobEnded);
  connect(m_queue, &AnalysisQueue::allCancelled, this, &FolderAnalysis::stop);
}

FolderAnalysis::~FolderAnalysis() {
  m_cancel->cancel();
  m_pool.clear();
  m_pool.waitForDone();
}

void FolderAnalysis::stop() {
  m_cancel->cancel();
  m_cancel = std::make_shared<core::CancelToken>();
  m_pool.clear();
  for (auto& entry : m_running) entry.second->done.set_value();
  m_running.clear();
}

void FolderAnalysis::analyse(const QStringList& paths, const std::string& skipKey) {
  std::vector<std::string> files;
  for (const QString& path : paths) files.push_back(path.toStdString());
  m_pool.start([this, files, skipKey, cancel = m_cancel] {
    int volumes = 0;
    const auto wanted = [&](const core::VolumeSource& source, int volumeInSeries,
                            const std::string& where) {
      const std::string key = volumeKeyOf(source, volumeInSeries, where);
      std::lock_guard<std::mutex> lock(m_doneMutex);
      return key != skipKey && m_done.count(key) == 0;
    };
    const auto visit = [&](FoundVolume found) {
      if (cancel->isCancelled()) throw Stopped();
      auto item = std::make_shared<Volume>();
      AnalysisTarget& target = item->target;
      target.volumeKey = volumeKeyOf(found.source, found.volumeInSeries, found.where);
      target.seriesUid = found.source.seriesInstanceUid;
      target.modality = found.source.modality;
      target.bodyPart = found.source.bodyPart;
      target.volume = std::move(found.volume);
      std::future<void> done = item->done.get_future();
      QMetaObject::invokeMethod(
          this, [this, item] { start(item); }, Qt::QueuedConnection);
      while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        if (cancel->isCancelled()) throw Stopped();
      }
      ++volumes;
    };
    try {
      if (cancel->isCancelled()) return;
      forEachVolume(files, visit, wanted, cancel.get());
    } catch (const Stopped&) {
      return;
    } catch (const Error& e) {
      if (e.code() == ErrorCode::Cancelled) return;
      qCWarning(lcApp).noquote() << "background analysis stopped:" << e.what();
    } catch (const std::exception& e) {
      qCWarning(lcApp).noquote() << "background analysis stopped:" << e.what();
    }
    QMetaObject::invokeMethod(
        this, [this, volumes] { Q_EMIT finished(volumes); }, Qt::QueuedConnection);
  });
}

void FolderAnalysis::start(std::shared_ptr<Volume> item) {
  QPointer<FolderAnalysis> self(this);
  const std::shared_ptr<core::CancelToken> cancel = m_cancel;
  m_index->modelResults(item->target.volumeKey, [this, self, item, cancel](
                                                    const std::vector<core::ModelResult>& cached) {
    if (self.isNull() || cancel->isCancelled()) return;
    const inference::Geometry geometry = inferenceGeometry(item->target.volume->geometry());
    for (const inference::ModelPackage& model : m_library->enabledPackages()) {
      const bool known = std::any_of(cached.begin(), cached.end(),
                                     [&](const auto& r) { return r.modelSha256 == model.sha256; });
      if (known || !inference::whyNotApplicable(model.manifest, item->target.modality,
                                                item->target.bodyPart, geometry)
                        .empty())
        continue;
      if (m_queue->submit(item->target, model, AnalysisQueue::Priority::Background))
        item->jobs.insert(model.sha256);
    }
    if (item->jobs.empty()) {
      std::lock_guard<std::mutex> lock(m_doneMutex);
      m_done.insert(item->target.volumeKey);
      item->done.set_value();
    } else {
      m_running[item->target.volumeKey] = item;
    }
  });
}

void FolderAnalysis::jobEnded(const QString& volumeKey, const QString& modelSha256,
                              bool completed) {
  const auto it = m_running.find(volumeKey.toStdString());
  if (it == m_running.end()) return;
  Volume& item = *it->second;
  if (item.jobs.erase(modelSha256.toStdString()) == 0) return;  // not one of its jobs
  item.cancelled = item.cancelled || !completed;
  if (!item.jobs.empty()) return;
  if (!item.cancelled) {
    std::lock_guard<std::mutex> lock(m_doneMutex);
    m_done.insert(item.target.volumeKey);
  }
  item.done.set_value();
  m_running.erase(it);
}

}  // namespace lumen::app
