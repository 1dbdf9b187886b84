#include "widgets/ViewCell.h"

#include <QEvent>
#include <QMenu>
#include <QStackedLayout>
#include <QToolButton>

#include "widgets/SliceView.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {
namespace {

render::SliceOrientation orientationOf(ViewKind kind) {
  switch (kind) {
    case ViewKind::Coronal:
      return render::SliceOrientation::Coronal;
    case ViewKind::Sagittal:
      return render::SliceOrientation::Sagittal;
    default:
      return render::SliceOrientation::Axial;
  }
}

}  // namespace

ViewCell::ViewCell(ViewKind kind, QWidget* parent) : QWidget(parent), m_kind(kind) {
  m_stack = new QStackedLayout(this);
  m_stack->setContentsMargins(0, 0, 0, 0);
  m_slice = new SliceView(orientationOf(kind), this);
  m_stack->addWidget(m_slice);

  m_title = new QToolButton(this);
  m_title->setPopupMode(QToolButton::InstantPopup);
  m_title->setAutoRaise(true);
  m_title->setStyleSheet(
      QStringLiteral("QToolButton { color: #e6c84f; background: rgba(0, 0, 0, 90); border: none;"
                     " padding: 1px 4px; }"));
  m_kinds = new QMenu(m_title);
  for (ViewKind k : {ViewKind::Axial, ViewKind::Coronal, ViewKind::Sagittal, ViewKind::Volume}) {
    m_kinds->addAction(kindName(k), this, [this, k] { Q_EMIT kindRequested(k); });
  }
  m_title->setMenu(m_kinds);
  setKind(kind);
}

void ViewCell::setSingleImage(bool single) {
  m_singleImage = single;
  setKind(m_kind);
}

QString ViewCell::kindName(ViewKind kind) {
  switch (kind) {
    case ViewKind::Axial:
      return SliceView::orientationName(render::SliceOrientation::Axial);
    case ViewKind::Coronal:
      return SliceView::orientationName(render::SliceOrientation::Coronal);
    case ViewKind::Sagittal:
      return SliceView::orientationName(render::SliceOrientation::Sagittal);
    case ViewKind::Volume:
      break;
  }
  return tr("3D");
}

void ViewCell::setKind(ViewKind kind) {
  m_kind = kind;
  if (kind == ViewKind::Volume) {
    if (m_volume == nullptr) {
      m_volume = new VolumeView(this);
      m_volume->installEventFilter(this);
      m_stack->addWidget(m_volume);
      Q_EMIT volumeViewCreated(m_volume);
    }
    m_stack->setCurrentWidget(m_volume);
  } else {
    if (m_slice->scene().orientation() != orientationOf(kind)) {
      m_slice->setOrientation(orientationOf(kind));
    }
    m_stack->setCurrentWidget(m_slice);
  }
  const bool image = m_singleImage && kind != ViewKind::Volume;
  m_title->setText(image ? tr("Image") : kindName(kind) + QStringLiteral(" ▾"));
  m_title->setMenu(image ? nullptr : m_kinds);
  m_title->adjustSize();
  m_title->raise();
}

QWidget* ViewCell::currentView() const { return m_stack->currentWidget(); }

bool ViewCell::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_volume && event->type() == QEvent::MouseButtonPress) {
    Q_EMIT volumeViewActivated();
  } else if (watched == m_volume && event->type() == QEvent::MouseButtonDblClick) {
    Q_EMIT volumeViewMaximiseRequested();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ViewCell::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_title->move(0, 0);
  m_title->raise();
}

}  // namespace lumen::widgets
