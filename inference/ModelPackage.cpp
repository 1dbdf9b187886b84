#include "inference/ModelPackage.h"

#include <torch/script.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "inference/Json.h"
#include "inference/Sha256.h"

namespace lumen::inference {
namespace {

/// LibTorch's messages run over many lines (with a C++ stack); the first one says what failed.
std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string readText(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file && !file.eof()) throw ModelPackageError(path.string() + ": could not be read");
  return text.str();
}

}  // namespace

ModelPackage readModelPackage(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw ModelPackageError(path + ": no such model file");
  }
  ModelPackage package;
  package.path = path;
  torch::jit::ExtraFilesMap extraFiles{{kEmbeddedManifestName, ""}};
  try {
    torch::jit::load(path, torch::kCPU, extraFiles);
  } catch (const std::exception& e) {
    throw ModelPackageError(path + ": not a TorchScript model (" + firstLine(e.what()) + ")");
  }

  std::string manifestText = extraFiles[kEmbeddedManifestName];
  std::string manifestSource = "the embedded " + std::string(kEmbeddedManifestName);
  if (manifestText.empty()) {
    const fs::path sidecar = fs::path(path).replace_extension(".json");
    if (!fs::is_regular_file(sidecar, error)) {
      throw ModelPackageError(path + ": no manifest: neither an embedded " + kEmbeddedManifestName +
                              " nor " + sidecar.string());
    }
    manifestText = readText(sidecar);
    manifestSource = sidecar.string();
    package.kind = PackageKind::Sidecar;
  }
  try {
    package.manifest = parseModelManifest(manifestText);
  } catch (const ManifestError& e) {
    throw ModelPackageError(path + ": " + e.what() + " (in " + manifestSource + ")");
  } catch (const JsonError& e) {
    throw ModelPackageError(path + ": the manifest is not JSON: " + e.what() + " (in " +
                            manifestSource + ")");
  }
  try {
    package.sha256 = sha256OfFile(path);
  } catch (const std::runtime_error& e) {
    throw ModelPackageError(e.what());
  }
  return package;
}

}  // namespace lumen::inference
