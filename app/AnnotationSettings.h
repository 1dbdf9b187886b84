#pragma once

#include <QString>
#include <QStringList>

namespace lumen::app {

/// What Lumen remembers about annotation between runs, in annotation.json in the data folder:
/// the project last opened (offered again at start when it holds unsaved work) and the name
/// labels are recorded under (the OS user when empty). Disk: use it off the GUI thread.
struct AnnotationSettings {
  QString lastProject;
  QString author;

  /// Reads them from `dataFolder` ("" the user's); defaults when there is no file yet. Throws
  /// lumen::Error(ReadFailed) naming what is wrong with a damaged one.
  static AnnotationSettings read(const QString& dataFolder);
  /// Writes them atomically. Throws lumen::Error(WriteFailed).
  void write(const QString& dataFolder) const;
};

/// The volume keys of the project in `projectFolder` whose journal holds changes no save has
/// (Lumen stopped before saving them); empty when there is no project there.
QStringList volumesWithUnsavedWork(const QString& projectFolder);

}  // namespace lumen::app
