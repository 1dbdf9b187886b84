#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lumen::core {

/// One decoded JPEG 2000 image: components interleaved per pixel, each value as the codestream
/// gives it (signed when the codestream says so).
struct Jpeg2000Image {
  int width = 0;
  int height = 0;
  int components = 0;
  int precision = 0;  ///< bits per component
  bool isSigned = false;
  std::vector<std::int32_t> samples;
};

/// Decodes a JPEG 2000 codestream (or JP2 file) held in memory through OpenJPEG, applying the
/// inverse multiple-component transform when the codestream uses one (YBR_RCT/YBR_ICT become
/// RGB). Throws Error(ReadFailed) with OpenJPEG's message when the data is broken, and
/// Error(VolumeTooLarge) when it claims more pixels than `maxPixels`. Thread-safe.
Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size, std::uint64_t maxPixels);

}  // namespace lumen::core
