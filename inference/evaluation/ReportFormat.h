#pragma once

// Text helpers of the evaluation reports (HTML escaping, locale-proof numbers). Internal to
// inference/evaluation.

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>
#include <string>

namespace lumen::inference::evaluation {

inline std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// `value` with `decimals` decimals and a point, whatever the process's C locale says (a Qt
/// application takes it from the environment; SVG and HTML need the point).
inline std::string number(double value, int decimals = 3) {
  if (std::isnan(value)) return "–";
  std::ostringstream text;
  text.imbue(std::locale::classic());
  text << std::fixed << std::setprecision(decimals) << value;
  return text.str();
}

/// The page's head and style, up to and including <body>.
inline std::string reportHead(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>" + escaped(title) +
         "</title><style>body{font-family:sans-serif;margin:2em}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
         "text-align:right}th:first-child,td:first-child{text-align:left}"
         ".curves svg{margin:4px}</style></head><body>\n";
}

}  // namespace lumen::inference::evaluation
