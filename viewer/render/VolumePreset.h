#pragma once

#include <array>

#include "core/IntensityStatistics.h"

class vtkColorTransferFunction;
class vtkPiecewiseFunction;

namespace lumen::render {

/// The 3D view's looks. The CT presets map Hounsfield units; MrDefault and Mip follow the
/// volume's own intensity statistics, so they suit any modality.
enum class VolumePreset {
  CtBone,        ///< bone opaque and ivory, everything else transparent
  CtSoftTissue,  ///< skin and fat translucent yellow, muscle red, bone ivory
  CtLung,        ///< aerated lung and the airways, the body around them faint
  CtAngio,       ///< contrast-filled vessels red to white, bone faint
  MrDefault,     ///< grey ramp over the bright half of the intensities
  Mip,           ///< maximum intensity projection over the default window
};

/// Every preset, in the order a user picks from.
inline constexpr std::array<VolumePreset, 6> kVolumePresets{
    VolumePreset::CtBone,  VolumePreset::CtSoftTissue, VolumePreset::CtLung,
    VolumePreset::CtAngio, VolumePreset::MrDefault,    VolumePreset::Mip};

/// How a preset renders besides its transfer functions.
struct VolumePresetRendering {
  bool maximumIntensity = false;  ///< true: MIP (brightest value along each ray), else compositing
  bool shading = true;            ///< whether gradient shading (lighting) suits the preset
};

/// The blend mode and shading `preset` asks for.
VolumePresetRendering volumePresetRendering(VolumePreset preset);

/// Replaces the points of `color` and `opacity` with those of `preset`. Opacity is per mm of ray
/// (VTK's scalar opacity unit distance of 1). CT presets are in HU; MrDefault and Mip use
/// `statistics` (quantiles, default window). Returns volumePresetRendering(preset).
VolumePresetRendering applyVolumePreset(VolumePreset preset,
                                        const core::IntensityStatistics& statistics,
                                        vtkColorTransferFunction* color,
                                        vtkPiecewiseFunction* opacity);

}  // namespace lumen::render
