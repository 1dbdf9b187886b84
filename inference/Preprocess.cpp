#include "inference/Preprocess.h"

#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumen::inference {

namespace {

/// The LibTorch type whose bytes match `type` (unsigned 16/32-bit are read as their signed
/// twins, which LibTorch 1.13 lacks, and reinterpreted afterwards).
at::ScalarType blobType(VoxelType type) {
  switch (type) {
    case VoxelType::UInt8:
      return at::kByte;
    case VoxelType::Int8:
      return at::kChar;
    case VoxelType::UInt16:
    case VoxelType::Int16:
      return at::kShort;
    case VoxelType::UInt32:
    case VoxelType::Int32:
      return at::kInt;
    case VoxelType::Float32:
      return at::kFloat;
    case VoxelType::Float64:
      return at::kDouble;
  }
  throw std::invalid_argument("toTensor: unknown voxel type");
}

}  // namespace

at::Tensor toTensor(const ImageInput& image) {
  if (image.voxels == nullptr) {
    throw std::invalid_argument("toTensor: the image has no voxels (null pointer)");
  }
  for (std::int64_t n : image.geometry.size) {
    if (n <= 0) {
      throw std::invalid_argument("toTensor: size " + std::to_string(image.geometry.size[0]) + "×" +
                                  std::to_string(image.geometry.size[1]) + "×" +
                                  std::to_string(image.geometry.size[2]) +
                                  " has a non-positive extent");
    }
  }
  // from_blob takes a non-const pointer; the blob is only read, and copied before returning.
  void* data = const_cast<void*>(image.voxels);
  const std::vector<std::int64_t> shape{image.geometry.size[2], image.geometry.size[1],
                                        image.geometry.size[0]};
  const at::Tensor blob =
      torch::from_blob(data, shape, torch::TensorOptions().dtype(blobType(image.type)));
  switch (image.type) {
    case VoxelType::UInt16:
      // Widened first, so the copy is already independent of the blob.
      return blob.to(at::kInt).bitwise_and_(static_cast<std::int64_t>(0xFFFF)).to(at::kFloat);
    case VoxelType::UInt32:
      return blob.to(at::kLong).bitwise_and_(static_cast<std::int64_t>(0xFFFFFFFF)).to(at::kFloat);
    default:
      // copy = true: a float32 blob would otherwise come back as the blob itself.
      return blob.to(at::kFloat, /*non_blocking=*/false, /*copy=*/true);
  }
}

at::Tensor applyIntensity(const at::Tensor& values, const IntensityTransform& transform) {
  using Kind = IntensityTransform::Kind;
  if (transform.kind == Kind::None) {
    return values;
  }
  const at::Tensor v = values.is_floating_point() ? values : values.to(at::kFloat);
  switch (transform.kind) {
    case Kind::Window: {
      if (!(transform.width > 0.0)) {
        throw std::invalid_argument("applyIntensity: window width " +
                                    std::to_string(transform.width) + " is not positive");
      }
      const double low = transform.center - transform.width / 2.0;
      return ((v - low) / transform.width).clamp(0.0, 1.0);
    }
    case Kind::ZScore: {
      const at::Tensor mean = v.mean();
      const at::Tensor centred = v - mean;
      const at::Tensor stddev = (centred * centred).mean().sqrt();
      return centred / at::where(stddev > 0, stddev, at::ones_like(stddev));
    }
    case Kind::ScaleOffset:
      return v * transform.scale + transform.offset;
    case Kind::None:
      break;
  }
  return values;
}

at::Tensor fillChannels(const at::Tensor& grey, int channels, bool repeat,
                        const IntensityTransform& transform) {
  if (channels < 1) {
    throw std::invalid_argument("fillChannels: " + std::to_string(channels) + " channels");
  }
  const auto count = static_cast<std::size_t>(channels);
  if (transform.channelMean.size() != transform.channelStd.size() ||
      (!transform.channelMean.empty() && transform.channelMean.size() != count)) {
    throw std::invalid_argument("fillChannels: " + std::to_string(transform.channelMean.size()) +
                                " channel means and " +
                                std::to_string(transform.channelStd.size()) + " channel stds for " +
                                std::to_string(channels) + " channels");
  }
  const at::Tensor one = grey.unsqueeze(0);
  std::vector<std::int64_t> shape = one.sizes().vec();
  shape[0] = channels;
  at::Tensor filled;
  if (repeat) {
    filled = one.expand(shape).contiguous();
  } else {
    filled = at::zeros(shape, grey.options());
    filled.narrow(0, 0, 1).copy_(one);
  }
  if (transform.channelMean.empty()) {
    return filled;
  }
  std::vector<std::int64_t> perChannel(shape.size(), 1);
  perChannel[0] = channels;
  const auto options = torch::TensorOptions().dtype(at::kDouble);
  const at::Tensor mean = torch::tensor(transform.channelMean, options)
                              .to(grey.device(), grey.scalar_type())
                              .view(perChannel);
  const at::Tensor stddev = torch::tensor(transform.channelStd, options)
                                .to(grey.device(), grey.scalar_type())
                                .view(perChannel);
  return (filled - mean) / stddev;
}

}  // namespace lumen::inference
