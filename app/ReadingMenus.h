#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/IntensityStatistics.h"
#include "core/VolumeSource.h"

class QAction;
class QActionGroup;
class QComboBox;
class QDoubleSpinBox;
class QMainWindow;
class QMenu;
class QToolBar;

namespace lumen::widgets {
class ViewGrid;
}

namespace lumen::app {

/// The reading room's menus and toolbar, bound to the view grid: tools, window presets, invert,
/// slab, layouts, cine, crosshair and text toggles, reset, screenshots. GUI thread only.
class ReadingMenus : public QObject {
  Q_OBJECT

 public:
  ReadingMenus(widgets::ViewGrid* grid, QMainWindow* window);

  /// Fills the window menu with the file's own windows and the histogram's, for a new volume.
  void setVolume(const core::VolumeSource& source, const core::IntensityStatistics& statistics);

  /// Every action with a shortcut, for the shortcut table.
  const std::vector<QAction*>& actions() const { return m_actions; }

 private:
  QAction* addAction(QMenu* menu, const QString& text, const QKeySequence& shortcut);
  void createToolMenu(QMenu* menu, QToolBar* toolbar);
  void createWindowMenu(QMenu* menu);
  void createLayoutMenu(QMenu* menu, QToolBar* toolbar);
  void createSlabAndCine(QToolBar* toolbar);
  void saveScreenshot(bool wholeLayout);

  widgets::ViewGrid* m_grid;
  QMainWindow* m_window;
  QMenu* m_fileWindows = nullptr;  // the windows the file and the histogram suggest
  QAction* m_invert = nullptr;
  QAction* m_cine = nullptr;
  QDoubleSpinBox* m_cineRate = nullptr;
  QComboBox* m_slabMode = nullptr;
  QDoubleSpinBox* m_slabThickness = nullptr;
  std::vector<QAction*> m_actions;
};

}  // namespace lumen::app
