#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lumen::core {

/// The layout a JPEG-LS frame must decode to: what the DICOM header says.
struct JpegLsFrame {
  int width = 0;
  int height = 0;
  int components = 1;
  int bytesPerSample = 2;
};

/// Decodes one JPEG-LS codestream held in memory through CharLS into `out`: samples in host
/// order, colour interleaved per pixel unless the codestream is planar (then `planar` is set).
/// Throws Error(ReadFailed) with CharLS's message when the data is broken or does not match
/// `expected`. Thread-safe.
void decodeJpegLs(const std::uint8_t* data, std::size_t size, const JpegLsFrame& expected,
                  std::vector<std::uint8_t>& out, bool& planar);

/// Encodes one grey frame of 16-bit samples losslessly as a JPEG-LS codestream (CharLS).
/// Throws Error(WriteFailed) with CharLS's message.
std::vector<std::uint8_t> encodeJpegLs(const std::uint16_t* samples, int width, int height,
                                       int bitsPerSample);

}  // namespace lumen::core
