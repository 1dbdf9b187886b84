#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::core {

/// A concept from a coding scheme, as DICOM writes it: scheme designator ("SCT" for SNOMED CT,
/// "DCM"), code value and code meaning.
struct CodedConcept {
  std::string scheme;
  std::string code;
  std::string meaning;

  bool operator==(const CodedConcept& other) const {
    return scheme == other.scheme && code == other.code && meaning == other.meaning;
  }
};

/// One label of a project: the value its voxels carry in label maps, a name, a display colour,
/// and the coded concepts a DICOM SEG segment needs (category, e.g. SCT 49755003
/// "Morphologically abnormal structure"; type, e.g. SCT 27925004 "Nodule").
struct LabelDefinition {
  std::uint8_t value = 1;  ///< 1–255
  std::string name;
  std::array<std::uint8_t, 3> colour{255, 0, 0};  ///< sRGB
  std::optional<CodedConcept> category;
  std::optional<CodedConcept> type;
};

/// A classification tag a reader sets on an image (one volume) or on a whole study, e.g. a
/// finding of a list.
struct TagDefinition {
  enum class Scope { Image, Study };
  std::string name;
  Scope scope = Scope::Image;
};

/// What a project annotates: its labels and tags.
struct LabelSchema {
  std::vector<LabelDefinition> labels;
  std::vector<TagDefinition> tags;

  /// Throws Error(InvalidArgument) naming the first problem: a label value of 0 or used twice, an
  /// empty or repeated label or tag name (names compare without regard to case), a coded concept
  /// with an empty part.
  void validate() const;
  /// The label whose value is `value`, or nullptr.
  const LabelDefinition* label(std::uint8_t value) const;
};

}  // namespace lumen::core
