#include "widgets/StudyLabels.h"

#include <QDate>
#include <QStringList>

namespace lumen::widgets {
namespace {

QDate dicomDate(const std::string& text) {
  return QDate::fromString(QString::fromStdString(text), QStringLiteral("yyyyMMdd"));
}

QString personName(const std::string& dicom) {
  // Only the first (alphabetic) representation; family^given^middle^prefix^suffix.
  const QString alphabetic = QString::fromStdString(dicom).section(QLatin1Char('='), 0, 0);
  QStringList parts = alphabetic.split(QLatin1Char('^'));
  while (!parts.isEmpty() && parts.last().trimmed().isEmpty()) parts.removeLast();
  if (parts.size() <= 1) return parts.value(0).trimmed();
  const QString family = parts.takeFirst().trimmed();
  return family + QStringLiteral(", ") + parts.join(QLatin1Char(' ')).simplified();
}

QString age(const QDate& birth, const QDate& study) {
  if (!birth.isValid() || !study.isValid() || study < birth) return {};
  int months = (study.year() - birth.year()) * 12 + study.month() - birth.month();
  if (study.day() < birth.day()) --months;
  if (months >= 24) return QStringLiteral("%1Y").arg(months / 12);
  return QStringLiteral("%1M").arg(months);
}

}  // namespace

StudyLabels studyLabels(const core::VolumeSource& source) {
  StudyLabels labels;
  labels.patientName = personName(source.patientName);
  labels.patientId = QString::fromStdString(source.patientId);
  const QDate study = dicomDate(source.studyDate);
  QStringList ageSex;
  const QString years = age(dicomDate(source.patientBirthDate), study);
  if (!years.isEmpty()) ageSex << years;
  if (!source.patientSex.empty()) ageSex << QString::fromStdString(source.patientSex);
  labels.ageSex = ageSex.join(QLatin1Char(' '));
  if (study.isValid()) labels.studyDate = study.toString(Qt::ISODate);
  labels.seriesDescription = QString::fromStdString(source.seriesDescription);
  if (source.modality == "CT") labels.unit = QStringLiteral("HU");
  return labels;
}

}  // namespace lumen::widgets
