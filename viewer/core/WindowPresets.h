#pragma once

#include <array>

#include "core/IntensityStatistics.h"

namespace lumen::core {

/// The CT windows radiologists switch between, in HU.
enum class CtWindowPreset { Brain, Subdural, Stroke, Lung, Mediastinum, Abdomen, Liver, Bone };

inline constexpr std::array<CtWindowPreset, 8> kCtWindowPresets{
    CtWindowPreset::Brain, CtWindowPreset::Subdural,    CtWindowPreset::Stroke,
    CtWindowPreset::Lung,  CtWindowPreset::Mediastinum, CtWindowPreset::Abdomen,
    CtWindowPreset::Liver, CtWindowPreset::Bone};

/// Centre and width of a preset, HU (brain 40/80, subdural 75/215, stroke 35/40, lung −600/1500,
/// mediastinum 50/350, abdomen 50/400, liver 60/160, bone 400/1800).
Window ctWindow(CtWindowPreset preset);

}  // namespace lumen::core
