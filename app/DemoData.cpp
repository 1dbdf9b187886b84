#include "DemoData.h"

#include <QDir>

#include "core/Error.h"
#include "core/SyntheticChestCt.h"
#include "core/VolumeFile.h"

namespace lumen::app {

QString writeDemoVolume(const QString& directory) {
  if (!QDir().mkpath(directory)) {
    throw Error(ErrorCode::WriteFailed, directory.toStdString() + ": cannot create the directory");
  }
  const QString path =
      QDir(directory).absoluteFilePath(QStringLiteral("synthetic-chest-ct.nii.gz"));
  core::writeVolumeFile(*core::makeSyntheticChestCt(), path.toStdString());
  return path;
}

}  // namespace lumen::app
