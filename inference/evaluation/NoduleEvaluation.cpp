#include "inference/evaluation/NoduleEvaluation.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "inference/Lesions.h"
#include "inference/ModelRunner.h"
#include "inference/Pipeline.h"
#include "inference/phantoms/ChestCtPhantom.h"

namespace lumen::inference::evaluation {
namespace {

/// Each nodule is judged in a box this much wider than it on every side.
constexpr double kMarginMm = 5.0;
constexpr double kBandEdgesMm[] = {4.0, 6.0, 10.0, 20.0, 30.0 + 1e-9};

struct NoduleOutcome {
  double diameterMm = 0.0;
  double dice = 0.0;
  /// The volume of the largest lesion touching it (0: none), so it counts as found at every
  /// minimum volume up to this one.
  double touchedByMm3 = 0.0;
};

struct Box {
  std::array<std::int64_t, 3> first, last;  // inclusive, clipped to the grid
};

Box boxAround(const phantoms::Nodule& nodule, const Geometry& g) {
  const std::array<double, 3> centre = lpsToVoxel(g, nodule.centreLps);
  Box box{};
  for (int a = 0; a < 3; ++a) {
    const double reach = (nodule.diameterMm / 2.0 + kMarginMm) / g.spacing[a];
    box.first[a] = std::max<std::int64_t>(0, std::llround(std::floor(centre[a] - reach)));
    box.last[a] = std::min<std::int64_t>(g.size[a] - 1, std::llround(std::ceil(centre[a] + reach)));
  }
  return box;
}

/// The region of the nodule mask (an index into `truthOf`'s regions) that holds `nodule`: the
/// one at its centre, else the nearest in its box; -1 when none is there.
int truthRegion(const phantoms::Nodule& nodule, const Geometry& g, const Box& box,
                const std::vector<int>& truthOf) {
  const std::array<double, 3> centre = lpsToVoxel(g, nodule.centreLps);
  int best = -1;
  double nearest = std::numeric_limits<double>::max();
  for (std::int64_t k = box.first[2]; k <= box.last[2]; ++k) {
    for (std::int64_t j = box.first[1]; j <= box.last[1]; ++j) {
      for (std::int64_t i = box.first[0]; i <= box.last[0]; ++i) {
        const int region = truthOf[static_cast<std::size_t>((k * g.size[1] + j) * g.size[0] + i)];
        if (region < 0) continue;
        const double d = std::pow((i - centre[0]) * g.spacing[0], 2) +
                         std::pow((j - centre[1]) * g.spacing[1], 2) +
                         std::pow((k - centre[2]) * g.spacing[2], 2);
        if (d < nearest) {
          nearest = d;
          best = region;
        }
      }
    }
  }
  return best;
}

int noduleValue(const InferenceResult& result, const ModelPackage& model) {
  for (const Segment& segment : result.segments) {
    if (segment.label == "nodule") return segment.value;
  }
  throw std::invalid_argument("model " + model.manifest.name + " has no segment labelled nodule");
}

DetectionPoint detectionAt(double minimumMm3, const std::vector<NoduleOutcome>& nodules,
                           const std::vector<double>& falseLesionsMm3, int cases) {
  DetectionPoint point;
  point.minimumVolumeMm3 = minimumMm3;
  const auto found = std::count_if(nodules.begin(), nodules.end(), [&](const NoduleOutcome& n) {
    return n.touchedByMm3 > 0.0 && n.touchedByMm3 >= minimumMm3;
  });
  const auto falses = std::count_if(falseLesionsMm3.begin(), falseLesionsMm3.end(),
                                    [&](double v) { return v >= minimumMm3; });
  point.sensitivity = nodules.empty() ? 0.0 : double(found) / double(nodules.size());
  point.falsePositivesPerScan = double(falses) / double(std::max(cases, 1));
  return point;
}

}  // namespace

NoduleEvaluation evaluateNoduleSegmenter(const ModelPackage& model, int cases,
                                         const std::function<void(int)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (model.manifest.task != ModelTask::Segmentation ||
      model.manifest.dimensionality != ModelDimensionality::Volume3d) {
    throw std::invalid_argument("model " + model.manifest.name + " (" + model.path +
                                ") is not a segmenter of 3D volumes");
  }
  const std::unique_ptr<ModelRunner> runner = loadTorchScript(model, c10::Device(c10::kCPU), false);
  checkModelAgainstManifest(*runner, model.manifest);

  NoduleEvaluation out;
  out.modelName = model.manifest.name;
  out.modelVersion = model.manifest.version;
  out.modelSha256 = model.sha256;
  out.cases = cases;
  std::vector<NoduleOutcome> nodules;
  std::vector<double> falseLesionsMm3;
  phantoms::ChestCtOptions options;
  options.minNodules = 1;
  for (int n = 0; n < cases; ++n) {
    const phantoms::ChestCt ct =
        phantoms::makeChestCt(kNoduleTestFirstCase + static_cast<std::uint64_t>(n), options);
    ImageInput image;
    image.voxels = ct.hu.data();
    image.type = VoxelType::Int16;
    image.geometry = ct.geometry;
    const InferenceResult result = runModel(*runner, model, image, RunOptions{}, JobControl{});
    const int value = noduleValue(result, model);
    std::vector<int> lesionOf;
    const std::vector<Lesion> lesions = findLesions(result.labelMap, ct.geometry, value, &lesionOf);
    std::vector<bool> touchesTruth(lesions.size(), false);
    for (std::size_t v = 0; v < lesionOf.size(); ++v) {
      if (lesionOf[v] >= 0 && ct.noduleMask[v] != 0) touchesTruth[lesionOf[v]] = true;
    }
    for (std::size_t l = 0; l < lesions.size(); ++l) {
      if (!touchesTruth[l]) falseLesionsMm3.push_back(lesions[l].volumeMm3);
    }
    const Geometry& g = ct.geometry;
    // Each nodule's own truth: the region of the nodule mask it lies in (a neighbour's voxels in
    // its box are neither its truth nor held against it).
    std::vector<int> truthOf;
    findLesions(ct.noduleMask, g, 1, &truthOf);
    for (const phantoms::Nodule& nodule : ct.nodules) {
      const Box box = boxAround(nodule, g);
      const int own = truthRegion(nodule, g, box, truthOf);
      std::int64_t both = 0, predicted = 0, truth = 0;
      std::set<int> touching;
      for (std::int64_t k = box.first[2]; k <= box.last[2]; ++k) {
        for (std::int64_t j = box.first[1]; j <= box.last[1]; ++j) {
          for (std::int64_t i = box.first[0]; i <= box.last[0]; ++i) {
            const auto v = static_cast<std::size_t>((k * g.size[1] + j) * g.size[0] + i);
            const bool t = own >= 0 && truthOf[v] == own;
            const bool p = lesionOf[v] >= 0 && (t || truthOf[v] < 0);
            predicted += p;
            truth += t;
            both += p && t;
            if (p && t) touching.insert(lesionOf[v]);
          }
        }
      }
      NoduleOutcome outcome;
      outcome.diameterMm = nodule.diameterMm;
      outcome.dice = predicted + truth > 0 ? 2.0 * double(both) / double(predicted + truth) : 0.0;
      for (int l : touching)
        outcome.touchedByMm3 = std::max(outcome.touchedByMm3, lesions[l].volumeMm3);
      nodules.push_back(outcome);
    }
    if (progress) progress(n + 1);
  }

  out.nodules = static_cast<int>(nodules.size());
  double diceSum6 = 0.0;
  int count6 = 0;
  for (std::size_t b = 0; b + 1 < std::size(kBandEdgesMm); ++b) {
    NoduleSizeBand band;
    band.fromMm = kBandEdgesMm[b];
    band.toMm = std::round(kBandEdgesMm[b + 1]);
    double sum = 0.0;
    for (const NoduleOutcome& n : nodules) {
      if (n.diameterMm < kBandEdgesMm[b] || n.diameterMm >= kBandEdgesMm[b + 1]) continue;
      ++band.nodules;
      sum += n.dice;
      band.detected += n.touchedByMm3 > 0.0;
    }
    band.meanDice =
        band.nodules > 0 ? sum / band.nodules : std::numeric_limits<double>::quiet_NaN();
    out.bands.push_back(band);
  }
  for (const NoduleOutcome& n : nodules) {
    if (n.diameterMm < 6.0) continue;
    diceSum6 += n.dice;
    ++count6;
  }
  out.diceAtLeast6Mm = count6 > 0 ? diceSum6 / count6 : std::numeric_limits<double>::quiet_NaN();

  std::vector<double> minimums{0.0};
  for (const NoduleOutcome& n : nodules) {
    if (n.touchedByMm3 > 0.0) minimums.push_back(n.touchedByMm3);
  }
  minimums.insert(minimums.end(), falseLesionsMm3.begin(), falseLesionsMm3.end());
  std::sort(minimums.begin(), minimums.end());
  minimums.erase(std::unique(minimums.begin(), minimums.end()), minimums.end());
  for (double minimum : minimums)
    out.froc.push_back(detectionAt(minimum, nodules, falseLesionsMm3, cases));
  out.allLesions = out.froc.front();
  out.atOneFalsePositive = out.froc.back();
  for (const DetectionPoint& point : out.froc) {
    if (point.falsePositivesPerScan <= 1.0) {
      out.atOneFalsePositive = point;
      break;
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace lumen::inference::evaluation
