#pragma once

#include <QString>
#include <QStringList>

namespace lumen::app {

/// What setUpDemo did.
struct DemoSetUp {
  QString folder;        ///< where the DICOM files are
  QStringList models;    ///< demo models installed now (not those already there)
  QStringList problems;  ///< what could not be done (a bundled model missing or refused)
};

/// Writes Lumen's demo set under `folder` as real DICOM through the DICOM layer: a chest CT
/// with lung nodules (CT Image Storage, 256×256×160) and three PA chest radiographs (Digital
/// X-Ray For Presentation, 2048², with findings or none) of fictitious patients, all synthetic
/// (inference/phantoms), with fixed UIDs so that writing it again changes nothing. Then records
/// the files in the study database in `dataFolder` (referenced where they are) and installs the
/// demo models found in `bundledModels` into `dataFolder`'s model library, replacing older
/// versions of them (replaceModelNow). Either folder empty:
/// the user's data folder, Lumen's bundled models (bundledModelsFolder()). Throws
/// lumen::Error naming the path when a file cannot be written or the database not changed,
/// another std::exception when the phantoms cannot be made.
DemoSetUp setUpDemo(const QString& folder, const QString& dataFolder = {},
                    const QString& bundledModels = {});

/// The demo models shipped with Lumen: share/lumen/models beside the executable's bin folder
/// (the build tree and an installed Lumen alike).
QString bundledModelsFolder();

}  // namespace lumen::app
