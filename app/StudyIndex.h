#pragma once

#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/ModelResult.h"
#include "core/StudyDatabase.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::app {

/// The local study database, used off the GUI thread: every call queues a job on one thread of
/// its own (so the connection is used by one thread at a time) and calls back on the GUI thread.
/// The database lives in `folder` (studies.sqlite, and store/ for copied files). Lives on the
/// GUI thread.
class StudyIndex : public QObject {
  Q_OBJECT

 public:
  /// `folder` empty: the user's data folder (QStandardPaths::AppDataLocation).
  explicit StudyIndex(const QString& folder = {}, QObject* parent = nullptr);
  ~StudyIndex() override;

  /// The database file (studies.sqlite in the data folder).
  const QString& databasePath() const { return m_path; }

  /// Indexes `instances`: in place (the files stay where they are), or copied into the
  /// database's store folder; emits changed() when done.
  void importInstances(std::shared_ptr<const std::vector<core::DicomInstance>> instances,
                       core::ImportMode mode = core::ImportMode::ReferenceInPlace);
  /// Runs `query` and hands its studies to `done` on the GUI thread.
  void search(const core::StudyQuery& query,
              std::function<void(const std::vector<core::StudyRecord>&)> done);
  /// The series of a study, to `done` on the GUI thread.
  void seriesOf(const std::string& studyUid,
                std::function<void(const std::vector<core::SeriesRecord>&)> done);
  /// The files of a series or a whole study, to `done` on the GUI thread.
  void instancePaths(const std::string& uid, std::function<void(const QStringList&)> done);
  /// Stores the PNG `png` as the picture of series `seriesUid`.
  void setThumbnail(const std::string& seriesUid, const QByteArray& png);
  /// The PNG picture of a series (empty when it has none), to `done` on the GUI thread.
  void thumbnail(const std::string& seriesUid, std::function<void(const QByteArray&)> done);
  /// The measurements stored for a volume (see LoadedVolume::volumeKey), to `done`.
  void measurements(const std::string& volumeKey,
                    std::function<void(const std::vector<core::Measurement>&)> done);
  /// Stores `measurements` as the whole list of the volume's measurements.
  void saveMeasurements(const std::string& volumeKey,
                        const std::vector<core::Measurement>& measurements);
  /// Adds `measurements` to those stored for the volume (their ids are replaced by fresh ones).
  void appendMeasurements(const std::string& volumeKey,
                          std::vector<core::Measurement> measurements);
  /// The model results cached for a volume, to `done` (empty when they cannot be read: the models
  /// then run again).
  void modelResults(const std::string& volumeKey,
                    std::function<void(const std::vector<core::ModelResult>&)> done);
  /// Caches a model's result for a volume of series `seriesUid` (empty for a volume file);
  /// emits changed() when done (the study list shows the highest probability).
  void saveModelResult(const std::string& volumeKey, const std::string& seriesUid,
                       std::shared_ptr<const core::ModelResult> result);
  /// Forgets every result of a model (it was removed); emits changed() when done.
  void removeModelResults(const std::string& modelSha256);
  /// Removes a study (and the copies Lumen made of its files); emits changed() when done.
  void removeStudy(const std::string& studyUid);

 Q_SIGNALS:
  /// The database changed (an import or a removal finished).
  void changed();
  /// A database job failed; `message` is in English, without patient data.
  void failed(const QString& message);

 private:
  /// Runs `job` with the database on the index's thread, then `then` on the GUI thread; when the
  /// job or opening the database throws, emits failed() and calls `orElse` instead.
  template <typename Result>
  void run(std::function<Result(core::StudyDatabase&)> job, std::function<void(const Result&)> then,
           std::function<void()> orElse = {});

  QString m_path;
  QString m_store;
  QThreadPool m_pool;
  std::shared_ptr<std::unique_ptr<core::StudyDatabase>> m_database;  // opened on first use, there
};

}  // namespace lumen::app
