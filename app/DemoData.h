#pragma once

#include <QString>

namespace lumen::app {

/// Writes the synthetic demo chest CT (core::makeSyntheticChestCt) as
/// `directory`/synthetic-chest-ct.nii.gz, creating the directory, and returns that path.
/// Throws lumen::Error(WriteFailed) naming the path.
QString writeDemoVolume(const QString& directory);

}  // namespace lumen::app
