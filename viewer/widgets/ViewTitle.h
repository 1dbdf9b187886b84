#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace lumen::widgets {

/// A small caption in the top-left corner of a view ("Axial", "3D"), owned by `view`.
QLabel* makeViewTitle(const QString& text, QWidget* view);

}  // namespace lumen::widgets
