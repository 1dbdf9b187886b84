#include "InferenceBridge.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "core/Error.h"
#include "inference/Lesions.h"

namespace lumen::app {
namespace {

inference::VoxelType voxelType(core::PixelType type) {
  switch (type) {
    case core::PixelType::UInt8:
      return inference::VoxelType::UInt8;
    case core::PixelType::Int8:
      return inference::VoxelType::Int8;
    case core::PixelType::UInt16:
      return inference::VoxelType::UInt16;
    case core::PixelType::Int16:
      return inference::VoxelType::Int16;
    case core::PixelType::UInt32:
      return inference::VoxelType::UInt32;
    case core::PixelType::Int32:
      return inference::VoxelType::Int32;
    case core::PixelType::Float32:
      return inference::VoxelType::Float32;
    case core::PixelType::Float64:
      return inference::VoxelType::Float64;
  }
  throw Error(ErrorCode::UnsupportedPixelType, "unknown pixel type");
}

template <typename T>
std::shared_ptr<core::Volume> filled(core::PixelType type, const std::vector<T>& values,
                                     const inference::Geometry& geometry) {
  auto volume = std::make_shared<core::Volume>(type, volumeGeometry(geometry));
  if (values.size() != volume->voxelCount()) {
    throw Error(ErrorCode::InvalidArgument, std::to_string(values.size()) +
                                                " values do not fill a volume of " +
                                                std::to_string(volume->voxelCount()) + " voxels");
  }
  std::memcpy(volume->data(), values.data(), values.size() * sizeof(T));
  return volume;
}

}  // namespace

inference::Geometry inferenceGeometry(const core::VolumeGeometry& g) {
  inference::Geometry out;
  for (std::size_t a = 0; a < 3; ++a) {
    out.size[a] = static_cast<std::int64_t>(g.size[a]);
    out.spacing[a] = g.spacing[a];
    out.origin[a] = g.origin[a];
    for (std::size_t c = 0; c < 3; ++c) out.direction[a][c] = g.direction[a][c];
  }
  return out;
}

core::VolumeGeometry volumeGeometry(const inference::Geometry& g) {
  core::VolumeGeometry out;
  for (std::size_t a = 0; a < 3; ++a) {
    out.size[a] = static_cast<std::size_t>(g.size[a]);
    out.spacing[a] = g.spacing[a];
    out.origin[a] = g.origin[a];
    for (std::size_t c = 0; c < 3; ++c) out.direction[a][c] = g.direction[a][c];
  }
  return out;
}

inference::ImageInput imageInputOf(const core::Volume& volume) {
  if (volume.components() != 1) {
    throw Error(ErrorCode::UnsupportedPixelType,
                "models read grey images; this volume is colour (RGB)");
  }
  inference::ImageInput input;
  input.voxels = volume.data();
  input.type = voxelType(volume.pixelType());
  input.geometry = inferenceGeometry(volume.geometry());
  return input;
}

std::shared_ptr<core::Volume> volumeOf(const std::vector<float>& values,
                                       const inference::Geometry& geometry) {
  return filled(core::PixelType::Float32, values, geometry);
}

std::shared_ptr<core::Volume> volumeOf(const std::vector<std::uint8_t>& labels,
                                       const inference::Geometry& geometry) {
  return filled(core::PixelType::UInt8, labels, geometry);
}

void addLesions(core::ModelResult& result) {
  result.lesions.clear();
  for (const core::ResultVolume& volume : result.volumes) {
    if (volume.kind != core::ResultVolume::Kind::LabelMap || !volume.volume) continue;
    for (const inference::Lesion& l :
         inference::findLesions(static_cast<const std::uint8_t*>(volume.volume->data()),
                                inferenceGeometry(volume.volume->geometry()))) {
      result.lesions.push_back({l.value,
                                l.volumeMm3,
                                l.longestDiameterMm,
                                {l.centreLps[0], l.centreLps[1], l.centreLps[2]}});
    }
  }
}

core::ModelResult modelResultOf(const inference::InferenceResult& result,
                                const inference::ModelManifest& manifest) {
  core::ModelResult out;
  out.modelSha256 = result.modelSha256;
  out.modelName = result.modelName;
  out.modelVersion = result.modelVersion;
  out.intendedUse = manifest.intendedUse;
  out.notForClinicalUse = manifest.notForClinicalUse;
  out.task = manifest.task == inference::ModelTask::Segmentation
                 ? core::ModelResult::Task::Segmentation
                 : core::ModelResult::Task::Classification;
  out.device = result.device;
  for (const inference::Finding& f : result.findings)
    out.findings.push_back({f.label, f.probability, f.threshold, f.positive});
  for (const inference::Segment& s : result.segments)
    out.segments.push_back({s.label, s.value, s.voxels, s.volumeMl});
  for (const inference::Heatmap& heatmap : result.heatmaps) {
    auto volume =
        std::make_shared<core::Volume>(core::PixelType::UInt8, volumeGeometry(result.geometry));
    if (heatmap.values.size() != volume->voxelCount()) {
      throw Error(ErrorCode::InvalidArgument,
                  "the heatmap of " + heatmap.label + " does not fill the image");
    }
    auto* bytes = static_cast<std::uint8_t*>(volume->data());
    std::transform(heatmap.values.begin(), heatmap.values.end(), bytes, [](float v) {
      const float inRange = v > 0.0f ? std::min(v, 1.0f) : 0.0f;  // NaN: 0
      return static_cast<std::uint8_t>(std::lround(inRange * 255.0f));
    });
    out.volumes.push_back({core::ResultVolume::Kind::Heatmap, heatmap.label, std::move(volume)});
  }
  if (!result.labelMap.empty()) {
    out.volumes.push_back({core::ResultVolume::Kind::LabelMap, std::string(),
                           volumeOf(result.labelMap, result.geometry)});
  }
  for (const inference::StageTiming& t : result.timings)
    out.timings.push_back({t.stage, t.milliseconds});
  out.notes = result.notes;
  addLesions(out);
  return out;
}

}  // namespace lumen::app
