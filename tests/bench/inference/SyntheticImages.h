#pragma once

// Seeded synthetic inputs for bench_inference, written as raw files so that Lumen and the Python
// peer read the same bytes. Standard headers only.

#include <cstdint>
#include <string>

#include "inference/ImageInput.h"

namespace lumen::bench {

/// A raw voxel file on disk and how to read it: voxels i fastest, then j, then k, little-endian.
struct RawImage {
  std::string path;
  inference::VoxelType type = inference::VoxelType::Int16;
  inference::Geometry geometry;  ///< identity direction, origin 0
  const char* pythonType = "";   ///< numpy's name for `type` ("uint16", "int16")
};

/// A chest-radiograph-like 2048×2048 image of 12-bit values (0…4095) stored as uint16: a dark
/// collimation border, a bright body, darker lungs, a bright spine and noise; 0.14 mm pixels.
/// Written into `folder` once (the file is kept and reused when it has the right size).
RawImage writeRadiograph(const std::string& folder);

/// A CT-like 512×512×300 int16 volume in HU on 0.7×0.7×1.0 mm voxels: air, a body cylinder of
/// soft tissue with noise, two lungs, a spine and a few organ-like and bright spheres (150 MB).
/// Written into `folder` once, like writeRadiograph().
RawImage writeCt(const std::string& folder);

}  // namespace lumen::bench
