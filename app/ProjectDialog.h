#pragma once

#include <QDialog>

#include "core/annotate/LabelSchema.h"

class QLabel;
class QLineEdit;
class QTableWidget;

namespace lumen::app {

/// Annotate ▸ New Annotation Project… and Edit Project Labels and Tags…: the project's name, its
/// labels (name, colour, and the coded concepts a DICOM SEG segment carries, typed as
/// "SCT 27925004 Nodule": scheme, code, meaning) and its tags (image or study level). Labels an
/// existing project already has keep their values and cannot be removed, since label maps hold
/// them; the same holds for tags, which annotations hold. OK is refused, with the reason shown,
/// while the schema is invalid. GUI thread only.
class ProjectDialog : public QDialog {
  Q_OBJECT

 public:
  /// `editing`: an existing project, whose name cannot change.
  ProjectDialog(const QString& name, const core::LabelSchema& schema, bool editing,
                QWidget* parent = nullptr);

  QString name() const;
  /// The schema as the tables say. Throws lumen::Error(InvalidArgument) naming the first problem.
  core::LabelSchema schema() const;
  /// Adds a label row with the next free value and its palette colour.
  void addLabel(const QString& name);
  void addTag(const QString& name, core::TagDefinition::Scope scope, bool existing = false);
  QTableWidget* labelTable() const { return m_labels; }
  QTableWidget* tagTable() const { return m_tags; }

  void accept() override;

 private:
  void addLabelRow(const core::LabelDefinition& label, bool existing);
  void chooseColour(int row, int column);
  void removeLabel();

  QLineEdit* m_name = nullptr;
  QTableWidget* m_labels = nullptr;
  QTableWidget* m_tags = nullptr;
  QLabel* m_problem = nullptr;
};

/// "SCT 27925004 Nodule" as a concept: scheme, code, then the meaning; empty text is none.
/// Throws lumen::Error(InvalidArgument) when a part is missing.
std::optional<core::CodedConcept> conceptFromText(const QString& text);
QString textOf(const std::optional<core::CodedConcept>& concept);

}  // namespace lumen::app
