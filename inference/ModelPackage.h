#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "inference/ModelManifest.h"

namespace lumen::inference {

/// A model file Lumen cannot use; the message names the file and what is wrong with it.
class ModelPackageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How a model's manifest travels with it.
enum class PackageKind {
  Embedded,  ///< a Lumen package: manifest.json inside the TorchScript archive
  Sidecar,   ///< a plain TorchScript file with its manifest beside it (model.pt + model.json)
  /// A MONAI bundle folder: models/model.ts, with the manifest mapped from configs/metadata.json
  /// and configs/inference.json (see MonaiBundle.h).
  MonaiBundle,
};

/// A model as installed: where it is, what it is, and its identity. No LibTorch types, so the
/// GUI can hold it.
struct ModelPackage {
  std::string path;  ///< the TorchScript file
  PackageKind kind = PackageKind::Embedded;
  ModelManifest manifest;
  std::string sha256;  ///< of the TorchScript file, 64 hex digits: the model's identity
  /// What Lumen does differently from the package's own pipeline (a MONAI bundle's crop to the
  /// foreground that Lumen skips, say), one sentence each, for the model card. Empty for Lumen
  /// packages, which describe Lumen's pipeline exactly.
  std::vector<std::string> notes;
};

/// The name of the manifest inside a Lumen package's archive.
inline constexpr const char* kEmbeddedManifestName = "manifest.json";

/// Opens the TorchScript file at `path` on the CPU to check that it is one, and reads its
/// manifest: the embedded manifest.json, else the file beside it with the extension .json.
/// A folder holding configs/metadata.json is read as a MONAI bundle (readMonaiBundle()).
/// Throws ModelPackageError for a missing, unreadable, truncated or non-TorchScript file, a
/// missing manifest, or one that is not valid (the manifest's own message is kept).
ModelPackage readModelPackage(const std::string& path);

/// Loads the package's model on the CPU and runs it on zeros of the input its manifest promises
/// (checkModelAgainstManifest()), as a model is checked before it is installed. Throws
/// ModelPackageError naming the model and what did not match.
void verifyModelPackage(const ModelPackage& package);

// Steps every package reader shares (readModelPackage(), readMonaiBundle()).

/// Opens the TorchScript file at `path` on the CPU to check that it is one, and returns its
/// archive's extra file `extraName` ("" when the archive has none or `extraName` is empty).
/// Throws ModelPackageError for a missing, unreadable, truncated or non-TorchScript file.
std::string checkTorchScript(const std::string& path, const std::string& extraName);

/// The whole text of the package file at `path` (a manifest, a config). Throws
/// ModelPackageError naming the file when it is missing or cannot be read.
std::string readPackageText(const std::string& path);

/// sha256OfFile() of a model file; throws ModelPackageError naming the file when it cannot be
/// read.
std::string modelFileSha256(const std::string& path);

}  // namespace lumen::inference
