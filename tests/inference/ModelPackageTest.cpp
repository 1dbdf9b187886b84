#include "TestModels.h"
#include "inference/ModelPackage.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <filesystem>
#include <fstream>

#include "inference/Sha256.h"

namespace lumen::inference {
namespace {

namespace fs = std::filesystem;

const std::string kManifest = R"({
  "name": "Mean intensity", "version": "1.0", "task": "classification",
  "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
  "input": {"channels": 1, "size": [8, 8, 8]},
  "output": {"labels": ["bright"], "activation": "sigmoid"}
})";

/// A folder of its own under the system's temporary folder, removed at the end.
class ModelPackageTest : public ::testing::Test {
 protected:
  /// A TorchScript classifier (its logit: the mean of the input), saved with `extraFiles`.
  std::string saveModel(const std::string& name, const torch::jit::ExtraFilesMap& extraFiles) {
    torch::jit::Module module("MeanIntensity");
    module.register_parameter("scale", torch::ones({1}), false);
    module.define(R"(
      def forward(self, x):
          return x.mean(dim=[2, 3, 4]) * self.scale
    )");
    const std::string path = (folder / name).string();
    module.save(path, extraFiles);
    return path;
  }

  void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  std::string errorOf(const std::string& path) {
    try {
      readModelPackage(path);
    } catch (const ModelPackageError& error) {
      return error.what();
    }
    return {};
  }

  testing::TemporaryFolder temporary;
  const fs::path& folder = temporary.path();
};

TEST_F(ModelPackageTest, ALumenPackageCarriesItsManifestAndIsKnownByItsChecksum) {
  const std::string path = saveModel("mean.pt", {{kEmbeddedManifestName, kManifest}});
  const ModelPackage package = readModelPackage(path);
  EXPECT_EQ(package.kind, PackageKind::Embedded);
  EXPECT_EQ(package.manifest.name, "Mean intensity");
  EXPECT_EQ(package.manifest.labels, (std::vector<std::string>{"bright"}));
  EXPECT_EQ(package.sha256, sha256OfFile(path));
  EXPECT_EQ(package.sha256.size(), 64u);

  // Another model (other weights) is another identity, whatever its manifest says.
  torch::jit::Module other("MeanIntensity");
  other.register_parameter("scale", 2 * torch::ones({1}), false);
  other.define("def forward(self, x):\n    return x.mean(dim=[2, 3, 4]) * self.scale\n");
  const std::string otherPath = (folder / "other.pt").string();
  other.save(otherPath, {{kEmbeddedManifestName, kManifest}});
  EXPECT_NE(readModelPackage(otherPath).sha256, package.sha256);
}

TEST_F(ModelPackageTest, APlainTorchScriptFileTakesTheManifestBesideIt) {
  const std::string path = saveModel("model.pt", {});
  writeFile(folder / "model.json", kManifest);
  const ModelPackage package = readModelPackage(path);
  EXPECT_EQ(package.kind, PackageKind::Sidecar);
  EXPECT_EQ(package.manifest.version, "1.0");
}

TEST_F(ModelPackageTest, BadFilesAreRefusedWithTheirReason) {
  EXPECT_EQ(errorOf((folder / "absent.pt").string()),
            (folder / "absent.pt").string() + ": no such model file");

  writeFile(folder / "notes.pt", "these are not the weights you are looking for");
  EXPECT_NE(errorOf((folder / "notes.pt").string()).find("not a TorchScript model"),
            std::string::npos);

  const std::string whole = saveModel("whole.pt", {{kEmbeddedManifestName, kManifest}});
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  writeFile(folder / "cut.pt", bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(errorOf((folder / "cut.pt").string()).find("not a TorchScript model"),
            std::string::npos);

  const std::string bare = saveModel("bare.pt", {});
  EXPECT_EQ(errorOf(bare), bare + ": no manifest: neither an embedded manifest.json nor " +
                               (folder / "bare.json").string());
}

TEST_F(ModelPackageTest, ABrokenManifestIsRefusedWithItsOwnMessage) {
  const std::string notJson = saveModel("a.pt", {{kEmbeddedManifestName, "{\"name\": "}});
  EXPECT_NE(errorOf(notJson).find("the manifest is not JSON: line 1"), std::string::npos)
      << errorOf(notJson);

  std::string wrong = kManifest;
  wrong.replace(wrong.find("\"sigmoid\""), 9, "\"softmax\"");
  const std::string inconsistent = saveModel("b.pt", {{kEmbeddedManifestName, wrong}});
  EXPECT_EQ(errorOf(inconsistent),
            inconsistent +
                ": manifest: output.activation softmax needs at least two labels (in the "
                "embedded manifest.json)");

  const std::string sidecar = saveModel("c.pt", {});
  writeFile(folder / "c.json", "[]");
  EXPECT_EQ(errorOf(sidecar), sidecar + ": manifest: document must be an object (in " +
                                  (folder / "c.json").string() + ")");
}

}  // namespace
}  // namespace lumen::inference
