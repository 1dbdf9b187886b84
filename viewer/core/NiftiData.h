#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/Job.h"
#include "core/PixelType.h"
#include "core/Volume.h"

namespace lumen::core {

/// Where and how a NIfTI file stores its voxels, from its header (NIfTI-1 or NIfTI-2, either
/// byte order, gzip or not). Internal to VolumeFile: ITK 5.2 reads NIfTI in one call, without
/// progress or cancel, and fills a cut-off file's missing voxels with zeros.
struct NiftiLayout {
  bool singleFile = true;  ///< .nii: voxels follow the header (not a .hdr/.img pair)
  bool swapBytes = false;  ///< stored in the other byte order than this machine's
  bool rescaled = false;   ///< scl_slope/scl_inter change the values (ITK returns floats then)
  std::optional<PixelType> storedType;  ///< nullopt for types a Volume cannot hold as stored
  std::uint64_t bytesPerVoxel = 0;
  std::uint64_t dataOffset = 0;  ///< vox_offset: where the voxels start in a single file
  std::uint64_t voxelCount = 0;

  std::uint64_t dataBytes() const { return voxelCount * bytesPerVoxel; }
};

/// Parses the header of `path` (.nii, .nii.gz, .hdr); nullopt when it is not NIfTI (e.g.
/// Analyze 7.5) or its sizes make no sense, in which case ITK decides.
std::optional<NiftiLayout> readNiftiLayout(const std::string& path);

/// True when readNiftiVoxels can fill `volume` from this file: one file, no rescaling, and the
/// stored type and voxel count of the volume ITK described.
bool canReadNiftiVoxels(const NiftiLayout& layout, const Volume& volume);

/// Reads the voxels of a single-file NIfTI straight into `volume`'s buffer in slabs of slices,
/// reporting progress and stopping with Error(Cancelled) between slabs. Throws Error(ReadFailed)
/// when the file ends before its last voxel or its compressed data are corrupt.
void readNiftiVoxels(const std::string& path, const NiftiLayout& layout, Volume& volume,
                     const ProgressCallback& progress, const CancelToken* cancel);

/// For the files ITK reads itself (pairs, rescaled data): throws Error(ReadFailed) when the file
/// holds fewer voxel bytes than the header promises.
void checkNiftiComplete(const std::string& path, const NiftiLayout& layout);

}  // namespace lumen::core
