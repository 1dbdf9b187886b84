#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/annotate/Annotations.h"
#include "core/annotate/LabelMap.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

/// Where one slice of a segmented volume comes from: its file, and which frame (from 1) when the
/// file holds several.
struct SegmentationSource {
  std::string file;
  int frame = 0;  ///< 0 for a single-frame image
};

/// The image one slice of a volume is, as a segmentation refers to it.
struct SliceReference {
  std::string sopInstanceUid;
  int frame = 0;  ///< from 1 in a multi-frame image; 0 for a single-frame one
};

/// What a DICOM Segmentation Lumen writes says about itself.
struct SegmentationAuthoring {
  std::string seriesDescription = "Lumen labels";
  std::string creator;          ///< Content Creator's Name, DICOM PN ("Reader^One"); may be empty
  std::string softwareVersion;  ///< e.g. "Lumen 0.1"
  /// Per label value: drawn by hand (MANUAL) or started from a model (SEMIAUTOMATIC, with the
  /// model's name as the algorithm). Labels not listed count as manual.
  std::map<std::uint8_t, Provenance> provenance;
};

/// Writes `labels` as a binary DICOM Segmentation (DCMTK dcmseg) at `path`: one segment per schema
/// label drawn in the map, with its name, colour and coded category and type (SCT 85756007
/// "Tissue" when the schema has none); one frame per segment and slice it appears on, each
/// referencing its source image. `sources` are the map's slices in k order (frames of a
/// multi-frame file in the order the volume sorted them, which need not be the file's). Patient,
/// study and frame of reference come from the first. Throws Error(InvalidArgument) when the
/// sources do not match the map (count, rows, columns) or a drawn value is not in the schema,
/// Error(ReadFailed) for a source file DCMTK cannot read, Error(WriteFailed).
void writeDicomSegmentation(const std::string& path, const LabelMap& labels,
                            const LabelSchema& schema,
                            const std::vector<SegmentationSource>& sources,
                            const SegmentationAuthoring& authoring);

/// Reads a DICOM Segmentation (binary or fractional, by Lumen or another tool) onto `grid`, the
/// volume whose slices are `slices` (k order). Frames go to their slice by the image (and frame)
/// they reference, else by their position; segments become the schema's label of the same name
/// (case ignored). Throws
/// Error(ReadFailed) for a file that is not a readable Segmentation, Error(InvalidArgument) when
/// it references images outside the series, its frames do not fit the grid, or a segment's label
/// is not in the schema (naming it).
LabelMap readDicomSegmentation(const std::string& path, const VolumeGeometry& grid,
                               const std::vector<SliceReference>& slices,
                               const LabelSchema& schema);

}  // namespace lumen::core
