#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumen::inference {

class JsonValue;

/// A manifest that is malformed or inconsistent; the message names the key and what was wrong.
class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a model does.
enum class ModelTask { Classification, Segmentation, Detection };

/// What kind of image the model takes.
enum class ModelDimensionality {
  Image2d,   ///< a single 2D image (a radiograph)
  Volume3d,  ///< a 3D volume, whole or in patches
  Slices2d,  ///< a 2D model applied to each slice of a volume
};

/// Patient coordinate convention of the model's input grid.
enum class ModelOrientation { Lps, Ras };

/// The order of a model's spatial input dimensions.
enum class AxisOrder {
  Zyx,  ///< [N, C, (z,) y, x]: rows and columns as in an image; Lumen's and most 2D models'
  Xyz,  ///< [N, C, x, y(, z)]: the NIfTI array order MONAI networks take
};

/// How stored values (HU for CT) become the model's input values.
struct IntensityTransform {
  enum class Kind { None, Window, ZScore, ScaleOffset };
  Kind kind = Kind::None;
  double center = 0.0;  ///< Window: values center ± width/2 map to [0, 1], clamped
  double width = 1.0;
  double scale = 1.0;  ///< ScaleOffset: value · scale + offset
  double offset = 0.0;
  /// Per channel, after the transform above: (value − mean[c]) / std[c]. Empty: none.
  std::vector<double> channelMean;
  std::vector<double> channelStd;
};

/// How a classification model explains a finding.
enum class HeatmapMethod {
  None,
  GradCam,   ///< gradients of the finding's logit on the feature layer named in heatmapLayer
  Saliency,  ///< input gradients averaged over noisy copies (SmoothGrad); any differentiable model
  ModelCam,  ///< the model returns a class activation map itself, as its second output
};

/// Everything Lumen needs to know to run a model and show its results, as written in the
/// manifest JSON (documented in inference/README.md). Values are validated when parsed.
struct ModelManifest {
  std::string name;
  std::string version;
  std::string description;
  std::string intendedUse;
  bool notForClinicalUse = true;
  std::string license;
  /// How the model did on a test set, in a few lines of plain text, for the model card.
  std::string evaluation;

  ModelTask task = ModelTask::Classification;
  std::vector<std::string> modalities;  ///< DICOM modality codes it applies to; empty: any
  std::vector<std::string> bodyParts;   ///< DICOM BodyPartExamined values; empty: any
  ModelDimensionality dimensionality = ModelDimensionality::Volume3d;

  int inputChannels = 1;
  /// A grey image given to a model of several channels: repeated into each, or into the first
  /// with the others zero.
  bool repeatGreyIntoChannels = true;
  /// Fixed input size (x, y[, z]); the image is resampled to it. Empty when patchSize is used.
  std::vector<int> inputSize;
  /// Sliding-window patch (x, y[, z]) for segmentation of larger images; empty when inputSize.
  std::vector<int> patchSize;
  double patchOverlap = 0.25;     ///< fraction of a patch shared with its neighbour, [0, 1)
  std::vector<double> spacingMm;  ///< target voxel spacing; empty: keep the image's
  ModelOrientation orientation = ModelOrientation::Lps;
  AxisOrder axisOrder = AxisOrder::Zyx;
  IntensityTransform intensity;

  std::vector<std::string> labels;  ///< one per output channel (classes or segment labels)
  enum class Activation { None, Sigmoid, Softmax } activation = Activation::Sigmoid;
  std::vector<double> thresholds;  ///< per label: probability at or above which it is positive

  HeatmapMethod heatmap = HeatmapMethod::None;
  std::string heatmapLayer;         ///< GradCam: the submodule whose output is the feature map
  bool allowHalfPrecision = false;  ///< fp16 on CUDA keeps the model's accuracy
};

/// Reads and validates a manifest. Throws ManifestError naming the key at fault (and
/// JsonError, from parseJson, for text that is not JSON).
ModelManifest parseModelManifest(const std::string& json);
ModelManifest parseModelManifest(const JsonValue& document);

}  // namespace lumen::inference
