#pragma once

// The demo models' networks, as TorchScript modules made in C++ (no Python): parameters
// registered on a torch::jit::Module, methods defined from TorchScript source. Trained in place
// (torch::optim over parameters()) and saved as Lumen packages. LibTorch here: not for Qt code.

#include <ATen/CPUGeneratorImpl.h>
#include <torch/script.h>

#include <cstdint>

namespace lumen::inference::training {

/// A compact CNN for chest radiographs: [N, 1, 256, 256] → logits [N, labels]. Four stages of
/// 3×3 convolutions with group norm and ReLU (16, 32, 64, 128 channels; each halves the size);
/// stages 2–4 merged at a quarter of the input size (64 channels); a 1×1 convolution to a map
/// per finding, whose soft maximum is the finding's logit. Methods: `features(x)` → [N, 64,
/// 64, 64] and `features_head(f)` → logits for Grad-CAM (see the inference README), which then
/// shows the finding maps; `finding_maps(f)` → [N, labels, 64, 64] for training them on masks.
/// Weights He-initialised from `seed`.
torch::jit::Module radiographClassifier(int labels, std::uint64_t seed);

/// A small 3D UNet for nodules: [N, 1, z, y, x] (each a multiple of 4) → logits [N, 2, z, y, x]
/// (background, nodule). Two levels down (8 channels at full size, 32 at half; max pooling), a
/// 64-channel bottom, transposed-convolution upsampling with skip connections; group norm and
/// ReLU after each 3×3×3 convolution. Weights He-initialised from `seed`.
torch::jit::Module noduleSegmenter(std::uint64_t seed);

/// Every parameter of `module` (for an optimiser).
std::vector<at::Tensor> parametersOf(const torch::jit::Module& module);

}  // namespace lumen::inference::training
