#include "inference/ModelRunner.h"

#include <torch/script.h>

#include <algorithm>
#include <string>
#include <vector>

#include "inference/RunControl.h"
#include "inference/SlidingWindow.h"

namespace lumen::inference {
namespace {

class TorchScriptRunner final : public ModelRunner {
 public:
  TorchScriptRunner(torch::jit::Module module, c10::Device device, bool half)
      : module_(std::move(module)), device_(device), half_(half) {}

  std::vector<at::Tensor> forward(const at::Tensor& batch) override {
    return tensorsOf(module_.forward({batch}));
  }

  bool hasMethod(const std::string& name) const override {
    return module_.find_method(name).has_value();
  }

  at::Tensor call(const std::string& name, const at::Tensor& input) override {
    const c10::IValue out = module_.get_method(name)({input});
    if (!out.isTensor()) {
      throw InferenceError("method " + name + " must return a tensor, not " + out.tagKind());
    }
    return out.toTensor();
  }

  c10::Device device() const override { return device_; }
  at::ScalarType inputType() const override { return half_ ? at::kHalf : at::kFloat; }

  std::int64_t bytes() const override {
    std::int64_t total = 0;
    for (const at::Tensor& p : module_.parameters()) total += p.numel() * p.element_size();
    for (const at::Tensor& b : module_.buffers()) total += b.numel() * b.element_size();
    return total;
  }

 private:
  static std::vector<at::Tensor> tensorsOf(const c10::IValue& out) {
    if (out.isTensor()) return {out.toTensor()};
    if (out.isTuple() && !out.toTupleRef().elements().empty()) {
      std::vector<at::Tensor> tensors;
      for (const c10::IValue& element : out.toTupleRef().elements()) {
        if (!element.isTensor()) {
          throw InferenceError("the model returned a tuple holding a " + element.tagKind() +
                               "; Lumen expects tensors");
        }
        tensors.push_back(element.toTensor());
      }
      return tensors;
    }
    if (out.isTensorList() && !out.toTensorList().empty()) return out.toTensorVector();
    const std::string kind = out.isTuple() || out.isTensorList() ? "an empty " : "a ";
    throw InferenceError("the model returned " + kind + out.tagKind() +
                         "; Lumen expects a tensor or a tuple of tensors");
  }

  torch::jit::Module module_;
  c10::Device device_;
  bool half_;
};

std::string shapeText(at::IntArrayRef sizes) { return c10::str(sizes); }

/// The zeros a model of this manifest takes: [1, channels, spatial…] in its axis order, with
/// the spatial size its manifest fixes (or a small stand-in when it takes any size).
std::vector<int64_t> probeShape(const ModelManifest& m) {
  const std::size_t axes = m.dimensionality == ModelDimensionality::Volume3d ? 3 : 2;
  const std::vector<int>& size = !m.inputSize.empty() ? m.inputSize : m.patchSize;
  std::vector<int64_t> xyz;
  for (std::size_t n = 0; n < axes; ++n) xyz.push_back(n < size.size() ? size[n] : 32);
  if (m.axisOrder == AxisOrder::Zyx) std::reverse(xyz.begin(), xyz.end());
  std::vector<int64_t> shape{1, m.inputChannels};
  shape.insert(shape.end(), xyz.begin(), xyz.end());
  return shape;
}

}  // namespace

std::unique_ptr<ModelRunner> loadTorchScript(const ModelPackage& package, c10::Device device,
                                             bool half) {
  torch::jit::Module module;
  try {
    module = torch::jit::load(package.path, device);
  } catch (const std::exception& e) {
    throw ModelPackageError(package.path + ": could not be loaded on " + device.str() + " (" +
                            firstLineOf(e.what()) + ")");
  }
  module.eval();
  if (half) module.to(at::kHalf);
  return std::make_unique<TorchScriptRunner>(std::move(module), device, half);
}

void checkModelAgainstManifest(ModelRunner& model, const ModelManifest& m) {
  const std::string who = "model " + m.name + ": ";
  const std::vector<int64_t> shape = probeShape(m);
  const at::Tensor zeros =
      at::zeros(shape, at::TensorOptions().dtype(model.inputType()).device(model.device()));
  std::vector<at::Tensor> outputs;
  try {
    torch::NoGradGuard noGrad;
    outputs = model.forward(zeros);
  } catch (const InferenceError& e) {
    throw InferenceError(who + e.what());
  } catch (const std::exception& e) {
    if (isOutOfMemory(e)) throw DeviceOutOfMemory(who + firstLineOf(e.what()));
    throw InferenceError(who + "fails on an input of shape " + shapeText(shape) +
                         " as its manifest describes (" + firstLineOf(e.what()) + ")");
  }
  const auto labels = static_cast<int64_t>(m.labels.size());
  const at::Tensor& logits = outputs.front();
  std::vector<int64_t> expected{1, labels};
  if (m.task == ModelTask::Segmentation) {
    expected.insert(expected.end(), shape.begin() + 2, shape.end());
  }
  if (logits.sizes().vec() != expected) {
    throw InferenceError(who + "returns shape " + shapeText(logits.sizes()) + " for an input of " +
                         shapeText(shape) + "; its manifest's " + std::to_string(labels) +
                         " labels need " + shapeText(expected));
  }
  if (m.heatmap == HeatmapMethod::ModelCam) {
    if (outputs.size() < 2 || outputs[1].dim() != static_cast<int64_t>(shape.size()) ||
        outputs[1].size(0) != 1 || outputs[1].size(1) != labels) {
      throw InferenceError(who +
                           "its manifest says it returns a CAM, so its output must be a "
                           "tuple (logits, cam) with cam [N, " +
                           std::to_string(labels) + ", spatial…]");
    }
  }
  if (m.heatmap == HeatmapMethod::GradCam) {
    for (const std::string& method : {m.heatmapLayer, m.heatmapLayer + "_head"}) {
      if (!model.hasMethod(method)) {
        throw InferenceError(who + "Grad-CAM on layer \"" + m.heatmapLayer +
                             "\" needs the scripted methods " + m.heatmapLayer + "(input) and " +
                             m.heatmapLayer + "_head(features); " + method + " is missing");
      }
    }
  }
  // TorchScript profiles a graph on its first call and optimises it on the second: make both
  // here, before the first job (DenseNet-121 on the CPU: 548, 461, then 78 ms per call).
  torch::NoGradGuard noGrad;
  model.forward(zeros);
}

void verifyModelPackage(const ModelPackage& package) {
  std::unique_ptr<ModelRunner> runner = loadTorchScript(package, c10::Device(c10::kCPU), false);
  try {
    checkModelAgainstManifest(*runner, package.manifest);
  } catch (const InferenceError& e) {
    throw ModelPackageError(e.what());
  }
}

}  // namespace lumen::inference
