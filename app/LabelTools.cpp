#include "LabelTools.h"

#include <QAction>
#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QStatusBar>
#include <cmath>
#include <map>
#include <optional>

#include "AnnotationControls.h"
#include "FindingsPanel.h"
#include "LabelPanel.h"
#include "StudyIndex.h"
#include "VolumeWalk.h"
#include "core/CaseFold.h"
#include "core/StudyDatabase.h"
#include "core/VolumeFile.h"
#include "core/annotate/IntensityTools.h"
#include "core/annotate/Islands.h"
#include "core/annotate/LabelImport.h"
#include "core/annotate/ModelLabels.h"
#include "core/annotate/SliceInterpolation.h"
#include "core/dicom/DicomSegmentation.h"
#include "render/SliceScene.h"
#include "widgets/SliceView.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {

LabelTools::LabelTools(AnnotationControls* controls, widgets::ViewGrid* grid,
                       FindingsPanel* findings)
    : m_controls(controls), m_grid(grid), m_findings(findings) {
  add(tr("Threshold Fill"), "label-threshold-fill", {}, &LabelTools::thresholdFill);
  add(tr("Grow Region from Crosshair"), "label-grow-region", QKeySequence(Qt::Key_G),
      &LabelTools::growRegion);
  add(tr("Fill Between Slices"), "label-fill-between", QKeySequence(Qt::Key_F),
      &LabelTools::fillBetweenSlices);
  add(tr("Keep Largest Island"), "label-keep-largest", QKeySequence(Qt::Key_K),
      &LabelTools::keepLargestIsland);
  QAction* islands = new QAction(tr("Remove Small Islands…"), controls);
  islands->setObjectName(QStringLiteral("label-remove-islands"));
  QObject::connect(islands, &QAction::triggered, controls, [this] {
    bool ok = false;
    const double mm3 =
        QInputDialog::getDouble(window(), tr("Remove Small Islands"),
                                tr("Remove islands smaller than (mm³):"), 50.0, 0.0, 1e9, 1, &ok);
    if (ok) report(removeSmallIslands(mm3));
  });
  m_actions.push_back(islands);
  add(tr("Labels from AI Result"), "label-from-model", QKeySequence(Qt::Key_M),
      &LabelTools::fromModel);
  QAction* import = new QAction(tr("Import Labels…"), controls);
  import->setObjectName(QStringLiteral("label-import"));
  QObject::connect(import, &QAction::triggered, controls, [this] {
    const QString path = QFileDialog::getOpenFileName(
        window(), tr("Import Labels"), {},
        tr("Label maps and DICOM SEG (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;"
           "All files (*)"));
    if (!path.isEmpty()) report(importLabels(path));
  });
  m_actions.push_back(import);
}

void LabelTools::add(const QString& text, const char* name, const QKeySequence& key,
                     QString (LabelTools::*tool)()) {
  auto* action = new QAction(text, m_controls);
  action->setObjectName(QString::fromLatin1(name));
  action->setShortcut(key);
  QObject::connect(action, &QAction::triggered, m_controls,
                   [this, tool] { report((this->*tool)()); });
  m_actions.push_back(action);
}

QMainWindow* LabelTools::window() const { return qobject_cast<QMainWindow*>(m_controls->parent()); }

void LabelTools::report(const QString& problem) const {
  if (!problem.isEmpty()) window()->statusBar()->showMessage(problem, 8000);
}

QString LabelTools::notReady() const {
  const AnnotationSession* session = m_controls->session();
  if (!session->project()) return tr("Open an annotation project first (Annotate menu).");
  if (!session->labels() || !m_controls->volume()) return tr("The labels are still loading.");
  if (!session->project()->schema().label(m_controls->activeLabel()))
    return tr("The project has no label to draw.");
  return {};
}

QString LabelTools::thresholdFill() {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  m_controls->session()->runTool([image = m_controls->volume(),
                                  range = m_controls->panel()->range(),
                                  value = m_controls->activeLabel()](core::LabelMap& map) {
    return core::thresholdFill(map, *image, range, value);
  });
  return {};
}

QString LabelTools::growRegion() {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  m_controls->session()->runTool([image = m_controls->volume(), seed = m_grid->cursor(),
                                  range = m_controls->panel()->range(),
                                  value = m_controls->activeLabel()](core::LabelMap& map) {
    return core::growRegion(map, *image, seed, range, value);
  });
  return {};
}

QString LabelTools::fillBetweenSlices() {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  const widgets::SliceView* view = m_grid->activeSliceView();
  if (!view || !view->scene().hasVolume()) return tr("No slice view shows the volume.");
  m_controls->session()->runTool(
      [axis = view->scene().shownAxis(), value = m_controls->activeLabel()](core::LabelMap& map) {
        return core::fillBetweenSlices(map, axis, value);
      });
  return {};
}

QString LabelTools::keepLargestIsland() {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  m_controls->session()->runTool([value = m_controls->activeLabel()](core::LabelMap& map) {
    return core::keepLargestIsland(map, value);
  });
  return {};
}

QString LabelTools::removeSmallIslands(double smallerThanMm3) {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  const core::Vec3& spacing = m_controls->volume()->geometry().spacing;
  const double voxelMm3 = spacing[0] * spacing[1] * spacing[2];
  const auto voxels = static_cast<std::size_t>(std::ceil(smallerThanMm3 / voxelMm3 - 1e-9));
  m_controls->session()->runTool([voxels, value = m_controls->activeLabel()](core::LabelMap& map) {
    return core::removeSmallIslands(map, value, voxels);
  });
  return {};
}

QString LabelTools::importLabels(const QString& path) {
  const AnnotationSession* session = m_controls->session();
  if (!session->project()) return tr("Open an annotation project first (Annotate menu).");
  if (!session->labels() || !m_controls->volume()) return tr("The labels are still loading.");
  m_controls->session()->runTool(
      [path = path.toStdString(), grid = m_controls->volume()->geometry(),
       schema = session->project()->schema(), key = m_controls->volumeKey(),
       dataFolder = m_controls->dataFolder()](core::LabelMap& map) {
        std::optional<core::LabelMap> imported;
        if (core::isVolumeFileName(path)) {
          imported.emplace(core::importLabelFile(path, grid, schema));
        } else {
          const StudyIndex index(dataFolder);
          const core::StudyDatabase database(index.databasePath().toStdString());
          imported.emplace(
              core::readDicomSegmentation(path, grid, sliceReferences(key, database), schema));
        }
        const core::VoxelBox whole{{0, 0, 0}, map.size()};
        return map.edit("Import", whole,
                        [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t now) {
                          const std::uint8_t value = imported->at(i, j, k);
                          return value != 0 ? value : now;
                        });
      });
  return {};
}

QString LabelTools::fromModel() {
  if (QString problem = notReady(); !problem.isEmpty()) return problem;
  const std::uint8_t active = m_controls->activeLabel();
  FindingsPanel::ShownVolume shown = m_findings->shownLabelMap();
  std::function<core::LabelEdit(core::LabelMap&)> tool;
  if (shown.volume) {
    std::map<std::uint8_t, std::uint8_t> labelOf;
    for (const core::ResultSegment& segment : shown.result->segments) {
      for (const core::LabelDefinition& label : m_controls->session()->project()->schema().labels) {
        if (core::foldCaseUtf8(segment.label) == core::foldCaseUtf8(label.name))
          labelOf[static_cast<std::uint8_t>(segment.value)] = label.value;
      }
    }
    if (labelOf.empty()) {
      for (const core::ResultSegment& segment : shown.result->segments) {
        if (segment.value > 0 && segment.value < 256)
          labelOf[static_cast<std::uint8_t>(segment.value)] = active;
      }
    }
    if (labelOf.empty()) return tr("The AI label map shown lists no segments.");
    tool = [segmentation = shown.volume, labelOf](core::LabelMap& map) {
      return core::labelsFromSegmentation(map, *segmentation, labelOf);
    };
  } else {
    shown = m_findings->shownHeatmap();
    if (!shown.volume) return tr("Show an AI label map or heatmap first (Findings panel).");
    tool = [heatmap = shown.volume, cutoff = m_findings->overlayStyle().heatmapCutoff,
            active](core::LabelMap& map) {
      return core::labelsFromHeatmap(map, *heatmap, cutoff, active);
    };
  }
  auto model = std::make_shared<core::Provenance>();
  model->modelName = shown.result->modelName;
  model->modelVersion = shown.result->modelVersion;
  m_controls->session()->runTool(std::move(tool), std::move(model));
  return {};
}

}  // namespace lumen::app
