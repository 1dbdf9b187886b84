#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "core/Job.h"
#include "core/Volume.h"
#include "core/dicom/DicomScan.h"

namespace lumen::core {

/// Called once, on a decoding thread, when the middle slice `k` is in the volume's buffer (the
/// rest is still being decoded).
using FirstSliceCallback = std::function<void(const Volume& volume, std::size_t k)>;

/// A decoded volume and the slices that could not be decoded (shown as zeros, each also listed
/// in the volume's warnings).
struct DicomVolumeRead {
  std::shared_ptr<Volume> volume;
  VolumeSource source;
  std::vector<DicomRejection> rejected;
};

/// Decodes the slices of `plan` straight into one buffer on all cores, the middle slice first.
/// Checks the memory available before allocating. `progress` is called from decoding threads,
/// one call at a time. Throws Error(VolumeTooLarge) when the volume does not fit,
/// Error(ReadFailed) when no slice at all could be decoded, Error(Cancelled) when `cancel` is set.
DicomVolumeRead readDicomVolume(const DicomVolumePlan& plan,
                                const std::vector<DicomInstance>& instances,
                                const ProgressCallback& progress = {},
                                const CancelToken* cancel = nullptr,
                                const FirstSliceCallback& firstSlice = {});

}  // namespace lumen::core
