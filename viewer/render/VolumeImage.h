#pragma once

#include <memory>

#include "core/Volume.h"

class vtkImageData;
class vtkMatrix4x4;

namespace lumen::render {

/// A Volume as VTK sees it: a vtkImageData over the volume's own buffer (no copy; VTK never
/// frees or writes it) in grid coordinates (index × spacing, identity direction, zero origin),
/// plus the matrix that places that grid in the patient (LPS). Every view renders from the one
/// VolumeImage of a volume. GUI thread only.
class VolumeImage {
 public:
  explicit VolumeImage(std::shared_ptr<const core::Volume> volume);
  ~VolumeImage();
  VolumeImage(const VolumeImage&) = delete;
  VolumeImage& operator=(const VolumeImage&) = delete;

  const core::Volume& volume() const { return *m_volume; }
  vtkImageData* imageData() const;
  /// Grid coordinates → LPS mm: [direction | origin]. Set as the user matrix of every prop.
  vtkMatrix4x4* gridToWorld() const;

 private:
  struct Impl;
  std::shared_ptr<const core::Volume> m_volume;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lumen::render
