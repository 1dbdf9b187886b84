#pragma once

// One model on one image, end to end: preprocessing, the model, heatmaps, and the results mapped
// back onto the image's grid. Includes LibTorch (through ModelRunner.h): inference/ only.

#include <string>

#include "inference/ImageInput.h"
#include "inference/InferenceResult.h"
#include "inference/ModelPackage.h"
#include "inference/ModelRunner.h"
#include "inference/RunControl.h"

namespace lumen::inference {

/// Runs `model` (loaded from `package`) on `image` on the model's device:
/// 1. preprocess: resample onto modelGrid() (linear; outside the image, its minimum), the
///    intensity transform, channel filling;
/// 2. run: classification of the whole image (a slice model: each slice, in batches of
///    options.batchSize, the finding's probability being its largest over slices); segmentation
///    of the whole image (a 2D model: each slice), or by sliding window when the manifest gives a
///    patch size (a 2D model's patches are one slice thick); an out-of-memory batch is halved
///    and retried;
/// 3. heatmaps for every finding (options.heatmaps), and a segmentation's label map (softmax:
///    the most probable channel, channel 0 being background; sigmoid: 1 + the most probable
///    channel at or above its threshold, else 0), both mapped back onto the image's grid
///    (linear and nearest). Heatmaps that cannot be made leave the findings standing, with a note.
/// Throws InferenceError for outputs of the wrong shape or that are not finite, JobCancelled,
/// DeviceOutOfMemory, and std::invalid_argument for an image without voxels.
InferenceResult runModel(ModelRunner& model, const ModelPackage& package, const ImageInput& image,
                         const RunOptions& options, const JobControl& control);

}  // namespace lumen::inference
