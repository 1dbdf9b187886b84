#pragma once

#include <string>
#include <vector>

#include "core/Volume.h"
#include "core/annotate/Annotations.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

/// One exported case's image-level annotations.
struct TableCase {
  std::string id;                  ///< "case_0001", as in the NIfTI dataset; never patient data
  VolumeGeometry grid;             ///< of its volume, to give boxes and points in voxels too
  SubjectAnnotations annotations;  ///< its tags, boxes and points (the key is not written)
  std::vector<AnnotatedTag> studyTags;  ///< tags set on its study
};

/// Writes the cases' tags, boxes and points under `folder` for training detection and
/// classification models, each file atomically:
/// - tags.csv: case, tag, scope (image or study), and the tag's provenance;
/// - boxes.csv: case, label value and name, the box's voxel index range (first and last voxel
///   it covers on i, j, k, within the volume) and its LPS corners in mm, and provenance;
/// - points.csv: case, label, voxel index (continuous) and LPS, provenance;
/// - annotations.json: all of it per case.
/// CSV is RFC 4180 (comma, quotes doubled), UTF-8, one header row. Throws Error(WriteFailed).
void writeAnnotationTables(const std::string& folder, const LabelSchema& schema,
                           const std::vector<TableCase>& cases);

}  // namespace lumen::core
