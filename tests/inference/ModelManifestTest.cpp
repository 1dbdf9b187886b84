#include "inference/ModelManifest.h"

#include <gtest/gtest.h>

#include <string>

#include "inference/Json.h"

namespace lumen::inference {
namespace {

const std::string kClassifier = R"({
  "name": "Chest radiograph findings",
  "version": "1.2.0",
  "description": "Six findings on PA chest radiographs.",
  "intended_use": "Research and demonstration on synthetic images.",
  "not_for_clinical_use": true,
  "license": "MIT",
  "evaluation": "AUC 0.97 on 500 test cases\nlocalisation 0.85",
  "task": "classification",
  "applies_to": {"modalities": ["DX", "CR"], "body_parts": ["CHEST"], "dimensionality": "image2d"},
  "input": {
    "channels": 3, "grey_to_channels": "repeat", "size": [224, 224], "orientation": "LPS",
    "intensity": {"transform": "window", "center": 2048, "width": 4096},
    "channel_mean": [0.485, 0.456, 0.406], "channel_std": [0.229, 0.224, 0.225]
  },
  "output": {"labels": ["nodule", "effusion"], "activation": "sigmoid", "thresholds": [0.4, 0.6]},
  "heatmap": {"method": "gradcam", "layer": "features"},
  "half_precision": true
})";

const std::string kSegmenter = R"({
  "name": "Nodules", "version": "0.1", "task": "segmentation",
  "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
  "input": {"channels": 1, "patch_size": [96, 96, 64], "patch_overlap": 0.5,
            "spacing_mm": [1.0, 1.0, 1.5], "orientation": "RAS", "axis_order": "xyz",
            "intensity": {"transform": "scale_offset", "scale": 0.001, "offset": 1.0}},
  "output": {"labels": ["background", "nodule"], "activation": "softmax"}
})";

/// kClassifier with `from` replaced by `to` (which must occur once).
std::string edited(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

/// The message of the ManifestError that parsing `json` throws ("" when it does not throw).
std::string errorOf(const std::string& json) {
  try {
    parseModelManifest(json);
  } catch (const ManifestError& error) {
    return error.what();
  }
  return {};
}

TEST(ModelManifest, ReadsEveryFieldOfAClassifier) {
  const ModelManifest m = parseModelManifest(kClassifier);
  EXPECT_EQ(m.name, "Chest radiograph findings");
  EXPECT_EQ(m.version, "1.2.0");
  EXPECT_EQ(m.intendedUse, "Research and demonstration on synthetic images.");
  EXPECT_TRUE(m.notForClinicalUse);
  EXPECT_EQ(m.license, "MIT");
  EXPECT_EQ(m.evaluation, "AUC 0.97 on 500 test cases\nlocalisation 0.85");
  EXPECT_EQ(m.task, ModelTask::Classification);
  EXPECT_EQ(m.modalities, (std::vector<std::string>{"DX", "CR"}));
  EXPECT_EQ(m.bodyParts, (std::vector<std::string>{"CHEST"}));
  EXPECT_EQ(m.dimensionality, ModelDimensionality::Image2d);
  EXPECT_EQ(m.inputChannels, 3);
  EXPECT_TRUE(m.repeatGreyIntoChannels);
  EXPECT_EQ(m.inputSize, (std::vector<int>{224, 224}));
  EXPECT_TRUE(m.patchSize.empty());
  EXPECT_EQ(m.intensity.kind, IntensityTransform::Kind::Window);
  EXPECT_DOUBLE_EQ(m.intensity.center, 2048.0);
  EXPECT_DOUBLE_EQ(m.intensity.width, 4096.0);
  EXPECT_EQ(m.intensity.channelStd.size(), 3u);
  EXPECT_EQ(m.labels, (std::vector<std::string>{"nodule", "effusion"}));
  EXPECT_EQ(m.activation, ModelManifest::Activation::Sigmoid);
  EXPECT_EQ(m.thresholds, (std::vector<double>{0.4, 0.6}));
  EXPECT_EQ(m.heatmap, HeatmapMethod::GradCam);
  EXPECT_EQ(m.heatmapLayer, "features");
  EXPECT_TRUE(m.allowHalfPrecision);
}

TEST(ModelManifest, ReadsASlidingWindowSegmenterWithDefaults) {
  const ModelManifest m = parseModelManifest(kSegmenter);
  EXPECT_EQ(m.task, ModelTask::Segmentation);
  EXPECT_EQ(m.patchSize, (std::vector<int>{96, 96, 64}));
  EXPECT_DOUBLE_EQ(m.patchOverlap, 0.5);
  EXPECT_EQ(m.spacingMm, (std::vector<double>{1.0, 1.0, 1.5}));
  EXPECT_EQ(m.orientation, ModelOrientation::Ras);
  EXPECT_EQ(m.axisOrder, AxisOrder::Xyz);
  EXPECT_EQ(m.intensity.kind, IntensityTransform::Kind::ScaleOffset);
  EXPECT_DOUBLE_EQ(m.intensity.scale, 0.001);
  EXPECT_EQ(m.activation, ModelManifest::Activation::Softmax);
  EXPECT_EQ(m.thresholds, (std::vector<double>{0.5, 0.5}));  // default operating point
  EXPECT_TRUE(m.notForClinicalUse);                          // unless it says otherwise
  EXPECT_TRUE(m.bodyParts.empty());
  EXPECT_EQ(m.heatmap, HeatmapMethod::None);
}

TEST(ModelManifest, NamesTheKeyOfEveryMistake) {
  EXPECT_EQ(errorOf(edited(kClassifier, R"("name": "Chest radiograph findings",)", "")),
            "manifest: name is missing");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("task": "classification")", R"("task": "triage")")),
            "manifest: task must be one of classification, segmentation, detection");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("license": "MIT",)", R"("licence": "MIT",)")),
            "manifest: licence is not a manifest key");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("channels": 3)", R"("channels": 2.5)")),
            "manifest: input.channels must be a whole number, at least 1");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("size": [224, 224])", R"("size": [224, 224, 3])")),
            "manifest: input.size must have 2 values for this dimensionality");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("size": [224, 224])", R"("size": [224, -1])")),
            "manifest: input.size must hold whole numbers of voxels, at least 1");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("thresholds": [0.4, 0.6])", R"("thresholds": [0.4])")),
            "manifest: output.thresholds must have one value per label (2)");
  EXPECT_EQ(
      errorOf(edited(kClassifier, R"("thresholds": [0.4, 0.6])", R"("thresholds": [0.4, 1.6])")),
      "manifest: output.thresholds must lie in [0, 1]");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("width": 4096)", R"("width": 0)")),
            "manifest: input.intensity.width must be a positive number");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("channel_std": [0.229, 0.224, 0.225])",
                           R"("channel_std": [0.229, 0.224])")),
            "manifest: input.channel_mean and channel_std must both have one value per input "
            "channel");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("method": "gradcam", "layer": "features")",
                           R"("method": "gradcam")")),
            "manifest: heatmap.layer is missing");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("half_precision": true)", R"("half_precision": 1)")),
            "manifest: half_precision must be true or false");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("modalities": ["DX", "CR"])", R"("modalities": "DX")")),
            "manifest: applies_to.modalities must be an array of strings");
  EXPECT_EQ(errorOf("[1, 2]"), "manifest: document must be an object");
}

TEST(ModelManifest, RefusesPartsThatDisagree) {
  EXPECT_EQ(errorOf(edited(kClassifier, R"("size": [224, 224],)",
                           R"("size": [224, 224], "patch_size": [64, 64],)")),
            "manifest: input may give size (a fixed input) or patch_size (a sliding window), "
            "not both");
  EXPECT_EQ(errorOf(edited(kClassifier, R"("size": [224, 224],)", R"("patch_size": [64, 64],)")),
            "manifest: input.patch_size is for segmentation models");
  EXPECT_EQ(errorOf(edited(kSegmenter, R"("patch_overlap": 0.5)", R"("patch_overlap": 1.0)")),
            "manifest: input.patch_overlap must be at least 0 and below 1");
  EXPECT_EQ(errorOf(edited(kSegmenter, R"("spacing_mm": [1.0, 1.0, 1.5])",
                           R"("spacing_mm": [1.0, 0.0, 1.5])")),
            "manifest: input.spacing_mm must be positive");
  EXPECT_EQ(errorOf(edited(kSegmenter, R"("labels": ["background", "nodule"])",
                           R"("labels": ["nodule"])")),
            "manifest: output.activation softmax needs at least two labels");
  EXPECT_EQ(errorOf(edited(kSegmenter, R"("activation": "softmax")",
                           R"("activation": "softmax"}, "heatmap": {"method": "saliency")")),
            "manifest: heatmap is for classification models");
}

TEST(ModelManifest, TextThatIsNotJsonIsAJsonError) {
  EXPECT_THROW(parseModelManifest(std::string("{\"name\": ")), JsonError);
}

}  // namespace
}  // namespace lumen::inference
