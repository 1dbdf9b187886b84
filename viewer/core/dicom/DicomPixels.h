#pragma once

#include "core/PixelType.h"
#include "core/dicom/DicomFrameDecoder.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::core {

/// The range of modality values (stored values after BitsStored masking, sign extension and
/// rescale) that a frame of `instance` with rescale `plane` can hold.
struct ValueRange {
  double lowest = 0.0;
  double highest = 0.0;
};
ValueRange modalityRange(const DicomInstance& instance, const FramePlane& plane);

/// Writes one decoded frame into `destination`, which holds Columns × Rows voxels of `type`
/// (× 3 interleaved components for colour). Grey: masks to BitsStored, sign-extends, applies the
/// plane's rescale (rounded when `type` is an integer, which the caller chose only when the rescale
/// is integral). Colour: RGB interleaved per pixel; YBR_FULL and YBR_FULL_422 converted to RGB;
/// PALETTE COLOR looked up. Returns false when a value did not fit `type` (it was clamped).
/// Throws Error(UnsupportedPixelType) for a colour model it cannot convert. Thread-safe.
bool convertFrame(const RawFrame& raw, const DicomInstance& instance, const FramePlane& plane,
                  PixelType type, void* destination);

}  // namespace lumen::core
