#include "widgets/MeasurementText.h"

namespace lumen::widgets {
namespace {

QString withUnit(double value, const QString& unit) {
  const QString number = QString::number(value, 'f', 1);
  return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

}  // namespace

QString MeasurementText::value(const core::Measurement& measurement, const core::Volume& volume,
                               const QString& unit) {
  switch (measurement.kind) {
    case core::MeasurementKind::Distance:
      return tr("%1 mm").arg(core::measuredLength(measurement), 0, 'f', 1);
    case core::MeasurementKind::Angle:
      return tr("%1°").arg(core::measuredAngle(measurement), 0, 'f', 1);
    case core::MeasurementKind::Ellipse:
    case core::MeasurementKind::Rectangle:
      break;
  }
  const core::RegionStatistics s = core::regionStatistics(volume, measurement);
  if (s.voxelCount == 0) return tr("Area %1 mm²\nno voxels").arg(s.areaMm2, 0, 'f', 1);
  return tr("Mean %1, SD %2\nMin %3, Max %4\nArea %5 mm²")
      .arg(withUnit(s.mean, unit), QString::number(s.standardDeviation, 'f', 1),
           withUnit(s.minimum, unit), withUnit(s.maximum, unit),
           QString::number(s.areaMm2, 'f', 1));
}

QString MeasurementText::kindName(core::MeasurementKind kind) {
  switch (kind) {
    case core::MeasurementKind::Distance:
      return tr("Distance");
    case core::MeasurementKind::Angle:
      return tr("Angle");
    case core::MeasurementKind::Ellipse:
      return tr("Ellipse");
    case core::MeasurementKind::Rectangle:
      break;
  }
  return tr("Rectangle");
}

}  // namespace lumen::widgets
