#include "AnnotationSession.h"

#include <QDateTime>
#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent>
#include <set>

#include "core/Error.h"
#include "core/annotate/LabelMapStore.h"

namespace lumen::app {

AnnotationSession::AnnotationSession(int autosaveMs, QObject* parent) : QObject(parent) {
  m_disk.setMaxThreadCount(1);  // one thread: disk steps run in the order they were asked for
  m_tools.setMaxThreadCount(1);
  m_autosave.setSingleShot(true);
  m_autosave.setInterval(autosaveMs);
  connect(&m_autosave, &QTimer::timeout, this, &AnnotationSession::save);
}

AnnotationSession::~AnnotationSession() {
  m_tools.waitForDone();  // a tool's result is dropped, but it must not outlive the session
  if (m_unsaved) save();
  m_disk.waitForDone();
}

void AnnotationSession::openProject(const QString& folder) {
  auto project = std::make_unique<core::AnnotationProject>(
      core::AnnotationProject::open(folder.toStdString()));
  if (m_unsaved) save();
  m_project = std::move(project);
  m_key.clear();
  m_labels.reset();
  m_store.reset();
  m_history = core::EditHistory();
}

void AnnotationSession::onDisk(std::function<void(core::LabelMapStore&)> step) {
  if (!m_store) return;
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (!watcher->result().isEmpty()) Q_EMIT failed(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [store = m_store, step = std::move(step)] {
    try {
      step(*store);
      return QString();
    } catch (const std::exception& e) {
      return QString::fromStdString(e.what());
    }
  }));
}

void AnnotationSession::attach(const std::string& key, const core::VolumeGeometry& grid) {
  if (!m_project) return;
  if (m_unsaved) save();
  m_key = key;
  m_labels.reset();
  m_history = core::EditHistory();
  m_store.reset();  // the attached volume's, once its labels are read
  m_annotations = {};
  const int attachment = ++m_attachment;
  struct Outcome {
    std::shared_ptr<core::LabelMapStore> store;
    core::SubjectAnnotations annotations;
    std::shared_ptr<core::LabelMap> labels;
    int unsavedEdits = 0;
    QStringList warnings;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, attachment] {
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (attachment != m_attachment) return;  // another volume was attached meanwhile
    if (!outcome.error.isEmpty()) {
      Q_EMIT failed(outcome.error);  // no store: never save over what could not be read
      return;
    }
    m_store = outcome.store;
    m_annotations = outcome.annotations;
    m_annotationsOnDisk = !m_annotations.empty();
    m_labels = outcome.labels;
    if (outcome.unsavedEdits > 0 || !outcome.warnings.isEmpty()) {
      Q_EMIT recovered(outcome.unsavedEdits, outcome.warnings);
    }
    Q_EMIT labelsReady();
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [project = *m_project, key, grid] {
    Outcome outcome;
    try {
      auto store = std::make_shared<core::LabelMapStore>(project.subjectFolder(key));
      outcome.annotations = project.annotations(key);
      core::RecoveredLabels recovered = store->recover(grid);
      outcome.store = std::move(store);
      outcome.labels = std::make_shared<core::LabelMap>(std::move(recovered.map));
      outcome.unsavedEdits = static_cast<int>(recovered.unsavedEdits);
      for (const std::string& w : recovered.warnings) outcome.warnings << QString::fromStdString(w);
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
}

void AnnotationSession::changed(const core::VoxelBox& box) {
  if (box.empty()) return;
  // The first change of a volume writes its annotations.json at once: it names the volume the
  // subject folder belongs to, so that its journal is found again (export, restore at start)
  // even when Lumen is killed before the first save.
  if (!m_annotationsOnDisk && !m_annotations.empty()) {
    m_annotationsOnDisk = true;
    onDisk([project = *m_project, annotations = m_annotations](core::LabelMapStore&) mutable {
      project.saveAnnotations(annotations);
    });
  }
  // The box's voxels as they are now go to the journal on the disk thread.
  onDisk([box, voxels = m_labels->voxelsIn(box)](core::LabelMapStore& store) {
    store.record(box, voxels);
  });
  m_unsaved = true;
  if (!m_autosave.isActive()) m_autosave.start();
  Q_EMIT labelsChanged(box);
}

void AnnotationSession::drawn(std::uint8_t value, const core::Provenance* model) {
  const std::string now =
      QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();  // "…T04:10:00Z"
  auto found = m_annotations.labels.find(value);
  if (found == m_annotations.labels.end()) {
    QString author = m_author;
    if (author.isEmpty()) author = qEnvironmentVariable("USER");
    if (author.isEmpty()) author = QDir::home().dirName();
    found = m_annotations.labels
                .emplace(value, core::Provenance{author.toStdString(), now, now, "", ""})
                .first;
  }
  found->second.modifiedAt = now;
  // A label started from a model keeps naming it when it is then corrected by hand.
  if (model) {
    found->second.modelName = model->modelName;
    found->second.modelVersion = model->modelVersion;
  }
}

void AnnotationSession::paint(const core::Brush& brush, const core::Vec3& from,
                              const core::Vec3& to, bool startsStroke, const core::Volume* image) {
  if (!m_labels) return;
  core::LabelEdit edit = core::paintBrush(*m_labels, brush, from, to, image);
  const core::VoxelBox box = edit.box;
  if (!box.empty() && brush.value != 0) drawn(brush.value);
  if (startsStroke) {
    m_history.record(std::move(edit));
  } else {
    m_history.extendLatest(std::move(edit), *m_labels);
  }
  changed(box);
}

void AnnotationSession::runTool(std::function<core::LabelEdit(core::LabelMap&)> tool,
                                std::shared_ptr<const core::Provenance> model) {
  if (!m_labels) return;
  struct Outcome {
    core::LabelEdit edit;
    QString error;
  };
  auto copy = std::make_shared<core::LabelMap>(
      m_labels->geometry(),
      std::vector<std::uint8_t>(m_labels->data(),
                                m_labels->data() + m_labels->volume().voxelCount()));
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this,
          [this, watcher, model, attachment = m_attachment] {
            watcher->deleteLater();
            const Outcome outcome = watcher->result();
            if (attachment != m_attachment || !m_labels) return;
            if (!outcome.error.isEmpty()) {
              Q_EMIT failed(outcome.error);
              return;
            }
            applyToolEdit(outcome.edit, model.get());
          });
  watcher->setFuture(QtConcurrent::run(&m_tools, [copy, tool = std::move(tool)] {
    Outcome outcome;
    try {
      outcome.edit = tool(*copy);
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
}

void AnnotationSession::applyToolEdit(const core::LabelEdit& computed,
                                      const core::Provenance* model) {
  // Made on a copy: applied to the labels as they are now, which strokes drawn while the tool
  // ran may have changed, so that undo puts back exactly what was there.
  const core::VoxelBox& box = computed.box;
  core::LabelEdit edit = m_labels->edit(
      computed.description, box, [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t) {
        return computed.after[box.indexOf(i, j, k)];
      });
  std::set<std::uint8_t> drawnValues;
  qint64 voxels = 0;
  for (std::size_t n = 0; n < computed.after.size(); ++n) {
    if (computed.after[n] == computed.before[n]) continue;
    ++voxels;
    if (computed.after[n] != 0) drawnValues.insert(computed.after[n]);
  }
  for (const std::uint8_t value : drawnValues) drawn(value, model);
  const core::VoxelBox changedBox = edit.box;
  if (!changedBox.empty()) m_history.record(std::move(edit));
  changed(changedBox);
  Q_EMIT toolFinished(QString::fromStdString(computed.description), voxels);
}

void AnnotationSession::undo() {
  if (m_labels) changed(m_history.undo(*m_labels));
}

void AnnotationSession::redo() {
  if (m_labels) changed(m_history.redo(*m_labels));
}

void AnnotationSession::whenWritten(std::function<void()> then) {
  auto* watcher = new QFutureWatcher<void>(this);
  connect(watcher, &QFutureWatcher<void>::finished, this, [watcher, then = std::move(then)] {
    watcher->deleteLater();
    then();
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [] {}));
}

void AnnotationSession::save() {
  m_autosave.stop();
  if (!m_labels || !m_store) return;
  m_unsaved = false;
  // A copy, so that editing goes on while the disk thread writes it.
  auto copy = std::make_shared<const core::LabelMap>(
      m_labels->geometry(),
      std::vector<std::uint8_t>(m_labels->data(),
                                m_labels->data() + m_labels->volume().voxelCount()));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
    watcher->deleteLater();
    if (watcher->result().isEmpty()) {
      Q_EMIT saved();
    } else {
      m_unsaved = true;  // the journal still holds the changes; try again at the next save
      Q_EMIT failed(watcher->result());
    }
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [store = m_store, copy, project = *m_project,
                                                 annotations = m_annotations]() mutable {
    try {
      store->save(*copy);
      if (!annotations.empty()) project.saveAnnotations(annotations);
      return QString();
    } catch (const std::exception& e) {
      return QString::fromStdString(e.what());
    }
  }));
}

}  // namespace lumen::app
