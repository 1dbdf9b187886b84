#pragma once

#include <QString>

#include "core/VolumeSource.h"

namespace lumen::widgets {

/// What a slice view writes in its corners about the patient and the series, ready to show.
/// Empty strings where the file does not say (a NIfTI file says nothing).
struct StudyLabels {
  QString patientName;  ///< "DOE, JOHN" from DOE^JOHN
  QString patientId;
  QString ageSex;     ///< "45Y F", "18M M": age at the study date
  QString studyDate;  ///< ISO 8601, 2024-01-31
  QString seriesDescription;
  QString unit;  ///< of the voxel values: "HU" for CT, empty otherwise
};

StudyLabels studyLabels(const core::VolumeSource& source);

}  // namespace lumen::widgets
