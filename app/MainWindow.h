#pragma once

#include <QMainWindow>

#include <string>

namespace lumen::widgets {
class ViewGrid;
struct PixelProbe;
}  // namespace lumen::widgets

class QLabel;
class QProgressBar;
class QTimer;
class QToolButton;

namespace lumen::app {

class AnnotationControls;
class FindingsPanel;
class FolderAnalysis;
class MeasurementPanel;
class ModelLibrary;
class ReadingMenus;
class StudyAnalysis;
class StudyBrowser;
class StudyIndex;
class VolumeLoader;
struct LoadedVolume;

/// The workstation window: menus, the study list (a dock), the 2×2 view grid, the findings of the
/// installed models (a dock) and a status bar that shows loading and analysis progress. Every
/// DICOM study opened is added to the study database, and the models run on every volume shown.
/// Files are read by a VolumeLoader and models run on an inference worker, off the GUI thread.
/// GUI thread only.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  /// `dataFolder`: where the study database lives (empty: the user's data folder).
  explicit MainWindow(const QString& dataFolder = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Starts loading `path` (a volume file, a DICOM file, folder or DICOMDIR) in the background;
  /// the views show it when it is read.
  void openFile(const QString& path);
  /// The same for several DICOM files and folders at once (drag and drop).
  void openPaths(const QStringList& paths);

  widgets::ViewGrid* viewGrid() const { return m_grid; }
  MeasurementPanel* measurementPanel() const { return m_measurementPanel; }
  FindingsPanel* findingsPanel() const { return m_findings; }
  ModelLibrary* modelLibrary() const { return m_library; }
  StudyAnalysis* analysis() const { return m_analysis; }
  AnnotationControls* annotation() const { return m_annotation; }

 Q_SIGNALS:
  /// The volume from `path` is in every view.
  void volumeShown(const QString& path);
  /// Opening `path` failed; `message` is translated and names what was wrong.
  void openFailed(const QString& path, const QString& message);

 private:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void createMenus();
  QMenu* createModelsMenu();
  void createFindingsDock();
  void chooseFile();
  void chooseFolder();
  /// Opens the volume a study database key names ("file:<path>", "dicom:<series>#<n>").
  void openVolumeKey(const QString& key);
  void chooseFolderToCopy();
  void showAbout();
  void onLoaded(const LoadedVolume& result);
  void showProbe(const widgets::PixelProbe& probe);
  void showMeasurementsOf(const std::string& volumeKey);
  void saveMeasurementsNow();

  widgets::ViewGrid* m_grid = nullptr;
  VolumeLoader* m_loader = nullptr;
  StudyIndex* m_studies = nullptr;
  StudyBrowser* m_browser = nullptr;
  QString m_copying;  ///< the folder being opened to be copied into Lumen's store
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancel = nullptr;
  QLabel* m_volumeInfo = nullptr;
  QLabel* m_probe = nullptr;
  ReadingMenus* m_reading = nullptr;
  MeasurementPanel* m_measurementPanel = nullptr;
  ModelLibrary* m_library = nullptr;
  FindingsPanel* m_findings = nullptr;
  StudyAnalysis* m_analysis = nullptr;
  FolderAnalysis* m_folderAnalysis = nullptr;
  AnnotationControls* m_annotation = nullptr;
  QString m_dataFolder;                  ///< the study database's ("" the user's)
  QStringList m_opening;                 ///< the paths of the load in flight
  std::string m_volumeKey;               ///< where the measurements on screen are stored
  bool m_measurementsLoaded = false;     ///< the stored list for m_volumeKey has arrived
  QTimer* m_saveMeasurements = nullptr;  ///< edits are saved shortly after the last one
  QString m_unit;                        ///< of the voxel values on screen ("HU")
};

}  // namespace lumen::app
