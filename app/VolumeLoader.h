#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <memory>
#include <optional>

#include "core/Error.h"
#include "core/IntensityStatistics.h"
#include "core/Job.h"
#include "core/Volume.h"

namespace lumen::app {

/// What a load job returns: a volume with its statistics, or an error. Never an exception.
struct LoadedVolume {
  QString path;
  std::shared_ptr<const core::Volume> volume;
  std::shared_ptr<const core::IntensityStatistics> statistics;
  std::optional<Error> error;
  qint64 milliseconds = 0;  ///< how long reading and statistics took
};

/// Reads volume files on its own thread pool, never on the GUI thread. One load at a time:
/// starting another cancels the one in flight, whose result is then dropped. Lives on the GUI
/// thread; its signals arrive there.
class VolumeLoader : public QObject {
  Q_OBJECT

 public:
  explicit VolumeLoader(QObject* parent = nullptr);
  ~VolumeLoader() override;

  void load(const QString& path);
  /// Stops waiting for the load in flight: its result is dropped, and the read itself stops at
  /// its next slab (NIfTI, MetaImage) or when ITK is done (NRRD).
  void cancel();

 Q_SIGNALS:
  void started(const QString& path);
  /// Fraction done in [0, 1].
  void progressed(double fraction);
  void finished(const lumen::app::LoadedVolume& result);

 private:
  QThreadPool m_pool;
  QFutureWatcher<LoadedVolume>* m_watcher = nullptr;
  std::shared_ptr<core::CancelToken> m_cancel;
};

}  // namespace lumen::app
