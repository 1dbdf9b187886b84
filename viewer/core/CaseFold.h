#pragma once

#include <string>

namespace lumen::core {

/// Lower-cases UTF-8 text for case-insensitive search: the capitals of ASCII, Latin-1, Latin
/// Extended-A, Greek and Cyrillic map to their small letters (and Greek final sigma to sigma);
/// everything else is kept as it is. No locale rules (Turkish İ is kept), no one-to-many mappings
/// (ẞ), no Unicode normalisation (a decomposed "u + ◌̈" does not match "ü"), no accent folding
/// ("muller" does not match "müller"). Invalid UTF-8 bytes are copied unchanged.
std::string foldCaseUtf8(const std::string& text);

}  // namespace lumen::core
