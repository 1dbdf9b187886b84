#pragma once

#include <memory>
#include <string>

#include "core/Job.h"
#include "core/Volume.h"

namespace lumen::core {

/// Reads a NIfTI (.nii, .nii.gz, .hdr/.img), NRRD (.nrrd, .nhdr) or MetaImage (.mha, .mhd)
/// volume through ITK's header readers straight into one Volume buffer, in LPS. 2D images become
/// one-slice volumes; a rescale in the header (NIfTI scl_slope/scl_inter) is applied, giving
/// float voxels. Reads in slabs of slices when it can (NIfTI without rescaling, MetaImage),
/// reporting progress and stopping with Error(Cancelled) when `cancel` is set. A file that ends
/// before its last voxel is Error(ReadFailed), never an image padded with zeros.
/// Throws Error(FileNotFound, UnsupportedFormat, UnsupportedPixelType, UnsupportedDimensions,
/// InvalidGeometry, VolumeTooLarge, ReadFailed, Cancelled) naming the file.
/// Safe to call from any thread.
std::unique_ptr<Volume> readVolumeFile(const std::string& path,
                                       const ProgressCallback& progress = {},
                                       const CancelToken* cancel = nullptr);

/// True when `path` names a file readVolumeFile reads (by its extension).
bool isVolumeFileName(const std::string& path);

/// Writes `volume` in the format its extension names (as for readVolumeFile; ".gz" compresses).
/// Throws Error(UnsupportedFormat, WriteFailed). Safe to call from any thread.
void writeVolumeFile(const Volume& volume, const std::string& path);

}  // namespace lumen::core
