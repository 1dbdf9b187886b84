#include "core/CaseFold.h"

namespace lumen::core {
namespace {

char32_t foldCodePoint(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1
  if (c >= 0x100 && c <= 0x17E) {                          // Latin Extended-A, in pairs
    if (c == 0x178) return 0xFF;
    const bool evenCapitals =
        c <= 0x12F || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
    const bool oddCapitals = (c >= 0x139 && c <= 0x148) || c >= 0x179;
    if ((evenCapitals && c % 2 == 0) || (oddCapitals && c % 2 == 1)) return c + 1;
    return c;
  }
  if (c == 0x386) return 0x3AC;  // Greek capitals with tonos
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;                 // final sigma
  if (c >= 0x400 && c <= 0x40F) return c + 80;  // Cyrillic
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  return c;
}

}  // namespace

std::string foldCaseUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      out += static_cast<char>(foldCodePoint(lead));
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xDF && i + 1 < text.size() &&
               (byte(i + 1) & 0xC0) == 0x80) {
      // Every code point that folds, and what it folds to, lies in U+0080..U+07FF: two bytes.
      const char32_t c = foldCodePoint(static_cast<char32_t>((lead & 0x1F) << 6) |
                                       static_cast<char32_t>(byte(i + 1) & 0x3F));
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
      i += 2;
    } else {  // longer sequences and invalid bytes
      out += static_cast<char>(lead);
      ++i;
    }
  }
  return out;
}

}  // namespace lumen::core
