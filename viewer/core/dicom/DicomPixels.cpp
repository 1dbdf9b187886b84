#include "core/dicom/DicomPixels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/Error.h"

namespace lumen::core {
namespace {

/// Reads stored sample n of a raw frame whose samples are `S`.
template <typename S>
std::uint32_t sampleAt(const std::uint8_t* bytes, std::size_t n) {
  S value;
  std::memcpy(&value, bytes + n * sizeof(S), sizeof(S));
  return static_cast<std::uint32_t>(value);
}

/// Stored bits to a signed number: shift down to HighBit, mask to BitsStored, extend the sign.
struct StoredBits {
  unsigned shift;
  std::uint32_t mask;
  std::uint32_t signBit;
  bool isSigned;

  explicit StoredBits(const DicomInstance& instance)
      : shift(static_cast<unsigned>(instance.highBit + 1 - instance.bitsStored)),
        mask(instance.bitsStored >= 32 ? 0xFFFFFFFFu : (1u << instance.bitsStored) - 1u),
        signBit(1u << (instance.bitsStored - 1)),
        isSigned(instance.signedPixels) {}

  std::int64_t operator()(std::uint32_t raw) const {
    const std::uint32_t value = (raw >> shift) & mask;
    if (isSigned && (value & signBit)) {
      return static_cast<std::int64_t>(value) - (static_cast<std::int64_t>(mask) + 1);
    }
    return value;
  }
};

template <typename S, typename T>
bool convertGrey(const RawFrame& raw, std::size_t count, const DicomInstance& instance,
                 const FramePlane& plane, T* out) {
  const std::uint8_t* bytes = raw.data();
  const double slope = plane.rescaleSlope;
  const double intercept = plane.rescaleIntercept;
  if constexpr (std::is_integral_v<T> && sizeof(S) <= 2) {
    // Integer rescale of at most 16 stored bits: int32 arithmetic without branches, which the
    // compiler vectorises. Values outside T are noticed through the range, not clamped: the
    // caller decodes again into a wider type then.
    const int shift = instance.highBit + 1 - instance.bitsStored;
    const int unused = 32 - instance.bitsStored;
    const bool isSigned = instance.signedPixels;
    const auto intSlope = static_cast<std::int64_t>(slope);
    const auto intIntercept = static_cast<std::int64_t>(intercept);
    if (std::abs(intSlope) <= (1 << 14) && std::abs(intIntercept) <= (1 << 29)) {
      const auto slope32 = static_cast<std::int32_t>(intSlope);
      const auto intercept32 = static_cast<std::int32_t>(intIntercept);
      std::int32_t lowest = std::numeric_limits<std::int32_t>::max();
      std::int32_t highest = std::numeric_limits<std::int32_t>::min();
      // In chunks copied to the stack first: `bytes` may be `out` itself (conversion in place).
      constexpr std::size_t kChunk = 2048;
      S chunk[kChunk];
      for (std::size_t first = 0; first < count; first += kChunk) {
        const std::size_t length = std::min(kChunk, count - first);
        std::memcpy(chunk, bytes + first * sizeof(S), length * sizeof(S));
        T* __restrict target = out + first;
        for (std::size_t n = 0; n < length; ++n) {
          const auto left = static_cast<std::uint32_t>(chunk[n] >> shift) << unused;
          const std::int32_t value = isSigned ? static_cast<std::int32_t>(left) >> unused
                                              : static_cast<std::int32_t>(left >> unused);
          const std::int32_t modality = value * slope32 + intercept32;
          lowest = std::min(lowest, modality);
          highest = std::max(highest, modality);
          target[n] = static_cast<T>(modality);
        }
      }
      return count == 0 || (static_cast<std::int64_t>(lowest) >=
                                static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
                            static_cast<std::int64_t>(highest) <=
                                static_cast<std::int64_t>(std::numeric_limits<T>::max()));
    }
  }
  const StoredBits stored(instance);
  if constexpr (std::is_integral_v<T>) {
    const auto intSlope = static_cast<std::int64_t>(slope);
    const auto intIntercept = static_cast<std::int64_t>(intercept);
    constexpr auto lowest = static_cast<std::int64_t>(std::numeric_limits<T>::min());
    constexpr auto highest = static_cast<std::int64_t>(std::numeric_limits<T>::max());
    bool fits = true;
    for (std::size_t n = 0; n < count; ++n) {
      const std::int64_t value = stored(sampleAt<S>(bytes, n)) * intSlope + intIntercept;
      if (value < lowest || value > highest) fits = false;
      out[n] = static_cast<T>(std::clamp(value, lowest, highest));
    }
    return fits;
  } else {
    for (std::size_t n = 0; n < count; ++n) {
      out[n] =
          static_cast<T>(static_cast<double>(stored(sampleAt<S>(bytes, n))) * slope + intercept);
    }
    return true;
  }
}

/// YCbCr (full range, 8 bit) to RGB with the coefficients of ITU-T T.871, rounded.
void ybrToRgb(int y, int cb, int cr, std::uint8_t* rgb) {
  const float luma = static_cast<float>(y);
  const float blue = static_cast<float>(cb - 128);
  const float red = static_cast<float>(cr - 128);
  const float values[3] = {
      luma + 1.402f * red,
      luma - (0.114f * 1.772f / 0.587f) * blue - (0.299f * 1.402f / 0.587f) * red,
      luma + 1.772f * blue};
  for (int c = 0; c < 3; ++c) {
    rgb[c] = static_cast<std::uint8_t>(std::clamp(std::floor(values[c] + 0.5f), 0.0f, 255.0f));
  }
}

template <typename S, typename T>
void convertColour(const RawFrame& raw, std::size_t pixels, T* out) {
  const std::uint8_t* bytes = raw.data();
  for (std::size_t p = 0; p < pixels; ++p) {
    for (std::size_t c = 0; c < 3; ++c) {
      const std::size_t at = raw.planar ? c * pixels + p : p * 3 + c;
      out[p * 3 + c] = static_cast<T>(sampleAt<S>(bytes, at));
    }
  }
}

template <typename T>
void convertPalette(const RawFrame& raw, std::size_t pixels, const DicomInstance& instance,
                    T* out) {
  const DicomInstance::Palette& palette = *instance.palette;
  const StoredBits stored(instance);
  const auto last = static_cast<std::int64_t>(palette.tables[0].size()) - 1;
  for (std::size_t p = 0; p < pixels; ++p) {
    const std::uint32_t value = raw.bytesPerSample == 1 ? sampleAt<std::uint8_t>(raw.data(), p)
                                                        : sampleAt<std::uint16_t>(raw.data(), p);
    const std::int64_t index = std::clamp<std::int64_t>(stored(value) - palette.first, 0, last);
    for (std::size_t c = 0; c < 3; ++c) out[p * 3 + c] = static_cast<T>(palette.tables[c][index]);
  }
}

void convertYbr(const RawFrame& raw, std::size_t pixels, int columns, std::uint8_t* out) {
  const std::uint8_t* in = raw.data();
  if (raw.photometric == "YBR_FULL") {
    for (std::size_t p = 0; p < pixels; ++p) {
      const std::size_t y = raw.planar ? p : p * 3;
      const std::size_t step = raw.planar ? pixels : 1;
      ybrToRgb(in[y], in[y + step], in[y + 2 * step], out + p * 3);
    }
    return;
  }
  // YBR_FULL_422: each pair of pixels in a row is stored as Y Y Cb Cr.
  const auto width = static_cast<std::size_t>(columns);
  const std::size_t rows = pixels / width;
  const std::size_t pairRow = (width + 1) / 2 * 4;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t x = 0; x < width; ++x) {
      const std::uint8_t* pair = in + r * pairRow + (x / 2) * 4;
      ybrToRgb(pair[x % 2], pair[2], pair[3], out + (r * width + x) * 3);
    }
  }
}

}  // namespace

ValueRange modalityRange(const DicomInstance& instance, const FramePlane& plane) {
  const double bits = std::ldexp(1.0, instance.bitsStored);
  const double low = instance.signedPixels ? -bits / 2 : 0.0;
  const double high = instance.signedPixels ? bits / 2 - 1 : bits - 1;
  const double a = low * plane.rescaleSlope + plane.rescaleIntercept;
  const double b = high * plane.rescaleSlope + plane.rescaleIntercept;
  return {std::min(a, b), std::max(a, b)};
}

bool convertFrame(const RawFrame& raw, const DicomInstance& instance, const FramePlane& plane,
                  PixelType type, void* destination) {
  const std::size_t pixels =
      static_cast<std::size_t>(instance.rows) * static_cast<std::size_t>(instance.columns);
  if (instance.palette) {
    dispatchPixelType(type, [&](auto zero) {
      convertPalette(raw, pixels, instance, static_cast<decltype(zero)*>(destination));
    });
    return true;
  }
  if (instance.samplesPerPixel == 3) {
    if (raw.photometric == "YBR_FULL" || raw.photometric == "YBR_FULL_422") {
      if (raw.bytesPerSample != 1 || type != PixelType::UInt8) {
        throw Error(ErrorCode::UnsupportedPixelType,
                    instance.path + ": " + raw.photometric + " with more than 8 bits per sample");
      }
      // YBR_FULL_422 rows are read as pairs of pixels (Y Y Cb Cr), an odd row ending in a whole
      // pair: more than the decoders deliver for an odd number of columns.
      const std::size_t pairBytes = static_cast<std::size_t>(instance.rows) *
                                    ((static_cast<std::size_t>(instance.columns) + 1) / 2 * 4);
      if (raw.photometric == "YBR_FULL_422" && raw.bytes.size() < pairBytes) {
        throw Error(ErrorCode::UnsupportedDimensions,
                    instance.path + ": YBR_FULL_422 with " + std::to_string(instance.columns) +
                        " columns: the frame holds " + std::to_string(raw.bytes.size()) +
                        " bytes, pairs of pixels need " + std::to_string(pairBytes));
      }
      convertYbr(raw, pixels, instance.columns, static_cast<std::uint8_t*>(destination));
      return true;
    }
    if (raw.photometric != "RGB") {
      throw Error(ErrorCode::UnsupportedPixelType,
                  instance.path + ": colour model " + raw.photometric + " cannot be shown");
    }
    dispatchPixelType(type, [&](auto zero) {
      using T = decltype(zero);
      T* out = static_cast<T*>(destination);
      switch (raw.bytesPerSample) {
        case 1:
          convertColour<std::uint8_t>(raw, pixels, out);
          break;
        case 2:
          convertColour<std::uint16_t>(raw, pixels, out);
          break;
        default:
          convertColour<std::uint32_t>(raw, pixels, out);
      }
    });
    return true;
  }
  return dispatchPixelType(type, [&](auto zero) {
    using T = decltype(zero);
    T* out = static_cast<T*>(destination);
    switch (raw.bytesPerSample) {
      case 1:
        return convertGrey<std::uint8_t>(raw, pixels, instance, plane, out);
      case 2:
        return convertGrey<std::uint16_t>(raw, pixels, instance, plane, out);
      default:
        return convertGrey<std::uint32_t>(raw, pixels, instance, plane, out);
    }
  });
}

}  // namespace lumen::core
