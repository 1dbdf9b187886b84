#pragma once

// Why a classifier called a finding: maps over its input, one per label. Includes LibTorch.
//
// Conventions a model follows (the manifest's heatmap.method):
// - gradcam: the TorchScript module has two more methods besides forward, named after
//   heatmap.layer: `<layer>(input) -> features` ([N, K, h, w(, d)]) and
//   `<layer>_head(features) -> logits` ([N, labels]), with forward(x) ≡ <layer>_head(<layer>(x)).
// - saliency: nothing; forward must be differentiable with respect to its input.
// - model_cam: forward returns a tuple (logits [N, labels], cam [N, labels, h, w(, d)]).

#include <ATen/Tensor.h>

#include "inference/ModelManifest.h"
#include "inference/ModelRunner.h"
#include "inference/RunControl.h"

namespace lumen::inference {

/// Unscaled heatmaps for every label of `manifest` over `batch` [N, C, spatial…] (the model's
/// input): [N, labels, spatial…] float, ≥ 0, on the model's device. Grad-CAM maps are the ReLU of
/// the gradient-weighted feature maps, upsampled (linear); saliency is SmoothGrad
/// (|∂logit/∂input| summed over options.smoothGradSamples copies with Gaussian noise of standard
/// deviation `noise`, the largest over channels); a model's own CAM less its minimum, upsampled.
/// Throws InferenceError for method None or a head whose outputs do not match the labels.
at::Tensor computeHeatmaps(ModelRunner& model, const ModelManifest& manifest,
                           const at::Tensor& batch, double noise, const RunOptions& options,
                           const JobControl& control);

/// `maps` [labels, spatial…] each divided by its own maximum, into [0, 1] (an all-zero map
/// stays zero).
at::Tensor scaledByMaximum(const at::Tensor& maps);

}  // namespace lumen::inference
