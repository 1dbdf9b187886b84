#include "MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <tuple>

#include "AnalysisStatus.h"
#include "AnnotationControls.h"
#include "ErrorText.h"
#include "FindingsPanel.h"
#include "FolderAnalysis.h"
#include "MeasurementPanel.h"
#include "ModelLibrary.h"
#include "ModelsDialog.h"
#include "ReadingMenus.h"
#include "ShortcutTable.h"
#include "StudyAnalysis.h"
#include "StudyBrowser.h"
#include "StudyIndex.h"
#include "Version.h"
#include "VolumeLoader.h"
#include "widgets/MeasurementSet.h"
#include "widgets/SliceView.h"
#include "widgets/StudyLabels.h"
#include "widgets/ViewGrid.h"
#include "widgets/VolumeControls.h"
#include "widgets/VolumeView.h"

namespace lumen::app {

MainWindow::MainWindow(const QString& dataFolder, QWidget* parent)
    : QMainWindow(parent), m_dataFolder(dataFolder) {
  setAcceptDrops(true);
  m_grid = new widgets::ViewGrid(this);
  setCentralWidget(m_grid);
  m_loader = new VolumeLoader(this);
  m_studies = new StudyIndex(dataFolder, this);
  m_browser = new StudyBrowser(m_studies, this);
  auto* dock = new QDockWidget(tr("Studies"), this);
  dock->setObjectName(QStringLiteral("studies"));
  dock->setWidget(m_browser);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  connect(m_browser, &StudyBrowser::openRequested, this, &MainWindow::openPaths);
  connect(m_studies, &StudyIndex::failed, this, [this](const QString&) {
    statusBar()->showMessage(tr("The study database could not be updated."), 10000);
  });

  m_measurementPanel = new MeasurementPanel(m_grid, this);
  auto* measurementsDock = new QDockWidget(tr("Measurements"), this);
  measurementsDock->setObjectName(QStringLiteral("measurements"));
  measurementsDock->setWidget(m_measurementPanel);
  addDockWidget(Qt::RightDockWidgetArea, measurementsDock);
  auto* controls = new widgets::VolumeControls(m_grid->volumeView(), this);
  auto* volumeDock = new QDockWidget(tr("3D"), this);
  volumeDock->setObjectName(QStringLiteral("volume"));
  volumeDock->setWidget(controls);
  addDockWidget(Qt::RightDockWidgetArea, volumeDock);
  connect(m_grid, &widgets::ViewGrid::cellKindChanged, controls,
          [this, controls] { controls->setView(m_grid->volumeView()); });

  m_library = new ModelLibrary(dataFolder, this);
  createFindingsDock();

  m_saveMeasurements = new QTimer(this);
  m_saveMeasurements->setSingleShot(true);
  m_saveMeasurements->setInterval(300);
  connect(m_saveMeasurements, &QTimer::timeout, this, &MainWindow::saveMeasurementsNow);
  connect(m_grid->measurements(), &widgets::MeasurementSet::edited, m_saveMeasurements,
          qOverload<>(&QTimer::start));

  m_volumeInfo = new QLabel(this);
  m_probe = new QLabel(this);
  m_progress = new QProgressBar(this);
  m_progress->setMaximumWidth(200);
  m_progress->setTextVisible(false);
  m_progress->hide();
  m_cancel = new QToolButton(this);
  m_cancel->setText(tr("Cancel"));
  m_cancel->hide();
  statusBar()->addWidget(m_volumeInfo, 1);
  statusBar()->addPermanentWidget(m_probe);
  connect(m_grid, &widgets::ViewGrid::probed, this, &MainWindow::showProbe);
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_cancel);
  statusBar()->addPermanentWidget(new AnalysisStatus(m_analysis->queue(), this));

  connect(m_cancel, &QToolButton::clicked, m_loader, &VolumeLoader::cancel);
  connect(m_cancel, &QToolButton::clicked, this, [this] {
    m_progress->hide();
    m_cancel->hide();
    statusBar()->showMessage(tr("Loading cancelled."), 5000);
  });
  connect(m_loader, &VolumeLoader::started, this, [this](const QString& path) {
    // Busy until the reader reports a fraction: formats that ITK reads in one go never do.
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(path).fileName()));
  });
  connect(m_loader, &VolumeLoader::progressed, this, [this](double fraction) {
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(fraction * 1000));
  });
  connect(m_loader, &VolumeLoader::finished, this, &MainWindow::onLoaded);
  // A DICOM series shows its middle slice as soon as it is decoded, the rest when all is.
  connect(m_loader, &VolumeLoader::previewReady, this, [this](const LoadedVolume& preview) {
    m_grid->showPreview(preview.volume, initialWindow(preview), preview.source);
    m_annotation->volumeLeaving();
    showMeasurementsOf(preview.volumeKey);
  });

  createMenus();
  setWindowTitle(tr("Lumen"));
  resize(1280, 900);
  m_library->rescan();
}

void MainWindow::openVolumeKey(const QString& key) {
  if (key.startsWith(QStringLiteral("file:"))) {
    openFile(key.mid(5));
    return;
  }
  const QString series = key.mid(6).section(QLatin1Char('#'), 0, 0);
  m_studies->instancePaths(series.toStdString(), [this, series](const QStringList& paths) {
    if (paths.isEmpty()) {
      statusBar()->showMessage(tr("Series %1 is no longer in the study database.").arg(series),
                               10000);
      return;
    }
    openPaths(paths);
  });
}

void MainWindow::createFindingsDock() {
  m_findings = new FindingsPanel(this);
  auto* dock = new QDockWidget(tr("Findings"), this);
  dock->setObjectName(QStringLiteral("findings"));
  dock->setWidget(m_findings);
  addDockWidget(Qt::RightDockWidgetArea, dock);
  m_analysis = new StudyAnalysis(m_library, m_studies, m_findings, m_grid, this);
  m_folderAnalysis = new FolderAnalysis(m_library, m_studies, m_analysis->queue(), this);
  connect(m_folderAnalysis, &FolderAnalysis::finished, this, [this](int volumes) {
    if (volumes > 0) {
      statusBar()->showMessage(
          tr("The models have read %n more volume(s) of the folder.", "", volumes), 10000);
    }
  });
  connect(m_analysis, &StudyAnalysis::problem, this,
          [this](const QString& message) { statusBar()->showMessage(message, 10000); });
  connect(m_library, &ModelLibrary::installed, this, [this](const QString& name) {
    statusBar()->showMessage(tr("Model %1 installed.").arg(name), 10000);
  });
  connect(m_library, &ModelLibrary::installFailed, this,
          [this](const QString& path, const QString& reason) {
            auto* box = new QMessageBox(
                QMessageBox::Warning, tr("Model not installed"),
                tr("%1 was not installed: %2").arg(QFileInfo(path).fileName(), reason),
                QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
          });
  connect(m_library, &ModelLibrary::settingsNotSaved, this, [this](const QString& reason) {
    statusBar()->showMessage(tr("The model settings could not be saved: %1").arg(reason), 10000);
  });
}

QMenu* MainWindow::createModelsMenu() {
  QMenu* models = menuBar()->addMenu(tr("&Models"));
  models->addAction(tr("Install Model &File…"), this,
                    [this] { ModelsDialog::chooseModelFile(m_library, this); });
  models->addAction(tr("Install MONAI &Bundle…"), this,
                    [this] { ModelsDialog::chooseBundle(m_library, this); });
  models->addAction(tr("&Manage Models…"), this, [this] {
    auto* dialog = new ModelsDialog(m_library, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  });
  models->addSeparator();
  QAction* run =
      models->addAction(tr("&Run Models on This Volume"), m_analysis, &StudyAnalysis::runModels);
  run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  QAction* overlays = models->addAction(tr("Show AI &Overlays"));
  overlays->setObjectName(QStringLiteral("showResultOverlays"));
  overlays->setCheckable(true);
  overlays->setChecked(true);
  overlays->setShortcut(QKeySequence(Qt::Key_H));
  connect(overlays, &QAction::toggled, m_grid, &widgets::ViewGrid::setResultOverlaysVisible);
  return models;
}

MainWindow::~MainWindow() {
  // The study index (a child, deleted after this) finishes queued jobs before it goes.
  if (m_saveMeasurements->isActive()) saveMeasurementsNow();
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open &Folder…"), this, &MainWindow::chooseFolder);
  file->addAction(tr("&Import Folder into Lumen's Store…"), this, &MainWindow::chooseFolderToCopy);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(findChild<QDockWidget*>(QStringLiteral("studies"))->toggleViewAction());

  view->addAction(findChild<QDockWidget*>(QStringLiteral("measurements"))->toggleViewAction());
  view->addAction(findChild<QDockWidget*>(QStringLiteral("volume"))->toggleViewAction());
  view->addAction(findChild<QDockWidget*>(QStringLiteral("findings"))->toggleViewAction());

  m_reading = new ReadingMenus(m_grid, this);
  m_annotation = new AnnotationControls(this, m_grid, m_findings, m_dataFolder);
  view->addAction(m_annotation->dock()->toggleViewAction());
  connect(m_annotation, &AnnotationControls::reopenRequested, this, &MainWindow::openVolumeKey);
  // Keyboard-fast annotation of many images: the next or previous row of the study list.
  m_annotation->menu()->addSeparator();
  for (const auto& [text, key, step] :
       {std::tuple{tr("Next Image"), QKeySequence(Qt::ALT | Qt::Key_Right), 1},
        std::tuple{tr("Previous Image"), QKeySequence(Qt::ALT | Qt::Key_Left), -1}}) {
    QAction* action = m_annotation->menu()->addAction(text);
    action->setShortcut(key);
    action->setObjectName(step > 0 ? QStringLiteral("next-image")
                                   : QStringLiteral("previous-image"));
    connect(action, &QAction::triggered, this, [this, step = step] {
      if (!m_browser->openNeighbour(step))
        statusBar()->showMessage(tr("No more images in the study list."), 4000);
    });
  }
  QMenu* models = createModelsMenu();
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Keyboard and Mouse"), this, [this, models] {
    std::vector<QAction*> actions = m_reading->actions();
    for (QMenu* menu : {models, m_annotation->menu()}) {
      for (QAction* action : menu->actions()) {
        if (!action->shortcut().isEmpty()) actions.push_back(action);
      }
    }
    ShortcutTable::create(actions, this)->show();
  });
  help->addAction(tr("&About Lumen"), this, &MainWindow::showAbout);
}

void MainWindow::openFile(const QString& path) { openPaths({path}); }

void MainWindow::openPaths(const QStringList& paths) {
  if (paths.isEmpty()) return;
  m_opening = paths;
  m_loader->load(paths);
}

void MainWindow::chooseFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open image"), QString(),
      tr("Images (*.dcm DICOMDIR *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

void MainWindow::chooseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
  if (!folder.isEmpty()) openFile(folder);
}

void MainWindow::chooseFolderToCopy() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Copy a DICOM folder into Lumen"));
  if (folder.isEmpty()) return;
  m_copying = folder;
  openFile(folder);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  openPaths(paths);
  event->acceptProposedAction();
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Lumen"),
                     tr("<h3>Lumen %1</h3><p>A radiology workstation with in-process AI.</p>"
                        "<p>Not for clinical use.</p><p>%2</p>")
                         .arg(QStringLiteral(LUMEN_VERSION), libraryVersions().toHtmlEscaped()));
}

void MainWindow::onLoaded(const LoadedVolume& result) {
  // A folder opened to be copied (from a CD, say) is copied; anything else is referenced.
  const bool copy = !m_copying.isEmpty() && result.path == m_copying;
  m_copying.clear();
  m_progress->hide();
  m_cancel->hide();
  if (result.error) {
    const QString message = describeError(*result.error);
    statusBar()->showMessage(errorHeadline(result.error->code()), 10000);
    if (result.error->code() != ErrorCode::Cancelled) {
      auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the file"), message,
                                  QMessageBox::Ok, this);
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
    }
    Q_EMIT openFailed(result.path, message);
    return;
  }
  if (result.instances) {
    m_studies->importInstances(result.instances, copy ? core::ImportMode::CopyIntoStore
                                                      : core::ImportMode::ReferenceInPlace);
    if (!result.thumbnail.isEmpty())
      m_studies->setThumbnail(result.source.seriesInstanceUid, result.thumbnail);
  }
  const core::VolumeSource& source = result.source;
  m_grid->setVolume(result.volume, *result.statistics, initialWindow(result), source);
  m_reading->setVolume(source, *result.statistics);
  m_unit = widgets::studyLabels(source).unit;
  m_measurementPanel->setVolume(result.volume, m_unit);
  showMeasurementsOf(result.volumeKey);
  m_analysis->volumeShown(result);
  m_annotation->volumeShown(result.volumeKey, result.volume, source.studyInstanceUid);
  // A folder of several studies or series: the models read the others in the background, so the
  // study list can be sorted by what they found.
  if (result.instances && result.otherVolumes > 0)
    m_folderAnalysis->analyse(m_opening, result.volumeKey);
  const core::VolumeGeometry& g = result.volume->geometry();
  const QString name =
      source.seriesInstanceUid.empty()
          ? QFileInfo(result.path).fileName()
          : QStringLiteral("%1 %2").arg(QString::fromStdString(source.modality),
                                        QString::fromStdString(source.seriesDescription));
  m_volumeInfo->setText(
      tr("%1 — %2 × %3 × %4 %5, %6 × %7 × %8 mm")
          .arg(name)
          .arg(g.size[0])
          .arg(g.size[1])
          .arg(g.size[2])
          .arg(QString::fromLatin1(core::pixelTypeName(result.volume->pixelType())))
          .arg(g.spacing[0], 0, 'g', 4)
          .arg(g.spacing[1], 0, 'g', 4)
          .arg(g.spacing[2], 0, 'g', 4));
  QStringList notes;
  if (!source.warnings.empty())
    notes << tr("%n warning(s): %1", "", static_cast<int>(source.warnings.size()))
                 .arg(QString::fromStdString(source.warnings.front()));
  if (result.rejectedFiles > 0)
    notes << tr("%n file(s) could not be read", "", result.rejectedFiles);
  if (result.otherVolumes > 0) notes << tr("%n more volume(s) found", "", result.otherVolumes);
  if (notes.isEmpty()) {
    statusBar()->clearMessage();
  } else {
    statusBar()->showMessage(notes.join(QStringLiteral("; ")));
  }
  const QString patient =
      QString::fromStdString(source.patientName).replace(QLatin1Char('^'), QLatin1Char(' '));
  setWindowTitle(
      tr("%1 — Lumen").arg(patient.isEmpty() ? name : patient + QStringLiteral(" — ") + name));
  Q_EMIT volumeShown(result.path);
}

void MainWindow::showMeasurementsOf(const std::string& volumeKey) {
  if (volumeKey == m_volumeKey) return;
  // Edits not yet saved belong to the volume shown before.
  if (m_saveMeasurements->isActive()) saveMeasurementsNow();
  m_volumeKey = volumeKey;
  m_measurementsLoaded = false;
  m_grid->measurements()->reset({});
  if (volumeKey.empty()) return;
  m_studies->measurements(volumeKey, [this, volumeKey](const std::vector<core::Measurement>& list) {
    if (volumeKey != m_volumeKey) return;  // another volume was opened meanwhile
    // Keep what the user drew while the list was on its way; those are saved with it.
    widgets::MeasurementSet* set = m_grid->measurements();
    const std::vector<core::Measurement> drawn = set->measurements();
    const std::int64_t selected = set->selected();
    m_measurementsLoaded = true;
    m_saveMeasurements->stop();
    set->reset(list);
    for (const core::Measurement& m : drawn) {
      const std::int64_t id = set->add(m);
      if (m.id == selected) set->select(id);
    }
  });
}

void MainWindow::saveMeasurementsNow() {
  m_saveMeasurements->stop();
  if (m_volumeKey.empty()) return;
  if (m_measurementsLoaded) {
    m_studies->saveMeasurements(m_volumeKey, m_grid->measurements()->measurements());
  } else if (!m_grid->measurements()->measurements().empty()) {
    // The stored list has not arrived (the database was busy): add to it rather than replace it.
    m_studies->appendMeasurements(m_volumeKey, m_grid->measurements()->measurements());
  }
}

void MainWindow::showProbe(const widgets::PixelProbe& probe) {
  if (probe.components == 0) {
    m_probe->clear();
    return;
  }
  QString text = tr("LPS %1, %2, %3 mm")
                     .arg(probe.lps[0], 0, 'f', 1)
                     .arg(probe.lps[1], 0, 'f', 1)
                     .arg(probe.lps[2], 0, 'f', 1);
  if (probe.inside) {
    QStringList values;
    for (int c = 0; c < probe.components; ++c) values << QString::number(probe.value[c], 'g', 6);
    text += tr("  voxel %1, %2, %3  value %4")
                .arg(probe.index[0])
                .arg(probe.index[1])
                .arg(probe.index[2])
                .arg(values.join(QStringLiteral(", ")));
    if (!m_unit.isEmpty()) text += QLatin1Char(' ') + m_unit;
  }
  m_probe->setText(text);
}

}  // namespace lumen::app
