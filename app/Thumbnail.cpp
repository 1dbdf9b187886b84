#include "Thumbnail.h"

#include <QBuffer>
#include <algorithm>

namespace lumen::app {

QImage makeThumbnail(const core::Volume& volume, const core::Window& window, int size) {
  const core::Size3& n = volume.size();
  const std::size_t k = n[2] / 2;
  const bool colour = volume.components() == 3;
  QImage slice(static_cast<int>(n[0]), static_cast<int>(n[1]),
               colour ? QImage::Format_RGB32 : QImage::Format_Grayscale8);
  const double low = window.center - window.width / 2;
  const auto grey = [&](double value) {
    return static_cast<int>(std::clamp((value - low) / window.width * 255.0, 0.0, 255.0));
  };
  for (std::size_t j = 0; j < n[1]; ++j) {
    uchar* line = slice.scanLine(static_cast<int>(j));
    for (std::size_t i = 0; i < n[0]; ++i) {
      if (colour) {
        reinterpret_cast<QRgb*>(line)[i] =
            qRgb(std::clamp(static_cast<int>(volume.valueAt(i, j, k, 0)), 0, 255),
                 std::clamp(static_cast<int>(volume.valueAt(i, j, k, 1)), 0, 255),
                 std::clamp(static_cast<int>(volume.valueAt(i, j, k, 2)), 0, 255));
      } else {
        line[i] = static_cast<uchar>(grey(volume.valueAt(i, j, k)));
      }
    }
  }
  // Square pixels on screen: stretch by the voxel spacing first.
  const double width = n[0] * volume.geometry().spacing[0];
  const double height = n[1] * volume.geometry().spacing[1];
  const QSize shape = QSizeF(width, height).scaled(size, size, Qt::KeepAspectRatio).toSize();
  return slice.scaled(shape.expandedTo(QSize(1, 1)), Qt::IgnoreAspectRatio,
                      Qt::SmoothTransformation);
}

QByteArray pngBytes(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

}  // namespace lumen::app
