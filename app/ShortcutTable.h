#pragma once

#include <QCoreApplication>
#include <vector>

class QAction;
class QDialog;
class QWidget;

namespace lumen::app {

/// Help ▸ Keyboard and Mouse: every shortcut of the given actions, then the keys and mouse
/// gestures the views handle themselves.
class ShortcutTable {
  Q_DECLARE_TR_FUNCTIONS(ShortcutTable)

 public:
  /// A dialog (deleted on close) listing them, not yet shown.
  static QDialog* create(const std::vector<QAction*>& actions, QWidget* parent);
};

}  // namespace lumen::app
