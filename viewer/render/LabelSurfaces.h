#pragma once

#include <memory>

#include "render/AnnotationLayer.h"

class vtkActor;

namespace lumen::render {

class VolumeImage;

/// The 3D view's picture of the labels being drawn: the surface of each visible label (discrete
/// flying edges, one contour value per label), each in its label's colour, opaque, placed in the
/// patient by the map's gridToWorld matrix. Like HeatmapSurface it runs on the GUI thread and
/// subsamples a large map first (HeatmapSurface::subsamplingStep), so that contouring stays in
/// the tens of ms: a label thinner than the step may be missed in 3D. The owner calls
/// labelsChanged() after edits, no more often than it can afford. GUI thread only.
class LabelSurfaces {
 public:
  LabelSurfaces();
  ~LabelSurfaces();
  LabelSurfaces(const LabelSurfaces&) = delete;
  LabelSurfaces& operator=(const LabelSurfaces&) = delete;

  /// The surfaces' actor; invisible without labels.
  vtkActor* actor() const;
  /// Contours `labels` (uint8, a core::LabelMap's voxels) now; nullptr removes the surfaces.
  void setLabels(std::shared_ptr<const VolumeImage> labels);
  const VolumeImage* labels() const { return m_labels.get(); }
  /// Colours and visibility per label: contours again when the visible labels change.
  void setDisplay(const AnnotationDisplay& display);
  /// The map's voxels changed: contours again.
  void labelsChanged();
  /// Triangles shown (0 without labels).
  long triangleCount() const;

 private:
  void contour();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::shared_ptr<const VolumeImage> m_labels;
  AnnotationDisplay m_display;
};

}  // namespace lumen::render
