#pragma once

// Between the viewer's volumes and the inference layer's plain types: no copies on the way in,
// results back as Volumes on the image's grid. Uses only inference/'s torch-free headers.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/ModelResult.h"
#include "core/Volume.h"
#include "inference/Geometry.h"
#include "inference/ImageInput.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"

namespace lumen::app {

inference::Geometry inferenceGeometry(const core::VolumeGeometry& geometry);
core::VolumeGeometry volumeGeometry(const inference::Geometry& geometry);

/// `volume`'s voxels as the inference layer reads them, without a copy: keep `volume` alive
/// while a job uses it. Throws Error(UnsupportedPixelType) for a colour (RGB) volume.
inference::ImageInput imageInputOf(const core::Volume& volume);

/// A float32 volume holding `values` (a heatmap) on `geometry`.
std::shared_ptr<core::Volume> volumeOf(const std::vector<float>& values,
                                       const inference::Geometry& geometry);
/// A uint8 volume holding `labels` (a segmentation's label map) on `geometry`.
std::shared_ptr<core::Volume> volumeOf(const std::vector<std::uint8_t>& labels,
                                       const inference::Geometry& geometry);

/// Fills `result.lesions` from its label map (nothing without one): each connected region of
/// each label, in one pass over the map: not on the GUI thread.
void addLesions(core::ModelResult& result);

/// A result as the viewer shows and the study database caches it: heatmaps as uint8 volumes
/// (0–255 for 0–1, a quarter of the memory of floats), the label map as a uint8 volume, the
/// model card's facts from `manifest`, the lesions of the label map.
core::ModelResult modelResultOf(const inference::InferenceResult& result,
                                const inference::ModelManifest& manifest);

}  // namespace lumen::app
