#pragma once

#include <cstddef>
#include <vector>

#include "core/PixelType.h"
#include "core/Volume.h"
#include "core/VolumeSource.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::core {

/// One slice of a planned volume: frame `frame` of instance `instance` (an index into the
/// instances the plan was made from).
struct DicomSlice {
  std::size_t instance = 0;
  int frame = 0;
};

/// A volume to be decoded: where its slices come from, in order along k, and what it will be.
struct DicomVolumePlan {
  VolumeGeometry geometry;
  /// The type tried first: int16 for CT even when the header's bit depth and rescale could
  /// reach beyond it, as real values almost never do.
  PixelType pixelType = PixelType::Int16;
  /// A type that holds every value the header allows; used when a value does not fit pixelType.
  PixelType exactType = PixelType::Int16;
  int components = 1;
  std::vector<DicomSlice> slices;  ///< slices[k]
  VolumeSource source;             ///< including the warnings found while assembling
};

/// Groups image instances into volumes: by series, then by image size, colour and orientation
/// (so a localizer inside a CT series becomes its own volume); each multi-frame instance and each
/// single image without a position is a volume of its own. Slices are sorted by the projection of
/// their position on the normal (row × column direction); duplicate SOP Instance UIDs are dropped;
/// slices repeated at the same positions (phases, echoes) become several volumes. Gaps,
/// non-uniform spacing, gantry tilt and mixed rescale are reported as warnings. Pixel types keep
/// modality values exact: integers (int16 for CT) for an integral rescale, float32 otherwise.
/// Volumes come out ordered by patient, study, series number and size.
std::vector<DicomVolumePlan> assembleVolumes(const std::vector<DicomInstance>& instances);

}  // namespace lumen::core
