#include "inference/MonaiBundle.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "inference/Json.h"

namespace lumen::inference {
namespace {

namespace fs = std::filesystem;
using Activation = ModelManifest::Activation;

/// How many references may lead one to the next, and Composes nest, before Lumen calls it a
/// cycle.
constexpr int kMaxDepth = 32;

/// A number as people write it (0.5, not 0.500000).
std::string show(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

/// One JSON file of the bundle: its document and its path, which every message starts with.
/// With `references`, a string "@name" stands for the top-level member `name` (inference.json).
class ConfigFile {
 public:
  ConfigFile(const fs::path& path, bool references)
      : m_path(path.string()), m_references(references) {
    try {
      m_root = parseJson(readPackageText(m_path));
    } catch (const JsonError& e) {
      fail(std::string("not JSON: ") + e.what());
    }
    if (!m_root.isObject()) fail("must hold a JSON object");
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw ModelPackageError(m_path + ": " + problem);
  }

  const JsonValue& root() const { return m_root; }

  /// `value` with references followed until a value that is not one; `name` is whose value it
  /// is, for messages.
  const JsonValue& resolve(const JsonValue& value, const std::string& name) const {
    const JsonValue* current = &value;
    for (int depth = 0; m_references && isReference(*current); ++depth) {
      if (depth == kMaxDepth) {
        fail(name + ": references lead on more than " + std::to_string(kMaxDepth) +
             " times (a cycle?)");
      }
      const std::string& reference = current->asString();
      current = m_root.find(reference.substr(1));
      if (current == nullptr) {
        fail(name + " refers to " + reference + ", which is not a top-level key of this file");
      }
    }
    return *current;
  }

 private:
  static bool isReference(const JsonValue& value) {
    return value.isString() && value.asString().size() > 1 && value.asString()[0] == '@';
  }

  std::string m_path;
  bool m_references = false;
  JsonValue m_root;
};

/// A value of a ConfigFile, references followed, under the name messages give it
/// ("Spacingd.pixdim", "network_data_format.inputs.image"). A member that is null counts as
/// absent, as None is MONAI's default for its arguments.
class Item {
 public:
  Item(const ConfigFile& file, const JsonValue& value, std::string name)
      : m_file(&file), m_value(&file.resolve(value, name)), m_name(std::move(name)) {}

  const ConfigFile& file() const { return *m_file; }
  const std::string& name() const { return m_name; }
  const JsonValue& value() const { return *m_value; }
  /// The same value under another name (a transform's, once its _target_ is known).
  Item renamed(std::string name) const { return Item(*m_file, *m_value, std::move(name)); }

  [[noreturn]] void fail(const std::string& problem) const { m_file->fail(m_name + " " + problem); }

  /// The member `key` of this object, or nothing when it is absent or null.
  std::optional<Item> find(const std::string& key) const {
    if (!plain().isObject()) fail("must be an object");
    const JsonValue* member = m_value->find(key);
    if (member == nullptr || member->isNull()) return std::nullopt;
    return Item(*m_file, *member, memberName(key));
  }
  /// The member `key` of this object, which must be there.
  Item at(const std::string& key) const {
    std::optional<Item> member = find(key);
    if (!member) m_file->fail(memberName(key) + " is missing");
    return *member;
  }

  /// The value, refused when it is Python that MONAI would evaluate ("$...") or a macro that
  /// would pull in another file ("%...").
  const JsonValue& plain() const {
    if (m_value->isString() && !m_value->asString().empty()) {
      const std::string& text = m_value->asString();
      if (text[0] == '$') fail("is a Python expression (" + text + "); Lumen cannot evaluate it");
      if (text[0] == '%') fail("is a macro (" + text + "); Lumen cannot expand it");
    }
    return *m_value;
  }
  double number() const {
    if (!plain().isNumber()) fail("must be a number");
    return m_value->asNumber();
  }
  bool flag() const {
    if (!plain().isBool()) fail("must be true or false");
    return m_value->asBool();
  }
  const std::string& text() const {
    if (!plain().isString()) fail("must be a string");
    return m_value->asString();
  }
  /// The elements of an array, named "name[i]".
  std::vector<Item> elements() const {
    if (!plain().isArray()) fail("must be an array");
    std::vector<Item> result;
    for (const JsonValue& element : m_value->asArray()) {
      result.emplace_back(*m_file, element, m_name + "[" + std::to_string(result.size()) + "]");
    }
    return result;
  }
  /// A number or an array of numbers.
  std::vector<double> numbers() const {
    if (plain().isNumber()) return {m_value->asNumber()};
    if (!m_value->isArray()) fail("must be a number or an array of numbers");
    std::vector<double> result;
    for (const Item& element : elements()) result.push_back(element.number());
    return result;
  }
  /// Members in document order.
  std::vector<std::pair<std::string, Item>> members() const {
    if (!plain().isObject()) fail("must be an object");
    std::vector<std::pair<std::string, Item>> result;
    for (const auto& [key, member] : m_value->asObject()) {
      result.emplace_back(key, Item(*m_file, member, memberName(key)));
    }
    return result;
  }

 private:
  std::string memberName(const std::string& key) const {
    return m_name.empty() ? key : m_name + "." + key;
  }

  const ConfigFile* m_file;
  const JsonValue* m_value;
  std::string m_name;
};

double numberOr(const Item& object, const std::string& key, double fallback) {
  const std::optional<Item> member = object.find(key);
  return member ? member->number() : fallback;
}

bool flagOr(const Item& object, const std::string& key, bool fallback) {
  const std::optional<Item> member = object.find(key);
  return member ? member->flag() : fallback;
}

std::string textOr(const Item& object, const std::string& key, const std::string& fallback) {
  const std::optional<Item> member = object.find(key);
  return member ? member->text() : fallback;
}

int wholeNumber(const Item& item, int least) {
  const double value = item.number();
  if (!(value >= least && value <= 1e6 && value == std::floor(value))) {
    item.fail("must be a whole number, at least " + std::to_string(least));
  }
  return static_cast<int>(value);
}

/// The manifest being built, and what the pipeline said that is settled only at the end.
struct Mapping {
  Mapping() { manifest.activation = Activation::None; }  // MONAI's raw outputs, until Activationsd

  ModelManifest manifest;
  std::vector<std::string> notes;
  std::string intensityBy;  ///< the transform that set manifest.intensity; empty: none yet
  bool argmax = false;
  std::optional<double> threshold;

  std::size_t dims() const {
    return manifest.dimensionality == ModelDimensionality::Volume3d ? 3 : 2;
  }
};

// --- configs/metadata.json ----------------------------------------------------------------------

/// The labels of outputs.pred: channel_def {"0": "background", "1": "spleen"} in channel order,
/// else "label 0", "label 1", ... for num_channels.
void readLabels(const Item& pred, Mapping& out) {
  const std::optional<Item> channels = pred.find("num_channels");
  const std::optional<Item> definition = pred.find("channel_def");
  if (!definition) {
    if (!channels) pred.fail("needs channel_def or num_channels");
    const int count = wholeNumber(*channels, 1);
    for (int c = 0; c < count; ++c) out.manifest.labels.push_back("label " + std::to_string(c));
    out.notes.push_back(
        "metadata.json names no output channels (no channel_def): Lumen calls them "
        "label 0 to label " +
        std::to_string(count - 1) + ".");
    return;
  }
  std::map<int, std::string> byIndex;
  for (const auto& [key, name] : definition->members()) {
    const bool digits =
        !key.empty() && key.size() < 6 && key.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) definition->fail("has key \"" + key + "\"; keys must be channel numbers");
    byIndex[std::stoi(key)] = name.text();
  }
  if (byIndex.empty() || byIndex.rbegin()->first != static_cast<int>(byIndex.size()) - 1) {
    definition->fail("must number its channels 0, 1, ... without gaps");
  }
  if (channels && wholeNumber(*channels, 1) != static_cast<int>(byIndex.size())) {
    channels->fail("disagrees with channel_def, which names " + std::to_string(byIndex.size()) +
                   " channels");
  }
  for (auto& entry : byIndex) out.manifest.labels.push_back(std::move(entry.second));
}

void readInputImage(const Item& image, ModelManifest& m) {
  m.inputChannels = wholeNumber(image.at("num_channels"), 1);
  const Item shape = image.at("spatial_shape");
  const std::size_t axes = shape.elements().size();  // entries may be strings such as "16*n"
  if (axes != 2 && axes != 3) shape.fail("must have 2 or 3 values (x, y[, z])");
  m.dimensionality = axes == 2 ? ModelDimensionality::Image2d : ModelDimensionality::Volume3d;
  const std::string format = textOr(image, "format", "");
  if (format == "hounsfield") m.modalities = {"CT"};
  if (format == "magnitude") m.modalities = {"MR"};
}

void readOutputPred(const Item& pred, Mapping& out) {
  const Item format = pred.at("format");
  const std::string& kind = format.text();
  if (kind == "segmentation") {
    out.manifest.task = ModelTask::Segmentation;
  } else if (kind == "probabilities" || kind == "classification" || kind == "labels") {
    out.manifest.task = ModelTask::Classification;
  } else {
    format.fail("is \"" + kind +
                "\"; Lumen reads segmentation, probabilities, classification or labels");
  }
  readLabels(pred, out);
}

void mapMetadata(const ConfigFile& file, const std::string& folderName, Mapping& out) {
  const Item top(file, file.root(), "");
  ModelManifest& m = out.manifest;
  m.name = textOr(top, "name", "");
  if (m.name.empty()) m.name = folderName;
  m.version = top.at("version").text();
  m.description = textOr(top, "description", "");
  const std::optional<Item> intendedUse = top.find("intended_use");
  m.intendedUse = intendedUse ? intendedUse->text() : m.description;
  const std::optional<Item> license = top.find("license");
  m.license = license ? license->text() : textOr(top, "copyright", "");
  m.notForClinicalUse = true;
  m.axisOrder = AxisOrder::Xyz;  // MONAI networks take [N, C, x, y, z]
  const Item formats = top.at("network_data_format");
  readInputImage(formats.at("inputs").at("image"), m);
  readOutputPred(formats.at("outputs").at("pred"), out);
}

// --- configs/inference.json: transforms -------------------------------------------------------

void setIntensity(const Item& transform, const IntensityTransform& intensity, Mapping& out) {
  if (!out.intensityBy.empty()) {
    transform.fail("follows " + out.intensityBy + "; Lumen applies one intensity transform only");
  }
  out.intensityBy = transform.name();
  out.manifest.intensity = intensity;
}

void readOrientation(const Item& t, Mapping& out) {
  const Item axcodes = t.at("axcodes");
  if (axcodes.text() == "RAS") {
    out.manifest.orientation = ModelOrientation::Ras;
  } else if (axcodes.text() == "LPS") {
    out.manifest.orientation = ModelOrientation::Lps;
  } else {
    axcodes.fail("is " + axcodes.text() + "; Lumen supports RAS and LPS");
  }
}

void readSpacing(const Item& t, Mapping& out) {
  const Item pixdim = t.at("pixdim");
  std::vector<double> spacing = pixdim.numbers();
  if (pixdim.value().isNumber()) spacing.assign(out.dims(), spacing.front());
  if (spacing.size() != out.dims()) {
    pixdim.fail("has " + std::to_string(spacing.size()) + " values; the model's input has " +
                std::to_string(out.dims()) + " dimensions (metadata.json spatial_shape)");
  }
  for (double mm : spacing) {
    if (!(mm > 0.0)) pixdim.fail("must be positive (Lumen resamples every axis)");
  }
  out.manifest.spacingMm = spacing;
}

void readScaleIntensityRange(const Item& t, Mapping& out) {
  const double aMin = t.at("a_min").number();
  const double aMax = t.at("a_max").number();
  const double bMin = numberOr(t, "b_min", 0.0);
  const double bMax = numberOr(t, "b_max", 1.0);
  const bool clip = flagOr(t, "clip", false);
  if (clip ? !(aMax > aMin) : aMax == aMin) t.fail("needs a_max above a_min");
  IntensityTransform intensity;
  if (!clip) {
    intensity.kind = IntensityTransform::Kind::ScaleOffset;
    intensity.scale = (bMax - bMin) / (aMax - aMin);
    intensity.offset = bMin - aMin * intensity.scale;
  } else if (bMin == 0.0 && bMax == 1.0) {
    intensity.kind = IntensityTransform::Kind::Window;
    intensity.center = (aMin + aMax) / 2.0;
    intensity.width = aMax - aMin;
  } else {
    t.fail("clips to [" + show(bMin) + ", " + show(bMax) + "]; Lumen clips only to [0, 1]");
  }
  setIntensity(t, intensity, out);
}

void readNormalizeIntensity(const Item& t, Mapping& out) {
  if (flagOr(t, "nonzero", false)) {
    t.at("nonzero").fail("true is not supported: Lumen normalizes over all voxels");
  }
  const std::optional<Item> subtrahend = t.find("subtrahend");
  const std::optional<Item> divisor = t.find("divisor");
  IntensityTransform intensity;
  if (!subtrahend && !divisor) {
    intensity.kind = IntensityTransform::Kind::ZScore;
  } else if (subtrahend && divisor) {
    const double by = divisor->number();
    if (by == 0.0) divisor->fail("must not be 0");
    intensity.kind = IntensityTransform::Kind::ScaleOffset;
    intensity.scale = 1.0 / by;
    intensity.offset = -subtrahend->number() / by;
  } else {
    t.fail(
        "needs both subtrahend and divisor or neither (Lumen cannot mix a fixed value with "
        "the image's own mean or deviation)");
  }
  setIntensity(t, intensity, out);
}

void noteCropForeground(const Item&, Mapping& out) {
  out.notes.push_back(
      "CropForegroundd: the bundle crops the image to its foreground first; Lumen runs the model "
      "on the whole image.");
}

void readActivations(const Item& t, Mapping& out) {
  if (t.find("other")) t.at("other").fail("is not supported: Lumen applies softmax or sigmoid");
  const bool softmax = flagOr(t, "softmax", false);
  const bool sigmoid = flagOr(t, "sigmoid", false);
  if (softmax && sigmoid) t.fail("asks for both softmax and sigmoid");
  out.manifest.activation =
      softmax ? Activation::Softmax : (sigmoid ? Activation::Sigmoid : Activation::None);
}

void readDiscrete(const Item& t, Mapping& out) {
  out.argmax = out.argmax || flagOr(t, "argmax", false);
  if (const std::optional<Item> threshold = t.find("threshold")) {
    out.threshold = threshold->number();
    if (!(*out.threshold >= 0.0 && *out.threshold <= 1.0)) threshold->fail("must lie in [0, 1]");
  }
}

/// Transforms that change nothing Lumen does: loading, channel and type handling, saving, and
/// Invertd (Lumen always maps results back onto the input's grid).
void passThrough(const Item&, Mapping&) {}

enum Stages : unsigned { kPre = 1, kPost = 2, kEither = kPre | kPost };

struct TransformRule {
  const char* name;
  unsigned stages;
  void (*read)(const Item& transform, Mapping& out);
};

constexpr TransformRule kTransforms[] = {
    {"LoadImaged", kPre, passThrough},
    {"EnsureChannelFirstd", kPre, passThrough},
    {"AddChanneld", kPre, passThrough},
    {"EnsureTyped", kEither, passThrough},
    {"ToTensord", kEither, passThrough},
    {"CastToTyped", kEither, passThrough},
    {"ToDeviced", kEither, passThrough},
    {"SaveImaged", kPost, passThrough},
    {"Invertd", kPost, passThrough},
    {"Orientationd", kPre, readOrientation},
    {"Spacingd", kPre, readSpacing},
    {"ScaleIntensityRanged", kPre, readScaleIntensityRange},
    {"NormalizeIntensityd", kPre, readNormalizeIntensity},
    {"CropForegroundd", kPre, noteCropForeground},
    {"Activationsd", kPost, readActivations},
    {"AsDiscreted", kPost, readDiscrete},
};

/// "monai.transforms.Spacingd" → "Spacingd".
std::string targetName(const Item& component) {
  const std::string& target = component.at("_target_").text();
  return target.substr(target.rfind('.') + 1);
}

/// Maps a pipeline: a Compose of transforms, a list of them, or one, in `stage`
/// (kPre: preprocessing, kPost: postprocessing).
void mapTransforms(const Item& pipeline, unsigned stage, Mapping& out, int depth) {
  if (depth > kMaxDepth) pipeline.fail("nests Composes deeper than " + std::to_string(kMaxDepth));
  if (pipeline.plain().isArray()) {
    for (const Item& element : pipeline.elements()) mapTransforms(element, stage, out, depth + 1);
    return;
  }
  if (!pipeline.value().isObject()) pipeline.fail("must be a transform, a list or a Compose");
  if (flagOr(pipeline, "_disabled_", false)) return;
  const std::string name = targetName(pipeline);
  if (name == "Compose") {
    mapTransforms(pipeline.at("transforms"), stage, out, depth + 1);
    return;
  }
  for (const TransformRule& rule : kTransforms) {
    if (name != rule.name) continue;
    if ((rule.stages & stage) == 0) {
      pipeline.file().fail("transform " + name + " is not supported by Lumen in " +
                           (stage == kPre ? "preprocessing" : "postprocessing"));
    }
    rule.read(pipeline.renamed(name), out);
    return;
  }
  pipeline.file().fail("transform " + name + " is not supported by Lumen");
}

// --- configs/inference.json: inferer and the whole ----------------------------------------------

void readSlidingWindow(const Item& t, Mapping& out) {
  ModelManifest& m = out.manifest;
  if (m.task != ModelTask::Segmentation) t.fail("is for segmentation models in Lumen");
  const Item roi = t.at("roi_size");
  std::vector<int> patch;
  for (const Item& side : roi.value().isArray() ? roi.elements() : std::vector<Item>{roi}) {
    patch.push_back(wholeNumber(side, 1));
  }
  if (!roi.value().isArray()) patch.assign(out.dims(), patch.front());
  if (patch.size() != out.dims()) {
    roi.fail("has " + std::to_string(patch.size()) + " values; the model's input has " +
             std::to_string(out.dims()) + " dimensions (metadata.json spatial_shape)");
  }
  m.patchSize = patch;
  m.patchOverlap = numberOr(t, "overlap", 0.25);
  if (!(m.patchOverlap >= 0.0 && m.patchOverlap < 1.0)) {
    t.at("overlap").fail("must be at least 0 and below 1");
  }
  const std::string mode = textOr(t, "mode", "constant");  // MONAI's default
  if (mode == "constant") {
    out.notes.push_back(
        "SlidingWindowInferer: the bundle averages overlapping patches evenly "
        "(mode constant); Lumen weights them with a Gaussian.");
  } else if (mode != "gaussian") {
    t.at("mode").fail("is " + mode + "; Lumen supports gaussian and constant");
  }
}

void mapInferer(const Item& top, Mapping& out) {
  const std::optional<Item> inferer = top.find("inferer");
  if (!inferer) return;  // the model on the whole image, as with SimpleInferer
  const std::string name = targetName(*inferer);
  if (name == "SlidingWindowInferer") {
    readSlidingWindow(inferer->renamed(name), out);
  } else if (name != "SimpleInferer") {
    top.file().fail("inferer " + name + " is not supported by Lumen");
  }
}

/// What only the whole pipeline settles: the activation argmax implies, and thresholds.
void settle(const ConfigFile& file, Mapping& out) {
  ModelManifest& m = out.manifest;
  if (out.argmax && m.activation == Activation::None) {
    m.activation = Activation::Softmax;
    out.notes.push_back(
        "AsDiscreted takes the argmax of the model's raw outputs; Lumen applies "
        "softmax first, which picks the same labels.");
  } else if (out.argmax && m.activation == Activation::Sigmoid &&
             m.task == ModelTask::Segmentation) {
    out.notes.push_back(
        "AsDiscreted takes the argmax after sigmoid; Lumen labels a voxel with "
        "the most probable channel at or above its threshold, else none.");
  }
  if (m.activation == Activation::Softmax && m.labels.size() < 2) {
    file.fail("softmax needs at least two output channels; metadata.json gives " +
              std::to_string(m.labels.size()));
  }
  m.thresholds.assign(m.labels.size(), out.threshold.value_or(0.5));
}

void mapInference(const ConfigFile& file, Mapping& out) {
  const Item top(file, file.root(), "");
  mapTransforms(top.at("preprocessing"), kPre, out, 0);
  mapTransforms(top.at("postprocessing"), kPost, out, 0);
  mapInferer(top, out);
  settle(file, out);
}

/// The bundle folder's own name ("spleen_ct_segmentation"), also when given with a trailing /.
std::string folderName(const fs::path& folder) {
  fs::path normal = folder.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  return normal.filename().string();
}

}  // namespace

bool isMonaiBundle(const std::string& path) {
  std::error_code error;
  return fs::is_directory(path, error) &&
         fs::is_regular_file(fs::path(path) / kMonaiMetadataPath, error);
}

ModelPackage readMonaiBundle(const std::string& bundleDirectory) {
  const fs::path folder(bundleDirectory);
  Mapping out;
  mapMetadata(ConfigFile(folder / kMonaiMetadataPath, false), folderName(folder), out);
  mapInference(ConfigFile(folder / kMonaiInferencePath, true), out);

  ModelPackage package;
  package.path = (folder / kMonaiModelPath).string();
  package.kind = PackageKind::MonaiBundle;
  checkTorchScript(package.path, "");
  package.sha256 = modelFileSha256(package.path);
  package.manifest = std::move(out.manifest);
  package.notes = std::move(out.notes);
  return package;
}

}  // namespace lumen::inference
