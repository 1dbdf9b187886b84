#include "core/dicom/JpegLs.h"

#include <charls/charls.h>

#include <memory>
#include <string>

#include "core/Error.h"

namespace lumen::core {
namespace {

struct DecoderDeleter {
  void operator()(charls_jpegls_decoder* decoder) const { charls_jpegls_decoder_destroy(decoder); }
};

void check(charls_jpegls_errc status, const char* step) {
  if (status != charls::jpegls_errc::success) {
    throw Error(ErrorCode::ReadFailed,
                std::string("JPEG-LS ") + step + ": " + charls_get_error_message(status));
  }
}

struct EncoderDeleter {
  void operator()(charls_jpegls_encoder* encoder) const { charls_jpegls_encoder_destroy(encoder); }
};

void checkEncoding(charls_jpegls_errc status) {
  if (status != charls::jpegls_errc::success) {
    throw Error(ErrorCode::WriteFailed,
                std::string("JPEG-LS encoding: ") + charls_get_error_message(status));
  }
}

}  // namespace

std::vector<std::uint8_t> encodeJpegLs(const std::uint16_t* samples, int width, int height,
                                       int bitsPerSample) {
  std::unique_ptr<charls_jpegls_encoder, EncoderDeleter> encoder(charls_jpegls_encoder_create());
  if (!encoder) throw Error(ErrorCode::WriteFailed, "JPEG-LS encoder cannot be created");
  const charls_frame_info info{static_cast<std::uint32_t>(width),
                               static_cast<std::uint32_t>(height), bitsPerSample, 1};
  checkEncoding(charls_jpegls_encoder_set_frame_info(encoder.get(), &info));
  checkEncoding(charls_jpegls_encoder_set_near_lossless(encoder.get(), 0));
  std::size_t capacity = 0;
  checkEncoding(charls_jpegls_encoder_get_estimated_destination_size(encoder.get(), &capacity));
  std::vector<std::uint8_t> out(capacity);
  checkEncoding(
      charls_jpegls_encoder_set_destination_buffer(encoder.get(), out.data(), out.size()));
  const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 2;
  checkEncoding(charls_jpegls_encoder_encode_from_buffer(encoder.get(), samples, bytes, 0));
  std::size_t written = 0;
  checkEncoding(charls_jpegls_encoder_get_bytes_written(encoder.get(), &written));
  out.resize(written);
  return out;
}

void decodeJpegLs(const std::uint8_t* data, std::size_t size, const JpegLsFrame& expected,
                  std::vector<std::uint8_t>& out, bool& planar) {
  std::unique_ptr<charls_jpegls_decoder, DecoderDeleter> decoder(charls_jpegls_decoder_create());
  if (!decoder) throw Error(ErrorCode::ReadFailed, "JPEG-LS decoder cannot be created");
  check(charls_jpegls_decoder_set_source_buffer(decoder.get(), data, size), "data");
  check(charls_jpegls_decoder_read_header(decoder.get()), "header");
  charls_frame_info info{};
  check(charls_jpegls_decoder_get_frame_info(decoder.get(), &info), "header");
  const int bytesPerSample = info.bits_per_sample > 8 ? 2 : 1;
  if (static_cast<int>(info.width) != expected.width ||
      static_cast<int>(info.height) != expected.height ||
      info.component_count != expected.components || bytesPerSample != expected.bytesPerSample) {
    throw Error(ErrorCode::ReadFailed,
                "JPEG-LS image is " + std::to_string(info.width) + "×" +
                    std::to_string(info.height) + "×" + std::to_string(info.component_count) +
                    " at " + std::to_string(info.bits_per_sample) + " bits, the header says " +
                    std::to_string(expected.width) + "×" + std::to_string(expected.height) + "×" +
                    std::to_string(expected.components));
  }
  charls_interleave_mode mode{};
  check(charls_jpegls_decoder_get_interleave_mode(decoder.get(), &mode), "header");
  planar = expected.components > 1 && mode == charls::interleave_mode::none;
  std::size_t needed = 0;
  check(charls_jpegls_decoder_get_destination_size(decoder.get(), 0, &needed), "size");
  out.resize(needed);
  check(charls_jpegls_decoder_decode_to_buffer(decoder.get(), out.data(), out.size(), 0), "data");
}

}  // namespace lumen::core
