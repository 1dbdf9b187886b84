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
#include "core/VolumeSource.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::app {

/// What a load job returns: a volume with its statistics, or an error. Never an exception.
struct LoadedVolume {
  QString path;  ///< the first path asked for
  std::shared_ptr<const core::Volume> volume;
  core::VolumeSource source;  ///< patient, study, series and warnings (empty for NIfTI etc.)
  int rejectedFiles = 0;      ///< DICOM files that could not be read
  int otherVolumes = 0;       ///< further volumes found under the paths, not shown
  QByteArray thumbnail;       ///< PNG of the middle slice, for the study list (DICOM only)
  /// Under which the volume's measurements are stored: the series and which of its volumes, or
  /// the canonical path of a volume file.
  std::string volumeKey;
  /// Every DICOM image instance found, for the study database.
  std::shared_ptr<const std::vector<core::DicomInstance>> instances;
  std::shared_ptr<const core::IntensityStatistics> statistics;
  std::optional<Error> error;
  /// The middle slice alone (a one-slice volume in place), sent while the rest decodes.
  bool preview = false;
  qint64 milliseconds = 0;  ///< how long reading and statistics took
};

/// The key a volume's measurements and model results are stored under: "file:" and the canonical
/// path of a volume file, or the series and which of its volumes (core::dicomVolumeKey).
std::string volumeKeyOf(const core::VolumeSource& source, int volumeInSeries,
                        const std::string& path);

/// The window a loaded volume opens at: the first one its DICOM header suggests (the acquiring
/// site's choice), else the default of its statistics.
core::Window initialWindow(const LoadedVolume& loaded);

/// Reads volume files on its own thread pool, never on the GUI thread. One load at a time:
/// starting another cancels the one in flight, whose result is then dropped. Lives on the GUI
/// thread; its signals arrive there.
class VolumeLoader : public QObject {
  Q_OBJECT

 public:
  explicit VolumeLoader(QObject* parent = nullptr);
  ~VolumeLoader() override;

  /// Reads what `paths` hold: one NIfTI, NRRD or MetaImage file, or DICOM files, folders and
  /// DICOMDIRs, of which the volume with the most slices is shown.
  void load(const QStringList& paths);
  /// Stops waiting for the load in flight: its result is dropped, and the read itself stops at
  /// its next slab or slice (NIfTI, MetaImage, DICOM) or when ITK is done (NRRD).
  void cancel();

 Q_SIGNALS:
  void started(const QString& path);
  /// Fraction done in [0, 1].
  void progressed(double fraction);
  void finished(const lumen::app::LoadedVolume& result);
  /// DICOM: the middle slice, decoded first, while the rest of the volume is still decoding.
  void previewReady(const lumen::app::LoadedVolume& preview);

 private:
  QThreadPool m_pool;
  QFutureWatcher<LoadedVolume>* m_watcher = nullptr;
  std::shared_ptr<core::CancelToken> m_cancel;
};

}  // namespace lumen::app
