#pragma once

#include <memory>

#include "render/OverlayColours.h"

class vtkImageSlice;

namespace lumen::render {

class VolumeImage;

/// The AI result layers of one slice view: a heatmap (the inferno map, transparent below the
/// cut-off) and a label map (a fixed colour per label, nearest neighbour so its edges fall on
/// voxel edges), each an image slice of the result's own VolumeImage placed by its gridToWorld
/// matrix. The owner stacks the two slices above its image (layers 1 and 2) and tells them which
/// plane of voxels to show. Checks no geometry: the owner does (see OverlayGeometry.h).
/// GUI thread only.
class SliceOverlayLayers {
 public:
  static constexpr int kHeatmapLayer = 1;
  static constexpr int kLabelLayer = 2;

  SliceOverlayLayers();
  ~SliceOverlayLayers();
  SliceOverlayLayers(const SliceOverlayLayers&) = delete;
  SliceOverlayLayers& operator=(const SliceOverlayLayers&) = delete;

  vtkImageSlice* heatmapSlice() const;
  vtkImageSlice* labelSlice() const;

  /// nullptr removes the layer.
  void setHeatmap(std::shared_ptr<const VolumeImage> heatmap);
  const VolumeImage* heatmap() const { return m_heatmap.get(); }
  void setLabelMap(std::shared_ptr<const VolumeImage> labels);
  const VolumeImage* labelMap() const { return m_labels.get(); }

  void setStyle(const OverlayStyle& style);
  const OverlayStyle& style() const { return m_style; }
  /// Hidden layers are not drawn at all: the frame is the image's alone.
  void setVisible(bool visible);
  bool visible() const { return m_visible; }

  /// Shows voxel plane `sliceNumber` along volume axis `axis` (0 i, 1 j, 2 k).
  void showSlice(int axis, int sliceNumber);

 private:
  void applyStyle();
  void applyVisibility();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::shared_ptr<const VolumeImage> m_heatmap;
  std::shared_ptr<const VolumeImage> m_labels;
  OverlayStyle m_style;
  bool m_visible = true;
};

}  // namespace lumen::render
