#pragma once

#include <QByteArray>
#include <QImage>

#include "core/IntensityStatistics.h"
#include "core/Volume.h"

namespace lumen::app {

/// A series' picture for the study list: the middle slice along k at `window`, grey (colour
/// volumes as they are), fitted into `size` × `size` pixels keeping its aspect (voxel spacing
/// included). Safe to call from any thread.
QImage makeThumbnail(const core::Volume& volume, const core::Window& window, int size = 64);

/// The image as PNG bytes, to store.
QByteArray pngBytes(const QImage& image);

}  // namespace lumen::app
