#include "core/WindowPresets.h"

namespace lumen::core {

Window ctWindow(CtWindowPreset preset) {
  switch (preset) {
    case CtWindowPreset::Brain:
      return {40.0, 80.0};
    case CtWindowPreset::Subdural:
      return {75.0, 215.0};
    case CtWindowPreset::Stroke:
      return {35.0, 40.0};
    case CtWindowPreset::Lung:
      return {-600.0, 1500.0};
    case CtWindowPreset::Mediastinum:
      return {50.0, 350.0};
    case CtWindowPreset::Abdomen:
      return {50.0, 400.0};
    case CtWindowPreset::Liver:
      return {60.0, 160.0};
    case CtWindowPreset::Bone:
      break;
  }
  return {400.0, 1800.0};
}

}  // namespace lumen::core
