#include "AnalysisStatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include "AnalysisQueue.h"

namespace lumen::app {

AnalysisStatus::AnalysisStatus(AnalysisQueue* queue, QWidget* parent)
    : QWidget(parent), m_queue(queue) {
  m_text = new QLabel(this);
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 100);
  m_progress->setMaximumWidth(120);
  m_progress->setTextVisible(false);
  m_cancel = new QToolButton(this);
  m_cancel->setText(tr("Stop AI"));
  m_cancel->setToolTip(tr("Cancel every model run queued or running"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_text);
  layout->addWidget(m_progress);
  layout->addWidget(m_cancel);
  connect(m_cancel, &QToolButton::clicked, m_queue, &AnalysisQueue::cancelAll);
  connect(m_queue, &AnalysisQueue::statusChanged, this, &AnalysisStatus::update);
  update();
}

void AnalysisStatus::update() {
  const AnalysisQueue::Status status = m_queue->status();
  setVisible(status.queued + status.running > 0);
  QString text = tr("AI:");
  if (status.running > 0) {
    text +=
        QLatin1Char(' ') + tr("%1 %2 %").arg(status.model).arg(status.fraction * 100.0, 0, 'f', 0);
    m_progress->setRange(0, 100);
    m_progress->setValue(static_cast<int>(status.fraction * 100.0));
  } else {
    m_progress->setRange(0, 0);  // busy: the first job has not reported yet
  }
  if (status.queued > 0) text += QLatin1Char(' ') + tr("%n queued", "", status.queued);
  m_text->setText(text);
}

}  // namespace lumen::app
