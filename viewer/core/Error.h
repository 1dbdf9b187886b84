#pragma once

#include <stdexcept>
#include <string>

namespace lumen {

/// The one table of error codes. The GUI translates a code into a headline for the user; the
/// message carries the details (file, sizes, values) in English.
enum class ErrorCode {
  FileNotFound,
  UnsupportedFormat,
  UnsupportedPixelType,
  UnsupportedDimensions,
  InvalidGeometry,
  VolumeTooLarge,
  ReadFailed,
  WriteFailed,
  Cancelled,
  InvalidArgument,  ///< a caller passed values the function cannot work with
};

/// Stable English name of a code, for logs ("ReadFailed").
const char* errorCodeName(ErrorCode code);

/// What Qt-free layers throw. Never crosses a thread: jobs catch it and return it as a value.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message);

  ErrorCode code() const { return m_code; }

 private:
  ErrorCode m_code;
};

}  // namespace lumen
