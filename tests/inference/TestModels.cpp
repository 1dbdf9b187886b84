#include "TestModels.h"

#include <torch/script.h>

#include <random>

namespace lumen::inference::testing {

namespace fs = std::filesystem;

TemporaryFolder::TemporaryFolder()
    : path_(fs::temp_directory_path() /
            ("lumen-inference-test-" + std::to_string(std::random_device{}()))) {
  fs::create_directories(path_);
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

ModelPackage saveModule(torch::jit::Module& module, const fs::path& file,
                        const std::string& manifest) {
  module.save(file.string(), {{kEmbeddedManifestName, manifest}});
  return readModelPackage(file.string());
}

}  // namespace

ModelPackage savePackage(const fs::path& file, const std::string& source,
                         const std::string& manifest) {
  torch::jit::Module module("TestModel");
  module.define(source);
  return saveModule(module, file, manifest);
}

ModelPackage regionClassifier(const fs::path& folder, const std::string& heatmapJson,
                              bool modelCam) {
  torch::jit::Module module("RegionClassifier");
  at::Tensor masks = at::zeros({1, 2, kRegionSize, kRegionSize});
  masks[0][0]
      .narrow(0, kUpperLeftFirst, kRegionWidth)
      .narrow(1, kUpperLeftFirst, kRegionWidth)
      .fill_(1.0);
  masks[0][1]
      .narrow(0, kLowerRightFirst, kRegionWidth)
      .narrow(1, kLowerRightFirst, kRegionWidth)
      .fill_(1.0);
  module.register_buffer("masks", masks);
  module.register_buffer("scale", at::full({2}, 4.0 / (kRegionWidth * kRegionWidth)));
  std::string source = R"(
    def features(self, x):
        return x * self.masks
    def features_head(self, f):
        return f.sum([2, 3]) * self.scale - 2.0
  )";
  source += modelCam ? R"(
    def forward(self, x):
        f = self.features(x)
        return self.features_head(f), f
  )"
                     : R"(
    def forward(self, x):
        return self.features_head(self.features(x))
  )";
  module.define(source);
  const std::string manifest = R"({
    "name": "Region classifier", "version": "1.0", "task": "classification",
    "applies_to": {"modalities": ["DX", "CR"], "dimensionality": "image2d"},
    "input": {"channels": 1, "size": [64, 64]},
    "output": {"labels": ["upper left", "lower right"], "activation": "sigmoid",
               "thresholds": [0.5, 0.5]},
    "heatmap": )" + heatmapJson +
                               "}";
  return saveModule(module, folder / (modelCam ? "region-cam.pt" : "region.pt"), manifest);
}

ModelPackage thresholdSegmenter(const fs::path& folder, int patch) {
  const std::string size = patch > 0 ? R"("patch_size": [)" + std::to_string(patch) + ", " +
                                           std::to_string(patch) + ", " + std::to_string(patch) +
                                           R"(], "patch_overlap": 0.5, "spacing_mm": [1, 1, 1],)"
                                     : "";
  return savePackage(folder / ("threshold-" + std::to_string(patch) + ".pt"), R"(
    def forward(self, x):
        return torch.cat([100.0 - x, x - 100.0], 1) * 0.1
  )",
                     R"({
    "name": "Threshold segmenter", "version": "1.0", "task": "segmentation",
    "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
    "input": {"channels": 1, )" +
                         size + R"( "orientation": "LPS"},
    "output": {"labels": ["background", "bright"], "activation": "softmax"}
  })");
}

ModelPackage constantSegmenter(const fs::path& folder, double value, double overlap) {
  return savePackage(folder / "constant.pt",
                     R"(
    def forward(self, x):
        return torch.zeros_like(x) + )" +
                         std::to_string(value) + R"(
  )",
                     R"({
    "name": "Constant", "version": "1.0", "task": "segmentation",
    "applies_to": {"dimensionality": "volume3d"},
    "input": {"channels": 1, "patch_size": [16, 16, 16], "patch_overlap": )" +
                         std::to_string(overlap) + R"(},
    "output": {"labels": ["constant"], "activation": "none"}
  })");
}

ModelPackage brightBlockClassifier(const fs::path& folder) {
  return savePackage(folder / "bright-block.pt", R"(
    def forward(self, x):
        peak = x.amax([1, 2, 3, 4])
        return (peak * 8.0 - 4.0).unsqueeze(1), x
  )",
                     R"({
    "name": "Bright block finder", "version": "2.1", "task": "classification",
    "intended_use": "Tests Lumen: finds regions of 1000 HU or more.",
    "evaluation": "AUC 1.000 on every <bright> block",
    "not_for_clinical_use": true,
    "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
    "input": {"channels": 1, "size": [32, 32, 32],
              "intensity": {"transform": "window", "center": 500, "width": 1000}},
    "output": {"labels": ["bright block"], "activation": "sigmoid", "thresholds": [0.5]},
    "heatmap": {"method": "model_cam"}
  })");
}

}  // namespace lumen::inference::testing
