#include "core/PixelType.h"

namespace lumen::core {

std::size_t bytesPerVoxel(PixelType type) {
  return dispatchPixelType(type, [](auto zero) { return sizeof(zero); });
}

const char* pixelTypeName(PixelType type) {
  switch (type) {
    case PixelType::UInt8:
      return "uint8";
    case PixelType::Int8:
      return "int8";
    case PixelType::UInt16:
      return "uint16";
    case PixelType::Int16:
      return "int16";
    case PixelType::UInt32:
      return "uint32";
    case PixelType::Int32:
      return "int32";
    case PixelType::Float32:
      return "float32";
    case PixelType::Float64:
      return "float64";
  }
  return "?";
}

}  // namespace lumen::core
