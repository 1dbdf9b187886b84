#pragma once

// Turns an ImageInput into the tensor a model takes. This header includes LibTorch: only
// inference/ code and its tests include it, never app/ (Qt and torch headers clash).

#include <ATen/Tensor.h>

#include "inference/ImageInput.h"
#include "inference/ModelManifest.h"

namespace lumen::inference {

/// The voxels as a float32 CPU tensor of shape [k, j, i] (z, y, x), copied once; the result does
/// not refer to image.voxels. Throws std::invalid_argument for a null pointer or a non-positive
/// size. Safe to call from several threads.
at::Tensor toTensor(const ImageInput& image);

/// Applies the manifest's intensity transform to a float tensor of stored values (HU for CT):
/// Window maps center ± width/2 to [0, 1], clamped; ZScore uses the tensor's own mean and
/// (population) std, dividing by 1 where the std is 0; ScaleOffset is value · scale + offset;
/// None returns `values` itself. Other transforms return a new float tensor on values' device.
/// Throws std::invalid_argument for a Window of non-positive width. Safe to call from several
/// threads.
at::Tensor applyIntensity(const at::Tensor& values, const IntensityTransform& transform);

/// [spatial...] grey → [channels, spatial...]: repeated into every channel (repeat), or into the
/// first with the others 0; then per channel (v − channelMean[c]) / channelStd[c] when the
/// transform has them. Returns a new contiguous tensor of grey's type and device. Throws
/// std::invalid_argument for channels < 1 or for channelMean/channelStd whose sizes differ from
/// channels. Safe to call from several threads.
at::Tensor fillChannels(const at::Tensor& grey, int channels, bool repeat,
                        const IntensityTransform& transform);

}  // namespace lumen::inference
