#include "AnnotationSettings.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include "core/Error.h"
#include "core/annotate/AnnotationProject.h"
#include "core/annotate/LabelMapStore.h"

namespace lumen::app {
namespace {

QString settingsPath(const QString& dataFolder) {
  const QString base = dataFolder.isEmpty()
                           ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                           : dataFolder;
  return QDir(base).filePath(QStringLiteral("annotation.json"));
}

}  // namespace

AnnotationSettings AnnotationSettings::read(const QString& dataFolder) {
  const QString path = settingsPath(dataFolder);
  QFile file(path);
  if (!file.exists()) return {};
  if (!file.open(QIODevice::ReadOnly)) {
    throw Error(ErrorCode::ReadFailed,
                path.toStdString() + ": " + file.errorString().toStdString());
  }
  QJsonParseError error;
  const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
  if (!json.isObject()) {
    throw Error(ErrorCode::ReadFailed,
                path.toStdString() + " is not a JSON object: " + error.errorString().toStdString());
  }
  AnnotationSettings settings;
  settings.lastProject = json[QStringLiteral("lastProject")].toString();
  settings.author = json[QStringLiteral("author")].toString();
  return settings;
}

void AnnotationSettings::write(const QString& dataFolder) const {
  const QString path = settingsPath(dataFolder);
  QDir().mkpath(QFileInfo(path).path());
  QSaveFile file(path);
  QJsonObject json;
  json[QStringLiteral("lastProject")] = lastProject;
  json[QStringLiteral("author")] = author;
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 ||
      !file.commit()) {
    throw Error(ErrorCode::WriteFailed,
                path.toStdString() + ": " + file.errorString().toStdString());
  }
}

QStringList volumesWithUnsavedWork(const QString& projectFolder) {
  if (projectFolder.isEmpty() ||
      !QFile::exists(QDir(projectFolder).filePath(QStringLiteral("project.json")))) {
    return {};
  }
  const core::AnnotationProject project =
      core::AnnotationProject::open(projectFolder.toStdString());
  QStringList keys;
  for (const std::string& key : project.subjects()) {
    if (key.rfind("study:", 0) == 0) continue;
    if (core::LabelMapStore(project.subjectFolder(key)).hasUnsavedEdits())
      keys << QString::fromStdString(key);
  }
  return keys;
}

}  // namespace lumen::app
