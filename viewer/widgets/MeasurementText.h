#pragma once

#include <QCoreApplication>
#include <QString>

#include "core/Measurement.h"
#include "core/Volume.h"

namespace lumen::widgets {

/// How measurements read on screen and in the panel, translated.
class MeasurementText {
  Q_DECLARE_TR_FUNCTIONS(MeasurementText)

 public:
  /// "42.3 mm", "87.5°", or for a region its mean, SD, minimum, maximum (in `unit`, e.g. HU;
  /// none when empty) and area, one per line.
  static QString value(const core::Measurement& measurement, const core::Volume& volume,
                       const QString& unit);
  /// "Distance", "Angle", "Ellipse", "Rectangle".
  static QString kindName(core::MeasurementKind kind);
};

}  // namespace lumen::widgets
