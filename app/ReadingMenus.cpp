#include "ReadingMenus.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QToolBar>

#include "core/WindowPresets.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

QString presetName(core::CtWindowPreset preset) {
  switch (preset) {
    case core::CtWindowPreset::Brain:
      return ReadingMenus::tr("Brain");
    case core::CtWindowPreset::Subdural:
      return ReadingMenus::tr("Subdural");
    case core::CtWindowPreset::Stroke:
      return ReadingMenus::tr("Stroke");
    case core::CtWindowPreset::Lung:
      return ReadingMenus::tr("Lung");
    case core::CtWindowPreset::Mediastinum:
      return ReadingMenus::tr("Mediastinum");
    case core::CtWindowPreset::Abdomen:
      return ReadingMenus::tr("Abdomen");
    case core::CtWindowPreset::Liver:
      return ReadingMenus::tr("Liver");
    case core::CtWindowPreset::Bone:
      break;
  }
  return ReadingMenus::tr("Bone");
}

QString windowText(const core::Window& window) {
  return QStringLiteral("W %1 L %2").arg(window.width, 0, 'f', 0).arg(window.center, 0, 'f', 0);
}

}  // namespace

ReadingMenus::ReadingMenus(widgets::ViewGrid* grid, QMainWindow* window)
    : QObject(window), m_grid(grid), m_window(window) {
  QToolBar* toolbar = window->addToolBar(tr("Reading"));
  toolbar->setObjectName(QStringLiteral("reading"));
  createToolMenu(window->menuBar()->addMenu(tr("&Tools")), toolbar);
  createWindowMenu(window->menuBar()->addMenu(tr("&Window")));
  createLayoutMenu(window->menuBar()->addMenu(tr("&Layout")), toolbar);
  createSlabAndCine(toolbar);
}

QAction* ReadingMenus::addAction(QMenu* menu, const QString& text, const QKeySequence& shortcut) {
  QAction* action = menu->addAction(text);
  action->setShortcut(shortcut);
  m_actions.push_back(action);
  return action;
}

void ReadingMenus::createToolMenu(QMenu* menu, QToolBar* toolbar) {
  struct Tool {
    widgets::ReadingTool tool;
    QString name;
    QKeySequence key;
  };
  const Tool tools[] = {
      {widgets::ReadingTool::Navigate, tr("Crosshair"), QKeySequence(Qt::Key_N)},
      {widgets::ReadingTool::WindowLevel, tr("Window/Level"), QKeySequence(Qt::Key_W)},
      {widgets::ReadingTool::Zoom, tr("Zoom"), QKeySequence(Qt::Key_Z)},
      {widgets::ReadingTool::Pan, tr("Pan"), QKeySequence(Qt::Key_P)},
      {widgets::ReadingTool::Distance, tr("Distance"), QKeySequence(Qt::Key_D)},
      {widgets::ReadingTool::Angle, tr("Angle"), QKeySequence(Qt::Key_A)},
      {widgets::ReadingTool::Ellipse, tr("Ellipse ROI"), QKeySequence(Qt::Key_E)},
      {widgets::ReadingTool::Rectangle, tr("Rectangle ROI"), QKeySequence(Qt::Key_R)},
      {widgets::ReadingTool::Brush, tr("Brush"), QKeySequence(Qt::Key_B)},
      {widgets::ReadingTool::Eraser, tr("Eraser"), QKeySequence(Qt::Key_X)},
      {widgets::ReadingTool::Outline, tr("Outline Fill"), QKeySequence(Qt::Key_L)},
      {widgets::ReadingTool::Box, tr("Box"), QKeySequence(Qt::SHIFT | Qt::Key_B)},
      {widgets::ReadingTool::Point, tr("Point"), QKeySequence(Qt::SHIFT | Qt::Key_P)},
  };
  auto* group = new QActionGroup(this);
  for (const Tool& tool : tools) {
    QAction* action = addAction(menu, tool.name, tool.key);
    action->setCheckable(true);
    action->setChecked(tool.tool == m_grid->tool());
    action->setObjectName(QStringLiteral("tool-%1").arg(static_cast<int>(tool.tool)));
    group->addAction(action);
    toolbar->addAction(action);
    connect(action, &QAction::triggered, this, [this, t = tool.tool] { m_grid->setTool(t); });
  }
  toolbar->addSeparator();
  menu->addSeparator();
  QAction* crosshair = addAction(menu, tr("Show Crosshair"), QKeySequence(Qt::Key_C));
  crosshair->setCheckable(true);
  crosshair->setChecked(true);
  connect(crosshair, &QAction::toggled, m_grid, &widgets::ViewGrid::setCrosshairVisible);
  QAction* text = addAction(menu, tr("Show Text Overlay"), QKeySequence(Qt::Key_T));
  text->setCheckable(true);
  text->setChecked(true);
  connect(text, &QAction::toggled, m_grid, &widgets::ViewGrid::setOverlayVisible);
  QAction* reset = addAction(menu, tr("Reset Views"), QKeySequence(Qt::Key_Home));
  connect(reset, &QAction::triggered, m_grid, &widgets::ViewGrid::resetViews);
  menu->addSeparator();
  QAction* view = addAction(menu, tr("Save Screenshot of View…"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  connect(view, &QAction::triggered, this, [this] { saveScreenshot(false); });
  QAction* layout = addAction(menu, tr("Save Screenshot of Layout…"),
                              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
  connect(layout, &QAction::triggered, this, [this] { saveScreenshot(true); });
}

void ReadingMenus::createWindowMenu(QMenu* menu) {
  QMenu* ct = menu->addMenu(tr("CT Presets"));
  int number = 1;
  for (core::CtWindowPreset preset : core::kCtWindowPresets) {
    const core::Window window = core::ctWindow(preset);
    QAction* action =
        addAction(ct, tr("%1 (%2)").arg(presetName(preset), windowText(window)),
                  QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + number++)));
    connect(action, &QAction::triggered, this, [this, window] { m_grid->setWindow(window); });
  }
  m_fileWindows = menu->addMenu(tr("From the Image"));
  m_fileWindows->setEnabled(false);
  menu->addSeparator();
  m_invert = addAction(menu, tr("Invert"), QKeySequence(Qt::Key_I));
  m_invert->setCheckable(true);
  connect(m_invert, &QAction::toggled, m_grid, &widgets::ViewGrid::setInverted);
}

void ReadingMenus::setVolume(const core::VolumeSource& source,
                             const core::IntensityStatistics& statistics) {
  m_fileWindows->clear();
  for (const core::WindowPreset& preset : source.windows) {
    const core::Window window{preset.center, preset.width};
    const QString name =
        preset.name.empty() ? tr("Header window") : QString::fromStdString(preset.name);
    m_fileWindows->addAction(tr("%1 (%2)").arg(name, windowText(window)), this,
                             [this, window] { m_grid->setWindow(window); });
  }
  const core::Window automatic = statistics.defaultWindow();
  QAction* fromHistogram =
      m_fileWindows->addAction(tr("Automatic, from the histogram (%1)").arg(windowText(automatic)),
                               this, [this, automatic] { m_grid->setWindow(automatic); });
  fromHistogram->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  m_fileWindows->setEnabled(true);
  const QSignalBlocker block(m_invert);
  m_invert->setChecked(source.invertForDisplay);
}

void ReadingMenus::createLayoutMenu(QMenu* menu, QToolBar* toolbar) {
  struct Layout {
    widgets::ViewLayout layout;
    QString name;
    QKeySequence key;
  };
  const Layout layouts[] = {
      {widgets::ViewLayout::Single, tr("1 × 1"), QKeySequence(Qt::ALT | Qt::Key_1)},
      {widgets::ViewLayout::OneByThree, tr("1 × 3"), QKeySequence(Qt::ALT | Qt::Key_3)},
      {widgets::ViewLayout::TwoByTwo, tr("2 × 2"), QKeySequence(Qt::ALT | Qt::Key_4)},
  };
  for (const Layout& layout : layouts) {
    QAction* action = addAction(menu, layout.name, layout.key);
    toolbar->addAction(action);
    connect(action, &QAction::triggered, this,
            [this, l = layout.layout] { m_grid->setViewLayout(l); });
  }
  toolbar->addSeparator();
}

void ReadingMenus::createSlabAndCine(QToolBar* toolbar) {
  toolbar->addWidget(new QLabel(tr("Slab "), toolbar));
  m_slabMode = new QComboBox(toolbar);
  m_slabMode->addItem(tr("Off"), static_cast<int>(render::SlabMode::Off));
  m_slabMode->addItem(tr("MIP"), static_cast<int>(render::SlabMode::Maximum));
  m_slabMode->addItem(tr("MinIP"), static_cast<int>(render::SlabMode::Minimum));
  m_slabMode->addItem(tr("Mean"), static_cast<int>(render::SlabMode::Mean));
  m_slabMode->setToolTip(tr("Thick-slab projection"));
  toolbar->addWidget(m_slabMode);
  m_slabThickness = new QDoubleSpinBox(toolbar);
  m_slabThickness->setRange(1.0, 200.0);
  m_slabThickness->setValue(10.0);
  m_slabThickness->setSuffix(tr(" mm"));
  m_slabThickness->setToolTip(tr("Slab thickness"));
  toolbar->addWidget(m_slabThickness);
  const auto applySlab = [this] {
    m_grid->setSlab(static_cast<render::SlabMode>(m_slabMode->currentData().toInt()),
                    m_slabThickness->value());
  };
  connect(m_slabMode, qOverload<int>(&QComboBox::currentIndexChanged), this, applySlab);
  connect(m_slabThickness, qOverload<double>(&QDoubleSpinBox::valueChanged), this, applySlab);
  toolbar->addSeparator();

  m_cine = toolbar->addAction(tr("Cine"));
  m_cine->setShortcut(QKeySequence(Qt::Key_Space));
  m_cine->setCheckable(true);
  m_cine->setToolTip(tr("Play through the slices of the active view (Space)"));
  m_actions.push_back(m_cine);
  m_cineRate = new QDoubleSpinBox(toolbar);
  m_cineRate->setRange(1.0, 60.0);
  m_cineRate->setValue(10.0);
  m_cineRate->setSuffix(tr(" fps"));
  m_cineRate->setToolTip(tr("Cine frame rate"));
  toolbar->addWidget(m_cineRate);
  const auto applyCine = [this] {
    m_grid->setCineRate(m_cine->isChecked() ? m_cineRate->value() : 0.0);
  };
  connect(m_cine, &QAction::toggled, this, applyCine);
  connect(m_cineRate, qOverload<double>(&QDoubleSpinBox::valueChanged), this, applyCine);
}

void ReadingMenus::saveScreenshot(bool wholeLayout) {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  const QString suggested =
      folder + QStringLiteral("/lumen-%1.png")
                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
  const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Screenshot"), suggested,
                                                    tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  const QImage image = wholeLayout ? m_grid->grabLayout() : m_grid->grabActiveView();
  if (!image.save(path, "PNG")) {
    QMessageBox::warning(m_window, tr("Save Screenshot"),
                         tr("The screenshot could not be written to %1.").arg(path));
  }
}

}  // namespace lumen::app
