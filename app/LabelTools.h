#pragma once

#include <QCoreApplication>
#include <QKeySequence>
#include <QString>
#include <vector>

class QAction;
class QMainWindow;

namespace lumen::widgets {
class ViewGrid;
}

namespace lumen::app {

class AnnotationControls;
class FindingsPanel;

/// The label tools that work on more than a brush's reach, on the active label of the volume
/// on screen (Annotate menu and Labels dock): threshold fill and region growing from the
/// crosshair (in the Labels dock's intensity range), fill between slices across the active
/// view, keep the largest island, remove small islands, and labels from the AI result shown.
/// Each runs in the background (AnnotationSession::runTool) as one undoable edit. GUI thread
/// only.
class LabelTools {
  Q_DECLARE_TR_FUNCTIONS(LabelTools)

 public:
  LabelTools(AnnotationControls* controls, widgets::ViewGrid* grid, FindingsPanel* findings);

  /// One action per tool, in menu order, each with an object name ("label-grow-region", …).
  const std::vector<QAction*>& actions() const { return m_actions; }

  // Each returns what stops it ("" when it started), which the actions show in the status bar.
  QString thresholdFill();
  QString growRegion();
  QString fillBetweenSlices();
  QString keepLargestIsland();
  QString removeSmallIslands(double smallerThanMm3);
  /// Imports a label file (NIfTI, NRRD, MetaImage) or a DICOM SEG made for the volume on screen
  /// (core::importLabelFile, core::readDicomSegmentation): its labels replace those under them,
  /// as one edit; one of another grid, other images or unknown labels is refused, naming why.
  QString importLabels(const QString& path);
  /// The label map shown from a model: its segments go to the project's labels of the same name
  /// (case aside), or all to the active label when none has one; without one, the heatmap shown
  /// at the findings panel's cut-off goes to the active label. Recorded as from that model.
  QString fromModel();

 private:
  QMainWindow* window() const;
  /// Shows what stopped a tool ("" is nothing) in the status bar.
  void report(const QString& problem) const;
  /// Why no tool can run now, or "".
  QString notReady() const;
  void add(const QString& text, const char* name, const QKeySequence& key,
           QString (LabelTools::*tool)());

  AnnotationControls* m_controls;
  widgets::ViewGrid* m_grid;
  FindingsPanel* m_findings;
  std::vector<QAction*> m_actions;
};

}  // namespace lumen::app
