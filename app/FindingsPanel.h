#pragma once

#include <QHash>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/ModelResult.h"
#include "render/OverlayColours.h"

class QLabel;
class QPushButton;
class QSlider;
class QTreeWidget;
class QTreeWidgetItem;

namespace lumen::app {

/// What the models found in the volume on screen. Per model: its findings, positives first, each
/// with its probability as a number and a bar with the model's operating threshold marked; or its
/// segments with their volume in ml and colour, and under each its lesions (connected regions:
/// longest diameter and volume; selecting one moves the views to it); or why it has no result yet
/// (queued, running, failed, not applicable). Below, the card of the selected model (name, version,
/// intended use, "not for clinical use", device, timings, notes) and the overlay's opacity and
/// cut-off. Selecting a finding shows its heatmap; a segmentation shows its label map. GUI thread
/// only.
class FindingsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit FindingsPanel(QWidget* parent = nullptr);

  /// Empties the panel (another volume is shown).
  void clear();
  /// Shows `result` in place of whatever the panel showed for its model. The first label map to
  /// arrive is shown at once, and, until the user selects a row, the heatmap of the most
  /// suspicious finding of all results (positives first, then the most probable).
  void showResult(std::shared_ptr<const core::ModelResult> result);
  /// Shows `text` for a model without a result (queued, failed: `error` true, not applicable).
  void showState(const QString& modelSha256, const QString& modelName, const QString& text,
                 bool error = false);
  /// Forgets a model's rows and result (it was removed), and its overlays.
  void removeModel(const QString& modelSha256);
  /// The results shown, in the panel's order.
  std::vector<std::shared_ptr<const core::ModelResult>> results() const;
  bool hasResult(const std::string& modelSha256) const;
  /// A result's volume shown over the images, with the result; both null when none is.
  struct ShownVolume {
    std::shared_ptr<const core::ModelResult> result;
    std::shared_ptr<const core::Volume> volume;
  };
  ShownVolume shownLabelMap() const;
  /// The heatmap shown; `finding` names its finding.
  ShownVolume shownHeatmap(QString* finding = nullptr) const;
  /// What a model's manifest says about how it was evaluated, for its card.
  void setEvaluation(const std::string& modelSha256, const QString& text);

  QTreeWidget* tree() const { return m_tree; }
  /// The card of the selected model, as shown (rich text).
  QString modelCard() const;
  render::OverlayStyle overlayStyle() const;

 Q_SIGNALS:
  /// The heatmap to show over the images (null: none), with the finding it explains.
  void heatmapSelected(std::shared_ptr<const core::Volume> heatmap, const QString& finding);
  /// The label map to show (null: none).
  void labelMapSelected(std::shared_ptr<const core::Volume> labels);
  /// The user selected a lesion: the views should go to its centre (LPS, mm).
  void lesionSelected(const core::Vec3& centreLps);
  void overlayStyleChanged(const render::OverlayStyle& style);
  /// The user asked to run the enabled models on the volume shown.
  void runRequested();

 private:
  QTreeWidgetItem* modelItem(const QString& sha, const QString& name);
  void fillFindings(QTreeWidgetItem* item, const core::ModelResult& result);
  void fillSegments(QTreeWidgetItem* item, const core::ModelResult& result);
  void selectionChanged();
  void selectMostSuspicious();
  void showCard(const core::ModelResult* result);
  const core::ModelResult* resultOf(const QTreeWidgetItem* item) const;

  QTreeWidget* m_tree = nullptr;
  QLabel* m_card = nullptr;
  QSlider* m_opacity = nullptr;
  QSlider* m_cutoff = nullptr;
  QPushButton* m_run = nullptr;
  std::vector<std::shared_ptr<const core::ModelResult>> m_results;
  QHash<QString, QString> m_evaluations;  ///< by model SHA-256
  QString m_heatmapSha;                   ///< the model whose heatmap is shown
  QString m_heatmapFinding;               ///< the finding it explains
  QString m_labelMapSha;                  ///< the model whose label map is shown
  bool m_userChoice = false;              ///< the user selected a row: leave the overlays to them
  bool m_selectingMostSuspicious = false;
};

}  // namespace lumen::app
