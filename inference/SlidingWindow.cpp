#include "inference/SlidingWindow.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace lumen::inference {

std::vector<std::int64_t> patchStarts(std::int64_t length, std::int64_t patch, double overlap) {
  const std::int64_t last = std::max<std::int64_t>(0, length - patch);
  const auto step = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::llround(static_cast<double>(patch) * (1.0 - overlap))));
  std::vector<std::int64_t> starts;
  for (std::int64_t s = 0; s < last; s += step) starts.push_back(s);
  starts.push_back(last);
  return starts;
}

at::Tensor gaussianImportance(const std::array<std::int64_t, 3>& patch,
                              const at::TensorOptions& options) {
  at::Tensor weight;
  for (std::size_t a = 0; a < 3; ++a) {
    const double centre = (static_cast<double>(patch[a]) - 1.0) / 2.0;
    const double sigma = static_cast<double>(patch[a]) / 8.0;
    const at::Tensor x = at::arange(patch[a], options.dtype(at::kFloat));
    std::vector<std::int64_t> shape{1, 1, 1};
    shape[a] = patch[a];
    const at::Tensor g = at::exp(-(x - centre).pow(2) / (2.0 * sigma * sigma)).view(shape);
    weight = weight.defined() ? weight * g : g;
  }
  return weight.clamp_min(1e-3);
}

void forEachBatch(std::int64_t total, const RunOptions& options, const JobControl& control,
                  double start, double span,
                  const std::function<void(std::int64_t first, std::int64_t count)>& run) {
  std::int64_t batch = std::max(1, options.batchSize);
  std::int64_t next = 0;
  while (next < total) {
    control.checkCancelled();
    const std::int64_t count = std::min(batch, total - next);
    try {
      run(next, count);
    } catch (const std::exception& e) {
      if (!isOutOfMemory(e)) throw;
      if (count == 1) {
        throw DeviceOutOfMemory("out of memory even one at a time (" + firstLineOf(e.what()) + ")");
      }
      batch = std::max<std::int64_t>(1, count / 2);
      continue;
    }
    next += count;
    control.report(start + span * static_cast<double>(next) / static_cast<double>(total), "model");
  }
}

bool isOutOfMemory(const std::exception& error) {
  const std::string text = error.what();
  return text.find("out of memory") != std::string::npos ||
         text.find("can't allocate memory") != std::string::npos;
}

at::Tensor slidingWindow(const std::function<at::Tensor(const at::Tensor&)>& predict,
                         const at::Tensor& image, std::int64_t channels,
                         const std::array<std::int64_t, 3>& patch, double overlap,
                         const RunOptions& options, const JobControl& control, double start,
                         double span) {
  // Pad up to one patch where the image is smaller (F.pad's order: x, then y, then z).
  const std::array<std::int64_t, 3> original{image.size(1), image.size(2), image.size(3)};
  std::vector<std::int64_t> padding;
  bool padded = false;
  for (std::size_t a = 3; a-- > 0;) {
    const std::int64_t missing = std::max<std::int64_t>(0, patch[a] - original[a]);
    padding.push_back(0);
    padding.push_back(missing);
    padded = padded || missing > 0;
  }
  const at::Tensor input =
      padded ? at::constant_pad_nd(image, padding, image.min().item<double>()) : image;
  const std::array<std::int64_t, 3> size{input.size(1), input.size(2), input.size(3)};

  std::vector<std::array<std::int64_t, 3>> corners;
  for (std::int64_t z : patchStarts(size[0], patch[0], overlap)) {
    for (std::int64_t y : patchStarts(size[1], patch[1], overlap)) {
      for (std::int64_t x : patchStarts(size[2], patch[2], overlap)) corners.push_back({z, y, x});
    }
  }

  const std::int64_t voxels = size[0] * size[1] * size[2];
  const bool onDevice =
      (channels + 1) * voxels * 4 <= options.deviceAccumulatorBytes || input.device().is_cpu();
  const auto accumulate = at::TensorOptions()
                              .dtype(at::kFloat)
                              .device(onDevice ? input.device() : c10::Device(c10::kCPU));
  at::Tensor sum = at::zeros({channels, size[0], size[1], size[2]}, accumulate);
  at::Tensor weightSum = at::zeros({1, size[0], size[1], size[2]}, accumulate);
  const at::Tensor importance = gaussianImportance(patch, accumulate);

  const auto run = [&](std::int64_t first, std::int64_t count) {
    std::vector<at::Tensor> patches;
    for (std::int64_t n = first; n < first + count; ++n) {
      const auto& c = corners[static_cast<std::size_t>(n)];
      patches.push_back(
          input.narrow(1, c[0], patch[0]).narrow(2, c[1], patch[1]).narrow(3, c[2], patch[2]));
    }
    const at::Tensor out = predict(at::stack(patches));
    const std::vector<std::int64_t> expected{count, channels, patch[0], patch[1], patch[2]};
    if (out.sizes().vec() != expected) {
      throw InferenceError("the model returned shape " + c10::str(out.sizes()) +
                           " for a batch of patches; expected " + c10::str(expected));
    }
    const at::Tensor weighted = out.to(accumulate) * importance;
    for (std::int64_t n = 0; n < count; ++n) {
      const auto& c = corners[static_cast<std::size_t>(first + n)];
      sum.narrow(1, c[0], patch[0]).narrow(2, c[1], patch[1]).narrow(3, c[2], patch[2]) +=
          weighted[n];
      weightSum.narrow(1, c[0], patch[0]).narrow(2, c[1], patch[1]).narrow(3, c[2], patch[2]) +=
          importance;
    }
  };
  forEachBatch(static_cast<std::int64_t>(corners.size()), options, control, start, span, run);
  at::Tensor mean = sum.div_(weightSum);
  if (padded) {
    mean = mean.narrow(1, 0, original[0]).narrow(2, 0, original[1]).narrow(3, 0, original[2]);
  }
  return mean.contiguous();
}

}  // namespace lumen::inference
