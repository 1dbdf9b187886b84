#include "AnnotationSession.h"

#include <QDateTime>
#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent>
#include <optional>
#include <set>

#include "core/Error.h"
#include "core/annotate/LabelMapStore.h"

namespace lumen::app {

/// The attached volume's store and a mirror of its labels as the journal records them, which
/// saves write: the disk thread never reads the map the GUI thread edits, and the GUI thread never
/// copies a whole map to save it.
struct AnnotationSession::StoredLabels {
  explicit StoredLabels(const std::string& folder) : store(folder) {}
  core::LabelMapStore store;
  std::optional<core::LabelMap> mirror;
};

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

void AnnotationSession::setProject(core::AnnotationProject project) {
  detach();
  m_project = std::make_unique<core::AnnotationProject>(std::move(project));
}

void AnnotationSession::detach() {
  if (m_unsaved) save();
  ++m_attachment;  // a recovery or a tool still running for the volume before is dropped
  m_key.clear();
  m_labels.reset();
  m_store.reset();
  forgetSteps();
  m_annotations = {};
  m_study = {};
  Q_EMIT annotationsChanged();
}

void AnnotationSession::setSchema(const core::LabelSchema& schema) {
  if (!m_project) return;
  struct Outcome {
    std::optional<core::AnnotationProject> project;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    const Outcome outcome = watcher->result();
    if (!outcome.error.isEmpty()) {
      Q_EMIT failed(outcome.error);
      return;
    }
    // Another project opened meanwhile keeps its own schema.
    if (!m_project || m_project->folder() != outcome.project->folder()) return;
    *m_project = *outcome.project;
    Q_EMIT projectChanged();
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [project = *m_project, schema]() mutable {
    Outcome outcome;
    try {
      project.setSchema(schema);
      outcome.project = project;
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
}

void AnnotationSession::onDisk(std::function<void(StoredLabels&)> step) {
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

void AnnotationSession::attach(const std::string& key, const core::VolumeGeometry& grid,
                               const std::string& studyUid) {
  if (!m_project) return;
  if (m_unsaved) save();
  m_key = key;
  m_labels.reset();
  forgetSteps();
  m_store.reset();  // the attached volume's, once its labels are read
  m_annotations = {};
  m_study = {};
  const int attachment = ++m_attachment;
  struct Outcome {
    std::shared_ptr<StoredLabels> store;
    core::SubjectAnnotations annotations;
    core::SubjectAnnotations study;
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
    m_study = outcome.study;
    m_annotationsOnDisk = !m_annotations.empty();
    m_labels = outcome.labels;
    if (outcome.unsavedEdits > 0 || !outcome.warnings.isEmpty()) {
      Q_EMIT recovered(outcome.unsavedEdits, outcome.warnings);
    }
    Q_EMIT labelsReady();
    Q_EMIT annotationsChanged();
  });
  watcher->setFuture(QtConcurrent::run(&m_disk, [project = *m_project, key, grid, studyUid] {
    Outcome outcome;
    try {
      auto stored = std::make_shared<StoredLabels>(project.subjectFolder(key));
      outcome.annotations = project.annotations(key);
      if (!studyUid.empty()) outcome.study = project.annotations(core::studySubjectKey(studyUid));
      core::RecoveredLabels recovered = stored->store.recover(grid);
      const core::LabelMap& map = recovered.map;
      stored->mirror.emplace(
          map.geometry(),
          std::vector<std::uint8_t>(map.data(), map.data() + map.volume().voxelCount()));
      outcome.store = std::move(stored);
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
    onDisk([project = *m_project, annotations = m_annotations](StoredLabels&) mutable {
      project.saveAnnotations(annotations);
    });
  }
  // The box's voxels as they are now go to the journal on the disk thread.
  onDisk([box, voxels = m_labels->voxelsIn(box)](StoredLabels& stored) {
    // The mirror first: a failed journal write must not leave the next save without the change.
    stored.mirror->edit({}, box, [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t) {
      return voxels[box.indexOf(i, j, k)];
    });
    stored.store.record(box, voxels);
  });
  m_unsaved = true;
  if (!m_autosave.isActive()) m_autosave.start();
  Q_EMIT labelsChanged(box);
}

core::Provenance AnnotationSession::byHandNow() const {
  const std::string now =
      QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();  // "…T04:10:00Z"
  QString author = m_author;
  if (author.isEmpty()) author = qEnvironmentVariable("USER");
  if (author.isEmpty()) author = QDir::home().dirName();
  return {author.toStdString(), now, now, "", ""};
}

void AnnotationSession::drawn(std::uint8_t value, const core::Provenance* model) {
  const core::Provenance now = byHandNow();
  auto found = m_annotations.labels.find(value);
  if (found == m_annotations.labels.end()) found = m_annotations.labels.emplace(value, now).first;
  found->second.modifiedAt = now.modifiedAt;
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
  recordLabelEdit(std::move(edit), !startsStroke);
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
  core::LabelEdit edit =
      m_labels->edit(computed.description, box,
                     [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t now) {
                       const std::size_t n = box.indexOf(i, j, k);
                       return computed.after[n] != computed.before[n] ? computed.after[n] : now;
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
  recordLabelEdit(std::move(edit));
  m_history.endStroke();  // a stroke drawn while the tool ran does not continue into its edit
  changed(changedBox);
  Q_EMIT toolFinished(QString::fromStdString(computed.description), voxels);
}

void AnnotationSession::fillOutline(const std::vector<core::Vec3>& outlineLps, int sliceAxis,
                                    std::uint8_t value) {
  if (!m_labels) return;
  core::LabelEdit edit = core::fillOutline(*m_labels, sliceAxis, outlineLps, value);
  const core::VoxelBox box = edit.box;
  if (box.empty()) return;
  if (value != 0) drawn(value);
  recordLabelEdit(std::move(edit));
  changed(box);
}

void AnnotationSession::newStep(Step step) {
  m_undoOrder.push_back(step);
  m_redoOrder.clear();
  m_marksRedo.clear();
  m_history.clearRedo();
}

void AnnotationSession::recordLabelEdit(core::LabelEdit edit, bool extendsStroke) {
  const std::size_t recorded = m_history.recordedCount();
  if (extendsStroke) {
    m_history.extendLatest(std::move(edit), *m_labels);
  } else {
    m_history.record(std::move(edit));
  }
  if (m_history.recordedCount() != recorded) newStep(Step::Labels);
}

void AnnotationSession::forgetSteps() {
  m_history = core::EditHistory();
  m_undoOrder.clear();
  m_redoOrder.clear();
  m_marksUndo.clear();
  m_marksRedo.clear();
}

void AnnotationSession::undo() {
  if (!m_labels) return;
  while (!m_undoOrder.empty()) {
    const Step step = m_undoOrder.back();
    m_undoOrder.pop_back();
    if (step == Step::Marks) {
      m_history.endStroke();
      m_marksRedo.push_back(std::move(m_marksUndo.back()));
      m_marksUndo.pop_back();
      setMarks(m_marksRedo.back().first);
      m_redoOrder.push_back(step);
      writeAnnotations();
      return;
    }
    // A label edit the history's memory budget has forgotten cannot be undone: the one before.
    if (m_history.canUndo()) {
      changed(m_history.undo(*m_labels));
      m_redoOrder.push_back(step);
      return;
    }
  }
}

void AnnotationSession::redo() {
  if (!m_labels || m_redoOrder.empty()) return;
  const Step step = m_redoOrder.back();
  m_redoOrder.pop_back();
  m_undoOrder.push_back(step);
  if (step == Step::Marks) {
    m_history.endStroke();
    m_marksUndo.push_back(std::move(m_marksRedo.back()));
    m_marksRedo.pop_back();
    setMarks(m_marksUndo.back().second);
    writeAnnotations();
  } else {
    changed(m_history.redo(*m_labels));
  }
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
  // The mirror holds every change recorded before this step, as the map on screen does now.
  watcher->setFuture(QtConcurrent::run(
      &m_disk, [stored = m_store, project = *m_project, annotations = m_annotations]() mutable {
        try {
          stored->store.save(*stored->mirror);
          if (!annotations.empty()) project.saveAnnotations(annotations);
          return QString();
        } catch (const std::exception& e) {
          return QString::fromStdString(e.what());
        }
      }));
}

}  // namespace lumen::app
