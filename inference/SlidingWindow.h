#pragma once

// Segmentation of images larger than a model's patch. Includes LibTorch.

#include <ATen/Tensor.h>

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "inference/RunControl.h"

namespace lumen::inference {

/// Where patches of `patch` voxels start along an axis of `length` voxels (length ≥ patch) when
/// neighbours share `overlap` of a patch: evenly stepped from 0, the last one ending at the end.
std::vector<std::int64_t> patchStarts(std::int64_t length, std::int64_t patch, double overlap);

/// The weight of each voxel of a patch [z, y, x]: a Gaussian centred on the patch with σ = ⅛ of
/// its size along each axis, at least 1e-3 of its peak at the corners, so the seams between
/// patches blend and no voxel has zero weight.
at::Tensor gaussianImportance(const std::array<std::int64_t, 3>& patch,
                              const at::TensorOptions& options);

/// The model's output for `image` [C, z, y, x] as the Gaussian-weighted mean of the outputs of
/// overlapping patches (`patch` is z, y, x); `predict` maps a batch [N, C, patch] to
/// [N, channels, patch]. An image smaller than the patch along an axis is padded with its
/// minimum and the output cropped back. Sums stay on the image's device when they fit in
/// options.deviceAccumulatorBytes, else in host memory (the result is then on the CPU). On
/// out-of-memory the batch is halved and retried; at one patch DeviceOutOfMemory is thrown.
/// Checks the cancel token and reports progress (from `start` to start + span) once per batch.
at::Tensor slidingWindow(const std::function<at::Tensor(const at::Tensor&)>& predict,
                         const at::Tensor& image, std::int64_t channels,
                         const std::array<std::int64_t, 3>& patch, double overlap,
                         const RunOptions& options, const JobControl& control, double start,
                         double span);

/// Calls run(first, count) for consecutive batches covering items [0, total), of
/// options.batchSize items at most. When run throws an out-of-memory error the batch is halved
/// and run again; at one item DeviceOutOfMemory is thrown. Checks the cancel token before each
/// batch and reports progress (from `start` to start + span, stage "model") after it.
void forEachBatch(std::int64_t total, const RunOptions& options, const JobControl& control,
                  double start, double span,
                  const std::function<void(std::int64_t first, std::int64_t count)>& run);

/// True when `error` is an allocator's out-of-memory error (CUDA's or the CPU's).
bool isOutOfMemory(const std::exception& error);

}  // namespace lumen::inference
