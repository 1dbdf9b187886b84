#include "core/Error.h"

namespace lumen {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::FileNotFound:
      return "FileNotFound";
    case ErrorCode::UnsupportedFormat:
      return "UnsupportedFormat";
    case ErrorCode::UnsupportedPixelType:
      return "UnsupportedPixelType";
    case ErrorCode::UnsupportedDimensions:
      return "UnsupportedDimensions";
    case ErrorCode::InvalidGeometry:
      return "InvalidGeometry";
    case ErrorCode::VolumeTooLarge:
      return "VolumeTooLarge";
    case ErrorCode::ReadFailed:
      return "ReadFailed";
    case ErrorCode::WriteFailed:
      return "WriteFailed";
    case ErrorCode::Cancelled:
      return "Cancelled";
    case ErrorCode::InvalidArgument:
      return "InvalidArgument";
  }
  return "Unknown";
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(message), m_code(code) {}

}  // namespace lumen
