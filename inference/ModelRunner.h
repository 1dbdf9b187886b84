#pragma once

// Running a loaded model, behind an interface so that another format (torch.export's .pt2 via
// AOTInductor) can sit beside TorchScript. Includes LibTorch: inference/ code and tests only.

#include <ATen/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "inference/ModelPackage.h"

namespace lumen::inference {

/// A model loaded on one device, ready to run. Not thread-safe: one worker thread uses it.
class ModelRunner {
 public:
  virtual ~ModelRunner() = default;

  /// The model's outputs for `batch` ([N, C, spatial…] on device(), of inputType()): a tensor,
  /// or the tensors of a tuple in order (logits first, then a CAM when the model makes one).
  virtual std::vector<at::Tensor> forward(const at::Tensor& batch) = 0;

  /// True when the model has a method of this name (Grad-CAM's feature and head methods).
  virtual bool hasMethod(const std::string& name) const = 0;

  /// Calls method `name` on one tensor; the result must be a tensor.
  virtual at::Tensor call(const std::string& name, const at::Tensor& input) = 0;

  virtual c10::Device device() const = 0;
  virtual at::ScalarType inputType() const = 0;  ///< kFloat, or kHalf for fp16
  virtual std::int64_t bytes() const = 0;        ///< parameters and buffers on the device
};

/// Loads `package`'s TorchScript file onto `device` in eval mode, as fp16 when `half`. Throws
/// ModelPackageError when the file cannot be loaded.
std::unique_ptr<ModelRunner> loadTorchScript(const ModelPackage& package, c10::Device device,
                                             bool half);

/// Runs the model on zeros of the input shape its manifest promises and checks the output
/// shape: one value per label for a classifier ([N, labels]), a map per label of the input's
/// size for a segmenter, and the CAM for a model that makes its own, and that Grad-CAM's methods
/// exist; then runs it once more, so that TorchScript's optimisation of its graph happens here
/// rather than in the first job. Throws InferenceError naming the model and the mismatch.
void checkModelAgainstManifest(ModelRunner& model, const ModelManifest& manifest);

}  // namespace lumen::inference
