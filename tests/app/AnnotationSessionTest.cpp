// The annotation session with a real project on disk: strokes, undo and redo on the GUI thread,
// the journal and saves on the disk thread, recovery of changes a killed Lumen left unsaved.
#include <gtest/gtest.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "AnnotationSession.h"
#include "AnnotationSettings.h"
#include "core/Error.h"
#include "core/annotate/LabelMapStore.h"

namespace lumen::app {
namespace {

core::VolumeGeometry ctGrid() {
  core::VolumeGeometry g;
  g.size = {64, 64, 20};
  g.spacing = {0.7, 0.7, 2.0};
  g.origin = {-22.4, -22.4, 0.0};
  return g;
}

constexpr const char* kKey = "dicom:1.2.826.0.1.3680043.10.543.61#0";

class AnnotationSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    core::LabelSchema schema;
    core::LabelDefinition nodule;
    nodule.value = 1;
    nodule.name = "Nodule";
    schema.labels = {nodule};
    core::AnnotationProject::create(folder().toStdString(), "Nodules", schema);
  }
  QString folder() const { return m_dir.filePath(QStringLiteral("project")); }

  /// Opens the project and attaches the CT, waiting for its labels.
  void attach(AnnotationSession& session) {
    session.setProject(core::AnnotationProject::open(folder().toStdString()));
    QSignalSpy ready(&session, &AnnotationSession::labelsReady);
    session.attach(kKey, ctGrid());
    ASSERT_TRUE(ready.wait(5000));
    ASSERT_NE(session.labels(), nullptr);
  }

  static core::Brush brush(std::uint8_t value) {
    core::Brush b;
    b.radiusMm = 3.0;
    b.value = value;
    return b;
  }

  QTemporaryDir m_dir;
};

TEST_F(AnnotationSessionTest, AStrokeUndoesWholeAndIsSavedInTheBackground) {
  AnnotationSession session(200);
  attach(session);
  session.paint(brush(1), {-10.0, 0.0, 20.0}, {-10.0, 0.0, 20.0}, true);
  session.paint(brush(1), {-10.0, 0.0, 20.0}, {0.0, 0.0, 20.0}, false);
  session.paint(brush(1), {0.0, 0.0, 20.0}, {10.0, 5.0, 20.0}, false);
  const std::size_t painted = session.labels()->count(1);
  EXPECT_GT(painted, 100u);
  EXPECT_TRUE(session.unsaved());
  session.undo();
  EXPECT_EQ(session.labels()->count(1), 0u);
  session.redo();
  EXPECT_EQ(session.labels()->count(1), painted);

  QSignalSpy saved(&session, &AnnotationSession::saved);
  ASSERT_TRUE(saved.wait(5000)) << "no autosave";
  EXPECT_FALSE(session.unsaved());
  const core::AnnotationProject project = core::AnnotationProject::open(folder().toStdString());
  EXPECT_TRUE(QFile::exists(QDir(QString::fromStdString(project.subjectFolder(kKey)))
                                .filePath(QStringLiteral("labels.lmap"))));
  // The save holds exactly the labels on screen (written from the disk thread's mirror of the
  // journal, never from the map the GUI edits), and the journal is empty.
  {
    core::LabelMapStore store(project.subjectFolder(kKey));
    EXPECT_FALSE(store.hasUnsavedEdits());
    const core::LabelMap saved =
        store.recover(ctGrid(), core::LabelMapStore::Recovery::ReadOnly).map;
    const std::size_t voxels = saved.volume().voxelCount();
    EXPECT_TRUE(std::equal(saved.data(), saved.data() + voxels, session.labels()->data()));
  }
  // Who drew label 1, when, by hand: saved with the labels.
  const core::SubjectAnnotations annotations = project.annotations(kKey);
  ASSERT_EQ(annotations.labels.count(1), 1u);
  const core::Provenance& drawn = annotations.labels.at(1);
  EXPECT_FALSE(drawn.author.empty());
  EXPECT_TRUE(drawn.manual());
  EXPECT_EQ(drawn.createdAt.size(), 20u) << drawn.createdAt;  // 2026-11-22T05:00:00Z
  EXPECT_EQ(drawn.createdAt.back(), 'Z');
  EXPECT_LE(drawn.createdAt, drawn.modifiedAt);
}

TEST_F(AnnotationSessionTest, ChangesSurviveTheSessionAndAKilledLumen) {
  std::size_t painted = 0;
  {
    AnnotationSession session(60000);
    attach(session);
    session.paint(brush(1), {5.0, 5.0, 10.0}, {5.0, 5.0, 10.0}, true);
    painted = session.labels()->count(1);
  }  // closing saves
  // A Lumen killed after recording one more change: it is in the journal only.
  const core::AnnotationProject project = core::AnnotationProject::open(folder().toStdString());
  {
    core::LabelMapStore store(project.subjectFolder(kKey));
    core::LabelMap map = store.recover(ctGrid()).map;
    const core::LabelEdit edit =
        core::paintBrush(map, brush(1), {-15.0, -15.0, 4.0}, {-15.0, -15.0, 4.0});
    store.record(map, edit.box);
  }
  AnnotationSession session(60000);
  QSignalSpy recovered(&session, &AnnotationSession::recovered);
  attach(session);
  ASSERT_EQ(recovered.size(), 1);
  EXPECT_EQ(recovered.first().first().toInt(), 1);
  EXPECT_GT(session.labels()->count(1), painted);
}

TEST_F(AnnotationSessionTest, AChangeNeverSavedIsFoundAgainUnderItsAuthor) {
  {
    AnnotationSession session(60000);  // killed long before an autosave
    session.setAuthor(QStringLiteral("Dr. Ada Reader"));
    attach(session);
    EXPECT_TRUE(volumesWithUnsavedWork(folder()).isEmpty());
    session.paint(brush(1), {0.0, 0.0, 10.0}, {0.0, 0.0, 10.0}, true);
    QSignalSpy written(&session, &AnnotationSession::saved);
    bool done = false;
    session.whenWritten([&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    // The journal holds the stroke, and the volume is known by its key before any save.
    EXPECT_EQ(volumesWithUnsavedWork(folder()), QStringList{QString::fromLatin1(kKey)});
    EXPECT_EQ(written.size(), 0);
    const core::AnnotationProject project = core::AnnotationProject::open(folder().toStdString());
    EXPECT_EQ(project.annotations(kKey).labels.at(1).author, "Dr. Ada Reader");
  }  // closing saves
  EXPECT_TRUE(volumesWithUnsavedWork(folder()).isEmpty());
  EXPECT_TRUE(volumesWithUnsavedWork(m_dir.filePath(QStringLiteral("nowhere"))).isEmpty());
}

TEST_F(AnnotationSessionTest, UndoTakesBackLabelsBoxesAndTagsInTheOrderTheyWereMade) {
  core::LabelSchema schema;
  schema.labels = {{1, "Nodule", {255, 0, 0}, {}, {}}};
  schema.tags = {{"Emphysema", core::TagDefinition::Scope::Image}};
  core::AnnotationProject project = core::AnnotationProject::open(folder().toStdString());
  project.setSchema(schema);
  AnnotationSession session(60000);
  attach(session);
  session.paint(brush(1), {0.0, 0.0, 10.0}, {0.0, 0.0, 10.0}, true);
  const std::size_t stroke = session.labels()->count(1);
  session.addBox(1, {-5.0, -5.0, 10.0}, {5.0, 5.0, 10.0});
  session.setTag("Emphysema", true);
  session.paint(brush(1), {-15.0, -15.0, 4.0}, {-15.0, -15.0, 4.0}, true);
  const std::size_t strokes = session.labels()->count(1);
  ASSERT_GT(strokes, stroke);

  session.undo();  // the second stroke
  EXPECT_EQ(session.labels()->count(1), stroke);
  EXPECT_TRUE(session.hasTag("Emphysema"));
  session.undo();  // the tag
  EXPECT_FALSE(session.hasTag("Emphysema"));
  EXPECT_EQ(session.annotations().boxes.size(), 1u);
  session.undo();  // the box
  EXPECT_TRUE(session.annotations().boxes.empty());
  EXPECT_EQ(session.labels()->count(1), stroke);
  session.redo();
  session.redo();
  EXPECT_EQ(session.annotations().boxes.size(), 1u);
  EXPECT_TRUE(session.hasTag("Emphysema"));
  EXPECT_EQ(session.labels()->count(1), stroke);
  // A new change ends what can be redone: the second stroke stays undone.
  session.addPoint(1, {0.0, 0.0, 10.0});
  session.redo();
  EXPECT_EQ(session.labels()->count(1), stroke);
  session.undo();
  session.undo();
  session.undo();
  session.undo();  // the first stroke
  EXPECT_EQ(session.labels()->count(1), 0u);
  EXPECT_TRUE(session.annotations().points.empty());
  EXPECT_TRUE(session.annotations().boxes.empty());
  // What is on disk follows.
  bool written = false;
  session.whenWritten([&written] { written = true; });
  QTRY_VERIFY_WITH_TIMEOUT(written, 5000);
  EXPECT_TRUE(
      core::AnnotationProject::open(folder().toStdString()).annotations(kKey).boxes.empty());

  // A box placed in the middle of a stroke splits it: undo takes back the second half, then the
  // box, then the first half.
  session.paint(brush(1), {-10.0, 0.0, 10.0}, {-10.0, 0.0, 10.0}, true);
  const std::size_t firstHalf = session.labels()->count(1);
  session.addBox(1, {-5.0, -5.0, 10.0}, {5.0, 5.0, 10.0});
  session.paint(brush(1), {-10.0, 0.0, 10.0}, {10.0, 0.0, 10.0}, false);
  ASSERT_GT(session.labels()->count(1), firstHalf);
  session.undo();
  EXPECT_EQ(session.labels()->count(1), firstHalf);
  EXPECT_EQ(session.annotations().boxes.size(), 1u);
  session.undo();
  EXPECT_TRUE(session.annotations().boxes.empty());
  EXPECT_EQ(session.labels()->count(1), firstHalf);
  session.undo();
  EXPECT_EQ(session.labels()->count(1), 0u);
}

TEST_F(AnnotationSessionTest, AToolRunsOnACopyAndBecomesOneEditFromItsModel) {
  AnnotationSession session(60000);
  attach(session);
  // A stroke drawn while the tool runs stays, and undo of the tool's edit keeps it.
  QSignalSpy finished(&session, &AnnotationSession::toolFinished);
  auto model = std::make_shared<core::Provenance>();
  model->modelName = "Nodule segmenter";
  model->modelVersion = "1.0";
  // The tool changes two corners of a 10 × 10 box: the stroke drawn inside that box while it
  // runs (centred on voxel (15, 15, 5)) is kept.
  session.runTool(
      [](core::LabelMap& map) {
        return map.edit("From model", {{10, 10, 5}, {20, 20, 6}},
                        [](std::size_t i, std::size_t j, std::size_t, std::uint8_t now) {
                          return (i == 10 && j == 10) || (i == 19 && j == 19) ? 1 : now;
                        });
      },
      model);
  session.paint(brush(1), {-11.9, -11.9, 10.0}, {-11.9, -11.9, 10.0}, true);
  const std::size_t stroke = session.labels()->count(1);
  ASSERT_GT(stroke, 20u);
  ASSERT_TRUE(finished.wait(5000));
  EXPECT_EQ(finished.first().at(0).toString(), QStringLiteral("From model"));
  EXPECT_EQ(finished.first().at(1).toLongLong(), 2);
  EXPECT_EQ(session.labels()->count(1), stroke + 2);
  EXPECT_EQ(session.labels()->at(15, 15, 5), 1);
  EXPECT_EQ(session.labels()->at(19, 19, 5), 1);
  EXPECT_EQ(session.provenance().at(1).modelName, "Nodule segmenter");
  EXPECT_EQ(session.provenance().at(1).modelVersion, "1.0");
  session.undo();
  EXPECT_EQ(session.labels()->count(1), stroke);

  // A tool that fails changes nothing and says why.
  QSignalSpy failed(&session, &AnnotationSession::failed);
  session.runTool([](core::LabelMap&) -> core::LabelEdit {
    throw Error(ErrorCode::InvalidArgument, "the seed lies outside the range");
  });
  ASSERT_TRUE(failed.wait(5000));
  EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("seed")));
  EXPECT_EQ(session.labels()->count(1), stroke);

  // A box of a label the schema lacks is not kept (it could never be saved).
  session.addBox(7, {0.0, 0.0, 10.0}, {5.0, 5.0, 10.0});
  session.addBox(1, {0.0, 0.0, 10.0}, {5.0, 5.0, 10.0});
  EXPECT_EQ(session.annotations().boxes.size(), 1u);
  // Detached (another volume loading), nothing more lands on these labels.
  session.detach();
  EXPECT_EQ(session.labels(), nullptr);
  session.paint(brush(1), {0.0, 0.0, 10.0}, {0.0, 0.0, 10.0}, true);
  EXPECT_TRUE(session.annotations().boxes.empty());
}

TEST_F(AnnotationSessionTest, LabelsOfAnotherGridAreReportedAndNeverSavedOver) {
  {
    AnnotationSession session(60000);
    attach(session);
    session.paint(brush(1), {0.0, 0.0, 10.0}, {0.0, 0.0, 10.0}, true);
  }
  const core::AnnotationProject project = core::AnnotationProject::open(folder().toStdString());
  const QFileInfo saved(QDir(QString::fromStdString(project.subjectFolder(kKey)))
                            .filePath(QStringLiteral("labels.lmap")));
  const QDateTime savedAt = saved.lastModified();
  AnnotationSession session(60000);
  session.setProject(core::AnnotationProject::open(folder().toStdString()));
  QSignalSpy failed(&session, &AnnotationSession::failed);
  core::VolumeGeometry other = ctGrid();
  other.size[2] = 21;
  session.attach(kKey, other);
  ASSERT_TRUE(failed.wait(5000));
  EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("64×64×20")));
  EXPECT_EQ(session.labels(), nullptr);
  session.paint(brush(1), {0.0, 0.0, 10.0}, {0.0, 0.0, 10.0}, true);  // nothing to paint on
  session.save();
  QFileInfo after(saved.filePath());
  EXPECT_EQ(after.lastModified(), savedAt);
}

}  // namespace
}  // namespace lumen::app
