#include "ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "AnnotationSession.h"

namespace lumen::app {
namespace {

/// A line edit with a "Choose…" button beside it.
QHBoxLayout* withChooser(QLineEdit* edit, QToolButton* button) {
  auto* row = new QHBoxLayout;
  row->addWidget(edit, 1);
  row->addWidget(button);
  return row;
}

}  // namespace

ExportDialog::ExportDialog(AnnotationSession* session, const QString& dataFolder, QWidget* parent)
    : QDialog(parent), m_session(session), m_dataFolder(dataFolder) {
  setWindowTitle(tr("Export for Training"));
  m_format = new QComboBox(this);
  m_format->addItem(tr("NIfTI images and labels for nnU-Net and MONAI"), QStringLiteral("nifti"));
  m_format->addItem(tr("DICOM SEG with its images"), QStringLiteral("seg"));
  m_format->addItem(tr("Tags, boxes and points (CSV and JSON)"), QStringLiteral("tables"));
  m_out = new QLineEdit(this);
  auto* chooseOut = new QToolButton(this);
  chooseOut->setText(tr("Choose…"));
  connect(chooseOut, &QToolButton::clicked, this, &ExportDialog::chooseFolder);
  m_writeMapping = new QCheckBox(tr("Also write the re-identification mapping to:"), this);
  m_mapping = new QLineEdit(this);
  m_mapping->setEnabled(false);
  auto* chooseMapping = new QToolButton(this);
  chooseMapping->setText(tr("Choose…"));
  chooseMapping->setEnabled(false);
  connect(chooseMapping, &QToolButton::clicked, this, &ExportDialog::chooseMapping);
  connect(m_writeMapping, &QCheckBox::toggled, m_mapping, &QWidget::setEnabled);
  connect(m_writeMapping, &QCheckBox::toggled, chooseMapping, &QWidget::setEnabled);
  auto* note = new QLabel(
      tr("Images and labels are de-identified (DICOM PS3.15 Basic Profile, dates shifted per "
         "patient). The mapping links the cases back to patients: keep it inside the hospital."),
      this);
  note->setWordWrap(true);

  m_report = new QPlainTextEdit(this);
  m_report->setReadOnly(true);
  m_report->setObjectName(QStringLiteral("export-report"));
  m_busy = new QProgressBar(this);
  m_busy->setRange(0, 0);
  m_busy->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  connect(m_export, &QPushButton::clicked, this, &ExportDialog::start);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* form = new QFormLayout;
  form->addRow(tr("Format"), m_format);
  form->addRow(tr("Into the folder"), withChooser(m_out, chooseOut));
  form->addRow(m_writeMapping);
  form->addRow(withChooser(m_mapping, chooseMapping));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addWidget(m_report, 1);
  layout->addWidget(m_busy);
  layout->addWidget(buttons);
  resize(560, 420);
}

ExportRequest ExportDialog::request() const {
  ExportRequest request;
  if (m_session->project()) request.project = m_session->project()->folder();
  request.format = m_format->currentData().toString().toStdString();
  request.out = m_out->text().trimmed().toStdString();
  if (m_writeMapping->isChecked()) request.mapping = m_mapping->text().trimmed().toStdString();
  request.dataFolder = m_dataFolder.toStdString();
  return request;
}

void ExportDialog::setRequest(const QString& format, const QString& out, const QString& mapping) {
  m_format->setCurrentIndex(std::max(0, m_format->findData(format)));
  m_out->setText(out);
  m_writeMapping->setChecked(!mapping.isEmpty());
  m_mapping->setText(mapping);
}

void ExportDialog::chooseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"));
  if (!folder.isEmpty()) m_out->setText(folder);
}

void ExportDialog::chooseMapping() {
  const QString file = QFileDialog::getSaveFileName(
      this, tr("Re-identification mapping"), QStringLiteral("mapping.json"), tr("JSON (*.json)"));
  if (!file.isEmpty()) m_mapping->setText(file);
}

void ExportDialog::start() {
  const ExportRequest request = this->request();
  QString problem;
  if (request.project.empty()) problem = tr("Open an annotation project first.");
  if (request.out.empty()) problem = tr("Choose the folder to export into.");
  if (m_writeMapping->isChecked() && request.mapping.empty())
    problem = tr("Choose where to write the mapping, or do not write one.");
  if (!problem.isEmpty()) {
    m_report->setPlainText(problem);
    Q_EMIT finished(false);
    return;
  }
  m_export->setEnabled(false);
  m_busy->show();
  m_report->setPlainText(tr("Exporting…"));
  // The labels on screen are saved, and every change is on disk, before the export reads them.
  m_session->save();
  QPointer<ExportDialog> dialog(this);
  m_session->whenWritten([dialog, request] {
    if (!dialog) return;
    auto* watcher = new QFutureWatcher<ExportReport>(dialog);
    connect(watcher, &QFutureWatcher<ExportReport>::finished, dialog, [dialog, watcher] {
      watcher->deleteLater();
      dialog->showReport(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([request] { return runExport(request); }));
  });
}

void ExportDialog::showReport(const ExportReport& report) {
  m_busy->hide();
  m_export->setEnabled(true);
  QString text = QString::fromStdString(report.text);
  if (!report.error.empty()) text += tr("\nProblems:\n") + QString::fromStdString(report.error);
  m_report->setPlainText(text);
  Q_EMIT finished(report.exitCode == 0);
}

QString ExportDialog::report() const { return m_report->toPlainText(); }

}  // namespace lumen::app
