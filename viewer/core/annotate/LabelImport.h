#pragma once

#include <string>

#include "core/Volume.h"
#include "core/annotate/LabelMap.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

/// Reads a label map from a volume file (NIfTI, NRRD, MetaImage; see readVolumeFile) onto the
/// series on `grid`: whole-number voxels, each 0 or a label value of `schema`, on the same grid
/// (size equal; spacing, origin and direction within 0.001 mm or 0.0001). Throws
/// Error(InvalidGeometry) naming both grids when they differ, Error(InvalidArgument) for a value
/// the schema lacks or a voxel that is not a whole number from 0 to 255 (naming it), and
/// readVolumeFile's errors.
LabelMap importLabelFile(const std::string& path, const VolumeGeometry& grid,
                         const LabelSchema& schema);

}  // namespace lumen::core
