#include "StudyIndex.h"

#include <QDir>
#include <QFutureWatcher>
#include <QStandardPaths>
#include <QtConcurrent>
#include <optional>

#include "InferenceBridge.h"
#include "Logging.h"
#include "core/Error.h"

namespace lumen::app {

StudyIndex::StudyIndex(const QString& folder, QObject* parent)
    : QObject(parent), m_database(std::make_shared<std::unique_ptr<core::StudyDatabase>>()) {
  const QString base =
      folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : folder;
  m_path = QDir(base).filePath(QStringLiteral("studies.sqlite"));
  m_store = QDir(base).filePath(QStringLiteral("store"));
  m_pool.setMaxThreadCount(1);
}

StudyIndex::~StudyIndex() { m_pool.waitForDone(); }

template <typename Result>
void StudyIndex::run(std::function<Result(core::StudyDatabase&)> job,
                     std::function<void(const Result&)> then, std::function<void()> orElse) {
  struct Outcome {
    std::optional<Result> result;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, then, orElse] {
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (!outcome.result) {
      qCWarning(lcApp).noquote() << "study database:" << outcome.error;
      Q_EMIT failed(outcome.error);
      if (orElse) orElse();
      return;
    }
    if (then) then(*outcome.result);
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [database = m_database, path = m_path, job] {
    Outcome outcome;
    try {
      if (!*database) *database = std::make_unique<core::StudyDatabase>(path.toStdString());
      outcome.result = job(**database);
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
}

void StudyIndex::importInstances(std::shared_ptr<const std::vector<core::DicomInstance>> instances,
                                 core::ImportMode mode) {
  run<core::ImportSummary>(
      [instances, mode, store = m_store.toStdString()](core::StudyDatabase& database) {
        return database.importInstances(*instances, mode, store);
      },
      [this](const core::ImportSummary& summary) {
        qCInfo(lcApp) << "indexed" << summary.instancesAdded << "new instances,"
                      << summary.instancesPresent << "already known";
        Q_EMIT changed();
      });
}

void StudyIndex::search(const core::StudyQuery& query,
                        std::function<void(const std::vector<core::StudyRecord>&)> done) {
  run<std::vector<core::StudyRecord>>(
      [query](core::StudyDatabase& database) { return database.searchStudies(query); },
      std::move(done));
}

void StudyIndex::seriesOf(const std::string& studyUid,
                          std::function<void(const std::vector<core::SeriesRecord>&)> done) {
  run<std::vector<core::SeriesRecord>>(
      [studyUid](core::StudyDatabase& database) { return database.seriesOf(studyUid); },
      std::move(done));
}

void StudyIndex::instancePaths(const std::string& uid,
                               std::function<void(const QStringList&)> done) {
  run<QStringList>(
      [uid](core::StudyDatabase& database) {
        QStringList paths;
        for (const std::string& path : database.instancePaths(uid))
          paths << QString::fromStdString(path);
        return paths;
      },
      std::move(done));
}

void StudyIndex::setThumbnail(const std::string& seriesUid, const QByteArray& png) {
  std::vector<std::uint8_t> bytes(png.begin(), png.end());
  run<bool>(
      [seriesUid, bytes](core::StudyDatabase& database) {
        database.setThumbnail(seriesUid, bytes);
        return true;
      },
      {});
}

void StudyIndex::measurements(const std::string& volumeKey,
                              std::function<void(const std::vector<core::Measurement>&)> done) {
  run<std::vector<core::Measurement>>(
      [volumeKey](core::StudyDatabase& database) { return database.measurements(volumeKey); },
      std::move(done));
}

void StudyIndex::saveMeasurements(const std::string& volumeKey,
                                  const std::vector<core::Measurement>& measurements) {
  run<bool>(
      [volumeKey, measurements](core::StudyDatabase& database) {
        database.saveMeasurements(volumeKey, measurements);
        return true;
      },
      {});
}

void StudyIndex::appendMeasurements(const std::string& volumeKey,
                                    std::vector<core::Measurement> measurements) {
  for (core::Measurement& m : measurements) m.id = 0;
  run<bool>(
      [volumeKey, measurements](core::StudyDatabase& database) {
        std::vector<core::Measurement> all = database.measurements(volumeKey);
        all.insert(all.end(), measurements.begin(), measurements.end());
        database.saveMeasurements(volumeKey, all);
        return true;
      },
      {});
}

void StudyIndex::thumbnail(const std::string& seriesUid,
                           std::function<void(const QByteArray&)> done) {
  run<QByteArray>(
      [seriesUid](core::StudyDatabase& database) {
        const std::vector<std::uint8_t> bytes = database.thumbnail(seriesUid);
        return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                          static_cast<qsizetype>(bytes.size()));
      },
      std::move(done));
}

void StudyIndex::modelResults(const std::string& volumeKey,
                              std::function<void(const std::vector<core::ModelResult>&)> done) {
  run<std::vector<core::ModelResult>>(
      [volumeKey](core::StudyDatabase& database) {
        std::vector<core::ModelResult> results = database.modelResults(volumeKey);
        for (core::ModelResult& result : results) addLesions(result);
        return results;
      },
      done, [done] { done({}); });
}

void StudyIndex::saveModelResult(const std::string& volumeKey, const std::string& seriesUid,
                                 std::shared_ptr<const core::ModelResult> result) {
  run<bool>(
      [volumeKey, seriesUid, result](core::StudyDatabase& database) {
        database.saveModelResult(volumeKey, seriesUid, *result);
        return true;
      },
      [this](const bool&) { Q_EMIT changed(); });
}

void StudyIndex::removeModelResults(const std::string& modelSha256) {
  run<bool>(
      [modelSha256](core::StudyDatabase& database) {
        database.removeModelResults(modelSha256);
        return true;
      },
      [this](const bool&) { Q_EMIT changed(); });
}

void StudyIndex::removeStudy(const std::string& studyUid) {
  run<bool>(
      [studyUid](core::StudyDatabase& database) {
        database.removeStudy(studyUid);
        return true;
      },
      [this](const bool&) { Q_EMIT changed(); });
}

}  // namespace lumen::app
