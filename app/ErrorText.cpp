#include "ErrorText.h"

#include <QCoreApplication>

namespace lumen::app {

QString errorHeadline(ErrorCode code) {
  switch (code) {
    case ErrorCode::FileNotFound:
      return QCoreApplication::translate("lumen::app", "The file does not exist.");
    case ErrorCode::UnsupportedFormat:
      return QCoreApplication::translate("lumen::app", "The file type is not supported.");
    case ErrorCode::UnsupportedPixelType:
      return QCoreApplication::translate("lumen::app", "The image's voxel type is not supported.");
    case ErrorCode::UnsupportedDimensions:
      return QCoreApplication::translate("lumen::app", "Only 2D and 3D images can be opened.");
    case ErrorCode::InvalidGeometry:
      return QCoreApplication::translate("lumen::app", "The image's geometry is invalid.");
    case ErrorCode::VolumeTooLarge:
      return QCoreApplication::translate("lumen::app",
                                         "The image is too large for this computer's memory.");
    case ErrorCode::ReadFailed:
      return QCoreApplication::translate("lumen::app", "The file could not be read.");
    case ErrorCode::WriteFailed:
      return QCoreApplication::translate("lumen::app", "The file could not be written.");
    case ErrorCode::Cancelled:
      return QCoreApplication::translate("lumen::app", "Cancelled.");
    case ErrorCode::InvalidArgument:
      return QCoreApplication::translate("lumen::app", "The values given are not valid.");
  }
  return QCoreApplication::translate("lumen::app", "Unexpected error.");
}

QString describeError(const Error& error) {
  return errorHeadline(error.code()) + QLatin1Char('\n') + QString::fromUtf8(error.what());
}

}  // namespace lumen::app
