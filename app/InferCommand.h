#pragma once

#include <string>
#include <vector>

namespace lumen::app {

/// What `lumen infer` asks for.
struct InferRequest {
  std::vector<std::string> paths;
  std::string model;  ///< a model package, plain TorchScript with sidecar, or MONAI bundle
  std::string device = "auto";
  bool json = false;
  std::string heatmapDirectory;  ///< "" writes no files
};

/// What `lumen infer` printed and how it ends.
struct InferReport {
  std::string text;   ///< JSON (see the README) or lines for a person
  std::string error;  ///< why nothing could run (the model or the device is unusable), or ""
  int exitCode = 0;   ///< 0; 1 when the model is unusable, no volume ran, or a job failed
};

/// `lumen infer PATH... --model M`: runs the model on the inference worker (headless, on the
/// requested device) over every volume under the paths that it applies to, and reports per
/// volume the findings (label, probability, positive), segments (label, volume in ml), the
/// NIfTI files written (heatmaps and label maps, when a directory is given), notes, the device
/// and per-stage timings; volumes it does not apply to are listed with the reason.
InferReport runInference(const InferRequest& request);

}  // namespace lumen::app
