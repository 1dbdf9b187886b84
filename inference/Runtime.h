#pragma once

#include <string>

namespace lumen::inference {

/// What LibTorch this build runs on and which devices it can use.
struct RuntimeInfo {
  std::string libtorchVersion;  ///< e.g. "1.13.1"
  int cudaDevices = 0;          ///< 0 when CUDA is absent from the build or from the machine
};

/// Asks LibTorch. Safe to call from any thread.
RuntimeInfo runtimeInfo();

/// "LibTorch 1.13.1, CPU" or "LibTorch 2.8.0, CUDA (1 device)": where models will run.
std::string describeRuntime(const RuntimeInfo& info);

}  // namespace lumen::inference
