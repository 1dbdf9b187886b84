#include "AnnotationControls.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QtConcurrent>
#include <algorithm>

#include "ExportDialog.h"
#include "LabelPanel.h"
#include "LabelTools.h"
#include "ProjectDialog.h"
#include "core/Error.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {

AnnotationControls::AnnotationControls(QMainWindow* window, widgets::ViewGrid* grid,
                                       FindingsPanel* findings, const QString& dataFolder)
    : QObject(window), m_window(window), m_grid(grid), m_dataFolder(dataFolder) {
  m_projects.setMaxThreadCount(1);
  m_menu = window->menuBar()->addMenu(tr("&Annotate"));
  QMenu* menu = m_menu;
  QAction* create = menu->addAction(tr("New Annotation Project…"));
  connect(create, &QAction::triggered, this, &AnnotationControls::chooseNewProject);
  QAction* open = menu->addAction(tr("Open Annotation Project…"));
  connect(open, &QAction::triggered, this, &AnnotationControls::chooseProject);
  QAction* edit = menu->addAction(tr("Edit Project Labels and Tags…"));
  connect(edit, &QAction::triggered, this, &AnnotationControls::editProject);
  QAction* exportAction = menu->addAction(tr("Export for Training…"));
  exportAction->setObjectName(QStringLiteral("annotation-export"));
  connect(exportAction, &QAction::triggered, this, [this] {
    exportDialog()->show();
    exportDialog()->raise();
  });
  QAction* author = menu->addAction(tr("Your Name on Labels…"));
  connect(author, &QAction::triggered, this, [this] { m_memory->chooseAuthor(); });
  m_labelMenu = menu->addMenu(tr("Active Label"));
  m_tagMenu = menu->addMenu(tr("Tags"));
  menu->addSeparator();
  QAction* undo = menu->addAction(tr("Undo Annotation Edit"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setObjectName(QStringLiteral("annotation-undo"));
  connect(undo, &QAction::triggered, this, [this] { m_session.undo(); });
  QAction* redo = menu->addAction(tr("Redo Annotation Edit"));
  redo->setShortcut(QKeySequence::Redo);
  connect(redo, &QAction::triggered, this, [this] { m_session.redo(); });
  QAction* larger = menu->addAction(tr("Larger Brush"));
  larger->setShortcut(QKeySequence(Qt::Key_BracketRight));
  connect(larger, &QAction::triggered, this, [this] { setBrushRadius(m_brushRadiusMm * 1.25); });
  QAction* sphere = menu->addAction(tr("3D Brush (a Ball through Slices)"));
  sphere->setObjectName(QStringLiteral("annotation-sphere-brush"));
  sphere->setCheckable(true);
  connect(sphere, &QAction::toggled, this, [this](bool on) { m_sphereBrush = on; });
  QAction* smaller = menu->addAction(tr("Smaller Brush"));
  smaller->setShortcut(QKeySequence(Qt::Key_BracketLeft));
  connect(smaller, &QAction::triggered, this, [this] { setBrushRadius(m_brushRadiusMm / 1.25); });

  m_panel = new LabelPanel(window);
  m_dock = new QDockWidget(tr("Labels"), window);
  m_dock->setObjectName(QStringLiteral("labels"));
  m_dock->setWidget(m_panel);
  window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
  m_dock->hide();  // until a project is open
  connect(m_panel, &LabelPanel::activeLabelChosen, this, &AnnotationControls::setActiveLabel);
  connect(m_panel, &LabelPanel::displayChanged, this,
          [this] { m_grid->setAnnotationDisplay(m_panel->display()); });
  menu->addSeparator();
  m_tools = std::make_unique<LabelTools>(this, grid, findings);
  for (QAction* action : m_tools->actions()) {
    menu->addAction(action);
    m_panel->addTool(action);
  }
  rebuildLabelMenu();
  rebuildTagMenu();

  connect(grid, &widgets::ViewGrid::brushStroke, this, &AnnotationControls::paint);
  connect(grid, &widgets::ViewGrid::boxDrawn, this,
          [this](const core::Vec3& first, const core::Vec3& second) {
            if (canDraw()) m_session.addBox(m_activeLabel, first, second);
          });
  connect(grid, &widgets::ViewGrid::outlineDrawn, this,
          [this](const std::vector<core::Vec3>& outline, int sliceAxis, bool erase) {
            if (canDraw()) m_session.fillOutline(outline, sliceAxis, erase ? 0 : m_activeLabel);
          });
  connect(grid, &widgets::ViewGrid::pointPlaced, this, [this](const core::Vec3& lps) {
    if (canDraw()) m_session.addPoint(m_activeLabel, lps);
  });
  connect(grid, &widgets::ViewGrid::markRemovalRequested, this,
          [this](const core::Vec3& lps, double toleranceMm) {
            m_session.removeMarkAt(lps, toleranceMm);
          });
  connect(&m_session, &AnnotationSession::annotationsChanged, this,
          &AnnotationControls::showAnnotations);
  connect(&m_session, &AnnotationSession::projectChanged, this,
          &AnnotationControls::projectChanged);
  connect(m_panel, &LabelPanel::tagToggled, this,
          [this](const QString& name, bool on) { m_session.setTag(name.toStdString(), on); });
  connect(&m_session, &AnnotationSession::labelsReady, this, &AnnotationControls::showLabels);
  connect(&m_session, &AnnotationSession::labelsChanged, m_grid,
          [this](const core::VoxelBox&) { m_grid->annotationChanged(); });
  connect(&m_session, &AnnotationSession::recovered, this,
          [this](int edits, const QStringList& warnings) {
            QStringList lines;
            if (edits > 0) {
              lines << tr("%n label change(s) Lumen had not saved when it stopped were restored.",
                          nullptr, edits);
            }
            lines << warnings;
            inform(tr("Labels restored"), lines.join(QLatin1Char('\n')));
          });
  connect(&m_session, &AnnotationSession::failed, this, [this](const QString& message) {
    // A failing disk fails every record: one box at a time, the rest in the status bar.
    m_window->statusBar()->showMessage(message, 10000);
    if (!m_failure) m_failure = inform(tr("Labels"), message, true);
  });
  connect(&m_session, &AnnotationSession::toolFinished, this,
          [this](const QString& description, qint64 voxels) {
            m_window->statusBar()->showMessage(
                tr("%1: %n voxel(s) changed.", nullptr, static_cast<int>(voxels)).arg(description),
                8000);
          });
  setBrushRadius(m_brushRadiusMm);
  m_memory = new AnnotationMemory(m_window, &m_session, dataFolder);
  connect(m_memory, &AnnotationMemory::restoreRequested, this,
          [this](const QString& project, const QString& key) {
            useProject(
                [folder = project.toStdString()] { return core::AnnotationProject::open(folder); },
                key);
          });
}

QMessageBox* AnnotationControls::inform(const QString& title, const QString& text, bool warning) {
  auto* box = new QMessageBox(warning ? QMessageBox::Warning : QMessageBox::Information, title,
                              text, QMessageBox::Ok, m_window);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("annotation-message"));
  box->open();
  return box;
}

AnnotationControls::~AnnotationControls() = default;

ExportDialog* AnnotationControls::exportDialog() {
  if (!m_export) m_export = new ExportDialog(&m_session, m_dataFolder, m_window);
  return m_export;
}

void AnnotationControls::chooseProject() {
  const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Open Annotation Project"));
  if (folder.isEmpty()) return;
  openProject(folder);
}

void AnnotationControls::chooseNewProject() {
  const QString folder = QFileDialog::getExistingDirectory(
      m_window, tr("New Annotation Project: an empty folder for it"));
  if (folder.isEmpty()) return;
  ProjectDialog dialog(QDir(folder).dirName(), {}, false, m_window);
  dialog.addLabel(tr("Lesion"));
  if (dialog.exec() != QDialog::Accepted) return;
  createProject(folder, dialog.name(), dialog.schema());
}

void AnnotationControls::editProject() {
  const core::AnnotationProject* project = m_session.project();
  if (!project) {
    m_window->statusBar()->showMessage(tr("Open an annotation project first."), 4000);
    return;
  }
  ProjectDialog dialog(QString::fromStdString(project->name()), project->schema(), true, m_window);
  if (dialog.exec() == QDialog::Accepted) m_session.setSchema(dialog.schema());
}

void AnnotationControls::projectChanged() {
  const auto& labels = m_session.project()->schema().labels;
  const bool activeKept = std::any_of(labels.begin(), labels.end(), [this](const auto& label) {
    return label.value == m_activeLabel;
  });
  if (!activeKept) m_activeLabel = labels.empty() ? 0 : labels.front().value;
  rebuildLabelMenu();
  rebuildTagMenu();
  m_panel->setLabels(labels, m_activeLabel);
  showLabels();
  showAnnotations();
}

void AnnotationControls::createProject(const QString& folder, const QString& name,
                                       const core::LabelSchema& schema) {
  useProject([folder = folder.toStdString(), name = name.toStdString(), schema] {
    return core::AnnotationProject::create(folder, name, schema);
  });
}

void AnnotationControls::openProject(const QString& folder) {
  useProject([folder = folder.toStdString()] { return core::AnnotationProject::open(folder); });
}

void AnnotationControls::useProject(std::function<core::AnnotationProject()> open,
                                    const QString& reopenKey) {
  struct Opened {
    std::optional<core::AnnotationProject> project;
    QString error;
  };
  // After the session's pending disk steps: a project.json a label edit is writing is read as
  // written.
  m_session.whenWritten([this, open = std::move(open), reopenKey]() mutable {
    auto* watcher = new QFutureWatcher<Opened>(this);
    connect(watcher, &QFutureWatcher<Opened>::finished, this, [this, watcher, reopenKey] {
      watcher->deleteLater();
      Opened opened = watcher->result();
      if (!opened.project) {
        inform(tr("Annotation project"), opened.error, true);
        Q_EMIT projectFailed(opened.error);
        return;
      }
      projectReady(std::move(*opened.project), reopenKey);
    });
    watcher->setFuture(QtConcurrent::run(&m_projects, [open = std::move(open)] {
      Opened opened;
      try {
        opened.project = open();
      } catch (const std::exception& e) {  // lumen::Error, and std::filesystem's errors
        opened.error = QString::fromStdString(e.what());
      }
      return opened;
    }));
  });
}

void AnnotationControls::projectReady(core::AnnotationProject project, const QString& reopenKey) {
  m_memory->projectOpened(QString::fromStdString(project.folder()));
  m_session.setProject(std::move(project));
  const auto& labels = m_session.project()->schema().labels;
  m_activeLabel = labels.empty() ? 0 : labels.front().value;
  rebuildLabelMenu();
  rebuildTagMenu();
  m_panel->setLabels(labels, m_activeLabel);
  showAnnotations();
  m_dock->show();
  m_dock->raise();
  if (m_volume) m_session.attach(m_key, m_volume->geometry(), m_studyUid);
  Q_EMIT projectOpened();
  if (!reopenKey.isEmpty()) Q_EMIT reopenRequested(reopenKey);
}

void AnnotationControls::volumeLeaving() {
  m_key.clear();
  m_volume.reset();
  m_session.detach();
}

void AnnotationControls::volumeShown(const std::string& key,
                                     std::shared_ptr<const core::Volume> volume,
                                     const std::string& studyUid) {
  m_key = key;
  m_studyUid = studyUid;
  m_volume = std::move(volume);
  const core::Window& window = m_grid->window();
  m_panel->suggestRange({window.center - window.width / 2.0, window.center + window.width / 2.0});
  if (m_session.project() && !key.empty())
    m_session.attach(m_key, m_volume->geometry(), m_studyUid);
}

void AnnotationControls::setActiveLabel(std::uint8_t value) {
  m_activeLabel = value;
  for (QAction* action : m_labelMenu->actions())
    action->setChecked(action->data().toInt() == value);
  m_panel->setActiveLabel(value);
}

void AnnotationControls::rebuildLabelMenu() {
  m_labelMenu->clear();
  const core::AnnotationProject* project = m_session.project();
  m_labelMenu->setEnabled(project != nullptr);
  if (!project) return;
  auto* group = new QActionGroup(m_labelMenu);
  int key = 1;
  for (const core::LabelDefinition& label : project->schema().labels) {
    QAction* action = m_labelMenu->addAction(QString::fromStdString(label.name));
    action->setCheckable(true);
    action->setChecked(label.value == m_activeLabel);
    action->setData(label.value);
    if (key <= 9) action->setShortcut(QKeySequence(static_cast<Qt::Key>(Qt::Key_0 + key++)));
    group->addAction(action);
    connect(action, &QAction::triggered, this,
            [this, value = label.value] { setActiveLabel(value); });
  }
}

void AnnotationControls::rebuildTagMenu() {
  m_tagMenu->clear();
  const core::AnnotationProject* project = m_session.project();
  m_tagMenu->setEnabled(project != nullptr && !project->schema().tags.empty());
  if (!project) return;
  int key = 1;
  for (const core::TagDefinition& tag : project->schema().tags) {
    QAction* action = m_tagMenu->addAction(QString::fromStdString(tag.name));
    action->setCheckable(true);
    action->setData(QString::fromStdString(tag.name));
    // F1–F9: Ctrl+digits choose window presets, digits the active label.
    if (key <= 9) action->setShortcut(QKeySequence(static_cast<Qt::Key>(Qt::Key_F1 + key++ - 1)));
    connect(action, &QAction::triggered, this,
            [this, name = tag.name](bool on) { m_session.setTag(name, on); });
  }
}

void AnnotationControls::showAnnotations() {
  const core::AnnotationProject* project = m_session.project();
  if (!project) return;
  const auto isSet = [this](const std::string& name) { return m_session.hasTag(name); };
  m_panel->showTags(project->schema().tags, isSet);
  for (QAction* action : m_tagMenu->actions())
    action->setChecked(isSet(action->data().toString().toStdString()));
  std::vector<widgets::SliceMark> marks;
  const auto markOf = [project](std::uint8_t value) {
    widgets::SliceMark mark;
    for (const core::LabelDefinition& label : project->schema().labels) {
      if (label.value != value) continue;
      mark.colour = {label.colour[0] / 255.0, label.colour[1] / 255.0, label.colour[2] / 255.0};
      mark.text = QString::fromStdString(label.name);
    }
    return mark;
  };
  for (const core::AnnotatedBox& box : m_session.annotations().boxes) {
    widgets::SliceMark mark = markOf(box.label);
    mark.first = box.firstLps;
    mark.second = box.secondLps;
    marks.push_back(mark);
  }
  for (const core::AnnotatedPoint& point : m_session.annotations().points) {
    widgets::SliceMark mark = markOf(point.label);
    mark.first = mark.second = point.lps;
    mark.point = true;
    marks.push_back(mark);
  }
  m_grid->setMarks(marks);
}

QString AnnotationControls::notReady() const {
  if (!m_session.project()) return tr("Open an annotation project to draw labels (Annotate menu).");
  if (!m_session.labels()) return tr("The labels are still loading.");
  if (!m_session.project()->schema().label(m_activeLabel))
    return tr(
        "The project has no label to draw: add one (Annotate ▸ Edit Project Labels and "
        "Tags…).");
  return {};
}

bool AnnotationControls::canDraw() {
  const QString problem = notReady();
  if (!problem.isEmpty()) m_window->statusBar()->showMessage(problem, 4000);
  return problem.isEmpty();
}

void AnnotationControls::showLabels() {
  const auto labels = m_session.labels();
  if (!m_session.project() || !labels) return;
  // The map's own voxels, kept alive by the session's map.
  const std::shared_ptr<const core::Volume> voxels(labels, &labels->volume());
  m_grid->setAnnotation(voxels, m_panel->display());
}

void AnnotationControls::setBrushRadius(double radiusMm) {
  m_brushRadiusMm = std::clamp(radiusMm, 0.5, 50.0);
  m_grid->setBrushRadiusMm(m_brushRadiusMm);
}

void AnnotationControls::paint(const core::Vec3& from, const core::Vec3& to, bool startsStroke,
                               int sliceAxis, bool erase) {
  QString problem = notReady();
  if (erase && m_session.labels()) problem.clear();  // the eraser needs no label
  if (!problem.isEmpty()) {
    if (startsStroke) {
      m_window->statusBar()->showMessage(problem, 4000);
      m_session.endStroke();
    }
    return;
  }
  core::Brush brush;
  brush.radiusMm = m_brushRadiusMm;
  brush.shape = m_sphereBrush ? core::Brush::Shape::Sphere : core::Brush::Shape::Disc;
  brush.sliceAxis = sliceAxis;
  brush.value = erase ? 0 : m_activeLabel;
  if (!erase && m_panel->brushKeepsToRange()) brush.within = m_panel->range();
  try {
    m_session.paint(brush, from, to, startsStroke, m_volume.get());
  } catch (const Error& e) {  // a threshold brush on a colour image
    if (startsStroke) m_window->statusBar()->showMessage(QString::fromStdString(e.what()), 8000);
  }
}

}  // namespace lumen::app
