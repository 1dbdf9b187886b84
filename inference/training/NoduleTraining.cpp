#include "inference/training/NoduleTraining.h"

#include <torch/torch.h>

#include <sstream>
#include <stdexcept>

#include "inference/phantoms/ChestCtPhantom.h"
#include "inference/phantoms/SeededRandom.h"
#include "inference/training/Networks.h"
#include "inference/training/TrainingLoop.h"

namespace lumen::inference::training {
namespace {

// The lung window the network reads: −1000 … 400 HU onto 0 … 1.
constexpr double kWindowCentre = -300.0;
constexpr double kWindowWidth = 1400.0;

struct Patch {
  at::Tensor image;  // [1, 1, k, j, i], windowed
  at::Tensor mask;   // [1, k, j, i], 0 or 1 (long)
};

/// How much of a patch the sliding window's neighbours share (the manifest's patch_overlap).
/// Every voxel then lies within (1 − overlap) / 2 of a patch of some patch's centre, so the
/// patches around a nodule are shifted by up to that much. (With a quarter overlap and smaller
/// shifts, a nodule on a seam lay near the edge of both patches, where the network had rarely
/// seen one, and lost half its volume.)
constexpr double kPatchOverlap = 0.5;

/// The phantom region of a training patch of case `seed`: two of three around one of its
/// nodules (shifted by up to a quarter of the patch), the third anywhere in the chest (lung,
/// vessels, heart, chest wall, spine: the negatives the whole scan is full of, and the odd
/// nodule).
phantoms::ChestCt phantomPatch(std::uint64_t seed, int item,
                               const std::array<std::int64_t, 3>& size) {
  phantoms::ChestCtOptions options;
  options.minNodules = 1;
  options.maxNodules = 3;
  const std::vector<phantoms::Nodule> nodules = phantoms::chestCtNodules(seed, options);
  phantoms::SeededRandom random(seed, 99);
  std::array<double, 3> centre =
      nodules[static_cast<std::size_t>(random.integer(0, static_cast<int>(nodules.size()) - 1))]
          .centreLps;
  for (int a = 0; a < 3; ++a) {
    if (item % 3 == 2) {  // the grid is centred on the origin; keep the patch mostly inside it
      const double extent = static_cast<double>(options.size[a]) * options.spacingMm[a];
      centre[a] = random.uniform(-0.35, 0.35) * extent;
    } else {
      const double half = 0.5 * static_cast<double>(size[a]) * options.spacingMm[a];
      const double reach = 1.0 - kPatchOverlap;  // of half a patch
      centre[a] += random.uniform(-reach, reach) * half;
    }
  }
  options.region = phantoms::regionAround(options, centre, size);
  return phantoms::makeChestCt(seed, options);
}

/// The network's input (the lung window) and labels for a patch.
Patch patchTensors(const phantoms::ChestCt& ct, const std::array<std::int64_t, 3>& size) {
  std::vector<float> values(ct.hu.begin(), ct.hu.end());
  const std::vector<int64_t> shape{1, 1, size[2], size[1], size[0]};
  at::Tensor image = at::from_blob(values.data(), shape, at::kFloat).clone();
  image = ((image - (kWindowCentre - kWindowWidth / 2.0)) / kWindowWidth).clamp(0.0, 1.0);
  std::vector<std::uint8_t> labels(ct.noduleMask.begin(), ct.noduleMask.end());
  const at::Tensor mask =
      at::from_blob(labels.data(), {1, size[2], size[1], size[0]}, at::kByte).to(at::kLong);
  return {image, mask};
}

/// Cross-entropy plus one minus the soft Dice of the nodule channel (small nodules weigh as much
/// as the background around them).
at::Tensor segmentationLoss(const at::Tensor& logits, const at::Tensor& mask) {
  const at::Tensor crossEntropy = at::cross_entropy_loss(logits, mask);
  const at::Tensor nodule = at::softmax(logits, 1).select(1, 1);
  const at::Tensor truth = mask.to(at::kFloat);
  const at::Tensor dice = (2.0 * (nodule * truth).sum() + 1.0) / (nodule.sum() + truth.sum() + 1.0);
  return crossEntropy + (1.0 - dice);
}

}  // namespace

torch::jit::Module trainNoduleSegmenter(const NoduleTraining& o) {
  for (std::int64_t s : o.patch) {
    if (s < 4 || s % 4 != 0) throw std::invalid_argument("patch sizes must be multiples of 4");
  }
  torch::manual_seed(o.seed);
  torch::jit::Module model = noduleSegmenter(o.seed);
  optimise(
      model, o.steps, o.learningRate,
      [&](int step) {
        std::vector<phantoms::ChestCt> cts(static_cast<std::size_t>(o.batchSize));
        drawInParallel(o.batchSize, [&](int n) {
          const std::uint64_t seed = o.firstCase + static_cast<std::uint64_t>(step) * o.batchSize +
                                     static_cast<std::uint64_t>(n);
          cts[static_cast<std::size_t>(n)] = phantomPatch(seed, n + step, o.patch);
        });
        std::vector<at::Tensor> images;
        std::vector<at::Tensor> masks;
        for (const phantoms::ChestCt& ct : cts) {
          Patch patch = patchTensors(ct, o.patch);
          images.push_back(patch.image);
          masks.push_back(patch.mask);
        }
        return segmentationLoss(model.forward({at::cat(images)}).toTensor(), at::cat(masks));
      },
      o.progress);
  model.eval();
  return model;
}

std::string noduleManifest(const NoduleTraining& o) {
  const phantoms::ChestCtOptions phantom;
  std::ostringstream json;
  json << R"({
  "name": "Lumen demo lung nodule segmenter",
  "version": "1.0",
  "description": "A small 3D UNet trained by Lumen in C++ on synthetic chest CTs only.",
  "intended_use": "Demonstrates Lumen's AI workflow on Lumen's synthetic demo CTs. It has never seen a patient image and says nothing about real ones.",
  "not_for_clinical_use": true,
  "license": "Apache-2.0",
  "task": "segmentation",
  "applies_to": {"modalities": ["CT"], "body_parts": ["CHEST"], "dimensionality": "volume3d"},
  "input": {"channels": 1, "patch_size": [)"
       << o.patch[0] << ", " << o.patch[1] << ", " << o.patch[2] << R"(], "patch_overlap": )"
       << kPatchOverlap << R"(, "spacing_mm": [)" << phantom.spacingMm[0] << ", "
       << phantom.spacingMm[1] << ", " << phantom.spacingMm[2] << R"(], "orientation": "LPS",
            "intensity": {"transform": "window", "center": )"
       << kWindowCentre << R"(, "width": )" << kWindowWidth << R"(}},
  "output": {"labels": ["background", "nodule"], "activation": "softmax"}
})";
  return json.str();
}

}  // namespace lumen::inference::training
