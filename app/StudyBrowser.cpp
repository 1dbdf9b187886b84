#include "StudyBrowser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include "StudyIndex.h"

namespace lumen::app {
namespace {

enum Role { UidRole = Qt::UserRole, IsStudyRole, SortRole };
enum Column {
  PatientColumn,
  IdColumn,
  DateColumn,
  DescriptionColumn,
  ModalityColumn,
  ImagesColumn,
  AiColumn
};

/// A row that sorts the image count and the AI column by number, the rest by text.
class StudyItem : public QTreeWidgetItem {
 public:
  using QTreeWidgetItem::QTreeWidgetItem;

  bool operator<(const QTreeWidgetItem& other) const override {
    const int column = treeWidget() != nullptr ? treeWidget()->sortColumn() : 0;
    if (column == ImagesColumn || column == AiColumn)
      return data(column, SortRole).toDouble() < other.data(column, SortRole).toDouble();
    return QTreeWidgetItem::operator<(other);
  }
};

QString text(const std::string& value) { return QString::fromStdString(value); }

/// "20260101" as "2026-01-01"; anything else as it is.
QString date(const std::string& value) {
  const QString d = text(value);
  return d.size() == 8 ? QStringLiteral("%1-%2-%3").arg(d.left(4), d.mid(4, 2), d.right(2)) : d;
}

}  // namespace

StudyBrowser::StudyBrowser(StudyIndex* index, QWidget* parent) : QWidget(parent), m_index(index) {
  m_text = new QLineEdit(this);
  m_text->setPlaceholderText(tr("Patient name or ID"));
  m_text->setClearButtonEnabled(true);
  m_from = new QLineEdit(this);
  m_from->setPlaceholderText(tr("From YYYYMMDD"));
  m_to = new QLineEdit(this);
  m_to->setPlaceholderText(tr("To YYYYMMDD"));
  m_modality = new QComboBox(this);
  m_modality->addItem(tr("Any modality"), QString());
  for (const char* modality : {"CT", "MR", "CR", "DX", "MG", "US", "PT", "NM", "XA", "RF", "OT"}) {
    m_modality->addItem(QString::fromLatin1(modality), QString::fromLatin1(modality));
  }
  m_tree = new QTreeWidget(this);
  m_tree->setObjectName(QStringLiteral("studies"));
  m_tree->setHeaderLabels({tr("Patient"), tr("ID"), tr("Date"), tr("Description"), tr("Modality"),
                           tr("Images"), tr("AI")});
  m_tree->headerItem()->setToolTip(
      AiColumn, tr("The highest probability of any finding of the installed models; ⚑ when a "
                   "finding is positive. Sort by it to read the most suspicious studies first."));
  m_tree->setRootIsDecorated(true);
  m_tree->setIconSize(QSize(48, 48));
  m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_tree->setSortingEnabled(true);
  m_tree->sortByColumn(DateColumn, Qt::DescendingOrder);
  m_open = new QPushButton(tr("Open"), this);
  m_remove = new QPushButton(tr("Remove"), this);

  auto* dates = new QHBoxLayout;
  dates->addWidget(m_from);
  dates->addWidget(m_to);
  dates->addWidget(m_modality);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(m_open);
  buttons->addWidget(m_remove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_text);
  layout->addLayout(dates);
  layout->addWidget(m_tree, 1);
  layout->addLayout(buttons);

  // Search as the user types, once typing pauses.
  m_refreshSoon = new QTimer(this);
  m_refreshSoon->setSingleShot(true);
  m_refreshSoon->setInterval(200);
  connect(m_refreshSoon, &QTimer::timeout, this, &StudyBrowser::refresh);
  for (QLineEdit* field : {m_text, m_from, m_to}) {
    connect(field, &QLineEdit::textChanged, m_refreshSoon, qOverload<>(&QTimer::start));
  }
  connect(m_modality, &QComboBox::currentIndexChanged, this, &StudyBrowser::refresh);
  connect(m_tree, &QTreeWidget::itemExpanded, this, &StudyBrowser::showSeries);
  connect(m_tree, &QTreeWidget::itemActivated, this, &StudyBrowser::openSelected);
  connect(m_open, &QPushButton::clicked, this, &StudyBrowser::openSelected);
  connect(m_remove, &QPushButton::clicked, this, &StudyBrowser::removeSelected);
  // Results of a folder's analysis arrive every few seconds: one refresh for a burst of them.
  connect(m_index, &StudyIndex::changed, m_refreshSoon, qOverload<>(&QTimer::start));
  refresh();
}

void StudyBrowser::refresh() {
  core::StudyQuery query;
  query.text = m_text->text().trimmed().toStdString();
  query.dateFrom = m_from->text().trimmed().toStdString();
  query.dateTo = m_to->text().trimmed().toStdString();
  query.modality = m_modality->currentData().toString().toStdString();
  const int generation = ++m_generation;
  m_index->search(query, [this, generation](const std::vector<core::StudyRecord>& studies) {
    if (generation != m_generation) return;
    // The list is rebuilt: keep what the user had selected and expanded.
    QTreeWidgetItem* current = m_tree->currentItem();
    while (current != nullptr && current->parent() != nullptr) current = current->parent();
    const QString selectedStudy = current ? current->data(0, UidRole).toString() : QString();
    QSet<QString> expanded;
    for (int n = 0; n < m_tree->topLevelItemCount(); ++n) {
      if (m_tree->topLevelItem(n)->isExpanded())
        expanded.insert(m_tree->topLevelItem(n)->data(0, UidRole).toString());
    }
    const int scrolled = m_tree->verticalScrollBar()->value();
    m_tree->setSortingEnabled(false);  // rows go in as the database orders them, then sort
    m_tree->clear();
    for (const core::StudyRecord& study : studies) {
      QStringList modalities;
      for (const std::string& m : study.modalities) modalities << text(m);
      auto* item = new StudyItem(
          m_tree, {text(study.patientName).replace(QLatin1Char('^'), QLatin1Char(' ')),
                   text(study.patientId), date(study.studyDate), text(study.studyDescription),
                   modalities.join(QLatin1Char('/')), QString::number(study.instanceCount)});
      item->setData(ImagesColumn, SortRole, static_cast<double>(study.instanceCount));
      // Unanalysed studies sort below every analysed one; a positive finding above all.
      double rank = -1.0;
      if (study.aiMaxProbability) {
        rank = *study.aiMaxProbability + (study.aiPositive ? 1.0 : 0.0);
        item->setText(AiColumn, QStringLiteral("%1%2 %")
                                    .arg(study.aiPositive ? QStringLiteral("⚑ ") : QString())
                                    .arg(*study.aiMaxProbability * 100.0, 0, 'f', 0));
        if (study.aiPositive) item->setForeground(AiColumn, QColor(200, 40, 40));
      }
      item->setData(AiColumn, SortRole, rank);
      item->setData(0, UidRole, text(study.studyInstanceUid));
      item->setData(0, IsStudyRole, true);
      item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    m_tree->setSortingEnabled(true);
    for (int n = 0; n < m_tree->topLevelItemCount(); ++n) {
      QTreeWidgetItem* study = m_tree->topLevelItem(n);
      const QString uid = study->data(0, UidRole).toString();
      if (expanded.contains(uid)) study->setExpanded(true);  // its series are fetched again
      if (uid == selectedStudy) m_tree->setCurrentItem(study);
    }
    m_tree->verticalScrollBar()->setValue(scrolled);
  });
}

void StudyBrowser::showSeries(QTreeWidgetItem* study) {
  if (study->childCount() > 0 || !study->data(0, IsStudyRole).toBool()) return;
  const QString studyUid = study->data(0, UidRole).toString();
  m_index->seriesOf(
      studyUid.toStdString(), [this, studyUid](const std::vector<core::SeriesRecord>& series) {
        // The list may have been rebuilt meanwhile: find the study again.
        for (int n = 0; n < m_tree->topLevelItemCount(); ++n) {
          QTreeWidgetItem* study = m_tree->topLevelItem(n);
          if (study->data(0, UidRole).toString() != studyUid || study->childCount() > 0) continue;
          for (const core::SeriesRecord& s : series) {
            auto* item = new QTreeWidgetItem(
                study, {tr("Series %1").arg(s.seriesNumber), QString(), QString(),
                        text(s.description), text(s.modality), QString::number(s.instanceCount)});
            item->setData(0, UidRole, text(s.seriesInstanceUid));
            item->setData(0, IsStudyRole, false);
            if (s.hasThumbnail) {
              m_index->thumbnail(s.seriesInstanceUid,
                                 [this, uid = text(s.seriesInstanceUid)](const QByteArray& png) {
                                   QImage picture;
                                   if (!picture.loadFromData(png, "PNG")) return;
                                   // The item may be gone: find it by its series UID.
                                   for (QTreeWidgetItemIterator it(m_tree); *it != nullptr; ++it) {
                                     if ((*it)->data(0, UidRole).toString() == uid)
                                       (*it)->setIcon(0, QIcon(QPixmap::fromImage(picture)));
                                   }
                                 });
            }
          }
        }
      });
}

void StudyBrowser::openSelected() {
  const QTreeWidgetItem* item = m_tree->currentItem();
  if (item == nullptr) return;
  m_index->instancePaths(item->data(0, UidRole).toString().toStdString(),
                         [this](const QStringList& paths) {
                           if (!paths.isEmpty()) Q_EMIT openRequested(paths);
                         });
}

bool StudyBrowser::openNeighbour(int step) {
  QTreeWidgetItem* current = m_tree->currentItem();
  QTreeWidgetItem* next = nullptr;
  if (current == nullptr) {
    next = step > 0 ? m_tree->topLevelItem(0) : nullptr;
  } else if (QTreeWidgetItem* study = current->parent()) {
    const int index = study->indexOfChild(current) + step;
    if (index >= 0 && index < study->childCount()) next = study->child(index);
    current = study;
  }
  if (next == nullptr && current != nullptr) {
    const int index = m_tree->indexOfTopLevelItem(current) + step;
    if (index >= 0 && index < m_tree->topLevelItemCount()) next = m_tree->topLevelItem(index);
  }
  if (next == nullptr) return false;
  m_tree->setCurrentItem(next);
  openSelected();
  return true;
}

void StudyBrowser::removeSelected() {
  const QTreeWidgetItem* item = m_tree->currentItem();
  if (item == nullptr) return;
  while (item->parent() != nullptr) item = item->parent();
  const auto answer = QMessageBox::question(
      this, tr("Remove study"),
      tr("Remove the study of %1 from the list? Files Lumen did not copy stay where they are.")
          .arg(item->text(0)));
  if (answer == QMessageBox::Yes)
    m_index->removeStudy(item->data(0, UidRole).toString().toStdString());
}

}  // namespace lumen::app
