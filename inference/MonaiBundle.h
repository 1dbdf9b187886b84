#pragma once

#include <string>

#include "inference/ModelPackage.h"

namespace lumen::inference {

/// Where a MONAI bundle keeps its metadata, relative to the bundle folder.
inline constexpr const char* kMonaiMetadataPath = "configs/metadata.json";
/// Where a MONAI bundle keeps its inference pipeline, relative to the bundle folder.
inline constexpr const char* kMonaiInferencePath = "configs/inference.json";
/// Where a MONAI bundle keeps its TorchScript model, relative to the bundle folder.
inline constexpr const char* kMonaiModelPath = "models/model.ts";

/// Whether `path` is a folder holding configs/metadata.json, i.e. one to read as a MONAI bundle.
bool isMonaiBundle(const std::string& path);

/// Reads the MONAI bundle in `bundleDirectory` as a ModelPackage of kind MonaiBundle: path and
/// sha256 are those of models/model.ts (opened on the CPU to check that it is TorchScript); the
/// manifest is mapped from configs/metadata.json (name, version, texts, input channels and
/// dimensionality, modality, task and labels) and configs/inference.json (orientation, spacing,
/// intensity, sliding window, activation, threshold), as inference/README.md lists; `notes` says
/// where Lumen's run differs from the bundle's own (it runs on the whole image, say). A bundle
/// is never for clinical use here. Throws ModelPackageError naming the file and key for a
/// missing file, JSON that does not parse, a value of the wrong type, a Python expression
/// ("$...") where Lumen needs the value, and any transform or inferer Lumen does not support.
ModelPackage readMonaiBundle(const std::string& bundleDirectory);

}  // namespace lumen::inference
