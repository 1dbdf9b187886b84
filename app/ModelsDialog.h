#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace lumen::app {

class ModelLibrary;

/// Models ▸ Manage Models: the installed models (name, version, task, what they apply to, or why
/// they cannot be used), each switched on or off by its check box; install a model file or a
/// MONAI bundle, remove the selected model, and whether models run by themselves on every volume
/// opened. GUI thread only.
class ModelsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ModelsDialog(ModelLibrary* library, QWidget* parent = nullptr);

  QTreeWidget* list() const { return m_list; }

  /// Asks for a model file (Lumen package or TorchScript with its model.json) and installs it.
  static void chooseModelFile(ModelLibrary* library, QWidget* parent);
  /// Asks for a MONAI bundle folder and installs it.
  static void chooseBundle(ModelLibrary* library, QWidget* parent);

 private:
  void fill();
  void removeSelected();

  ModelLibrary* m_library;
  QTreeWidget* m_list = nullptr;
  QLabel* m_message = nullptr;
  QCheckBox* m_automatic = nullptr;
  QPushButton* m_remove = nullptr;
  bool m_filling = false;
};

}  // namespace lumen::app
