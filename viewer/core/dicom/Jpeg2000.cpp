#include "core/dicom/Jpeg2000.h"

// ITK ships its own, renamed openjpeg.h on the include path: name Debian's explicitly.
#include <openjpeg-2.5/openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "core/Error.h"

namespace lumen::core {
namespace {

struct Buffer {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
};

OPJ_SIZE_T readBytes(void* out, OPJ_SIZE_T count, void* user) {
  auto* buffer = static_cast<Buffer*>(user);
  if (buffer->at >= buffer->size) return static_cast<OPJ_SIZE_T>(-1);
  const std::size_t n = std::min<std::size_t>(count, buffer->size - buffer->at);
  std::memcpy(out, buffer->data + buffer->at, n);
  buffer->at += n;
  return n;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void* user) {
  auto* buffer = static_cast<Buffer*>(user);
  if (count < 0) return -1;
  const std::size_t n =
      std::min<std::size_t>(static_cast<std::size_t>(count), buffer->size - buffer->at);
  buffer->at += n;
  return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T position, void* user) {
  auto* buffer = static_cast<Buffer*>(user);
  if (position < 0 || static_cast<std::size_t>(position) > buffer->size) return OPJ_FALSE;
  buffer->at = static_cast<std::size_t>(position);
  return OPJ_TRUE;
}

void keepMessage(const char* message, void* user) {
  auto* last = static_cast<std::string*>(user);
  *last = message;
  while (!last->empty() && (last->back() == '\n' || last->back() == ' ')) last->pop_back();
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter {
  void operator()(opj_codec_t* codec) const { opj_destroy_codec(codec); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* stream) const { opj_stream_destroy(stream); }
};
struct ImageDeleter {
  void operator()(opj_image_t* image) const { opj_image_destroy(image); }
};

}  // namespace

Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size, std::uint64_t maxPixels) {
  static const std::uint8_t jp2Signature[] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '};
  const bool jp2 = size >= sizeof jp2Signature && std::equal(jp2Signature, jp2Signature + 8, data);
  std::unique_ptr<opj_codec_t, CodecDeleter> codec(
      opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
  std::string message;
  opj_set_error_handler(codec.get(), keepMessage, &message);
  opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
  opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
  opj_dparameters_t parameters;
  opj_set_default_decoder_parameters(&parameters);
  const auto fail = [&](const char* what) {
    throw Error(ErrorCode::ReadFailed,
                std::string("JPEG 2000 ") + what + (message.empty() ? "" : ": " + message));
  };
  if (!opj_setup_decoder(codec.get(), &parameters)) fail("decoder setup failed");

  Buffer buffer{data, size};
  std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_default_create(OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &buffer, nullptr);
  opj_stream_set_user_data_length(stream.get(), size);
  opj_stream_set_read_function(stream.get(), readBytes);
  opj_stream_set_skip_function(stream.get(), skipBytes);
  opj_stream_set_seek_function(stream.get(), seekTo);

  opj_image_t* rawImage = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &rawImage)) fail("header is broken");
  std::unique_ptr<opj_image_t, ImageDeleter> image(rawImage);
  const std::uint64_t width = image->x1 - image->x0;
  const std::uint64_t height = image->y1 - image->y0;
  if (width == 0 || height == 0 || image->numcomps == 0 || image->numcomps > 4)
    fail("image is empty");
  if (width * height > maxPixels) {
    throw Error(ErrorCode::VolumeTooLarge, "JPEG 2000 codestream claims " + std::to_string(width) +
                                               "×" + std::to_string(height) + " pixels");
  }
  if (!opj_decode(codec.get(), stream.get(), image.get()) ||
      !opj_end_decompress(codec.get(), stream.get())) {
    fail("data is broken");
  }

  Jpeg2000Image out;
  out.width = static_cast<int>(width);
  out.height = static_cast<int>(height);
  out.components = static_cast<int>(image->numcomps);
  out.precision = static_cast<int>(image->comps[0].prec);
  out.isSigned = image->comps[0].sgnd != 0;
  for (int c = 0; c < out.components; ++c) {
    const opj_image_comp_t& component = image->comps[c];
    if (component.w != width || component.h != height || component.data == nullptr) {
      fail("subsampled components are not supported");
    }
  }
  const std::size_t pixels = static_cast<std::size_t>(width * height);
  out.samples.resize(pixels * static_cast<std::size_t>(out.components));
  for (int c = 0; c < out.components; ++c) {
    const OPJ_INT32* values = image->comps[c].data;
    for (std::size_t p = 0; p < pixels; ++p) out.samples[p * out.components + c] = values[p];
  }
  return out;
}

}  // namespace lumen::core
