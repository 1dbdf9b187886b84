#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/dicom/DicomInstance.h"

namespace lumen::core {

/// One frame's samples as decoded, before masking, sign extension, rescale or colour conversion.
struct RawFrame {
  std::vector<std::uint8_t> bytes;  ///< samples in host byte order, bytesPerSample each
  /// When set, the samples are here instead of in `bytes`: decodeInto() read them straight into
  /// the volume's buffer, to be converted in place.
  std::uint8_t* external = nullptr;
  const std::uint8_t* data() const { return external != nullptr ? external : bytes.data(); }
  int bytesPerSample = 2;
  bool planar = false;      ///< colour by plane (RRR…GGG…BBB…) rather than by pixel
  std::string photometric;  ///< after decoding: a JPEG decoder may have turned YBR into RGB
};

/// Decodes the frames of one instance, keeping its file open between frames: uncompressed little
/// endian straight from the file, JPEG 2000 through OpenJPEG, everything else through DCMTK's
/// codecs. Not thread-safe: use one per thread.
class DicomFrameDecoder {
 public:
  /// Throws Error(ReadFailed) when the file cannot be opened again.
  explicit DicomFrameDecoder(const DicomInstance& instance);
  ~DicomFrameDecoder();
  DicomFrameDecoder(const DicomFrameDecoder&) = delete;
  DicomFrameDecoder& operator=(const DicomFrameDecoder&) = delete;

  const DicomInstance& instance() const { return m_instance; }

  /// Decodes frame `frame` (0-based) into `out`, reusing its storage. Throws Error(ReadFailed)
  /// naming the file and frame when the data is broken.
  void decode(int frame, RawFrame& out);

  /// Like decode(), but reads the samples straight into `destination` (which must hold the
  /// frame) when they need no decoding: uncompressed little endian grey data. Returns false
  /// (and reads nothing) otherwise.
  bool decodeInto(int frame, std::uint8_t* destination, RawFrame& out);

 private:
  /// Reads `size` bytes of an uncompressed Pixel Data value from `offset` within it.
  void readStored(std::uint64_t offset, std::uint64_t size, std::vector<std::uint8_t>& out,
                  const std::string& where);

  struct Impl;
  const DicomInstance& m_instance;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lumen::core
