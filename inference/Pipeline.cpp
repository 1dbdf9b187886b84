#include "inference/Pipeline.h"

#include <torch/torch.h>

#include <array>
#include <chrono>
#include <vector>

#include "inference/Heatmaps.h"
#include "inference/Preprocess.h"
#include "inference/Resample.h"
#include "inference/SlidingWindow.h"

namespace lumen::inference {
namespace {

class Stopwatch {
 public:
  /// Milliseconds since the last lap (or construction).
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

using Activation = ModelManifest::Activation;

/// `values` with its spatial dimensions (from the third on) in reverse order.
at::Tensor reversedSpatial(const at::Tensor& values) {
  std::vector<int64_t> order{0, 1};
  for (int64_t d = values.dim() - 1; d >= 2; --d) order.push_back(d);
  return values.permute(order);
}

/// A model that takes [N, C, x, y(, z)] seen as one that takes [N, C, (z,) y, x]: inputs and
/// outputs of two or more spatial dimensions are reversed on the way in and out. Reversal is
/// its own inverse, so Grad-CAM's features pass through the head unchanged.
class XyzModel final : public ModelRunner {
 public:
  explicit XyzModel(ModelRunner& model) : model_(model) {}
  std::vector<at::Tensor> forward(const at::Tensor& batch) override {
    std::vector<at::Tensor> outputs = model_.forward(reversedSpatial(batch).contiguous());
    for (at::Tensor& out : outputs) out = back(out);
    return outputs;
  }
  bool hasMethod(const std::string& name) const override { return model_.hasMethod(name); }
  at::Tensor call(const std::string& name, const at::Tensor& input) override {
    return back(model_.call(name, input.dim() >= 4 ? reversedSpatial(input).contiguous() : input));
  }
  c10::Device device() const override { return model_.device(); }
  at::ScalarType inputType() const override { return model_.inputType(); }
  std::int64_t bytes() const override { return model_.bytes(); }

 private:
  static at::Tensor back(const at::Tensor& out) {
    return out.dim() >= 4 ? reversedSpatial(out) : out;
  }
  ModelRunner& model_;
};

at::Tensor activate(const at::Tensor& logits, Activation activation, int64_t channelDim) {
  switch (activation) {
    case Activation::Sigmoid:
      return logits.sigmoid();
    case Activation::Softmax:
      return logits.softmax(channelDim);
    case Activation::None:
      break;
  }
  return logits;
}

void requireFinite(const at::Tensor& values, const ModelManifest& m) {
  if (!values.isfinite().all().item<bool>()) {
    throw InferenceError("model " + m.name + " produced NaN or infinite outputs");
  }
}

/// `predict` over the slices of `input` [C, z, y, x], in batches: the outputs concatenated
/// along the batch dimension.
at::Tensor overSlices(const std::function<at::Tensor(const at::Tensor&)>& predict,
                      const at::Tensor& input, const RunOptions& options, const JobControl& control,
                      double start, double span) {
  std::vector<at::Tensor> outputs;
  forEachBatch(input.size(1), options, control, start, span, [&](int64_t first, int64_t count) {
    outputs.push_back(predict(input.narrow(1, first, count).transpose(0, 1).contiguous()));
  });
  return at::cat(outputs);
}

struct Run {
  ModelRunner& model;
  const ModelManifest& m;
  const Geometry& image;
  const Geometry& grid;
  const RunOptions& options;
  const JobControl& control;
  bool slices;  ///< a 2D model: the input's z slices are its batch

  at::Tensor predict(const at::Tensor& batch) const { return model.forward(batch).front(); }

  /// [labels, z, y, x] float on the image's grid, the CPU.
  at::Tensor backOntoImage(const at::Tensor& maps) const {
    return resample(maps.to(at::kFloat), grid, image, Interpolation::Linear, 0.0).cpu();
  }
};

/// Heatmaps of every label on the image's grid, scaled to [0, 1] (see Heatmaps.h).
std::vector<Heatmap> heatmapsOf(const Run& run, const at::Tensor& input) {
  const ModelManifest& m = run.m;
  const at::Tensor values = input.to(at::kFloat);
  const double noise = 0.15 * (values.max() - values.min()).item<double>();
  at::Tensor maps;  // [labels, z, y, x]
  if (run.slices) {
    std::vector<at::Tensor> perSlice;
    forEachBatch(
        input.size(1), run.options, run.control, 0.7, 0.25, [&](int64_t first, int64_t count) {
          const at::Tensor batch = input.narrow(1, first, count).transpose(0, 1).contiguous();
          perSlice.push_back(computeHeatmaps(run.model, m, batch, noise, run.options, run.control));
        });
    maps = at::cat(perSlice).transpose(0, 1);
  } else {
    maps = computeHeatmaps(run.model, m, input.unsqueeze(0), noise, run.options, run.control)[0];
  }
  if (!maps.isfinite().all().item<bool>()) {
    throw InferenceError("the heatmaps came out NaN or infinite");
  }
  maps = scaledByMaximum(maps);
  std::vector<Heatmap> heatmaps;
  for (int64_t n = 0; n < maps.size(0); ++n) {  // one at a time: labels × voxels can be large
    const at::Tensor map = run.backOntoImage(maps[n]).clamp_(0.0, 1.0).contiguous();
    Heatmap heatmap;
    heatmap.label = m.labels[static_cast<std::size_t>(n)];
    heatmap.values.assign(map.data_ptr<float>(), map.data_ptr<float>() + map.numel());
    heatmaps.push_back(std::move(heatmap));
  }
  return heatmaps;
}

void classify(const Run& run, const at::Tensor& input, InferenceResult& result, Stopwatch& watch) {
  const ModelManifest& m = run.m;
  const auto labels = static_cast<int64_t>(m.labels.size());
  const auto predict = [&run](const at::Tensor& batch) { return run.predict(batch); };
  const at::Tensor logits = run.slices
                                ? overSlices(predict, input, run.options, run.control, 0.2, 0.5)
                                : predict(input.unsqueeze(0));
  if (logits.dim() != 2 || logits.size(1) != labels) {
    throw InferenceError("model " + m.name + " returned shape " + c10::str(logits.sizes()) +
                         "; its manifest's " + std::to_string(labels) + " labels need [N, " +
                         std::to_string(labels) + "]");
  }
  requireFinite(logits, m);  // before the activation, which would turn ±inf into 0 or 1
  const at::Tensor probabilities = activate(logits.to(at::kFloat), m.activation, 1).amax(0).cpu();
  for (int64_t n = 0; n < labels; ++n) {
    Finding finding;
    finding.label = m.labels[static_cast<std::size_t>(n)];
    finding.probability = probabilities[n].item<double>();
    finding.threshold = m.thresholds[static_cast<std::size_t>(n)];
    finding.positive = finding.probability >= finding.threshold;
    result.findings.push_back(finding);
  }
  result.timings.push_back({"model", watch.lap()});
  if (!run.options.heatmaps || m.heatmap == HeatmapMethod::None) return;

  run.control.report(0.7, "heatmaps");
  try {
    result.heatmaps = heatmapsOf(run, input);
  } catch (const JobCancelled&) {
    throw;
  } catch (const std::exception& e) {
    // The findings stand; only the explanation is missing.
    result.notes.push_back("heatmaps unavailable: " + firstLineOf(e.what()));
  }
  result.timings.push_back({"heatmaps", watch.lap()});
}

/// The channel of the largest value at each voxel of [channels, z, y, x]. (max() rather than
/// argmax(): LibTorch 1.13's argmax over the first dimension is ten times slower.)
at::Tensor largestChannel(const at::Tensor& values) { return std::get<1>(values.max(0)); }

/// Label values of a segmentation's probabilities [labels, z, y, x] (see runModel).
at::Tensor labelValues(const at::Tensor& probabilities, const ModelManifest& m) {
  if (m.activation == Activation::Softmax) return largestChannel(probabilities);
  const at::Tensor thresholds =
      at::tensor(std::vector<float>(m.thresholds.begin(), m.thresholds.end()))
          .to(probabilities.device())
          .view({-1, 1, 1, 1});
  const at::Tensor positive = probabilities >= thresholds;
  const at::Tensor best = largestChannel(
      at::where(positive, probabilities, at::full({}, -1.0f, probabilities.options())));
  return at::where(positive.any(0), best + 1, at::zeros_like(best));
}

void segment(const Run& run, const at::Tensor& input, InferenceResult& result, Stopwatch& watch) {
  const ModelManifest& m = run.m;
  const auto labels = static_cast<int64_t>(m.labels.size());
  const auto predict = [&run](const at::Tensor& batch) { return run.predict(batch); };
  at::Tensor logits;  // [labels, z, y, x]
  if (!m.patchSize.empty()) {
    // A 2D model's patches are one slice thick, and it sees them without that dimension.
    const bool flat = m.dimensionality != ModelDimensionality::Volume3d;
    const std::array<int64_t, 3> patch{flat ? 1 : m.patchSize[2], m.patchSize[1], m.patchSize[0]};
    const auto patches = [&](const at::Tensor& batch) {
      return flat ? predict(batch.squeeze(2)).unsqueeze(2) : predict(batch);
    };
    logits = slidingWindow(patches, input, labels, patch, m.patchOverlap, run.options, run.control,
                           0.2, 0.6);
  } else if (run.slices) {
    logits = overSlices(predict, input, run.options, run.control, 0.2, 0.6).transpose(0, 1);
  } else {
    logits = predict(input.unsqueeze(0))[0];
  }
  const std::vector<int64_t> expected{labels, input.size(1), input.size(2), input.size(3)};
  if (logits.sizes().vec() != expected) {
    throw InferenceError("model " + m.name + " returned maps of shape " + c10::str(logits.sizes()) +
                         " (as [labels, z, y, x]); expected " + c10::str(expected));
  }
  requireFinite(logits, m);
  const at::Tensor probabilities = activate(logits.to(at::kFloat), m.activation, 0);
  result.timings.push_back({"model", watch.lap()});

  run.control.report(0.85, "postprocess");
  const at::Tensor onImage = resample(labelValues(probabilities, m).to(at::kByte), run.grid,
                                      run.image, Interpolation::Nearest, 0.0)
                                 .cpu()
                                 .contiguous();
  result.labelMap.assign(onImage.data_ptr<uint8_t>(),
                         onImage.data_ptr<uint8_t>() + onImage.numel());
  const bool softmax = m.activation == Activation::Softmax;
  const at::Tensor counts = at::bincount(onImage.flatten(), {}, labels + 1);  // uint8 in, one pass
  for (int64_t c = softmax ? 1 : 0; c < labels; ++c) {
    Segment s;
    s.label = m.labels[static_cast<std::size_t>(c)];
    s.value = static_cast<int>(softmax ? c : c + 1);
    s.voxels = counts[s.value].item<int64_t>();
    s.volumeMl = static_cast<double>(s.voxels) * run.image.voxelVolumeMm3() / 1000.0;
    result.segments.push_back(s);
  }
  result.timings.push_back({"postprocess", watch.lap()});
}

}  // namespace

InferenceResult runModel(ModelRunner& model, const ModelPackage& package, const ImageInput& image,
                         const RunOptions& options, const JobControl& control) {
  const ModelManifest& m = package.manifest;
  if (m.task == ModelTask::Detection) {
    throw InferenceError("model " + m.name + ": detection models are not supported yet");
  }
  if (m.labels.size() > 255) {
    throw InferenceError("model " + m.name + " has more than 255 labels");
  }
  InferenceResult result;
  result.modelName = m.name;
  result.modelVersion = m.version;
  result.modelSha256 = package.sha256;
  result.device = model.device().str() + (model.inputType() == at::kHalf ? " (fp16)" : "");
  result.geometry = image.geometry;

  Stopwatch watch;
  control.report(0.0, "read");
  const at::Tensor values = toTensor(image);
  result.timings.push_back({"read", watch.lap()});

  control.checkCancelled();
  control.report(0.05, "preprocess");
  torch::NoGradGuard noGradients;
  const Geometry grid = modelGrid(image.geometry, m);
  const double outside = values.min().item<double>();
  const at::Tensor onGrid =
      resample(values.to(model.device()), image.geometry, grid, Interpolation::Linear, outside);
  const at::Tensor input = fillChannels(applyIntensity(onGrid, m.intensity), m.inputChannels,
                                        m.repeatGreyIntoChannels, m.intensity)
                               .to(model.inputType())
                               .contiguous();
  result.timings.push_back({"preprocess", watch.lap()});

  control.checkCancelled();
  control.report(0.2, "model");
  XyzModel xyz(model);
  ModelRunner& inOrder = m.axisOrder == AxisOrder::Xyz ? static_cast<ModelRunner&>(xyz) : model;
  const Run run{inOrder,
                m,
                image.geometry,
                grid,
                options,
                control,
                m.dimensionality != ModelDimensionality::Volume3d};
  if (m.task == ModelTask::Classification) {
    classify(run, input, result, watch);
  } else {
    segment(run, input, result, watch);
  }
  control.report(1.0, "done");
  return result;
}

}  // namespace lumen::inference
