#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

class vtkImageSlice;

namespace lumen::render {

class VolumeImage;

/// How one label of the label map being drawn looks.
struct AnnotationLabelStyle {
  std::uint8_t value = 1;
  std::array<double, 3> colour{1.0, 0.0, 0.0};  ///< RGB 0…1
  bool visible = true;
  double opacity = 0.5;  ///< of its fill, 0…1
};

/// How the labels being drawn look: each label's style, and whether only their outlines are drawn
/// (the fill then is not, and the image shows through).
struct AnnotationDisplay {
  std::vector<AnnotationLabelStyle> styles;
  bool outlineOnly = false;
  /// The style of label `value`, or null when it has none.
  const AnnotationLabelStyle* styleOf(int value) const;
};

/// The labels a reader draws (a core::LabelMap's voxels), as the top layer of a slice view (layer
/// 3, above the AI results): each label filled in its own colour at its own opacity, hidden labels
/// and labels without a style not drawn, nearest neighbour so edges fall on voxel edges. The
/// layer reads the map's buffer itself: after an edit, labelsChanged() draws it again. Checks
/// no geometry (the owner does). GUI thread only.
class AnnotationLayer {
 public:
  static constexpr int kLayer = 3;

  AnnotationLayer();
  ~AnnotationLayer();
  AnnotationLayer(const AnnotationLayer&) = delete;
  AnnotationLayer& operator=(const AnnotationLayer&) = delete;

  vtkImageSlice* slice() const;

  /// nullptr removes the layer.
  void setLabels(std::shared_ptr<const VolumeImage> labels);
  const VolumeImage* labels() const { return m_labels.get(); }
  /// Replaces the styles; each fill's opacity is clamped to 0…1, and 0 when only outlines are
  /// drawn (the owner draws those).
  void setDisplay(const AnnotationDisplay& display);
  /// The label map's voxels changed: the next frame shows them.
  void labelsChanged();
  /// Shows voxel plane `sliceNumber` along volume axis `axis` (0 i, 1 j, 2 k).
  void showSlice(int axis, int sliceNumber);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::shared_ptr<const VolumeImage> m_labels;
};

}  // namespace lumen::render
