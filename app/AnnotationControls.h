#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <cstdint>
#include <memory>
#include <string>

#include "AnnotationMemory.h"
#include "AnnotationSession.h"
#include "core/Volume.h"

class QDockWidget;
class QMessageBox;
class QMainWindow;
class QMenu;

namespace lumen::widgets {
class ViewGrid;
}

namespace lumen::app {

class ExportDialog;
class FindingsPanel;
class LabelPanel;
class LabelTools;

/// The Annotate menu and the Labels dock, and what they drive: the project, the active label
/// (keys 1–9), how labels are drawn, the brush's size, the label tools, and undo and redo of
/// label edits, through an AnnotationSession on the volume on screen; the Brush and Eraser tools
/// (Tools menu) paint with it. Lives on the GUI thread.
class AnnotationControls : public QObject {
  Q_OBJECT

 public:
  /// `findings`: the AI results on screen, which labels can start from; `dataFolder`: the study
  /// database's folder ("" the user's), where exports find DICOM volumes.
  AnnotationControls(QMainWindow* window, widgets::ViewGrid* grid, FindingsPanel* findings,
                     const QString& dataFolder);
  ~AnnotationControls() override;

  AnnotationSession* session() { return &m_session; }
  /// Opens the project in `folder` in the background, then annotates the volume on screen in it:
  /// projectOpened(), or projectFailed() with the reason (shown to the user too).
  void openProject(const QString& folder);
  /// Makes a project named `name` in `folder` with `schema` (ProjectDialog) in the background,
  /// then opens it, as openProject() does.
  void createProject(const QString& folder, const QString& name, const core::LabelSchema& schema);
  /// Another volume is loading (its preview is on screen): nothing is annotated until it is shown.
  void volumeLeaving();
  /// The volume on screen is now `volume`, stored under `key` (LoadedVolume::volumeKey), of the
  /// study `studyUid` ("" for a file without one).
  void volumeShown(const std::string& key, std::shared_ptr<const core::Volume> volume,
                   const std::string& studyUid = {});
  std::uint8_t activeLabel() const { return m_activeLabel; }
  void setActiveLabel(std::uint8_t value);
  /// The volume on screen, or null; its key (LoadedVolume::volumeKey).
  const std::shared_ptr<const core::Volume>& volume() const { return m_volume; }
  const std::string& volumeKey() const { return m_key; }
  /// The study database's folder ("" the user's).
  const QString& dataFolder() const { return m_dataFolder; }
  double brushRadiusMm() const { return m_brushRadiusMm; }
  QMenu* menu() const { return m_menu; }
  QDockWidget* dock() const { return m_dock; }
  LabelPanel* panel() const { return m_panel; }
  LabelTools* tools() const { return m_tools.get(); }
  /// Annotate ▸ Export for Training…: the dialog, made on first use.
  ExportDialog* exportDialog();

 Q_SIGNALS:
  /// The user chose to restore unsaved work at start: the window should open the volume `key`
  /// (LoadedVolume::volumeKey); its labels are recovered when it is shown.
  void reopenRequested(const QString& key);
  void projectOpened();
  void projectFailed(const QString& message);

 private:
  /// Runs `open` (which opens or makes a project) on the project thread once the session's
  /// pending disk steps are done, then uses the project and, when `reopenKey` is set, asks for
  /// that volume.
  void useProject(std::function<core::AnnotationProject()> open, const QString& reopenKey = {});
  void projectReady(core::AnnotationProject project, const QString& reopenKey);
  /// A message box that does not block (deleted when closed).
  QMessageBox* inform(const QString& title, const QString& text, bool warning = false);
  void chooseProject();
  void chooseNewProject();
  void editProject();
  /// The project's labels or tags changed: menus, panel and views follow.
  void projectChanged();
  void rebuildLabelMenu();
  void rebuildTagMenu();
  void showLabels();
  /// Shows the volume's tags (panel and menu) and its boxes and points (slice views).
  void showAnnotations();
  /// Why boxes and points cannot be placed now, or "".
  QString notReady() const;
  /// True when they can; otherwise says why in the status bar.
  bool canDraw();
  void setBrushRadius(double radiusMm);
  void paint(const core::Vec3& from, const core::Vec3& to, bool startsStroke, int sliceAxis,
             bool erase);

  QMainWindow* m_window;
  widgets::ViewGrid* m_grid;
  AnnotationSession m_session;
  QMenu* m_menu = nullptr;
  QMenu* m_labelMenu = nullptr;
  QMenu* m_tagMenu = nullptr;
  LabelPanel* m_panel = nullptr;
  QDockWidget* m_dock = nullptr;
  std::unique_ptr<LabelTools> m_tools;
  QString m_dataFolder;
  AnnotationMemory* m_memory = nullptr;
  QThreadPool m_projects;           // one thread: projects opened and made in the order asked for
  QPointer<QMessageBox> m_failure;  // the disk failure shown; further ones go to the status bar
  ExportDialog* m_export = nullptr;
  std::string m_key;
  std::string m_studyUid;
  std::shared_ptr<const core::Volume> m_volume;
  std::uint8_t m_activeLabel = 0;
  double m_brushRadiusMm = 3.0;
  bool m_sphereBrush = false;  // the brush is a ball through slices, not a disc on the slice
};

}  // namespace lumen::app
