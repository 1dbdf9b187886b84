#include "inference/Runtime.h"

#include <torch/cuda.h>
#include <torch/version.h>

namespace lumen::inference {

RuntimeInfo runtimeInfo() {
  RuntimeInfo info;
  info.libtorchVersion = TORCH_VERSION;
  info.cudaDevices = static_cast<int>(torch::cuda::device_count());
  return info;
}

std::string describeRuntime(const RuntimeInfo& info) {
  std::string text = "LibTorch " + info.libtorchVersion + ", ";
  if (info.cudaDevices == 0) return text + "CPU";
  return text + "CUDA (" + std::to_string(info.cudaDevices) +
         (info.cudaDevices == 1 ? " device)" : " devices)");
}

}  // namespace lumen::inference
