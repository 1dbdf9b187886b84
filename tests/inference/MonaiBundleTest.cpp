#include "TestModels.h"
#include "inference/MonaiBundle.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <filesystem>
#include <fstream>

#include "inference/Sha256.h"

namespace lumen::inference {
namespace {

namespace fs = std::filesystem;
using Kind = IntensityTransform::Kind;

/// The metadata.json of a bundle like MONAI's spleen_ct_segmentation.
const std::string kSpleenMetadata = R"json({
  "schema": "https://github.com/Project-MONAI/MONAI-extra-test-data/releases/download/0.8.1/meta_schema_20220324.json",
  "version": "0.4.2",
  "monai_version": "1.0.0",
  "name": "Spleen CT segmentation",
  "task": "Decathlon spleen segmentation",
  "description": "A pre-trained model for volumetric (3D) segmentation of the spleen from CT image",
  "authors": "MONAI team",
  "copyright": "Copyright (c) MONAI Consortium",
  "network_data_format": {
    "inputs": {
      "image": {
        "type": "image", "format": "hounsfield", "modality": "CT", "num_channels": 1,
        "spatial_shape": [96, 96, 96], "dtype": "float32", "value_range": [0, 1],
        "is_patch_data": true, "channel_def": {"0": "image"}
      }
    },
    "outputs": {
      "pred": {
        "type": "image", "format": "segmentation", "num_channels": 2,
        "spatial_shape": [96, 96, 96], "dtype": "float32", "value_range": [0, 1],
        "is_patch_data": true, "channel_def": {"0": "background", "1": "spleen"}
      }
    }
  }
})json";

/// The inference.json of that bundle, Python expressions and all, in keys Lumen does not need.
const std::string kSpleenInference = R"json({
  "imports": ["$import glob", "$import os"],
  "bundle_root": ".",
  "output_dir": "$@bundle_root + '/eval'",
  "dataset_dir": "/workspace/data/Task09_Spleen",
  "datalist": "$list(sorted(glob.glob(@dataset_dir + '/imagesTs/*.nii.gz')))",
  "device": "$torch.device('cuda:0' if torch.cuda.is_available() else 'cpu')",
  "network_def": {"_target_": "UNet", "spatial_dims": 3, "in_channels": 1, "out_channels": 2,
                  "channels": [16, 32, 64, 128, 256], "strides": [2, 2, 2, 2],
                  "num_res_units": 2, "norm": "batch"},
  "network": "$@network_def.to(@device)",
  "preprocessing": {
    "_target_": "Compose",
    "transforms": [
      {"_target_": "LoadImaged", "keys": "image"},
      {"_target_": "EnsureChannelFirstd", "keys": "image"},
      {"_target_": "Orientationd", "keys": "image", "axcodes": "RAS"},
      {"_target_": "Spacingd", "keys": "image", "pixdim": [1.5, 1.5, 2.0], "mode": "bilinear"},
      {"_target_": "ScaleIntensityRanged", "keys": "image", "a_min": -57, "a_max": 164,
       "b_min": 0, "b_max": 1, "clip": true},
      {"_target_": "CropForegroundd", "keys": "image", "source_key": "image"},
      {"_target_": "EnsureTyped", "keys": "image", "device": "@device"}
    ]
  },
  "dataset": {"_target_": "Dataset", "data": "$[{'image': i} for i in @datalist]",
              "transform": "@preprocessing"},
  "inferer": {"_target_": "SlidingWindowInferer", "roi_size": [96, 96, 96], "sw_batch_size": 4,
              "overlap": 0.5},
  "postprocessing": {
    "_target_": "Compose",
    "transforms": [
      {"_target_": "Activationsd", "keys": "pred", "softmax": true},
      {"_target_": "Invertd", "keys": "pred", "transform": "@preprocessing", "orig_keys": "image",
       "meta_key_postfix": "meta_dict", "nearest_interp": false, "to_tensor": true},
      {"_target_": "AsDiscreted", "keys": "pred", "argmax": true},
      {"_target_": "SaveImaged", "keys": "pred", "meta_keys": "pred_meta_dict",
       "output_dir": "@output_dir"}
    ]
  },
  "evaluating": ["$setattr(torch.backends.cudnn, 'benchmark', True)", "$@evaluator.run()"]
})json";

/// A small 3D segmentation metadata.json: CT, one input channel, `pred` as given.
std::string metadataWith(const std::string& pred, const std::string& shape = "[64, 64, 64]") {
  return R"({"name": "Small", "version": "1.0", "network_data_format": {
    "inputs": {"image": {"format": "hounsfield", "num_channels": 1, "spatial_shape": )" +
         shape + R"(}},
    "outputs": {"pred": )" +
         pred + "}}}";
}

const std::string kTwoLabels =
    R"({"format": "segmentation", "num_channels": 2, "channel_def": {"0": "background", "1": "liver"}})";

/// An inference.json from its parts (each JSON text), plus `extra` top-level members.
std::string inferenceWith(const std::string& preprocessing, const std::string& postprocessing,
                          const std::string& inferer = R"({"_target_": "SimpleInferer"})",
                          const std::string& extra = "") {
  return "{" + extra + R"("preprocessing": )" + preprocessing + R"(, "postprocessing": )" +
         postprocessing + R"(, "inferer": )" + inferer + "}";
}

const std::string kSoftmaxArgmax =
    R"([{"_target_": "Activationsd", "softmax": true}, {"_target_": "AsDiscreted", "argmax": true}])";

/// Bundles in a folder of their own under the system's temporary folder, removed at the end.
class MonaiBundleTest : public ::testing::Test {
 protected:
  /// Writes bundle `name` (configs/metadata.json, configs/inference.json, models/model.ts, each
  /// left out when its text is empty or, for the model, `withModel` is false); its folder.
  std::string writeBundle(const std::string& name, const std::string& metadata,
                          const std::string& inference, bool withModel = true) {
    const fs::path bundle = folder / name;
    fs::create_directories(bundle / "configs");
    fs::create_directories(bundle / "models");
    if (!metadata.empty()) writeFile(bundle / "configs" / "metadata.json", metadata);
    if (!inference.empty()) writeFile(bundle / "configs" / "inference.json", inference);
    if (withModel) saveModel((bundle / "models" / "model.ts").string());
    return bundle.string();
  }

  /// A TorchScript "segmentation" of two channels: minus the input and the input.
  static void saveModel(const std::string& path) {
    torch::jit::Module module("TwoChannels");
    module.register_parameter("scale", torch::ones({1}), false);
    module.define(R"(
      def forward(self, x):
          return torch.cat([-x, x], dim=1) * self.scale
    )");
    module.save(path);
  }

  static void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  /// The message readMonaiBundle() throws for `bundle`; empty when it reads it.
  static std::string errorOf(const std::string& bundle) {
    try {
      readMonaiBundle(bundle);
    } catch (const ModelPackageError& error) {
      return error.what();
    }
    return {};
  }

  /// The manifest of a small bundle of these metadata and inference texts.
  ModelPackage readSmall(const std::string& inference,
                         const std::string& metadata = metadataWith(kTwoLabels)) {
    return readMonaiBundle(writeBundle("small", metadata, inference));
  }

  /// The message for a small bundle with this inference.json.
  std::string errorOfSmall(const std::string& inference,
                           const std::string& metadata = metadataWith(kTwoLabels)) {
    return errorOf(writeBundle("small", metadata, inference));
  }

  std::string inferencePath() const { return (folder / "small" / kMonaiInferencePath).string(); }

  testing::TemporaryFolder temporary;
  const fs::path& folder = temporary.path();
};

TEST_F(MonaiBundleTest, ASpleenLikeBundleMapsFieldByField) {
  const std::string bundle =
      writeBundle("spleen_ct_segmentation", kSpleenMetadata, kSpleenInference);
  const ModelPackage package = readMonaiBundle(bundle);
  EXPECT_EQ(package.kind, PackageKind::MonaiBundle);
  EXPECT_EQ(package.path, (fs::path(bundle) / "models" / "model.ts").string());
  EXPECT_EQ(package.sha256, sha256OfFile(package.path));

  const ModelManifest& m = package.manifest;
  EXPECT_EQ(m.name, "Spleen CT segmentation");
  EXPECT_EQ(m.version, "0.4.2");
  EXPECT_EQ(m.description,
            "A pre-trained model for volumetric (3D) segmentation of the spleen from CT image");
  EXPECT_EQ(m.intendedUse, m.description);
  EXPECT_EQ(m.license, "Copyright (c) MONAI Consortium");
  EXPECT_TRUE(m.notForClinicalUse);
  EXPECT_EQ(m.task, ModelTask::Segmentation);
  EXPECT_EQ(m.modalities, (std::vector<std::string>{"CT"}));
  EXPECT_TRUE(m.bodyParts.empty());
  EXPECT_EQ(m.dimensionality, ModelDimensionality::Volume3d);
  EXPECT_EQ(m.inputChannels, 1);
  EXPECT_TRUE(m.inputSize.empty());
  EXPECT_EQ(m.patchSize, (std::vector<int>{96, 96, 96}));
  EXPECT_DOUBLE_EQ(m.patchOverlap, 0.5);
  EXPECT_EQ(m.spacingMm, (std::vector<double>{1.5, 1.5, 2.0}));
  EXPECT_EQ(m.orientation, ModelOrientation::Ras);
  EXPECT_EQ(m.intensity.kind, Kind::Window);
  EXPECT_DOUBLE_EQ(m.intensity.center, 53.5);
  EXPECT_DOUBLE_EQ(m.intensity.width, 221.0);
  EXPECT_EQ(m.labels, (std::vector<std::string>{"background", "spleen"}));
  EXPECT_EQ(m.activation, ModelManifest::Activation::Softmax);
  EXPECT_EQ(m.thresholds, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(m.heatmap, HeatmapMethod::None);

  ASSERT_EQ(package.notes.size(), 2u);
  EXPECT_NE(package.notes[0].find("CropForegroundd"), std::string::npos) << package.notes[0];
  EXPECT_NE(package.notes[0].find("whole image"), std::string::npos) << package.notes[0];
  EXPECT_NE(package.notes[1].find("Gaussian"), std::string::npos) << package.notes[1];
}

TEST_F(MonaiBundleTest, ReadModelPackageReadsABundleFolder) {
  const std::string bundle = writeBundle("spleen", kSpleenMetadata, kSpleenInference);
  EXPECT_TRUE(isMonaiBundle(bundle));
  const ModelPackage package = readModelPackage(bundle + "/");
  EXPECT_EQ(package.kind, PackageKind::MonaiBundle);
  EXPECT_EQ(package.manifest.labels, (std::vector<std::string>{"background", "spleen"}));
  EXPECT_EQ(package.sha256, readMonaiBundle(bundle).sha256);

  // A bundle without a name takes its folder's.
  std::string unnamed = kSpleenMetadata;
  const std::string name = R"("name": "Spleen CT segmentation",)";
  unnamed.erase(unnamed.find(name), name.size());
  EXPECT_EQ(readModelPackage(writeBundle("unnamed_bundle", unnamed, kSpleenInference) + "/")
                .manifest.name,
            "unnamed_bundle");

  // Any other folder is not a model.
  fs::create_directories(folder / "empty");
  EXPECT_FALSE(isMonaiBundle((folder / "empty").string()));
  try {
    readModelPackage((folder / "empty").string());
    ADD_FAILURE() << "a folder read as a model";
  } catch (const ModelPackageError& error) {
    EXPECT_EQ(std::string(error.what()),
              (folder / "empty").string() +
                  ": a folder, not a model file (nor a MONAI bundle: no configs/metadata.json)");
  }
}

TEST_F(MonaiBundleTest, ReferencesAndMonaiPrefixesAreResolved) {
  const std::string inference =
      inferenceWith(R"("@preprocessing_transforms")",
                    R"({"_target_": "monai.transforms.Compose", "transforms": "@post"})",
                    R"({"_target_": "monai.inferers.SlidingWindowInferer", "roi_size": "@roi",
          "overlap": 0.25, "mode": "gaussian"})",
                    R"("pixdim": "@spacing", "spacing": [0.8, 0.8, 2.5], "roi": [128, 128, 32],
         "orient": {"_target_": "monai.transforms.Orientationd", "axcodes": "LPS"},
         "post": [{"_target_": "monai.transforms.Activationsd", "sigmoid": true},
                  {"_target_": "monai.transforms.post.dictionary.AsDiscreted",
                   "threshold": "@cut"}],
         "cut": 0.4,
         "preprocessing_transforms": [
           {"_target_": "monai.transforms.LoadImaged", "keys": "image"},
           "@orient",
           {"_target_": "monai.transforms.Spacingd", "keys": "image", "pixdim": "@pixdim"},
           {"_target_": "NormalizeIntensityd", "keys": "image", "channel_wise": true}],)");
  const ModelPackage package = readSmall(inference);
  const ModelManifest& m = package.manifest;
  EXPECT_EQ(m.orientation, ModelOrientation::Lps);
  EXPECT_EQ(m.spacingMm, (std::vector<double>{0.8, 0.8, 2.5}));
  EXPECT_EQ(m.intensity.kind, Kind::ZScore);
  EXPECT_EQ(m.patchSize, (std::vector<int>{128, 128, 32}));
  EXPECT_DOUBLE_EQ(m.patchOverlap, 0.25);
  EXPECT_EQ(m.activation, ModelManifest::Activation::Sigmoid);
  EXPECT_EQ(m.thresholds, (std::vector<double>{0.4, 0.4}));
  EXPECT_TRUE(package.notes.empty()) << package.notes.front();

  // A reference to nothing, and a cycle, are named.
  EXPECT_EQ(errorOfSmall(inferenceWith(R"([{"_target_": "Spacingd", "pixdim": "@nowhere"}])",
                                       kSoftmaxArgmax)),
            inferencePath() +
                ": Spacingd.pixdim refers to @nowhere, which is not a top-level key of this file");
  const std::string cycle =
      errorOfSmall(inferenceWith(R"([{"_target_": "Spacingd", "pixdim": "@a"}])", kSoftmaxArgmax,
                                 R"({"_target_": "SimpleInferer"})", R"("a": "@b", "b": "@a",)"));
  EXPECT_NE(cycle.find("Spacingd.pixdim: references lead on more than"), std::string::npos)
      << cycle;
  const std::string composeCycle =
      errorOfSmall(inferenceWith(R"("@loop")", kSoftmaxArgmax, R"({"_target_": "SimpleInferer"})",
                                 R"("loop": {"_target_": "Compose", "transforms": ["@loop"]},)"));
  EXPECT_NE(composeCycle.find("nests Composes deeper than"), std::string::npos) << composeCycle;
}

TEST_F(MonaiBundleTest, IntensityTransformsMapOrAreRefused) {
  const auto intensityOf = [this](const std::string& transform) {
    return readSmall(inferenceWith("[" + transform + "]", kSoftmaxArgmax)).manifest.intensity;
  };
  const IntensityTransform scaled = intensityOf(
      R"({"_target_": "ScaleIntensityRanged", "a_min": -1000, "a_max": 1000, "b_min": -1,
          "b_max": 1})");
  EXPECT_EQ(scaled.kind, Kind::ScaleOffset);
  EXPECT_DOUBLE_EQ(scaled.scale, 0.001);
  EXPECT_DOUBLE_EQ(scaled.offset, 0.0);

  const IntensityTransform fixed =
      intensityOf(R"({"_target_": "NormalizeIntensityd", "subtrahend": 100, "divisor": 50})");
  EXPECT_EQ(fixed.kind, Kind::ScaleOffset);
  EXPECT_DOUBLE_EQ(fixed.scale, 0.02);
  EXPECT_DOUBLE_EQ(fixed.offset, -2.0);

  EXPECT_EQ(errorOfSmall(inferenceWith(R"([{"_target_": "NormalizeIntensityd", "nonzero": true}])",
                                       kSoftmaxArgmax)),
            inferencePath() +
                ": NormalizeIntensityd.nonzero true is not supported: Lumen normalizes over all "
                "voxels");
  EXPECT_EQ(
      errorOfSmall(inferenceWith(
          R"([{"_target_": "ScaleIntensityRanged", "a_min": 0, "a_max": 400,
                    "b_min": 0, "b_max": 255, "clip": true}])",
          kSoftmaxArgmax)),
      inferencePath() + ": ScaleIntensityRanged clips to [0, 255]; Lumen clips only to [0, 1]");
  EXPECT_EQ(errorOfSmall(inferenceWith(
                R"([{"_target_": "ScaleIntensityRanged", "a_min": 0, "a_max": 1},
                    {"_target_": "NormalizeIntensityd"}])",
                kSoftmaxArgmax)),
            inferencePath() +
                ": NormalizeIntensityd follows ScaleIntensityRanged; Lumen applies one intensity "
                "transform only");
}

TEST_F(MonaiBundleTest, WhatLumenCannotDoIsAnErrorNamingIt) {
  EXPECT_EQ(
      errorOfSmall(inferenceWith("[]", R"({"_target_": "Compose", "transforms": [
                           {"_target_": "Activationsd", "softmax": true},
                           {"_target_": "monai.transforms.KeepLargestConnectedComponentd",
                            "keys": "pred", "applied_labels": [1]}]})")),
      inferencePath() + ": transform KeepLargestConnectedComponentd is not supported by Lumen");
  EXPECT_EQ(
      errorOfSmall(
          inferenceWith(R"([{"_target_": "Activationsd", "softmax": true}])", kSoftmaxArgmax)),
      inferencePath() + ": transform Activationsd is not supported by Lumen in preprocessing");
  EXPECT_EQ(errorOfSmall(inferenceWith("[]", kSoftmaxArgmax, R"({"_target_": "SliceInferer"})")),
            inferencePath() + ": inferer SliceInferer is not supported by Lumen");
  EXPECT_EQ(errorOfSmall(inferenceWith(R"([{"_target_": "Orientationd", "axcodes": "RAI"}])",
                                       kSoftmaxArgmax)),
            inferencePath() + ": Orientationd.axcodes is RAI; Lumen supports RAS and LPS");

  // Python is fine where Lumen does not look, and an error where it must.
  EXPECT_EQ(errorOfSmall(inferenceWith(
                R"([{"_target_": "Spacingd", "keys": "$['image']", "pixdim": "$[1.5] * 3"}])",
                kSoftmaxArgmax)),
            inferencePath() +
                ": Spacingd.pixdim is a Python expression ($[1.5] * 3); Lumen cannot evaluate it");
  EXPECT_EQ(errorOfSmall(inferenceWith(R"("$@pre + @post")", kSoftmaxArgmax)),
            inferencePath() +
                ": preprocessing is a Python expression ($@pre + @post); Lumen cannot evaluate it");
  EXPECT_EQ(errorOfSmall(inferenceWith(
                "[]", R"([{"_target_": "Activationsd", "softmax": "$not @sigmoid"}])")),
            inferencePath() +
                ": Activationsd.softmax is a Python expression ($not @sigmoid); Lumen cannot "
                "evaluate it");
  EXPECT_EQ(errorOfSmall(inferenceWith(R"([{"_target_": "Spacingd", "pixdim": [1.0, 1.0]}])",
                                       kSoftmaxArgmax)),
            inferencePath() +
                ": Spacingd.pixdim has 2 values; the model's input has 3 dimensions "
                "(metadata.json spatial_shape)");
  EXPECT_EQ(errorOfSmall(inferenceWith("[]", "[]", R"({"_target_": "SlidingWindowInferer",
                                                         "roi_size": [96, 96, "big"]})")),
            inferencePath() + ": SlidingWindowInferer.roi_size[2] must be a number");
}

TEST_F(MonaiBundleTest, AClassifierWithoutChannelNamesGetsNumberedLabels) {
  const std::string metadata =
      metadataWith(R"({"format": "probabilities", "num_channels": 3})", R"(["64", "64"])");
  std::string twoD = metadata;
  twoD.replace(twoD.find("hounsfield"), 10, "magnitude");
  const ModelPackage package =
      readSmall(inferenceWith(R"([{"_target_": "ScaleIntensityRanged", "a_min": 0, "a_max": 255,
                         "clip": true}])",
                              R"([{"_target_": "Activationsd", "sigmoid": true},
                        {"_target_": "AsDiscreted", "threshold": 0.3}])"),
                twoD);
  const ModelManifest& m = package.manifest;
  EXPECT_EQ(m.task, ModelTask::Classification);
  EXPECT_EQ(m.dimensionality, ModelDimensionality::Image2d);
  EXPECT_EQ(m.modalities, (std::vector<std::string>{"MR"}));
  EXPECT_EQ(m.labels, (std::vector<std::string>{"label 0", "label 1", "label 2"}));
  EXPECT_EQ(m.thresholds, (std::vector<double>{0.3, 0.3, 0.3}));
  EXPECT_EQ(m.intensity.kind, Kind::Window);
  EXPECT_TRUE(m.patchSize.empty());
  ASSERT_EQ(package.notes.size(), 1u);
  EXPECT_NE(package.notes[0].find("label 0 to label 2"), std::string::npos) << package.notes[0];

  // A segmentation's argmax of raw outputs is the argmax of their softmax.
  const ModelPackage raw =
      readSmall(inferenceWith("[]", R"([{"_target_": "AsDiscreted", "argmax": true}])"));
  EXPECT_EQ(raw.manifest.activation, ModelManifest::Activation::Softmax);
  ASSERT_EQ(raw.notes.size(), 1u);
  EXPECT_NE(raw.notes[0].find("softmax"), std::string::npos) << raw.notes[0];
}

TEST_F(MonaiBundleTest, MissingAndBrokenFilesAreNamed) {
  const fs::path bundle = writeBundle("broken", kSpleenMetadata, kSpleenInference, false);
  EXPECT_EQ(errorOf(bundle.string()),
            (bundle / "models" / "model.ts").string() + ": no such model file");

  writeFile(bundle / "models" / "model.ts", "not a zip archive");
  EXPECT_NE(errorOf(bundle.string()).find("model.ts: not a TorchScript model"), std::string::npos);

  fs::remove(bundle / "configs" / "metadata.json");
  EXPECT_EQ(errorOf(bundle.string()),
            (bundle / "configs" / "metadata.json").string() + ": no such file");

  writeFile(bundle / "configs" / "metadata.json", "{\"name\": ");
  EXPECT_EQ(
      errorOf(bundle.string())
          .rfind((bundle / "configs" / "metadata.json").string() + ": not JSON: line 1, column", 0),
      0u)
      << errorOf(bundle.string());

  writeFile(bundle / "configs" / "metadata.json", kSpleenMetadata);
  writeFile(bundle / "configs" / "inference.json", "{\"preprocessing\": [}");
  EXPECT_EQ(errorOf(bundle.string())
                .rfind((bundle / "configs" / "inference.json").string() + ": not JSON: line 1", 0),
            0u)
      << errorOf(bundle.string());

  fs::remove(bundle / "configs" / "inference.json");
  EXPECT_EQ(errorOf(bundle.string()),
            (bundle / "configs" / "inference.json").string() + ": no such file");

  // Keys missing or of the wrong type are named with their file.
  std::string numbered = kSpleenMetadata;
  numbered.replace(numbered.find("\"0.4.2\""), 7, "42");
  EXPECT_EQ(errorOfSmall(kSpleenInference, numbered),
            (folder / "small" / kMonaiMetadataPath).string() + ": version must be a string");
  EXPECT_EQ(errorOfSmall(inferenceWith("[]", "[]"), metadataWith(R"({"format": "segmentation"})")),
            (folder / "small" / kMonaiMetadataPath).string() +
                ": network_data_format.outputs.pred needs channel_def or num_channels");
  EXPECT_EQ(errorOfSmall(R"({"postprocessing": []})"),
            inferencePath() + ": preprocessing is missing");
}

}  // namespace
}  // namespace lumen::inference
