#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/Volume.h"
#include "core/annotate/AnnotationProject.h"
#include "core/annotate/EditHistory.h"
#include "core/annotate/LabelMap.h"
#include "core/annotate/PaintTools.h"

namespace lumen::core {
class LabelMapStore;
}

namespace lumen::app {

/// The annotation of the volume on screen, in the project the user opened: its label map, the
/// undo history, and the crash-proof store (core::LabelMapStore). Edits happen on the GUI thread;
/// every disk step (recovering, recording each change in the journal, saving) runs in order on a
/// thread of its own, so the GUI never waits on disk. Saves every few seconds while there are
/// changes, when another volume is attached and when it is destroyed. Lives on the GUI thread.
class AnnotationSession : public QObject {
  Q_OBJECT

 public:
  /// `autosaveMs`: how long a change may wait for a save (a killed Lumen still recovers it from
  /// the journal; the save makes the journal short and the labels readable by exports).
  explicit AnnotationSession(int autosaveMs = 5000, QObject* parent = nullptr);
  /// Saves unsaved changes and waits for the disk work to finish.
  ~AnnotationSession() override;

  /// The name labels are recorded under from now on; "" the OS user.
  void setAuthor(const QString& author) { m_author = author; }
  const QString& author() const { return m_author; }
  /// Annotates in `project` (opened off the GUI thread) from now on: the volume attached before
  /// is saved and detached.
  void setProject(core::AnnotationProject project);
  const core::AnnotationProject* project() const { return m_project.get(); }
  /// Replaces the project's labels and tags; project.json is written on the disk thread, and
  /// project() changes once it is: projectChanged(), or failed() with nothing changed.
  void setSchema(const core::LabelSchema& schema);

  /// Annotates the volume `key` (as the study database keys volumes) on `grid`, of the study
  /// `studyUid` ("" for a file without one): saves the one before, then recovers this one's
  /// labels in the background; labelsReady() once they are there (recovered() first when the
  /// journal held unsaved changes or something was damaged).
  void attach(const std::string& key, const core::VolumeGeometry& grid,
              const std::string& studyUid = {});
  /// No volume is annotated any more (another one is loading): saves unsaved changes and lets
  /// go of the labels, so that nothing drawn meanwhile lands on a volume no longer on screen.
  void detach();
  /// The labels of the attached volume; null until labelsReady(). The map changes in place on
  /// every edit (labelsChanged()).
  std::shared_ptr<const core::LabelMap> labels() const { return m_labels; }

  /// Paints `brush` (its value is the label; 0 erases) from `from` to `to` (LPS mm); a threshold
  /// brush reads `image`, the attached volume. The first dab of a drag starts a stroke, which one
  /// undo takes back whole. Nothing without labels.
  /// The label's provenance records the author (the OS user), when it was first drawn and last
  /// changed, by hand; it is saved with the labels.
  void paint(const core::Brush& brush, const core::Vec3& from, const core::Vec3& to,
             bool startsStroke, const core::Volume* image = nullptr);
  /// Runs `tool`, a whole-volume tool (threshold fill, region growing, fill between slices,
  /// islands, labels from a model), on a copy of the labels on a worker thread, so that the GUI
  /// never waits on it; what it changed becomes one undoable edit when it returns, unless another
  /// volume was attached meanwhile. Then toolFinished(); a tool's exception becomes failed(). The
  /// provenance of every label it drew records `model` (its name and version) or, when that is
  /// null, a drawing by hand.
  void runTool(std::function<core::LabelEdit(core::LabelMap&)> tool,
               std::shared_ptr<const core::Provenance> model = nullptr);
  /// The provenance of the attached volume's labels, by label value.
  const std::map<std::uint8_t, core::Provenance>& provenance() const {
    return m_annotations.labels;
  }

  // Tags, boxes and points of the attached volume (and the tags of its study), for detection
  // and classification data. Each change is written at once, atomically, on the disk thread;
  // annotationsChanged() follows. Nothing happens before labelsReady().

  /// The attached volume's tags, boxes and points, and its labels' provenance.
  const core::SubjectAnnotations& annotations() const { return m_annotations; }
  /// True when tag `name` is set: on the volume, or on its study for a study-level tag.
  bool hasTag(const std::string& name) const;
  /// Sets or clears tag `name` of the schema (on the study for a study-level tag; nothing for a
  /// study tag when the volume has no study, or for a name the schema lacks).
  void setTag(const std::string& name, bool on);
  /// Adds a box (or a point) of `label`, a label of the schema (nothing for another value).
  void addBox(std::uint8_t label, const core::Vec3& firstLps, const core::Vec3& secondLps);
  void addPoint(std::uint8_t label, const core::Vec3& lps);
  /// Removes the point nearest `lps` within `toleranceMm`, else the smallest box holding `lps`
  /// (grown by `toleranceMm`). Returns false when there is none.
  bool removeMarkAt(const core::Vec3& lps, double toleranceMm);
  /// Fills (`value` 0: clears) the closed outline through `outlineLps` on the slice across
  /// volume axis `sliceAxis` nearest its first point: one undoable edit.
  void fillOutline(const std::vector<core::Vec3>& outlineLps, int sliceAxis, std::uint8_t value);
  /// The brush stroke being drawn ends here: what follows is a new one (a stroke whose first dab
  /// was refused must not join the one before).
  void endStroke() { m_history.endStroke(); }
  /// Undoes the latest change, of the labels or of the tags, boxes and points, in the order made.
  void undo();
  void redo();
  /// Saves the attached volume's labels now, in the background.
  void save();
  /// True while changes wait for a save.
  bool unsaved() const { return m_unsaved; }
  /// Calls `then` on the GUI thread once every disk step asked for so far (journal records and
  /// saves) has run: what another reader of the project then reads holds every change.
  void whenWritten(std::function<void()> then);

 Q_SIGNALS:
  void labelsReady();
  /// An edit, undo or redo changed `box` (voxel indices) of the labels: redraw.
  void labelsChanged(const core::VoxelBox& box);
  /// Recovery replayed `unsavedEdits` changes a killed Lumen had not saved, or found damage.
  void recovered(int unsavedEdits, const QStringList& warnings);
  /// A disk step failed (the journal or a save): the user must be told; the labels on screen
  /// are intact.
  void failed(const QString& message);
  /// A save finished.
  void saved();
  /// A tool of runTool() changed `voxels` voxels in one edit described as `description`.
  void toolFinished(const QString& description, qint64 voxels);
  /// Tags, boxes or points changed (or another volume's were read).
  void annotationsChanged();
  /// The project's labels or tags changed (setSchema).
  void projectChanged();

 private:
  struct StoredLabels;
  /// Runs `step` on the disk thread with the attached volume's store; failures become failed().
  void onDisk(std::function<void(StoredLabels&)> step);
  void changed(const core::VoxelBox& box);
  /// Notes that label `value` was drawn now, by hand or, when `model` is set, from that model.
  void drawn(std::uint8_t value, const core::Provenance* model = nullptr);
  /// What undo() and redo() restore of the tags, boxes and points.
  struct Marks {
    std::vector<core::AnnotatedTag> tags;
    std::vector<core::AnnotatedTag> studyTags;
    std::vector<core::AnnotatedBox> boxes;
    std::vector<core::AnnotatedPoint> points;
  };
  Marks marks() const;
  void setMarks(const Marks& marks);
  /// A step of the undo order: a label edit (in m_history) or a change of the marks.
  enum class Step { Labels, Marks };
  /// A new step was made: it goes on the undo order, and nothing can be redone any more.
  void newStep(Step step);
  /// Records a label edit in m_history (a stroke's later pieces extend it) and orders it.
  void recordLabelEdit(core::LabelEdit edit, bool extendsStroke = false);
  /// The marks changed from `before`: ordered for undo and written.
  void marksChanged(Marks before);
  /// Forgets every step (another volume).
  void forgetSteps();
  /// Provenance of something drawn by hand now.
  core::Provenance byHandNow() const;
  /// Writes the volume's (and its study's) annotations on the disk thread.
  void writeAnnotations();
  /// Applies what a tool computed on a copy of the labels as one edit, and records it.
  void applyToolEdit(const core::LabelEdit& computed, const core::Provenance* model);

  std::unique_ptr<core::AnnotationProject> m_project;
  std::string m_key;
  core::SubjectAnnotations m_annotations;  // the attached volume's, provenance included
  core::SubjectAnnotations m_study;        // its study's tags; key empty without a study
  std::shared_ptr<core::LabelMap> m_labels;
  core::EditHistory m_history;
  std::vector<Step> m_undoOrder;  // oldest first
  std::vector<Step> m_redoOrder;  // most recently undone last
  /// Changes of the marks undo keeps, beyond which the oldest are forgotten (each holds every
  /// mark twice).
  static constexpr std::size_t kMostMarksSteps = 500;
  std::vector<std::pair<Marks, Marks>> m_marksUndo;  // before, after
  std::vector<std::pair<Marks, Marks>> m_marksRedo;
  std::shared_ptr<StoredLabels> m_store;  // used on the disk thread only
  QThreadPool m_disk;
  QThreadPool m_tools;  // one thread: tools apply in the order they were asked for
  QTimer m_autosave;
  QString m_author;
  bool m_unsaved = false;
  bool m_annotationsOnDisk = false;  // the attached volume's annotations.json exists
  int m_attachment = 0;  // counts attach() calls: a late recovery for an older one is dropped
};

}  // namespace lumen::app
