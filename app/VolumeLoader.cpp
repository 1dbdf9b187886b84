#include "VolumeLoader.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QtConcurrent>

#include "Logging.h"
#include "core/VolumeFile.h"

namespace lumen::app {
namespace {

constexpr int kProgressSteps = 1000;

/// The job: read and statistics, on the calling thread. Never throws.
LoadedVolume loadNow(const QString& path, const core::ProgressCallback& progress,
                     const core::CancelToken* cancel) {
  QElapsedTimer clock;
  clock.start();
  LoadedVolume result;
  result.path = path;
  try {
    std::shared_ptr<const core::Volume> volume =
        core::readVolumeFile(path.toStdString(), progress, cancel);
    result.statistics = std::make_shared<const core::IntensityStatistics>(*volume);
    result.volume = std::move(volume);
  } catch (const Error& e) {
    result.error = e;
  } catch (const std::exception& e) {
    result.error = Error(ErrorCode::ReadFailed, path.toStdString() + ": " + e.what());
  } catch (...) {
    result.error = Error(ErrorCode::ReadFailed, path.toStdString() + ": unknown error");
  }
  result.milliseconds = clock.elapsed();
  return result;
}

}  // namespace

VolumeLoader::VolumeLoader(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(1); }

VolumeLoader::~VolumeLoader() {
  cancel();
  m_pool.waitForDone();
}

void VolumeLoader::load(const QString& path) {
  cancel();
  auto token = std::make_shared<core::CancelToken>();
  m_cancel = token;
  // A fresh watcher per job, so a cancelled job's late signals cannot be mistaken for this one's.
  m_watcher = new QFutureWatcher<LoadedVolume>(this);
  QFutureWatcher<LoadedVolume>* watcher = m_watcher;
  connect(watcher, &QFutureWatcher<LoadedVolume>::progressValueChanged, this,
          [this, watcher](int value) {
            if (watcher == m_watcher)
              Q_EMIT progressed(static_cast<double>(value) / kProgressSteps);
          });
  connect(watcher, &QFutureWatcher<LoadedVolume>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (watcher != m_watcher) return;
    m_watcher = nullptr;
    const LoadedVolume result = watcher->result();
    // Paths can hold patient names: only debug output names them.
    if (result.error) {
      qCWarning(lcApp) << "loading failed:" << errorCodeName(result.error->code());
      qCDebug(lcApp).noquote() << result.error->what();
    } else {
      qCInfo(lcApp) << "loaded a volume in" << result.milliseconds << "ms";
    }
    Q_EMIT finished(result);
  });
  Q_EMIT started(path);
  qCDebug(lcApp).noquote() << "loading" << path;
  watcher->setFuture(QtConcurrent::run(&m_pool, [path, token](QPromise<LoadedVolume>& promise) {
    promise.setProgressRange(0, kProgressSteps);
    promise.addResult(loadNow(
        path,
        [&promise](double fraction) {
          promise.setProgressValue(static_cast<int>(fraction * kProgressSteps));
        },
        token.get()));
  }));
}

void VolumeLoader::cancel() {
  if (m_cancel) m_cancel->cancel();
  m_cancel.reset();
  m_watcher = nullptr;  // its result, if any, is dropped; it deletes itself when done
}

}  // namespace lumen::app
