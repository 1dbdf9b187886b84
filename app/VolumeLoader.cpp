#include "VolumeLoader.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent>
#include <algorithm>
#include <cstring>
#include <functional>

#include "Logging.h"
#include "Thumbnail.h"
#include "core/StudyDatabase.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomVolumeReader.h"

namespace lumen::app {
namespace {

constexpr int kProgressSteps = 1000;

/// The job: read and statistics, on the calling thread. Never throws.
using PreviewCallback = std::function<void(LoadedVolume)>;

/// Slice k of `volume` as a one-slice volume at the same place.
std::shared_ptr<const core::Volume> copySlice(const core::Volume& volume, std::size_t k) {
  core::VolumeGeometry geometry = volume.geometry();
  geometry.origin = volume.indexToWorld({0.0, 0.0, static_cast<double>(k)});
  geometry.size[2] = 1;
  auto slice = std::make_shared<core::Volume>(volume.pixelType(), geometry, volume.components());
  const std::size_t bytes = slice->byteSize();
  std::memcpy(slice->data(), static_cast<const std::byte*>(volume.data()) + k * bytes, bytes);
  return slice;
}

/// DICOM: scan everything, then decode the volume with the most slices.
void loadDicom(const QStringList& paths, const core::ProgressCallback& progress,
               const core::CancelToken* cancel, const PreviewCallback& preview,
               LoadedVolume& result) {
  std::vector<std::string> files;
  for (const QString& path : paths) files.push_back(path.toStdString());
  core::DicomScan scan = core::scanDicom(
      files, [&](double fraction) { progress(0.1 * fraction); }, cancel);
  result.rejectedFiles = static_cast<int>(scan.rejected.size());
  if (scan.volumes.empty()) {
    throw Error(scan.rejected.empty() ? ErrorCode::UnsupportedFormat : ErrorCode::ReadFailed,
                scan.rejected.empty() ? files.front() + ": no DICOM image found"
                                      : scan.rejected.front().reason);
  }
  const auto largest = std::max_element(
      scan.volumes.begin(), scan.volumes.end(),
      [](const auto& a, const auto& b) { return a.slices.size() < b.slices.size(); });
  result.otherVolumes = static_cast<int>(scan.volumes.size()) - 1;
  int volumeInSeries = 0;
  for (auto volume = scan.volumes.begin(); volume != largest; ++volume) {
    if (volume->source.seriesInstanceUid == largest->source.seriesInstanceUid) ++volumeInSeries;
  }
  result.volumeKey = volumeKeyOf(largest->source, volumeInSeries, {});
  core::DicomVolumeRead read = core::readDicomVolume(
      *largest, scan.instances, [&](double fraction) { progress(0.1 + 0.9 * fraction); }, cancel,
      [&](const core::Volume& volume, std::size_t k) {
        LoadedVolume first;
        first.path = result.path;
        first.preview = true;
        first.source = largest->source;
        first.volumeKey = result.volumeKey;
        first.volume = copySlice(volume, k);
        first.statistics = std::make_shared<const core::IntensityStatistics>(*first.volume);
        preview(std::move(first));
      });
  result.rejectedFiles += static_cast<int>(read.rejected.size());
  result.instances =
      std::make_shared<const std::vector<core::DicomInstance>>(std::move(scan.instances));
  result.source = std::move(read.source);
  result.volume = std::move(read.volume);
}

LoadedVolume loadNow(const QStringList& paths, const core::ProgressCallback& progress,
                     const core::CancelToken* cancel, const PreviewCallback& preview) {
  QElapsedTimer clock;
  clock.start();
  LoadedVolume result;
  const QString path = paths.value(0);
  result.path = path;
  try {
    if (paths.size() == 1 && core::isVolumeFileName(path.toStdString())) {
      result.volume = core::readVolumeFile(path.toStdString(), progress, cancel);
      result.volumeKey = volumeKeyOf({}, 0, path.toStdString());
    } else {
      loadDicom(paths, progress, cancel, preview, result);
    }
    const std::shared_ptr<const core::Volume>& volume = result.volume;
    result.statistics = std::make_shared<const core::IntensityStatistics>(*volume);
    if (result.instances)
      result.thumbnail = pngBytes(makeThumbnail(*volume, initialWindow(result)));
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

std::string volumeKeyOf(const core::VolumeSource& source, int volumeInSeries,
                        const std::string& path) {
  if (source.seriesInstanceUid.empty())
    return "file:" + QFileInfo(QString::fromStdString(path)).canonicalFilePath().toStdString();
  return core::dicomVolumeKey(source.seriesInstanceUid, volumeInSeries);
}

core::Window initialWindow(const LoadedVolume& loaded) {
  if (loaded.source.windows.empty()) return loaded.statistics->defaultWindow();
  return {loaded.source.windows[0].center, loaded.source.windows[0].width};
}

VolumeLoader::VolumeLoader(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(1); }

VolumeLoader::~VolumeLoader() {
  cancel();
  m_pool.waitForDone();
}

void VolumeLoader::load(const QStringList& paths) {
  const QString path = paths.value(0);
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
  connect(watcher, &QFutureWatcher<LoadedVolume>::resultReadyAt, this, [this, watcher](int index) {
    if (watcher != m_watcher) return;
    const LoadedVolume result = watcher->resultAt(index);
    if (result.preview) Q_EMIT previewReady(result);
  });
  connect(watcher, &QFutureWatcher<LoadedVolume>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (watcher != m_watcher) return;
    m_watcher = nullptr;
    // The last result is the volume; a preview, if any, came before it.
    const LoadedVolume result = watcher->resultAt(watcher->future().resultCount() - 1);
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
  watcher->setFuture(QtConcurrent::run(&m_pool, [paths, token](QPromise<LoadedVolume>& promise) {
    promise.setProgressRange(0, kProgressSteps);
    promise.addResult(loadNow(
        paths,
        [&promise](double fraction) {
          promise.setProgressValue(static_cast<int>(fraction * kProgressSteps));
        },
        token.get(), [&promise](LoadedVolume preview) { promise.addResult(std::move(preview)); }));
  }));
}

void VolumeLoader::cancel() {
  if (m_cancel) m_cancel->cancel();
  m_cancel.reset();
  m_watcher = nullptr;  // its result, if any, is dropped; it deletes itself when done
}

}  // namespace lumen::app
