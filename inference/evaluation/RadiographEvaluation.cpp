#include "inference/evaluation/RadiographEvaluation.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "inference/ModelRunner.h"
#include "inference/Pipeline.h"
#include "inference/phantoms/ChestRadiograph.h"

namespace lumen::inference::evaluation {
namespace {

/// The phantom finding of each of the model's labels.
std::vector<int> findingsOf(const ModelManifest& manifest) {
  std::vector<int> findings;
  for (const std::string& label : manifest.labels) {
    int found = -1;
    for (int f = 0; f < phantoms::kRadiographFindingCount; ++f) {
      if (label == phantoms::findingLabel(static_cast<phantoms::RadiographFinding>(f))) found = f;
    }
    if (found < 0) {
      throw std::invalid_argument("model " + manifest.name + ": label \"" + label +
                                  "\" is not a finding of Lumen's synthetic radiographs");
    }
    findings.push_back(found);
  }
  return findings;
}

/// A PA radiograph's grid: columns towards the patient's left, rows towards the feet.
Geometry radiographGeometry(const phantoms::ChestRadiograph& xray) {
  Geometry g;
  g.size = {xray.width, xray.height, 1};
  g.spacing = {xray.pixelSpacingMm, xray.pixelSpacingMm, 1.0};
  g.direction = {{{1, 0, 0}, {0, 0, 1}, {0, -1, 0}}};
  return g;
}

}  // namespace

RadiographEvaluation evaluateRadiographClassifier(const ModelPackage& model, int cases,
                                                  int imageSize,
                                                  const std::function<void(int)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (model.manifest.task != ModelTask::Classification ||
      model.manifest.dimensionality != ModelDimensionality::Image2d) {
    throw std::invalid_argument("model " + model.manifest.name + " (" + model.path +
                                ") is not a classifier of 2D images");
  }
  const std::vector<int> findingOf = findingsOf(model.manifest);
  const std::unique_ptr<ModelRunner> runner = loadTorchScript(model, c10::Device(c10::kCPU), false);
  checkModelAgainstManifest(*runner, model.manifest);

  RadiographEvaluation out;
  out.modelName = model.manifest.name;
  out.modelVersion = model.manifest.version;
  out.modelSha256 = model.sha256;
  out.cases = cases;
  out.imageSize = imageSize;
  const std::size_t labels = findingOf.size();
  std::vector<BinaryScores> scores(labels);
  std::vector<double> thresholds(labels, 0.5);
  out.findings.resize(labels);
  phantoms::RadiographOptions options;
  options.size = imageSize;
  for (int n = 0; n < cases; ++n) {
    const phantoms::ChestRadiograph xray = phantoms::makeChestRadiograph(
        kRadiographTestFirstCase + static_cast<std::uint64_t>(n), options);
    out.pixelSpacingMm = xray.pixelSpacingMm;
    ImageInput image;
    image.voxels = xray.pixels.data();
    image.type = VoxelType::UInt16;
    image.geometry = radiographGeometry(xray);
    const InferenceResult result = runModel(*runner, model, image, RunOptions{}, JobControl{});
    if (result.findings.size() != labels) {
      throw std::invalid_argument("model " + model.manifest.name + " gave " +
                                  std::to_string(result.findings.size()) + " findings for " +
                                  std::to_string(labels) + " labels");
    }
    for (std::size_t l = 0; l < labels; ++l) {
      const bool present = xray.present[findingOf[l]];
      scores[l].add(result.findings[l].probability, present);
      thresholds[l] = result.findings[l].threshold;
      if (!present) continue;
      ++out.findings[l].positiveCases;
      if (l >= result.heatmaps.size() || result.heatmaps[l].values.empty()) continue;
      ++out.findings[l].withHeatmap;
      const std::vector<float>& heat = result.heatmaps[l].values;
      const auto peak = std::max_element(heat.begin(), heat.end()) - heat.begin();
      if (xray.masks[findingOf[l]][static_cast<std::size_t>(peak)] != 0)
        ++out.findings[l].localised;
    }
    if (progress) progress(n + 1);
  }
  for (std::size_t l = 0; l < labels; ++l) {
    FindingEvaluation& f = out.findings[l];
    f.label = model.manifest.labels[l];
    f.auc = areaUnderRoc(scores[l]);
    f.roc = rocCurve(scores[l]);
    f.atThreshold = operatingPoint(scores[l], thresholds[l]);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace lumen::inference::evaluation
