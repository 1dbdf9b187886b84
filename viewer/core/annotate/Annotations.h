#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/Volume.h"

namespace lumen::core {

/// Who made an annotation, when, and from what.
struct Provenance {
  std::string author;      ///< the OS user, or the name set in the preferences
  std::string createdAt;   ///< UTC ISO 8601, "2026-11-22T04:10:00Z"
  std::string modifiedAt;  ///< UTC ISO 8601; equal to createdAt until it changes
  std::string modelName;   ///< the model it started from; empty when drawn by hand
  std::string modelVersion;

  bool manual() const { return modelName.empty(); }
  bool operator==(const Provenance& other) const;
};

/// A box for detection data, aligned with the volume's voxel axes: its two opposite corners in
/// patient LPS mm (a box on a radiograph lies in its one slice).
struct AnnotatedBox {
  std::uint8_t label = 1;  ///< a label value of the project's schema
  Vec3 firstLps{};
  Vec3 secondLps{};
  Provenance provenance;
};

/// A point for detection data (a lesion's centre), LPS mm.
struct AnnotatedPoint {
  std::uint8_t label = 1;
  Vec3 lps{};
  Provenance provenance;
};

/// A tag of the project's schema set on the subject.
struct AnnotatedTag {
  std::string name;
  Provenance provenance;
};

/// What a project holds about one subject beyond its label map: a volume (key as the study
/// database's volume keys, "dicom:<series uid>#…") or a study ("study:<study uid>", tags only).
struct SubjectAnnotations {
  std::string key;
  std::map<std::uint8_t, Provenance> labels;  ///< per label value drawn in the label map
  std::vector<AnnotatedTag> tags;
  std::vector<AnnotatedBox> boxes;
  std::vector<AnnotatedPoint> points;

  bool empty() const { return labels.empty() && tags.empty() && boxes.empty() && points.empty(); }
};

/// The key of a study's own annotations (its study-level tags).
std::string studySubjectKey(const std::string& studyInstanceUid);

}  // namespace lumen::core
