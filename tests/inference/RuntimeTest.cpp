#include "inference/Runtime.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace lumen::inference {
namespace {

TEST(Runtime, ReportsTheLinkedLibTorchAndTheDevicesItSees) {
  const RuntimeInfo info = runtimeInfo();
  EXPECT_EQ(info.libtorchVersion, TORCH_VERSION);
  EXPECT_EQ(info.cudaDevices, static_cast<int>(torch::cuda::device_count()));
  const std::string text = describeRuntime(info);
  EXPECT_EQ(text.rfind("LibTorch " + info.libtorchVersion + ", ", 0), 0U) << text;
  EXPECT_NE(text.find(info.cudaDevices > 0 ? "CUDA" : "CPU"), std::string::npos) << text;
}

TEST(Runtime, DescribesCpuAndCudaMachines) {
  EXPECT_EQ(describeRuntime({"1.13.1", 0}), "LibTorch 1.13.1, CPU");
  EXPECT_EQ(describeRuntime({"2.8.0", 1}), "LibTorch 2.8.0, CUDA (1 device)");
  EXPECT_EQ(describeRuntime({"2.8.0", 4}), "LibTorch 2.8.0, CUDA (4 devices)");
}

TEST(Runtime, TheReportedDeviceRunsTensorCode) {
  const torch::Device device = runtimeInfo().cudaDevices > 0 ? torch::kCUDA : torch::kCPU;
  const torch::Tensor a =
      torch::arange(6, torch::TensorOptions().dtype(torch::kFloat32).device(device));
  EXPECT_FLOAT_EQ((a * 2).sum().item<float>(), 30.0F);
}

}  // namespace
}  // namespace lumen::inference
