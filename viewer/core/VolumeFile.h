#pragma once

#include <memory>
#include <string>

#include "core/Job.h"
#include "core/Volume.h"

namespace lumen::core {

/// Reads a NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr) or MetaImage (.mha, .mhd) volume through
/// ITK straight into one Volume buffer, in LPS. 2D images become one-slice volumes; a rescale in
/// the header (NIfTI scl_slope/scl_inter) is applied, giving float voxels.
/// Reports progress when the format can be read in slabs, and stops with Error(Cancelled) when
/// `cancel` is set. Throws Error(FileNotFound, UnsupportedFormat, UnsupportedPixelType,
/// InvalidGeometry, VolumeTooLarge, ReadFailed) naming the file.
/// Safe to call from any thread.
std::unique_ptr<Volume> readVolumeFile(const std::string& path,
                                       const ProgressCallback& progress = {},
                                       const CancelToken* cancel = nullptr);

/// Writes `volume` in the format its extension names (as for readVolumeFile; ".gz" compresses).
/// Throws Error(UnsupportedFormat, WriteFailed). Safe to call from any thread.
void writeVolumeFile(const Volume& volume, const std::string& path);

}  // namespace lumen::core
