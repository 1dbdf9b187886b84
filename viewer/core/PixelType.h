#pragma once

#include <cstddef>
#include <cstdint>

namespace lumen::core {

/// Scalar type of a volume's voxels, as stored in its buffer.
enum class PixelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

/// Bytes per voxel of `type`.
std::size_t bytesPerVoxel(PixelType type);

/// Short name for messages ("int16").
const char* pixelTypeName(PixelType type);

/// Calls `f(T{})` with the C++ type that stores `type` and returns its result.
template <typename F>
decltype(auto) dispatchPixelType(PixelType type, F&& f) {
  switch (type) {
    case PixelType::UInt8:
      return f(std::uint8_t{});
    case PixelType::Int8:
      return f(std::int8_t{});
    case PixelType::UInt16:
      return f(std::uint16_t{});
    case PixelType::Int16:
      return f(std::int16_t{});
    case PixelType::UInt32:
      return f(std::uint32_t{});
    case PixelType::Int32:
      return f(std::int32_t{});
    case PixelType::Float32:
      return f(float{});
    case PixelType::Float64:
      break;
  }
  return f(double{});
}

}  // namespace lumen::core
