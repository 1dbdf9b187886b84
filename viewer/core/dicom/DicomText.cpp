#include "core/dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <iconv.h>

#include <algorithm>

#include "core/Log.h"

namespace lumen::core {

std::string trimDicomText(const std::string& value) {
  const auto padding = [](char c) { return c == ' ' || c == '\0'; };
  std::size_t begin = 0;
  std::size_t end = value.size();
  while (begin < end && padding(value[begin])) ++begin;
  while (end > begin && padding(value[end - 1])) --end;
  return value.substr(begin, end - begin);
}

bool convertDicomTextToUtf8(DcmItem& data) {
  OFString charset;
  data.findAndGetOFStringArray(DCM_SpecificCharacterSet, charset);
  const std::string name = trimDicomText(charset.c_str());
  if (name.empty() || name == "ISO_IR 6" || name == "ISO_IR 192") return true;  // ASCII or UTF-8
  const OFCondition status = data.convertToUTF8();
  if (status.good()) return true;
  if (name.find("IR 87") == std::string::npos && name.find("IR 159") == std::string::npos &&
      name.find("IR 13") == std::string::npos) {
    logMessage(LogLevel::Warning, "dicom",
               "DICOM text kept as stored: character set " + name + " could not be converted (" +
                   status.text() + ")");
  }
  return false;
}

namespace {

/// Bytes in EUC-JP, the encoding iconv knows that holds JIS X 0201, 0208 and 0212, to UTF-8.
std::string eucJpToUtf8(const std::string& euc) {
  iconv_t converter = iconv_open("UTF-8", "EUC-JP");
  if (converter == reinterpret_cast<iconv_t>(-1)) return euc;
  std::string out(euc.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(euc.data());
  std::size_t inLeft = euc.size();
  char* at = out.data();
  std::size_t outLeft = out.size();
  const std::size_t result = iconv(converter, &in, &inLeft, &at, &outLeft);
  iconv_close(converter);
  if (result == static_cast<std::size_t>(-1)) return euc;
  out.resize(out.size() - outLeft);
  return out;
}

}  // namespace

std::string decodeDicomText(const std::string& value) {
  if (value.find('\x1B') == std::string::npos &&
      std::all_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return value;
  }
  // Re-encode as EUC-JP: JIS X 0208 pairs with the high bit set, JIS X 0212 behind 0x8F,
  // half-width katakana (JIS X 0201, bytes A1–DF) behind 0x8E. Delimiters return to ASCII.
  enum class Set { Ascii, Jis0208, Jis0212 } set = Set::Ascii;
  std::string euc;
  for (std::size_t n = 0; n < value.size(); ++n) {
    const auto c = static_cast<unsigned char>(value[n]);
    if (c == 0x1B) {
      const std::string escape = value.substr(n + 1, 3);
      if (escape.rfind("$B", 0) == 0 || escape.rfind("$@", 0) == 0) {
        set = Set::Jis0208;
        n += 2;
      } else if (escape == "$(D") {
        set = Set::Jis0212;
        n += 3;
      } else if (escape.rfind("(B", 0) == 0 || escape.rfind("(J", 0) == 0 ||
                 escape.rfind(")I", 0) == 0) {
        set = Set::Ascii;
        n += 2;
      } else {
        return value;  // an escape this decoder does not know: keep the value as stored
      }
      continue;
    }
    if (set != Set::Ascii && c >= 0x21 && c < 0x7F && n + 1 < value.size()) {
      if (set == Set::Jis0212) euc += '\x8F';
      euc += static_cast<char>(c | 0x80);
      euc += static_cast<char>(static_cast<unsigned char>(value[++n]) | 0x80);
      continue;
    }
    if (c >= 0xA1 && c <= 0xDF) euc += '\x8E';
    euc += static_cast<char>(c);
  }
  return eucJpToUtf8(euc);
}

std::string trimPersonName(const std::string& value) {
  std::size_t end = value.size();
  while (end > 0 && value[end - 1] == '=') --end;
  return value.substr(0, end);
}

}  // namespace lumen::core
