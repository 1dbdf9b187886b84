#include "inference/Heatmaps.h"

#include <torch/torch.h>

#include <algorithm>
#include <vector>

namespace lumen::inference {
namespace {

/// [N, labels, spatial…] resized to `spatial` (the input's) by (bi/tri)linear interpolation.
at::Tensor toInputSize(const at::Tensor& maps, at::IntArrayRef spatial) {
  const at::Tensor values = maps.to(at::kFloat);
  if (maps.sizes().slice(2) == spatial) return values;
  return spatial.size() == 3 ? at::upsample_trilinear3d(values, spatial, /*align_corners=*/false)
                             : at::upsample_bilinear2d(values, spatial, /*align_corners=*/false);
}

std::vector<int64_t> dimsFrom(int64_t first, int64_t rank) {
  std::vector<int64_t> dims;
  for (int64_t d = first; d < rank; ++d) dims.push_back(d);
  return dims;
}

at::Tensor gradCam(ModelRunner& model, const ModelManifest& manifest, const at::Tensor& batch,
                   const JobControl& control) {
  at::Tensor features;
  {
    torch::NoGradGuard noGradients;  // only the head needs a graph
    features = model.call(manifest.heatmapLayer, batch).detach();
  }
  torch::AutoGradMode gradients(true);
  features.requires_grad_(true);
  const at::Tensor logits = model.call(manifest.heatmapLayer + "_head", features);
  if (logits.dim() != 2 || logits.size(1) != static_cast<int64_t>(manifest.labels.size())) {
    throw InferenceError(manifest.heatmapLayer + "_head returns shape " + c10::str(logits.sizes()) +
                         "; the manifest has " + std::to_string(manifest.labels.size()) +
                         " labels");
  }
  std::vector<at::Tensor> maps;
  for (int64_t label = 0; label < logits.size(1); ++label) {
    control.checkCancelled();
    const at::Tensor gradient = torch::autograd::grad({logits.select(1, label).sum()}, {features},
                                                      {}, /*retain_graph=*/true)[0];
    const at::Tensor weights =
        gradient.to(at::kFloat).mean(dimsFrom(2, gradient.dim()), /*keepdim=*/true);
    maps.push_back(at::relu((weights * features.to(at::kFloat)).sum(1)).detach());
  }
  return toInputSize(at::stack(maps, 1), batch.sizes().slice(2));
}

/// SmoothGrad of one image [1, C, spatial…] → [labels, spatial…].
at::Tensor smoothGradOf(ModelRunner& model, int64_t labels, const at::Tensor& image, double sigma,
                        const RunOptions& options, const JobControl& control) {
  // Seeded, so the same image gives the same heatmap.
  at::Generator noise = at::detail::createCPUGenerator(20261121);
  std::vector<int64_t> mapShape{labels};
  for (int64_t size : image.sizes().slice(2)) mapShape.push_back(size);
  at::Tensor sum = at::zeros(mapShape, image.options().dtype(at::kFloat));
  const int samples = std::max(1, options.smoothGradSamples);
  const int chunk = std::max(1, options.batchSize);
  for (int done = 0; done < samples; done += chunk) {
    control.checkCancelled();
    std::vector<int64_t> shape = image.sizes().vec();
    shape[0] = std::min(chunk, samples - done);
    const at::Tensor jitter = at::randn(shape, noise, at::kFloat).to(image.device()) * sigma;
    const at::Tensor noisy = (image.to(at::kFloat).expand(shape) + jitter)
                                 .to(image.scalar_type())
                                 .detach()
                                 .requires_grad_(true);
    const at::Tensor logits = model.forward(noisy).front();
    for (int64_t label = 0; label < labels; ++label) {
      const at::Tensor gradient = torch::autograd::grad({logits.select(1, label).sum()}, {noisy},
                                                        {}, /*retain_graph=*/true)[0];
      sum[label] += std::get<0>(gradient.to(at::kFloat).abs().max(1)).sum(0);
    }
  }
  return sum;
}

at::Tensor smoothGrad(ModelRunner& model, const ModelManifest& manifest, const at::Tensor& batch,
                      double sigma, const RunOptions& options, const JobControl& control) {
  torch::AutoGradMode gradients(true);
  std::vector<at::Tensor> maps;
  for (int64_t n = 0; n < batch.size(0); ++n) {
    maps.push_back(smoothGradOf(model, static_cast<int64_t>(manifest.labels.size()),
                                batch.narrow(0, n, 1), sigma, options, control));
  }
  return at::stack(maps);
}

at::Tensor modelCam(ModelRunner& model, const at::Tensor& batch) {
  torch::NoGradGuard noGradients;
  const at::Tensor cam = model.forward(batch).at(1).to(at::kFloat);
  const at::Tensor low = cam.amin(dimsFrom(2, cam.dim()), /*keepdim=*/true);
  return toInputSize(cam - low, batch.sizes().slice(2));
}

}  // namespace

at::Tensor scaledByMaximum(const at::Tensor& maps) {
  const at::Tensor peak = maps.flatten(1).amax(1).clamp_min(1e-12);
  std::vector<int64_t> shape(static_cast<std::size_t>(maps.dim()), 1);
  shape[0] = maps.size(0);
  return maps / peak.view(shape);
}

at::Tensor computeHeatmaps(ModelRunner& model, const ModelManifest& manifest,
                           const at::Tensor& batch, double noise, const RunOptions& options,
                           const JobControl& control) {
  switch (manifest.heatmap) {
    case HeatmapMethod::GradCam:
      return gradCam(model, manifest, batch, control);
    case HeatmapMethod::Saliency:
      return smoothGrad(model, manifest, batch, noise, options, control);
    case HeatmapMethod::ModelCam:
      return modelCam(model, batch);
    case HeatmapMethod::None:
      break;
  }
  throw InferenceError("model " + manifest.name + " names no heatmap method");
}

}  // namespace lumen::inference
