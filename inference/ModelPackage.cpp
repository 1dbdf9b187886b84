#include "inference/ModelPackage.h"

#include <torch/script.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "inference/Json.h"
#include "inference/MonaiBundle.h"
#include "inference/RunControl.h"
#include "inference/Sha256.h"

namespace lumen::inference {
namespace {}  // namespace

std::string checkTorchScript(const std::string& path, const std::string& extraName) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw ModelPackageError(path + ": no such model file");
  }
  torch::jit::ExtraFilesMap extraFiles;
  if (!extraName.empty()) extraFiles[extraName] = "";
  try {
    torch::jit::load(path, torch::kCPU, extraFiles);
  } catch (const std::exception& e) {
    throw ModelPackageError(path + ": not a TorchScript model (" + firstLineOf(e.what()) + ")");
  }
  return extraName.empty() ? std::string() : extraFiles[extraName];
}

std::string readPackageText(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw ModelPackageError(path + ": no such file");
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file && !file.eof()) throw ModelPackageError(path + ": could not be read");
  return text.str();
}

std::string modelFileSha256(const std::string& path) {
  try {
    return sha256OfFile(path);
  } catch (const std::runtime_error& e) {
    throw ModelPackageError(e.what());
  }
}

ModelPackage readModelPackage(const std::string& path) {
  namespace fs = std::filesystem;
  if (isMonaiBundle(path)) return readMonaiBundle(path);
  std::error_code error;
  if (fs::is_directory(path, error)) {
    throw ModelPackageError(path + ": a folder, not a model file (nor a MONAI bundle: no " +
                            kMonaiMetadataPath + ")");
  }
  ModelPackage package;
  package.path = path;
  std::string manifestText = checkTorchScript(path, kEmbeddedManifestName);
  std::string manifestSource = "the embedded " + std::string(kEmbeddedManifestName);
  if (manifestText.empty()) {
    const fs::path sidecar = fs::path(path).replace_extension(".json");
    if (!fs::is_regular_file(sidecar, error)) {
      throw ModelPackageError(path + ": no manifest: neither an embedded " + kEmbeddedManifestName +
                              " nor " + sidecar.string());
    }
    manifestText = readPackageText(sidecar.string());
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
  package.sha256 = modelFileSha256(path);
  return package;
}

}  // namespace lumen::inference
