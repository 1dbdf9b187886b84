#include "AnnotationControls.h"

#include <QAction>
#include <QActionGroup>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <algorithm>

#include "core/Error.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {

AnnotationControls::AnnotationControls(QMainWindow* window, widgets::ViewGrid* grid)
    : QObject(window), m_window(window), m_grid(grid) {
  QMenu* menu = window->menuBar()->addMenu(tr("&Annotate"));
  QAction* open = menu->addAction(tr("Open Annotation Project…"));
  connect(open, &QAction::triggered, this, &AnnotationControls::chooseProject);
  m_labelMenu = menu->addMenu(tr("Active Label"));
  menu->addSeparator();
  QAction* undo = menu->addAction(tr("Undo Label Edit"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setObjectName(QStringLiteral("annotation-undo"));
  connect(undo, &QAction::triggered, this, [this] { m_session.undo(); });
  QAction* redo = menu->addAction(tr("Redo Label Edit"));
  redo->setShortcut(QKeySequence::Redo);
  connect(redo, &QAction::triggered, this, [this] { m_session.redo(); });
  QAction* larger = menu->addAction(tr("Larger Brush"));
  larger->setShortcut(QKeySequence(Qt::Key_BracketRight));
  connect(larger, &QAction::triggered, this, [this] { setBrushRadius(m_brushRadiusMm * 1.25); });
  QAction* smaller = menu->addAction(tr("Smaller Brush"));
  smaller->setShortcut(QKeySequence(Qt::Key_BracketLeft));
  connect(smaller, &QAction::triggered, this, [this] { setBrushRadius(m_brushRadiusMm / 1.25); });
  rebuildLabelMenu();

  connect(grid, &widgets::ViewGrid::brushStroke, this, &AnnotationControls::paint);
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
            QMessageBox::information(m_window, tr("Labels restored"),
                                     lines.join(QLatin1Char('\n')));
          });
  connect(&m_session, &AnnotationSession::failed, this, [this](const QString& message) {
    QMessageBox::warning(m_window, tr("Labels"), message);
  });
  setBrushRadius(m_brushRadiusMm);
}

void AnnotationControls::chooseProject() {
  const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Open Annotation Project"));
  if (folder.isEmpty()) return;
  const QString problem = openProject(folder);
  if (!problem.isEmpty()) QMessageBox::warning(m_window, tr("Annotation project"), problem);
}

QString AnnotationControls::openProject(const QString& folder) {
  try {
    m_session.openProject(folder);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  const auto& labels = m_session.project()->schema().labels;
  m_activeLabel = labels.empty() ? 0 : labels.front().value;
  rebuildLabelMenu();
  if (m_volume) m_session.attach(m_key, m_volume->geometry());
  return {};
}

void AnnotationControls::volumeShown(const std::string& key,
                                     std::shared_ptr<const core::Volume> volume) {
  m_key = key;
  m_volume = std::move(volume);
  if (m_session.project() && !key.empty()) m_session.attach(m_key, m_volume->geometry());
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
    if (key <= 9) action->setShortcut(QKeySequence(static_cast<Qt::Key>(Qt::Key_0 + key++)));
    group->addAction(action);
    connect(action, &QAction::triggered, this,
            [this, value = label.value] { m_activeLabel = value; });
  }
}

void AnnotationControls::showLabels() {
  const core::AnnotationProject* project = m_session.project();
  const auto labels = m_session.labels();
  if (!project || !labels) return;
  std::vector<render::AnnotationLabelStyle> styles;
  for (const core::LabelDefinition& label : project->schema().labels) {
    styles.push_back({label.value,
                      {label.colour[0] / 255.0, label.colour[1] / 255.0, label.colour[2] / 255.0},
                      true});
  }
  // The map's own voxels, kept alive by the session's map.
  const std::shared_ptr<const core::Volume> voxels(labels, &labels->volume());
  m_grid->setAnnotation(voxels, styles, 0.5);
}

void AnnotationControls::setBrushRadius(double radiusMm) {
  m_brushRadiusMm = std::clamp(radiusMm, 0.5, 50.0);
  m_grid->setBrushRadiusMm(m_brushRadiusMm);
}

void AnnotationControls::paint(const core::Vec3& from, const core::Vec3& to, bool startsStroke,
                               int sliceAxis, bool erase) {
  if (!m_session.labels()) {
    if (startsStroke) {
      m_window->statusBar()->showMessage(
          m_session.project() ? tr("The labels are still loading.")
                              : tr("Open an annotation project to draw labels (Annotate menu)."),
          4000);
    }
    return;
  }
  core::Brush brush;
  brush.radiusMm = m_brushRadiusMm;
  brush.sliceAxis = sliceAxis;
  brush.value = erase ? 0 : m_activeLabel;
  m_session.paint(brush, from, to, startsStroke);
}

}  // namespace lumen::app
