#include "AnnotationMemory.h"

#include <QDir>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QtConcurrent>

#include "AnnotationSession.h"

namespace lumen::app {

AnnotationMemory::AnnotationMemory(QMainWindow* window, AnnotationSession* session,
                                   const QString& dataFolder)
    : QObject(window), m_window(window), m_session(session), m_dataFolder(dataFolder) {
  m_files.setMaxThreadCount(1);
  struct Found {
    AnnotationSettings settings;
    QStringList keys;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Found>(this);
  connect(watcher, &QFutureWatcher<Found>::finished, this, [this, watcher] {
    watcher->deleteLater();
    const Found found = watcher->result();
    if (!found.error.isEmpty()) {
      m_window->statusBar()->showMessage(found.error, 10000);
      return;
    }
    // What the user set meanwhile (a project opened, a name) stands.
    if (m_settings.lastProject.isEmpty()) m_settings.lastProject = found.settings.lastProject;
    if (m_settings.author.isEmpty()) m_settings.author = found.settings.author;
    m_session->setAuthor(m_settings.author);
    // A write queued before this read finished lacked what the file held: write the merge.
    if (m_settings.lastProject != found.settings.lastProject ||
        m_settings.author != found.settings.author) {
      save();
    }
    if (!found.keys.isEmpty()) offerRestore(found.settings.lastProject, found.keys);
  });
  watcher->setFuture(QtConcurrent::run(&m_files, [dataFolder = m_dataFolder] {
    Found found;
    try {
      found.settings = AnnotationSettings::read(dataFolder);
      found.keys = volumesWithUnsavedWork(found.settings.lastProject);
    } catch (const std::exception& e) {
      found.error = QString::fromStdString(e.what());
    }
    return found;
  }));
}

void AnnotationMemory::projectOpened(const QString& folder) {
  m_settings.lastProject = folder;
  save();
}

void AnnotationMemory::offerRestore(const QString& project, const QStringList& keys) {
  auto* offer = new QMessageBox(
      QMessageBox::Question, tr("Unsaved labels"),
      tr("Lumen stopped before saving label changes to %n image(s) of the annotation project "
         "in %1. Open the project and the first of them to restore the changes?",
         nullptr, static_cast<int>(keys.size()))
          .arg(QDir::toNativeSeparators(project)),
      QMessageBox::Yes | QMessageBox::No, m_window);
  offer->setInformativeText(
      tr("Nothing is lost when you say no: the changes stay in the project and come back when "
         "you open those images in it."));
  offer->setAttribute(Qt::WA_DeleteOnClose);
  offer->setObjectName(QStringLiteral("restore-offer"));
  connect(offer, &QMessageBox::finished, this, [this, project, key = keys.first()](int answer) {
    if (answer == QMessageBox::Yes) Q_EMIT restoreRequested(project, key);
  });
  offer->open();
}

void AnnotationMemory::chooseAuthor() {
  bool ok = false;
  const QString name =
      QInputDialog::getText(m_window, tr("Your Name on Labels"),
                            tr("The name your labels are recorded under (empty: your user name):"),
                            QLineEdit::Normal, m_settings.author, &ok);
  if (!ok) return;
  m_settings.author = name.trimmed();
  m_session->setAuthor(m_settings.author);
  save();
}

void AnnotationMemory::save() {
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (!watcher->result().isEmpty()) m_window->statusBar()->showMessage(watcher->result(), 10000);
  });
  watcher->setFuture(
      QtConcurrent::run(&m_files, [settings = m_settings, dataFolder = m_dataFolder] {
        try {
          settings.write(dataFolder);
          return QString();
        } catch (const std::exception& e) {
          return QString::fromStdString(e.what());
        }
      }));
}

}  // namespace lumen::app
