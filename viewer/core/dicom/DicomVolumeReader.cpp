#include "core/dicom/DicomVolumeReader.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "core/Error.h"
#include "core/ParallelFor.h"
#include "core/SystemMemory.h"
#include "core/dicom/DicomFrameDecoder.h"
#include "core/dicom/DicomPixels.h"

namespace lumen::core {
namespace {

/// Slice order: the middle one first, then alternately above and below it.
std::vector<std::size_t> middleFirst(std::size_t count) {
  std::vector<std::size_t> order;
  order.reserve(count);
  const std::size_t middle = count / 2;
  order.push_back(middle);
  for (std::size_t d = 1; order.size() < count; ++d) {
    if (middle + d < count) order.push_back(middle + d);
    if (d <= middle) order.push_back(middle - d);
  }
  return order;
}

}  // namespace

namespace {

struct Pass {
  std::shared_ptr<Volume> volume;
  bool clamped = false;  // a value did not fit the pixel type
  std::vector<std::pair<std::size_t, DicomRejection>> failures;
};

/// Decodes every slice into a new volume of `type`.
Pass decodeAll(const DicomVolumePlan& plan, const std::vector<DicomInstance>& instances,
               PixelType type, const ProgressCallback& progress, const CancelToken* cancel,
               const FirstSliceCallback& firstSlice) {
  const Size3& size = plan.geometry.size;
  const std::uint64_t bytes = static_cast<std::uint64_t>(size[0]) * size[1] * size[2] *
                              static_cast<std::uint64_t>(plan.components) * bytesPerVoxel(type);
  requireAvailableMemory(bytes, std::to_string(size[0]) + "×" + std::to_string(size[1]) + "×" +
                                    std::to_string(size[2]) + " " + pixelTypeName(type) +
                                    " voxels");
  Pass pass;
  pass.volume = std::make_shared<Volume>(type, plan.geometry, plan.components);
  Volume& volume = *pass.volume;
  const std::size_t sliceBytes =
      size[0] * size[1] * static_cast<std::size_t>(plan.components) * bytesPerVoxel(type);
  const std::vector<std::size_t> order = middleFirst(plan.slices.size());
  const unsigned threads = workerThreads();
  std::vector<std::unique_ptr<DicomFrameDecoder>> decoders(threads);
  std::vector<RawFrame> frames(threads);
  std::mutex reporting;
  std::size_t done = 0;
  parallelFor(order.size(), threads, [&](std::size_t n, unsigned worker) {
    if (cancel && cancel->isCancelled()) return;
    const std::size_t k = order[n];
    const DicomSlice& slice = plan.slices[k];
    const DicomInstance& instance = instances[slice.instance];
    auto* destination = static_cast<std::byte*>(volume.data()) + k * sliceBytes;
    bool fits = true;
    try {
      std::unique_ptr<DicomFrameDecoder>& decoder = decoders[worker];
      if (!decoder || &decoder->instance() != &instance) {
        decoder = std::make_unique<DicomFrameDecoder>(instance);
      }
      // Samples as wide as the voxels are read into place and converted there.
      RawFrame& raw = frames[worker];
      const bool inPlace =
          instance.bitsAllocated / 8 == static_cast<int>(bytesPerVoxel(type)) &&
          decoder->decodeInto(slice.frame, reinterpret_cast<std::uint8_t*>(destination), raw);
      if (!inPlace) decoder->decode(slice.frame, raw);
      fits = convertFrame(frames[worker], instance, instance.plane(slice.frame), type, destination);
    } catch (const std::exception& e) {
      std::memset(destination, 0, sliceBytes);
      const std::lock_guard<std::mutex> lock(reporting);
      pass.failures.push_back({k, {instance.path, e.what()}});
    }
    if (n == 0 && firstSlice && fits) firstSlice(volume, k);
    const std::lock_guard<std::mutex> lock(reporting);
    pass.clamped = pass.clamped || !fits;
    ++done;
    if (progress) progress(static_cast<double>(done) / static_cast<double>(order.size()));
  });
  if (cancel && cancel->isCancelled()) throw Error(ErrorCode::Cancelled, "loading cancelled");
  return pass;
}

}  // namespace

DicomVolumeRead readDicomVolume(const DicomVolumePlan& plan,
                                const std::vector<DicomInstance>& instances,
                                const ProgressCallback& progress, const CancelToken* cancel,
                                const FirstSliceCallback& firstSlice) {
  Pass pass = decodeAll(plan, instances, plan.pixelType, progress, cancel, firstSlice);
  if (pass.clamped && plan.exactType != plan.pixelType) {
    pass = {};  // free the first buffer before allocating the wider one
    pass = decodeAll(plan, instances, plan.exactType, progress, cancel, {});
  }
  if (pass.failures.size() == plan.slices.size()) {
    throw Error(ErrorCode::ReadFailed, pass.failures.front().second.reason);
  }
  DicomVolumeRead result;
  result.volume = std::move(pass.volume);
  result.source = plan.source;
  std::sort(pass.failures.begin(), pass.failures.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [k, rejection] : pass.failures) {
    result.source.warnings.push_back("slice " + std::to_string(k + 1) +
                                     " could not be decoded and is blank");
    result.rejected.push_back(std::move(rejection));
  }
  return result;
}

}  // namespace lumen::core
