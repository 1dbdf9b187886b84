#include "inference/ModelManifest.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "inference/Json.h"

namespace lumen::inference {
namespace {

[[noreturn]] void fail(const std::string& key, const std::string& problem) {
  throw ManifestError("manifest: " + key + " " + problem);
}

/// One JSON object of the manifest, read member by member; `path` names it in messages
/// ("input.intensity"). Members nobody reads are reported by finish(): a misspelt key is an
/// error, never silently ignored.
class Section {
 public:
  Section(const JsonValue& value, std::string path) : m_path(std::move(path)) {
    if (!value.isObject()) fail(m_path.empty() ? "document" : m_path, "must be an object");
    m_value = &value;
  }

  const JsonValue* optional(const std::string& key) {
    m_read.push_back(key);
    return m_value->find(key);
  }
  const JsonValue& required(const std::string& key) {
    const JsonValue* found = optional(key);
    if (found == nullptr) fail(name(key), "is missing");
    return *found;
  }
  std::string name(const std::string& key) const {
    return m_path.empty() ? key : m_path + "." + key;
  }

  std::string text(const std::string& key, bool needed) {
    const JsonValue* value = needed ? &required(key) : optional(key);
    if (value == nullptr) return {};
    if (!value->isString()) fail(name(key), "must be a string");
    return value->asString();
  }
  double number(const std::string& key, double fallback) {
    const JsonValue* value = optional(key);
    if (value == nullptr) return fallback;
    if (!value->isNumber()) fail(name(key), "must be a number");
    return value->asNumber();
  }
  bool flag(const std::string& key, bool fallback) {
    const JsonValue* value = optional(key);
    if (value == nullptr) return fallback;
    if (!value->isBool()) fail(name(key), "must be true or false");
    return value->asBool();
  }
  std::vector<std::string> texts(const std::string& key) {
    std::vector<std::string> result;
    const JsonValue* value = optional(key);
    if (value == nullptr) return result;
    if (!value->isArray()) fail(name(key), "must be an array of strings");
    for (const JsonValue& item : value->asArray()) {
      if (!item.isString()) fail(name(key), "must be an array of strings");
      result.push_back(item.asString());
    }
    return result;
  }
  std::vector<double> numbers(const std::string& key) {
    std::vector<double> result;
    const JsonValue* value = optional(key);
    if (value == nullptr) return result;
    if (!value->isArray()) fail(name(key), "must be an array of numbers");
    for (const JsonValue& item : value->asArray()) {
      if (!item.isNumber()) fail(name(key), "must be an array of numbers");
      result.push_back(item.asNumber());
    }
    return result;
  }
  /// One of `choices` (a string); its index.
  template <typename Enum>
  Enum choice(const std::string& key, std::initializer_list<std::pair<const char*, Enum>> choices,
              std::optional<Enum> fallback) {
    const JsonValue* value = fallback ? optional(key) : &required(key);
    if (value == nullptr) return *fallback;
    std::string allowed;
    for (const auto& [word, result] : choices) {
      if (value->isString() && value->asString() == word) return result;
      allowed += (allowed.empty() ? "" : ", ") + std::string(word);
    }
    fail(name(key), "must be one of " + allowed);
  }

  void finish() const {
    for (const auto& [key, value] : m_value->asObject()) {
      if (std::find(m_read.begin(), m_read.end(), key) == m_read.end()) {
        fail(name(key), "is not a manifest key");
      }
    }
  }

 private:
  const JsonValue* m_value = nullptr;
  std::string m_path;
  std::vector<std::string> m_read;
};

std::vector<int> extent(Section& section, const std::string& key) {
  std::vector<int> result;
  for (double value : section.numbers(key)) {
    if (value < 1.0 || value != static_cast<int>(value)) {
      fail(section.name(key), "must hold whole numbers of voxels, at least 1");
    }
    result.push_back(static_cast<int>(value));
  }
  return result;
}

void readAppliesTo(Section& top, ModelManifest& m) {
  Section section(top.required("applies_to"), "applies_to");
  m.modalities = section.texts("modalities");
  m.bodyParts = section.texts("body_parts");
  m.dimensionality =
      section.choice<ModelDimensionality>("dimensionality",
                                          {{"image2d", ModelDimensionality::Image2d},
                                           {"volume3d", ModelDimensionality::Volume3d},
                                           {"slices2d", ModelDimensionality::Slices2d}},
                                          std::nullopt);
  section.finish();
}

void readIntensity(Section& input, IntensityTransform& t) {
  const JsonValue* value = input.optional("intensity");
  if (value == nullptr) return;
  Section section(*value, "input.intensity");
  using Kind = IntensityTransform::Kind;
  t.kind = section.choice<Kind>("transform",
                                {{"none", Kind::None},
                                 {"window", Kind::Window},
                                 {"zscore", Kind::ZScore},
                                 {"scale_offset", Kind::ScaleOffset}},
                                std::nullopt);
  if (t.kind == Kind::Window) {
    t.center = section.number("center", 0.0);
    t.width = section.number("width", 0.0);
    if (!(t.width > 0.0)) fail("input.intensity.width", "must be a positive number");
  } else if (t.kind == Kind::ScaleOffset) {
    t.scale = section.number("scale", 1.0);
    t.offset = section.number("offset", 0.0);
  }
  section.finish();
}

void readInput(Section& top, ModelManifest& m) {
  Section section(top.required("input"), "input");
  const double channels = section.number("channels", 0.0);
  if (channels < 1.0 || channels != static_cast<int>(channels)) {
    fail("input.channels", "must be a whole number, at least 1");
  }
  m.inputChannels = static_cast<int>(channels);
  m.repeatGreyIntoChannels =
      section.choice<bool>("grey_to_channels", {{"repeat", true}, {"first", false}}, true);
  m.inputSize = extent(section, "size");
  m.patchSize = extent(section, "patch_size");
  m.patchOverlap = section.number("patch_overlap", 0.25);
  m.spacingMm = section.numbers("spacing_mm");
  m.orientation = section.choice<ModelOrientation>(
      "orientation", {{"LPS", ModelOrientation::Lps}, {"RAS", ModelOrientation::Ras}},
      ModelOrientation::Lps);
  m.axisOrder = section.choice<AxisOrder>(
      "axis_order", {{"zyx", AxisOrder::Zyx}, {"xyz", AxisOrder::Xyz}}, AxisOrder::Zyx);
  readIntensity(section, m.intensity);
  m.intensity.channelMean = section.numbers("channel_mean");
  m.intensity.channelStd = section.numbers("channel_std");
  section.finish();
}

void readOutput(Section& top, ModelManifest& m) {
  Section section(top.required("output"), "output");
  m.labels = section.texts("labels");
  using Activation = ModelManifest::Activation;
  m.activation = section.choice<Activation>("activation",
                                            {{"none", Activation::None},
                                             {"sigmoid", Activation::Sigmoid},
                                             {"softmax", Activation::Softmax}},
                                            std::nullopt);
  m.thresholds = section.numbers("thresholds");
  section.finish();
}

void readHeatmap(Section& top, ModelManifest& m) {
  const JsonValue* value = top.optional("heatmap");
  if (value == nullptr) return;
  Section section(*value, "heatmap");
  m.heatmap = section.choice<HeatmapMethod>("method",
                                            {{"none", HeatmapMethod::None},
                                             {"gradcam", HeatmapMethod::GradCam},
                                             {"saliency", HeatmapMethod::Saliency},
                                             {"model_cam", HeatmapMethod::ModelCam}},
                                            std::nullopt);
  m.heatmapLayer = section.text("layer", m.heatmap == HeatmapMethod::GradCam);
  section.finish();
}

/// What no single key can say: the parts must agree with each other.
void checkConsistency(ModelManifest& m) {
  const std::size_t dims = m.dimensionality == ModelDimensionality::Volume3d ? 3 : 2;
  const std::string dimsText = std::to_string(dims);
  if (!m.inputSize.empty() && !m.patchSize.empty()) {
    fail("input", "may give size (a fixed input) or patch_size (a sliding window), not both");
  }
  if (!m.inputSize.empty() && m.inputSize.size() != dims) {
    fail("input.size", "must have " + dimsText + " values for this dimensionality");
  }
  if (!m.patchSize.empty()) {
    if (m.task != ModelTask::Segmentation) fail("input.patch_size", "is for segmentation models");
    if (m.patchSize.size() != dims) {
      fail("input.patch_size", "must have " + dimsText + " values for this dimensionality");
    }
  }
  if (!(m.patchOverlap >= 0.0 && m.patchOverlap < 1.0)) {
    fail("input.patch_overlap", "must be at least 0 and below 1");
  }
  if (!m.spacingMm.empty()) {
    if (m.spacingMm.size() != dims) {
      fail("input.spacing_mm", "must have " + dimsText + " values for this dimensionality");
    }
    for (double s : m.spacingMm) {
      if (!(s > 0.0)) fail("input.spacing_mm", "must be positive");
    }
  }
  const IntensityTransform& t = m.intensity;
  const auto channels = static_cast<std::size_t>(m.inputChannels);
  if (t.channelMean.size() != t.channelStd.size() ||
      (!t.channelMean.empty() && t.channelMean.size() != channels)) {
    fail("input.channel_mean", "and channel_std must both have one value per input channel");
  }
  for (double s : t.channelStd) {
    if (!(s > 0.0)) fail("input.channel_std", "must be positive");
  }
  if (m.labels.empty()) fail("output.labels", "must name at least one label");
  if (m.activation == ModelManifest::Activation::Softmax && m.labels.size() < 2) {
    fail("output.activation", "softmax needs at least two labels");
  }
  if (m.thresholds.empty()) m.thresholds.assign(m.labels.size(), 0.5);
  if (m.thresholds.size() != m.labels.size()) {
    fail("output.thresholds",
         "must have one value per label (" + std::to_string(m.labels.size()) + ")");
  }
  for (double threshold : m.thresholds) {
    if (!(threshold >= 0.0 && threshold <= 1.0)) fail("output.thresholds", "must lie in [0, 1]");
  }
  if (m.heatmap != HeatmapMethod::None && m.task != ModelTask::Classification) {
    fail("heatmap", "is for classification models");
  }
}

}  // namespace

ModelManifest parseModelManifest(const JsonValue& document) {
  Section top(document, "");
  ModelManifest m;
  m.name = top.text("name", true);
  m.version = top.text("version", true);
  if (m.name.empty()) fail("name", "must not be empty");
  m.description = top.text("description", false);
  m.intendedUse = top.text("intended_use", false);
  m.notForClinicalUse = top.flag("not_for_clinical_use", true);
  m.license = top.text("license", false);
  m.evaluation = top.text("evaluation", false);
  m.task = top.choice<ModelTask>("task",
                                 {{"classification", ModelTask::Classification},
                                  {"segmentation", ModelTask::Segmentation},
                                  {"detection", ModelTask::Detection}},
                                 std::nullopt);
  readAppliesTo(top, m);
  readInput(top, m);
  readOutput(top, m);
  readHeatmap(top, m);
  m.allowHalfPrecision = top.flag("half_precision", false);
  top.finish();
  checkConsistency(m);
  return m;
}

ModelManifest parseModelManifest(const std::string& json) {
  return parseModelManifest(parseJson(json));
}

}  // namespace lumen::inference
