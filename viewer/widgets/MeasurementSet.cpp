#include "widgets/MeasurementSet.h"

#include <algorithm>

namespace lumen::widgets {

MeasurementSet::MeasurementSet(QObject* parent) : QObject(parent) {}

const core::Measurement* MeasurementSet::find(std::int64_t id) const {
  const auto found = std::find_if(m_measurements.begin(), m_measurements.end(),
                                  [id](const core::Measurement& m) { return m.id == id; });
  return found == m_measurements.end() ? nullptr : &*found;
}

void MeasurementSet::reset(std::vector<core::Measurement> measurements) {
  m_measurements = std::move(measurements);
  m_lastId = 0;
  for (const core::Measurement& m : m_measurements) m_lastId = std::max(m_lastId, m.id);
  // Stored lists always have ids; give any without one a fresh id.
  for (core::Measurement& m : m_measurements) {
    if (m.id <= 0) m.id = ++m_lastId;
  }
  m_selected = 0;
  Q_EMIT changed();
  Q_EMIT selectionChanged(0);
}

std::int64_t MeasurementSet::add(core::Measurement measurement) {
  measurement.id = ++m_lastId;
  m_measurements.push_back(std::move(measurement));
  Q_EMIT changed();
  Q_EMIT edited();
  return m_lastId;
}

void MeasurementSet::update(const core::Measurement& measurement) {
  for (core::Measurement& m : m_measurements) {
    if (m.id == measurement.id) {
      m = measurement;
      Q_EMIT changed();
      Q_EMIT edited();
      return;
    }
  }
}

void MeasurementSet::remove(std::int64_t id) {
  const auto end = std::remove_if(m_measurements.begin(), m_measurements.end(),
                                  [id](const core::Measurement& m) { return m.id == id; });
  if (end == m_measurements.end()) return;
  m_measurements.erase(end, m_measurements.end());
  if (m_selected == id) {
    m_selected = 0;
    Q_EMIT selectionChanged(0);
  }
  Q_EMIT changed();
  Q_EMIT edited();
}

void MeasurementSet::select(std::int64_t id) {
  if (id == m_selected) return;
  m_selected = id;
  Q_EMIT selectionChanged(id);
  Q_EMIT changed();
}

}  // namespace lumen::widgets
