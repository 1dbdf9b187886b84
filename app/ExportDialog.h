#pragma once

#include <QDialog>

#include "ExportCommand.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace lumen::app {

class AnnotationSession;

/// Annotate ▸ Export for Training…: the project open in `session` exported as `lumen export`
/// does (NIfTI for nnU-Net and MONAI, DICOM SEG with its images, or the tags, boxes and points
/// tables), de-identified, with a re-identification mapping only when asked for. The labels on
/// screen are saved first; the export runs in the background and its report shows in the dialog.
/// GUI thread only.
class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  /// `dataFolder`: the study database's folder, where DICOM volumes are found ("" the user's).
  ExportDialog(AnnotationSession* session, const QString& dataFolder, QWidget* parent = nullptr);

  /// What the dialog's fields ask for.
  ExportRequest request() const;
  /// Sets the fields; `format` is "nifti", "seg" or "tables".
  void setRequest(const QString& format, const QString& out, const QString& mapping);
  /// Starts the export (as the Export button does).
  void start();
  QString report() const;

 Q_SIGNALS:
  /// The export ended; `succeeded` is false when a case or the whole export failed.
  void finished(bool succeeded);

 private:
  void chooseFolder();
  void chooseMapping();
  void showReport(const ExportReport& report);

  AnnotationSession* m_session;
  QString m_dataFolder;
  QComboBox* m_format = nullptr;
  QLineEdit* m_out = nullptr;
  QCheckBox* m_writeMapping = nullptr;
  QLineEdit* m_mapping = nullptr;
  QPlainTextEdit* m_report = nullptr;
  QProgressBar* m_busy = nullptr;
  QPushButton* m_export = nullptr;
};

}  // namespace lumen::app
