#include "FolderAnalysis.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <algorithm>
#include <chrono>

#include "InferenceBridge.h"
#include "Logging.h"
#include "ModelLibrary.h"
#include "StudyIndex.h"
#include "VolumeWalk.h"
#include "core/StudyDatabase.h"
#include "inference/InferenceWorker.h"

namespace lumen::app {

/// One volume on its way through the models.
struct FolderAnalysis::Volume {
  AnalysisTarget target;
  int jobs = 0;             // still queued or running
  std::promise<void> done;  // set when they have all ended: the reader goes on
};

namespace {

/// Thrown out of the walk to stop it.
struct Stopped {};

}  // namespace

FolderAnalysis::FolderAnalysis(ModelLibrary* library, StudyIndex* index, AnalysisQueue* queue,
                               QObject* parent)
    : QObject(parent), m_library(library), m_index(index), m_queue(queue) {
  m_pool.setMaxThreadCount(1);
  connect(m_queue, &AnalysisQueue::jobEnded, this,
          [this](const QString& volumeKey, const QString&) { jobEnded(volumeKey); });
}

FolderAnalysis::~FolderAnalysis() {
  m_stop = true;  // the reader stops waiting for its volume's jobs
  m_pool.waitForDone();
}

void FolderAnalysis::analyse(const QStringList& paths, const std::string& skipKey) {
  std::vector<std::string> files;
  for (const QString& path : paths) files.push_back(path.toStdString());
  m_pool.start([this, files, skipKey] {
    std::map<std::string, int> volumesOfSeries;
    int volumes = 0;
    try {
      forEachVolume(files, [&](std::shared_ptr<const core::Volume> volume,
                               core::VolumeSource source, const std::string& where) {
        if (m_stop) throw Stopped();
        auto item = std::make_shared<Volume>();
        AnalysisTarget& target = item->target;
        // The keys the loader gives the same volumes (see VolumeLoader).
        target.volumeKey =
            source.seriesInstanceUid.empty()
                ? "file:" +
                      QFileInfo(QString::fromStdString(where)).canonicalFilePath().toStdString()
                : core::dicomVolumeKey(source.seriesInstanceUid,
                                       volumesOfSeries[source.seriesInstanceUid]++);
        if (target.volumeKey == skipKey) return;
        target.seriesUid = source.seriesInstanceUid;
        target.modality = source.modality;
        target.bodyPart = source.bodyPart;
        target.volume = std::move(volume);
        std::future<void> done = item->done.get_future();
        QMetaObject::invokeMethod(
            this, [this, item] { start(item); }, Qt::QueuedConnection);
        while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
          if (m_stop) throw Stopped();
        }
        ++volumes;
      });
    } catch (const Stopped&) {
      return;
    } catch (const std::exception& e) {
      qCWarning(lcApp).noquote() << "background analysis stopped:" << e.what();
    }
    QMetaObject::invokeMethod(
        this, [this, volumes] { Q_EMIT finished(volumes); }, Qt::QueuedConnection);
  });
}

void FolderAnalysis::start(std::shared_ptr<Volume> item) {
  if (m_stop) return;
  const std::string key = item->target.volumeKey;
  QPointer<FolderAnalysis> self(this);
  m_index->modelResults(key, [this, self, item](const std::vector<core::ModelResult>& cached) {
    if (self.isNull() || m_stop) return;
    const inference::Geometry geometry = inferenceGeometry(item->target.volume->geometry());
    for (const inference::ModelPackage& model : m_library->enabledPackages()) {
      const bool known = std::any_of(cached.begin(), cached.end(),
                                     [&](const auto& r) { return r.modelSha256 == model.sha256; });
      if (known || !inference::whyNotApplicable(model.manifest, item->target.modality,
                                                item->target.bodyPart, geometry)
                        .empty())
        continue;
      if (m_queue->submit(item->target, model, AnalysisQueue::Priority::Background)) ++item->jobs;
    }
    if (item->jobs == 0) {
      item->done.set_value();
    } else {
      m_running[item->target.volumeKey] = item;
    }
  });
}

void FolderAnalysis::jobEnded(const QString& volumeKey) {
  const auto it = m_running.find(volumeKey.toStdString());
  if (it == m_running.end()) return;
  if (--it->second->jobs > 0) return;
  it->second->done.set_value();
  m_running.erase(it);
}

}  // namespace lumen::app
