#include "ModelLibrary.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent>
#include <algorithm>

#include "Logging.h"
#include "inference/MonaiBundle.h"

namespace lumen::app {
namespace {

const QString kSettingsFile = QStringLiteral("settings.json");

bool isModelFile(const QFileInfo& file) {
  const QString suffix = file.suffix().toLower();
  return file.isFile() && (suffix == QLatin1String("pt") || suffix == QLatin1String("ts"));
}

/// What a folder Lumen installed holds: a MONAI bundle, or one TorchScript file (and its
/// manifest). Throws ModelPackageError when it is neither.
inference::ModelPackage readInstalledFolder(const QString& folder) {
  if (inference::isMonaiBundle(folder.toStdString()))
    return inference::readModelPackage(folder.toStdString());
  QStringList files;
  for (const QFileInfo& file : QDir(folder).entryInfoList(QDir::Files, QDir::Name)) {
    if (isModelFile(file)) files << file.filePath();
  }
  if (files.size() != 1) {
    throw inference::ModelPackageError(
        folder.toStdString() + ": " +
        (files.isEmpty() ? "holds no TorchScript file (.pt, .ts) and is not a MONAI bundle"
                         : "holds more than one TorchScript file"));
  }
  return inference::readModelPackage(files.front().toStdString());
}

struct Settings {
  QStringList disabled;
  bool automatic = true;
};

struct Scan {
  std::vector<InstalledModel> models;
  Settings settings;
};

Scan scanFolder(const QString& folder) {
  Scan scan;
  QFile settingsFile(QDir(folder).filePath(kSettingsFile));
  if (settingsFile.open(QIODevice::ReadOnly)) {
    QJsonParseError error{};
    const QJsonObject json = QJsonDocument::fromJson(settingsFile.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
      qCWarning(lcApp).noquote() << settingsFile.fileName()
                                 << "is not JSON, defaults used:" << error.errorString();
    }
    scan.settings.automatic = json.value(QStringLiteral("automatic")).toBool(true);
    for (const QJsonValue& sha : json.value(QStringLiteral("disabled")).toArray())
      scan.settings.disabled << sha.toString();
  }
  // Dot-folders are installs in progress (or left by a killed one).
  const QFileInfoList entries =
      QDir(folder).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
  for (const QFileInfo& entry : entries) {
    if (entry.isFile() && !isModelFile(entry)) continue;  // manifests, settings
    InstalledModel model;
    model.path = entry.filePath();
    try {
      model.package = entry.isDir() ? readInstalledFolder(model.path)
                                    : inference::readModelPackage(model.path.toStdString());
    } catch (const std::exception& e) {
      model.error = QString::fromStdString(e.what());
    }
    scan.models.push_back(std::move(model));
  }
  return scan;
}

/// A file or folder name made of the model's name: letters, digits, '-', '_' and '.'.
QString folderNameFor(const inference::ModelPackage& package) {
  QString name = QString::fromStdString(package.manifest.name);
  for (QChar& c : name) {
    if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('.')) {
      c = QLatin1Char('_');
    }
  }
  if (name.startsWith(QLatin1Char('.'))) name.front() = QLatin1Char('_');
  return name.left(60) + QLatin1Char('-') + QString::fromStdString(package.sha256.substr(0, 12));
}

void copyFile(const QString& from, const QString& to) {
  QFile::remove(to);
  if (!QFile::copy(from, to)) {
    throw inference::ModelPackageError("could not copy " + from.toStdString() + " to " +
                                       to.toStdString());
  }
}

void copyFolder(const QString& from, const QString& to) {
  QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString target = QDir(to).filePath(QDir(from).relativeFilePath(file));
    QDir().mkpath(QFileInfo(target).path());
    copyFile(file, target);
  }
}

/// Validates and copies the model at `path` into `folder`; returns its name. Throws
/// ModelPackageError (or another std::exception) saying why not.
QString installModel(const QString& path, const QString& folder,
                     const std::vector<std::string>& installedShas) {
  const inference::ModelPackage package = inference::readModelPackage(path.toStdString());
  if (std::find(installedShas.begin(), installedShas.end(), package.sha256) !=
      installedShas.end()) {
    throw inference::ModelPackageError(path.toStdString() + ": this model (" +
                                       package.manifest.name + ") is already installed");
  }
  inference::verifyModelPackage(package);

  const QString name = folderNameFor(package);
  QDir models(folder);
  if (!models.mkpath(QStringLiteral("."))) {
    throw inference::ModelPackageError("could not create " + folder.toStdString());
  }
  // Copied under a dot-name the library ignores, then renamed: a model is there whole or not.
  const QString staging = models.filePath(QStringLiteral(".installing-") + name);
  QDir(staging).removeRecursively();
  try {
    if (!QDir().mkpath(staging)) {
      throw inference::ModelPackageError("could not create " + staging.toStdString());
    }
    const QString model = QString::fromStdString(package.path);
    if (package.kind == inference::PackageKind::MonaiBundle) {
      copyFolder(path, staging);
    } else {
      const QString target = QDir(staging).filePath(QFileInfo(model).fileName());
      copyFile(model, target);
      if (package.kind == inference::PackageKind::Sidecar) {
        const QFileInfo info(model);
        const QString manifest =
            info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".json");
        copyFile(manifest, QDir(staging).filePath(QFileInfo(manifest).fileName()));
      }
    }
    const QString destination = models.filePath(name);
    if (!models.rename(staging, destination)) {
      throw inference::ModelPackageError("could not move the copy to " + destination.toStdString());
    }
  } catch (...) {
    QDir(staging).removeRecursively();
    throw;
  }
  return QString::fromStdString(package.manifest.name);
}

}  // namespace

std::optional<QString> installModelNow(const QString& path, const QString& modelsFolder) {
  std::vector<std::string> shas;
  for (const InstalledModel& model : scanFolder(modelsFolder).models) {
    if (model.package) shas.push_back(model.package->sha256);
  }
  const std::string sha = inference::readModelPackage(path.toStdString()).sha256;
  if (std::find(shas.begin(), shas.end(), sha) != shas.end()) return std::nullopt;
  return installModel(path, modelsFolder, shas);
}

std::optional<QString> replaceModelNow(const QString& path, const QString& modelsFolder) {
  const std::optional<QString> name = installModelNow(path, modelsFolder);
  const inference::ModelPackage package = inference::readModelPackage(path.toStdString());
  for (const InstalledModel& model : scanFolder(modelsFolder).models) {
    if (model.package && QFileInfo(model.path).isDir() &&
        model.package->manifest.name == package.manifest.name &&
        model.package->sha256 != package.sha256) {
      if (!QDir(model.path).removeRecursively()) {
        throw inference::ModelPackageError("could not remove the older " + package.manifest.name +
                                           " at " + model.path.toStdString());
      }
    }
  }
  return name;
}

QString ModelLibrary::folderFor(const QString& dataFolder) {
  const QString base = dataFolder.isEmpty()
                           ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                           : dataFolder;
  return QDir(base).filePath(QStringLiteral("models"));
}

ModelLibrary::ModelLibrary(const QString& dataFolder, QObject* parent)
    : QObject(parent), m_folder(folderFor(dataFolder)) {
  m_pool.setMaxThreadCount(1);
}

ModelLibrary::~ModelLibrary() { m_pool.waitForDone(); }

std::vector<inference::ModelPackage> ModelLibrary::enabledPackages() const {
  std::vector<inference::ModelPackage> packages;
  for (const InstalledModel& model : m_models) {
    if (model.package && model.enabled) packages.push_back(*model.package);
  }
  return packages;
}

void ModelLibrary::rescan() {
  const int generation = ++m_generation;
  auto* watcher = new QFutureWatcher<Scan>(this);
  connect(watcher, &QFutureWatcher<Scan>::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    if (generation != m_generation) return;
    Scan scan = watcher->result();
    m_models = std::move(scan.models);
    if (!m_scanned) {  // afterwards the settings in memory are newer than the file
      m_disabled = scan.settings.disabled;
      m_automatic = scan.settings.automatic;
    }
    m_scanned = true;
    applyEnabled();
    for (const InstalledModel& model : m_models) {
      if (!model.package) qCWarning(lcApp).noquote() << "model not usable:" << model.error;
    }
    Q_EMIT changed();
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, scanFolder, m_folder));
}

void ModelLibrary::install(const QString& path) {
  std::vector<std::string> shas;
  for (const InstalledModel& model : m_models) {
    if (model.package) shas.push_back(model.package->sha256);
  }
  struct Outcome {
    QString name;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, path] {
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (outcome.error.isEmpty()) {
      Q_EMIT installed(outcome.name);
    } else {
      Q_EMIT installFailed(path, outcome.error);
    }
    rescan();
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [path, folder = m_folder, shas] {
    Outcome outcome;
    try {
      outcome.name = installModel(path, folder, shas);
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
}

void ModelLibrary::remove(const QString& path) {
  QString sha;
  QString manifest;  // a sidecar manifest goes with its model file
  for (const InstalledModel& model : m_models) {
    if (model.path != path || !model.package) continue;
    sha = QString::fromStdString(model.package->sha256);
    const QFileInfo file(path);
    if (file.isFile() && model.package->kind == inference::PackageKind::Sidecar)
      manifest = file.path() + QLatin1Char('/') + file.completeBaseName() + QStringLiteral(".json");
  }
  auto* watcher = new QFutureWatcher<void>(this);
  connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, sha] {
    watcher->deleteLater();
    if (!sha.isEmpty()) Q_EMIT removed(sha);
    rescan();
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [path, manifest] {
    if (QFileInfo(path).isDir()) {
      QDir(path).removeRecursively();
    } else {
      QFile::remove(path);
      if (!manifest.isEmpty()) QFile::remove(manifest);
    }
  }));
}

void ModelLibrary::setEnabled(const QString& path, bool enabled) {
  for (const InstalledModel& model : m_models) {
    if (model.path != path || !model.package) continue;
    const QString sha = QString::fromStdString(model.package->sha256);
    m_disabled.removeAll(sha);
    if (!enabled) m_disabled << sha;
  }
  applyEnabled();
  writeSettings();
  Q_EMIT changed();
}

void ModelLibrary::setRunsAutomatically(bool automatic) {
  if (automatic == m_automatic) return;
  m_automatic = automatic;
  writeSettings();
}

void ModelLibrary::applyEnabled() {
  for (InstalledModel& model : m_models) {
    model.enabled =
        !model.package || !m_disabled.contains(QString::fromStdString(model.package->sha256));
  }
}

void ModelLibrary::writeSettings() {
  QJsonObject json;
  json.insert(QStringLiteral("automatic"), m_automatic);
  json.insert(QStringLiteral("disabled"), QJsonArray::fromStringList(m_disabled));
  const QByteArray bytes = QJsonDocument(json).toJson();
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (!watcher->result().isEmpty()) Q_EMIT settingsNotSaved(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [folder = m_folder, bytes]() -> QString {
    QDir().mkpath(folder);
    QSaveFile file(QDir(folder).filePath(kSettingsFile));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
      return file.fileName() + QStringLiteral(": ") + file.errorString();
    return {};
  }));
}

}  // namespace lumen::app
