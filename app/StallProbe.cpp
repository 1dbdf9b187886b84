#include "StallProbe.h"

#include "Logging.h"

namespace lumen::app {
namespace {
constexpr int kPeriodMs = 10;
constexpr qint64 kReportMs = 50;
}  // namespace

StallProbe::StallProbe(QObject* parent) : QObject(parent) {
  if (!lcStall().isDebugEnabled()) return;
  m_timer.setTimerType(Qt::PreciseTimer);
  m_timer.setInterval(kPeriodMs);
  connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
  m_clock.start();
  m_expected = kPeriodMs;
  m_timer.start();
}

StallProbe::~StallProbe() {
  if (m_clock.isValid()) qCDebug(lcStall) << "longest event-loop stall:" << m_longest << "ms";
}

void StallProbe::tick() {
  const qint64 now = m_clock.elapsed();
  const qint64 late = now - m_expected;
  if (late > m_longest) m_longest = late;
  if (late > kReportMs)
    qCDebug(lcStall) << "event loop stalled for" << late << "ms at" << now << "ms";
  m_expected = now + kPeriodMs;
}

}  // namespace lumen::app
