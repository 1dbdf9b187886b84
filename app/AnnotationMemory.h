#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include "AnnotationSettings.h"

class QMainWindow;

namespace lumen::app {

class AnnotationSession;

/// What the window remembers about annotation between runs (AnnotationSettings in the data
/// folder): the last project, offered again at start when a killed Lumen left changes unsaved in
/// it, and the name labels are recorded under (Annotate ▸ Your Name on Labels…). Every read and
/// write runs in order on a thread of its own. GUI thread only.
class AnnotationMemory : public QObject {
  Q_OBJECT

 public:
  /// Reads the settings in the background, gives `session` the author, and offers to restore
  /// unsaved work when there is some.
  AnnotationMemory(QMainWindow* window, AnnotationSession* session, const QString& dataFolder);

  /// Remembers `folder` as the last project.
  void projectOpened(const QString& folder);
  /// Asks for the name labels are recorded under.
  void chooseAuthor();

 Q_SIGNALS:
  /// The user chose to restore: open `project`, then the volume `key` (its labels recover when
  /// it is shown).
  void restoreRequested(const QString& project, const QString& key);

 private:
  void offerRestore(const QString& project, const QStringList& keys);
  /// Writes the settings; a failure goes to the status bar.
  void save();

  QMainWindow* m_window;
  AnnotationSession* m_session;
  QString m_dataFolder;
  AnnotationSettings m_settings;
  QThreadPool m_files;  // one thread: reads and writes in the order asked for
};

}  // namespace lumen::app
