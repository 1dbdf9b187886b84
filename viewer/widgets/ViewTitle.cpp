#include "widgets/ViewTitle.h"

#include <QLabel>

namespace lumen::widgets {

QLabel* makeViewTitle(const QString& text, QWidget* view) {
  auto* label = new QLabel(text, view);
  label->setStyleSheet(
      QStringLiteral("color: #e6c84f; background: transparent; padding: 2px 5px;"));
  label->setAttribute(Qt::WA_TransparentForMouseEvents);
  label->move(0, 0);
  label->adjustSize();
  return label;
}

}  // namespace lumen::widgets
