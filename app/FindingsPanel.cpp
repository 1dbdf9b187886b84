#include "FindingsPanel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace lumen::app {
namespace {

enum Role {
  ModelShaRole = Qt::UserRole,
  KindRole,
  LabelRole,
  ProbabilityRole,
  ThresholdRole,
  PositiveRole,
  CentreRole,  ///< a lesion's centre, LPS mm, as a QVariantList of three doubles
};
enum class RowKind { Model, Finding, Segment, Lesion, State };

/// A segment lists at most this many of its lesions (a noisy map may have thousands).
constexpr int kMostLesionsListed = 20;

constexpr int kProbabilityColumn = 1;

/// Draws a finding's probability as a bar with the model's operating threshold marked on it.
class ProbabilityBar : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    if (index.data(KindRole).toInt() != static_cast<int>(RowKind::Finding)) {
      QStyledItemDelegate::paint(painter, option, index);
      return;
    }
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyledItemDelegate::paint(painter, background, index);

    const double probability = index.data(ProbabilityRole).toDouble();
    const double threshold = index.data(ThresholdRole).toDouble();
    const bool positive = index.data(PositiveRole).toBool();
    const QRect bar = option.rect.adjusted(4, 4, -4, -4);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(QPalette::Base).darker(115));
    painter->drawRect(bar);
    painter->setBrush(positive ? QColor(214, 69, 45) : QColor(70, 120, 180));
    painter->drawRect(QRectF(bar.left(), bar.top(), bar.width() * probability, bar.height()));
    const double x = bar.left() + bar.width() * threshold;
    painter->setPen(QPen(option.palette.color(QPalette::Text), 2));
    painter->drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 2));
    painter->setPen(option.palette.color(QPalette::Text));
    QFont font = option.font;
    font.setBold(positive);
    painter->setFont(font);
    painter->drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter,
                      index.data(Qt::DisplayRole).toString());
    painter->restore();
  }
};

QString percent(double probability) {
  return QStringLiteral("%1 %").arg(probability * 100.0, 0, 'f', 1);
}

QIcon swatch(int labelValue) {
  const std::array<double, 3> rgb = render::labelColour(labelValue);
  QPixmap pixmap(14, 14);
  pixmap.fill(QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]),
                               static_cast<float>(rgb[2])));
  return QIcon(pixmap);
}

std::shared_ptr<const core::Volume> volumeOf(const core::ModelResult& result,
                                             core::ResultVolume::Kind kind,
                                             const std::string& label) {
  for (const core::ResultVolume& v : result.volumes) {
    if (v.kind == kind && (kind == core::ResultVolume::Kind::LabelMap || v.label == label))
      return v.volume;
  }
  return nullptr;
}

}  // namespace

FindingsPanel::FindingsPanel(QWidget* parent) : QWidget(parent) {
  m_tree = new QTreeWidget(this);
  m_tree->setColumnCount(2);
  m_tree->setHeaderLabels({tr("Finding"), tr("Probability")});
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(kProbabilityColumn, QHeaderView::Fixed);
  m_tree->header()->resizeSection(kProbabilityColumn, 140);
  m_tree->header()->setStretchLastSection(false);
  m_tree->setItemDelegateForColumn(kProbabilityColumn, new ProbabilityBar(m_tree));
  m_tree->setRootIsDecorated(false);
  connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &FindingsPanel::selectionChanged);

  m_card = new QLabel(this);
  m_card->setWordWrap(true);
  m_card->setTextFormat(Qt::RichText);
  m_card->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  auto makeSlider = [this](int value) {
    auto* slider = new QSlider(Qt::Horizontal, this);
    slider->setRange(0, 100);
    slider->setValue(value);
    connect(slider, &QSlider::valueChanged, this,
            [this] { Q_EMIT overlayStyleChanged(overlayStyle()); });
    return slider;
  };
  const render::OverlayStyle defaults;
  m_opacity = makeSlider(static_cast<int>(defaults.heatmapOpacity * 100));
  m_cutoff = makeSlider(static_cast<int>(defaults.heatmapCutoff * 100));
  m_run = new QPushButton(tr("Run Models"), this);
  m_run->setToolTip(tr("Run the enabled models on the volume shown"));
  connect(m_run, &QPushButton::clicked, this, &FindingsPanel::runRequested);

  auto* form = new QFormLayout;
  form->addRow(tr("Heatmap opacity"), m_opacity);
  form->addRow(tr("Heatmap cut-off"), m_cutoff);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_tree, 3);
  layout->addWidget(m_card, 1);
  layout->addLayout(form);
  layout->addWidget(m_run);
}

void FindingsPanel::clear() {
  m_tree->clear();
  m_results.clear();
  m_card->clear();
  m_heatmapSha.clear();
  m_labelMapSha.clear();
  m_userChoice = false;
  Q_EMIT heatmapSelected(nullptr, {});
  Q_EMIT labelMapSelected(nullptr);
}

QTreeWidgetItem* FindingsPanel::modelItem(const QString& sha, const QString& name) {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = m_tree->topLevelItem(i);
    if (item->data(0, ModelShaRole).toString() == sha) {
      qDeleteAll(item->takeChildren());
      item->setText(0, name);
      return item;
    }
  }
  auto* item = new QTreeWidgetItem(m_tree, {name});
  item->setData(0, ModelShaRole, sha);
  item->setData(0, KindRole, static_cast<int>(RowKind::Model));
  QFont font = item->font(0);
  font.setBold(true);
  item->setFont(0, font);
  item->setFirstColumnSpanned(true);
  item->setExpanded(true);
  return item;
}

void FindingsPanel::showState(const QString& modelSha256, const QString& modelName,
                              const QString& text, bool error) {
  if (hasResult(modelSha256.toStdString())) return;
  QTreeWidgetItem* model = modelItem(modelSha256, modelName);
  auto* row = new QTreeWidgetItem(model, {text});
  row->setData(0, ModelShaRole, modelSha256);
  row->setData(0, KindRole, static_cast<int>(RowKind::State));
  row->setFirstColumnSpanned(true);
  row->setToolTip(0, text);
  if (error) row->setForeground(0, QColor(200, 40, 40));
  model->setExpanded(true);
}

void FindingsPanel::showResult(std::shared_ptr<const core::ModelResult> result) {
  const QString sha = QString::fromStdString(result->modelSha256);
  m_results.erase(
      std::remove_if(m_results.begin(), m_results.end(),
                     [&](const auto& r) { return r->modelSha256 == result->modelSha256; }),
      m_results.end());
  m_results.push_back(result);
  QTreeWidgetItem* item =
      modelItem(sha, QStringLiteral("%1 %2").arg(QString::fromStdString(result->modelName),
                                                 QString::fromStdString(result->modelVersion)));
  if (result->task == core::ModelResult::Task::Segmentation) {
    fillSegments(item, *result);
  } else {
    fillFindings(item, *result);
  }
  item->setExpanded(true);
  if (m_tree->selectedItems().isEmpty()) showCard(result.get());

  // What the models saw is on screen at once: the first label map, and until the user picks a
  // row, the heatmap of the most suspicious finding.
  if (m_labelMapSha.isEmpty() && result->task == core::ModelResult::Task::Segmentation) {
    if (auto labels = volumeOf(*result, core::ResultVolume::Kind::LabelMap, {})) {
      m_labelMapSha = sha;
      Q_EMIT labelMapSelected(labels);
    }
  }
  if (!m_userChoice) selectMostSuspicious();
}

FindingsPanel::ShownVolume FindingsPanel::shownLabelMap() const {
  for (const auto& result : m_results) {
    if (QString::fromStdString(result->modelSha256) == m_labelMapSha)
      return {result, volumeOf(*result, core::ResultVolume::Kind::LabelMap, {})};
  }
  return {};
}

FindingsPanel::ShownVolume FindingsPanel::shownHeatmap(QString* finding) const {
  for (const auto& result : m_results) {
    if (QString::fromStdString(result->modelSha256) != m_heatmapSha) continue;
    if (finding) *finding = m_heatmapFinding;
    return {result,
            volumeOf(*result, core::ResultVolume::Kind::Heatmap, m_heatmapFinding.toStdString())};
  }
  return {};
}

void FindingsPanel::selectMostSuspicious() {
  QTreeWidgetItem* best = nullptr;
  const auto rank = [](const QTreeWidgetItem* row) {
    return std::make_pair(row->data(kProbabilityColumn, PositiveRole).toBool(),
                          row->data(kProbabilityColumn, ProbabilityRole).toDouble());
  };
  for (int m = 0; m < m_tree->topLevelItemCount(); ++m) {
    QTreeWidgetItem* model = m_tree->topLevelItem(m);
    for (int f = 0; f < model->childCount(); ++f) {
      QTreeWidgetItem* row = model->child(f);
      const core::ModelResult* result = resultOf(row);
      if (row->data(0, KindRole).toInt() != static_cast<int>(RowKind::Finding) ||
          result == nullptr ||
          !volumeOf(*result, core::ResultVolume::Kind::Heatmap,
                    row->data(0, LabelRole).toString().toStdString()))
        continue;
      if (best == nullptr || rank(best) < rank(row)) best = row;
    }
  }
  if (best == nullptr || best == m_tree->currentItem()) return;
  m_selectingMostSuspicious = true;
  m_tree->setCurrentItem(best);
  m_selectingMostSuspicious = false;
}

void FindingsPanel::removeModel(const QString& modelSha256) {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    if (m_tree->topLevelItem(i)->data(0, ModelShaRole).toString() == modelSha256)
      delete m_tree->takeTopLevelItem(i--);
  }
  m_results.erase(
      std::remove_if(m_results.begin(), m_results.end(),
                     [&](const auto& r) { return r->modelSha256 == modelSha256.toStdString(); }),
      m_results.end());
  if (m_labelMapSha == modelSha256) {
    m_labelMapSha.clear();
    Q_EMIT labelMapSelected(nullptr);
  }
  if (m_heatmapSha == modelSha256) {
    m_heatmapSha.clear();
    Q_EMIT heatmapSelected(nullptr, {});
    if (!m_userChoice) selectMostSuspicious();
  }
}

void FindingsPanel::fillFindings(QTreeWidgetItem* item, const core::ModelResult& result) {
  std::vector<core::ResultFinding> findings = result.findings;
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    if (a.positive != b.positive) return a.positive;
    return a.probability > b.probability;
  });
  for (const core::ResultFinding& f : findings) {
    auto* row =
        new QTreeWidgetItem(item, {QString::fromStdString(f.label), percent(f.probability)});
    row->setData(0, ModelShaRole, QString::fromStdString(result.modelSha256));
    row->setData(0, LabelRole, QString::fromStdString(f.label));
    for (int column = 0; column < 2; ++column) {
      row->setData(column, KindRole, static_cast<int>(RowKind::Finding));
    }
    row->setData(kProbabilityColumn, ProbabilityRole, f.probability);
    row->setData(kProbabilityColumn, ThresholdRole, f.threshold);
    row->setData(kProbabilityColumn, PositiveRole, f.positive);
    row->setToolTip(kProbabilityColumn, tr("%1; operating threshold %2; %3")
                                            .arg(percent(f.probability), percent(f.threshold),
                                                 f.positive ? tr("positive") : tr("negative")));
    if (f.positive) {
      QFont font = row->font(0);
      font.setBold(true);
      row->setFont(0, font);
    }
  }
}

void FindingsPanel::fillSegments(QTreeWidgetItem* item, const core::ModelResult& result) {
  for (const core::ResultSegment& s : result.segments) {
    auto* row = new QTreeWidgetItem(
        item, {QString::fromStdString(s.label), tr("%1 ml").arg(s.volumeMl, 0, 'f', 1)});
    row->setData(0, ModelShaRole, QString::fromStdString(result.modelSha256));
    row->setData(0, LabelRole, QString::fromStdString(s.label));
    row->setData(0, KindRole, static_cast<int>(RowKind::Segment));
    row->setIcon(0, swatch(s.value));
    int listed = 0;
    int unlisted = 0;
    for (const core::ResultLesion& lesion : result.lesions) {
      if (lesion.value != s.value) continue;
      if (listed == kMostLesionsListed) {
        ++unlisted;
        continue;
      }
      ++listed;
      auto* child = new QTreeWidgetItem(row, {tr("%1 %2: %3 mm")
                                                  .arg(QString::fromStdString(s.label))
                                                  .arg(listed)
                                                  .arg(lesion.longestDiameterMm, 0, 'f', 1),
                                              tr("%1 mm³").arg(lesion.volumeMm3, 0, 'f', 0)});
      child->setData(0, ModelShaRole, QString::fromStdString(result.modelSha256));
      child->setData(0, KindRole, static_cast<int>(RowKind::Lesion));
      child->setData(0, CentreRole,
                     QVariantList{lesion.centreLps[0], lesion.centreLps[1], lesion.centreLps[2]});
      child->setToolTip(0, tr("Longest diameter %1 mm, volume %2 mm³; select to go to it")
                               .arg(lesion.longestDiameterMm, 0, 'f', 1)
                               .arg(lesion.volumeMm3, 0, 'f', 0));
    }
    if (unlisted > 0) {
      auto* more = new QTreeWidgetItem(row, {tr("%n smaller region(s) not listed", "", unlisted)});
      more->setData(0, ModelShaRole, QString::fromStdString(result.modelSha256));
      more->setData(0, KindRole, static_cast<int>(RowKind::State));
      more->setFirstColumnSpanned(true);
    }
    row->setExpanded(listed <= 5);
  }
}

std::vector<std::shared_ptr<const core::ModelResult>> FindingsPanel::results() const {
  return m_results;
}

bool FindingsPanel::hasResult(const std::string& modelSha256) const {
  return std::any_of(m_results.begin(), m_results.end(),
                     [&](const auto& r) { return r->modelSha256 == modelSha256; });
}

void FindingsPanel::setEvaluation(const std::string& modelSha256, const QString& text) {
  m_evaluations.insert(QString::fromStdString(modelSha256), text);
}

const core::ModelResult* FindingsPanel::resultOf(const QTreeWidgetItem* item) const {
  const std::string sha = item->data(0, ModelShaRole).toString().toStdString();
  for (const auto& result : m_results) {
    if (result->modelSha256 == sha) return result.get();
  }
  return nullptr;
}

void FindingsPanel::selectionChanged() {
  const QList<QTreeWidgetItem*> selected = m_tree->selectedItems();
  if (selected.isEmpty()) return;
  if (!m_selectingMostSuspicious) m_userChoice = true;
  QTreeWidgetItem* item = selected.front();
  const core::ModelResult* result = resultOf(item);
  showCard(result);
  if (result == nullptr) return;
  const QString sha = QString::fromStdString(result->modelSha256);
  const auto kind = static_cast<RowKind>(item->data(0, KindRole).toInt());
  if (kind == RowKind::Finding) {
    const QString label = item->data(0, LabelRole).toString();
    auto heatmap = volumeOf(*result, core::ResultVolume::Kind::Heatmap, label.toStdString());
    m_heatmapSha = heatmap ? sha : QString();
    m_heatmapFinding = label;
    Q_EMIT heatmapSelected(heatmap, label);
  } else if (result->task == core::ModelResult::Task::Segmentation) {
    m_labelMapSha = sha;
    Q_EMIT labelMapSelected(volumeOf(*result, core::ResultVolume::Kind::LabelMap, {}));
    if (kind == RowKind::Lesion) {
      const QVariantList centre = item->data(0, CentreRole).toList();
      Q_EMIT lesionSelected(core::Vec3{centre.value(0).toDouble(), centre.value(1).toDouble(),
                                       centre.value(2).toDouble()});
    }
  }
}

void FindingsPanel::showCard(const core::ModelResult* result) {
  if (result == nullptr) {
    m_card->clear();
    return;
  }
  const auto escaped = [](const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
  };
  QString html =
      QStringLiteral("<b>%1</b> %2").arg(escaped(result->modelName), escaped(result->modelVersion));
  if (result->notForClinicalUse) {
    html += QStringLiteral("<br><span style='color:#c83228'><b>%1</b></span>")
                .arg(tr("Not for clinical use."));
  }
  if (!result->intendedUse.empty()) {
    html += QStringLiteral("<br>%1 %2").arg(tr("Intended use:"), escaped(result->intendedUse));
  }
  double total = 0.0;
  QStringList stages;
  for (const core::ResultTiming& t : result->timings) {
    total += t.milliseconds;
    stages << QStringLiteral("%1 %2 ms").arg(escaped(t.stage)).arg(t.milliseconds, 0, 'f', 0);
  }
  html += QStringLiteral("<br>") + tr("Ran on %1 in %2 s (%3)")
                                       .arg(escaped(result->device))
                                       .arg(total / 1000.0, 0, 'f', 1)
                                       .arg(stages.join(QStringLiteral(", ")));
  if (!result->createdAt.empty()) {
    html += QStringLiteral("<br>") + tr("Result of %1").arg(escaped(result->createdAt));
  }
  for (const std::string& note : result->notes)
    html += QStringLiteral("<br><i>%1</i>").arg(escaped(note));
  const QString evaluation = m_evaluations.value(QString::fromStdString(result->modelSha256));
  if (!evaluation.isEmpty()) {
    html +=
        QStringLiteral("<br>%1<pre>%2</pre>").arg(tr("Evaluation:"), evaluation.toHtmlEscaped());
  }
  m_card->setText(html);
}

QString FindingsPanel::modelCard() const { return m_card->text(); }

render::OverlayStyle FindingsPanel::overlayStyle() const {
  render::OverlayStyle style;
  style.heatmapOpacity = m_opacity->value() / 100.0;
  style.heatmapCutoff = m_cutoff->value() / 100.0;
  return style;
}

}  // namespace lumen::app
