#pragma once

#include <stdexcept>
#include <string>

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
};

/// A model as installed: where it is, what it is, and its identity. No LibTorch types, so the
/// GUI can hold it.
struct ModelPackage {
  std::string path;  ///< the TorchScript file
  PackageKind kind = PackageKind::Embedded;
  ModelManifest manifest;
  std::string sha256;  ///< of the TorchScript file, 64 hex digits: the model's identity
};

/// The name of the manifest inside a Lumen package's archive.
inline constexpr const char* kEmbeddedManifestName = "manifest.json";

/// Opens the TorchScript file at `path` on the CPU to check that it is one, and reads its
/// manifest: the embedded manifest.json, else the file beside it with the extension .json.
/// Throws ModelPackageError for a missing, unreadable, truncated or non-TorchScript file, a
/// missing manifest, or one that is not valid (the manifest's own message is kept).
ModelPackage readModelPackage(const std::string& path);

}  // namespace lumen::inference
