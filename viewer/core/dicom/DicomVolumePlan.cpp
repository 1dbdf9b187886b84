#include "core/dicom/DicomVolumePlan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "core/dicom/DicomPixels.h"

namespace lumen::core {
namespace {

constexpr double kOrientationTolerance = 1e-3;  // direction cosines; about 0.06°
constexpr double kSamePositionMm = 1e-3;

struct Frame {
  std::size_t instance;
  int frame;
  double along = 0.0;  // position projected on the normal, mm
};

struct Group {
  const DicomInstance* first = nullptr;
  std::array<double, 6> orientation{1, 0, 0, 0, 1, 0};
  bool positioned = false;
  std::vector<Frame> frames;
};

Vec3 normalOf(const std::array<double, 6>& o) {
  return {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
}

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

bool sameOrientation(const std::array<double, 6>& a, const std::array<double, 6>& b) {
  for (int n = 0; n < 6; ++n) {
    if (std::abs(a[n] - b[n]) > kOrientationTolerance) return false;
  }
  return true;
}

std::string millimetres(double value) {
  std::ostringstream text;
  text.precision(4);
  text << value << " mm";
  return text.str();
}

bool isIntegral(double value) { return std::abs(value - std::round(value)) < 1e-9; }

/// The exact type, and the narrower one worth trying first.
std::pair<PixelType, PixelType> choosePixelTypes(const std::vector<const DicomInstance*>& instances,
                                                 const std::vector<const FramePlane*>& planes) {
  const DicomInstance& first = *instances.front();
  const auto same = [](PixelType type) { return std::make_pair(type, type); };
  if (first.palette) return same(first.palette->bits > 8 ? PixelType::UInt16 : PixelType::UInt8);
  if (first.samplesPerPixel == 3) {
    if (first.bitsAllocated == 8 || first.photometric.rfind("YBR", 0) == 0)
      return same(PixelType::UInt8);
    return same(first.bitsAllocated == 16 ? PixelType::UInt16 : PixelType::UInt32);
  }
  bool integral = true;
  double lowest = std::numeric_limits<double>::infinity();
  double highest = -lowest;
  bool eightBit = true;
  bool sixteenBit = true;
  for (std::size_t n = 0; n < planes.size(); ++n) {
    const ValueRange range = modalityRange(*instances[n], *planes[n]);
    lowest = std::min(lowest, range.lowest);
    highest = std::max(highest, range.highest);
    integral =
        integral && isIntegral(planes[n]->rescaleSlope) && isIntegral(planes[n]->rescaleIntercept);
    eightBit = eightBit && instances[n]->bitsAllocated <= 8;
    sixteenBit = sixteenBit && instances[n]->bitsAllocated <= 16;
  }
  if (!integral) return same(PixelType::Float32);
  const auto fits = [&](auto zero) {
    using T = decltype(zero);
    return lowest >= static_cast<double>(std::numeric_limits<T>::min()) &&
           highest <= static_cast<double>(std::numeric_limits<T>::max());
  };
  if (eightBit && fits(std::uint8_t{})) return same(PixelType::UInt8);
  if (fits(std::int16_t{})) return same(PixelType::Int16);
  PixelType exact = PixelType::Float64;
  if (fits(std::uint16_t{})) {
    exact = PixelType::UInt16;
  } else if (fits(std::int32_t{})) {
    exact = PixelType::Int32;
  } else if (fits(std::uint32_t{})) {
    exact = PixelType::UInt32;
  }
  // 16-bit CT with an intercept of -1024 could reach 64511 in theory, never in practice. Not
  // when no integer type holds the range: the integer conversion would overflow int64 on the way.
  const bool tryInt16 =
      sixteenBit && lowest < 0 && exact != PixelType::UInt16 && exact != PixelType::Float64;
  return {exact, tryInt16 ? PixelType::Int16 : exact};
}

VolumeSource sourceOf(const DicomInstance& instance) {
  VolumeSource source;
  source.patientName = instance.patientName;
  source.patientId = instance.patientId;
  source.patientBirthDate = instance.patientBirthDate;
  source.patientSex = instance.patientSex;
  source.studyInstanceUid = instance.studyInstanceUid;
  source.studyDate = instance.studyDate;
  source.studyTime = instance.studyTime;
  source.studyDescription = instance.studyDescription;
  source.seriesInstanceUid = instance.seriesInstanceUid;
  source.seriesDescription = instance.seriesDescription;
  source.seriesNumber = instance.seriesNumber;
  source.modality = instance.modality;
  source.bodyPart = instance.bodyPart;
  source.invertForDisplay = instance.photometric == "MONOCHROME1";
  source.windows = instance.windows;
  return source;
}

/// Checks the spacing along k and returns the mean step; adds warnings for gaps, uneven steps and
/// a tilted stack.
double checkSpacing(const std::vector<Frame>& frames, const std::vector<DicomInstance>& instances,
                    const Vec3& normal, std::vector<std::string>& warnings) {
  std::vector<double> steps;
  for (std::size_t k = 1; k < frames.size(); ++k)
    steps.push_back(frames[k].along - frames[k - 1].along);
  const double mean =
      (frames.back().along - frames.front().along) / static_cast<double>(steps.size());
  std::vector<double> sorted = steps;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  int gaps = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    if (steps[k] > 1.5 * median) {
      if (++gaps <= 3) {
        warnings.push_back("gap of " + millimetres(steps[k]) + " between slices " +
                           std::to_string(k + 1) + " and " + std::to_string(k + 2) +
                           " (usual step " + millimetres(median) + "): slices are missing");
      }
    }
  }
  if (gaps > 3) warnings.push_back(std::to_string(gaps) + " gaps in all");
  if (gaps == 0 && sorted.back() - sorted.front() > std::max(0.01, 0.01 * median)) {
    warnings.push_back("slice spacing is not uniform: it varies from " +
                       millimetres(sorted.front()) + " to " + millimetres(sorted.back()));
  }
  // Gantry tilt: the stack runs along a direction that is not the slices' normal.
  const FramePlane& firstPlane = instances[frames.front().instance].plane(frames.front().frame);
  const FramePlane& lastPlane = instances[frames.back().instance].plane(frames.back().frame);
  const Vec3& a = *firstPlane.position;
  const Vec3& b = *lastPlane.position;
  const Vec3 stack{b[0] - a[0], b[1] - a[1], b[2] - a[2]};
  const double length = std::sqrt(dot(stack, stack));
  if (length > 0) {
    const double angle =
        std::acos(std::clamp(dot(stack, normal) / length, -1.0, 1.0)) * 180.0 / M_PI;
    if (angle > 0.5) {
      std::ostringstream text;
      text.precision(3);
      text << "gantry tilt of " << angle
           << "°: the slices are sheared; shown stacked along their normal without correction";
      warnings.push_back(text.str());
    }
  }
  return mean;
}

DicomVolumePlan planVolume(const Group& group, std::vector<Frame> frames,
                           const std::vector<DicomInstance>& instances,
                           std::vector<std::string> warnings) {
  const DicomInstance& first = *group.first;
  DicomVolumePlan plan;
  plan.source = sourceOf(first);
  plan.components = first.isColour() ? 3 : 1;
  VolumeGeometry& g = plan.geometry;
  g.size = {static_cast<std::size_t>(first.columns), static_cast<std::size_t>(first.rows),
            frames.size()};
  const FramePlane& plane = first.plane(frames.front().frame);
  if (plane.spacing && (*plane.spacing)[0] > 0 && (*plane.spacing)[1] > 0) {
    g.spacing[0] = (*plane.spacing)[1];
    g.spacing[1] = (*plane.spacing)[0];
  } else if (first.modality != "SC" && first.modality != "OT") {
    warnings.push_back("pixel spacing is unknown: 1 mm is assumed, so distances are not real");
  }
  const auto& o = group.orientation;
  const Vec3 normal = normalOf(o);
  g.direction = {{{o[0], o[3], normal[0]}, {o[1], o[4], normal[1]}, {o[2], o[5], normal[2]}}};
  if (group.positioned)
    g.origin = *instances[frames.front().instance].plane(frames.front().frame).position;

  double step = first.spacingBetweenSlices > 0 ? first.spacingBetweenSlices : first.sliceThickness;
  if (frames.size() > 1 && group.positioned) {
    step = checkSpacing(frames, instances, normal, warnings);
  } else if (frames.size() > 1) {
    warnings.push_back("frames carry no position: stacked " + millimetres(step > 0 ? step : 1.0) +
                       " apart");
  }
  g.spacing[2] = step > 0 ? step : 1.0;

  std::vector<const DicomInstance*> sliceInstances;
  std::vector<const FramePlane*> slicePlanes;
  std::set<std::pair<double, double>> rescales;
  for (const Frame& frame : frames) {
    const DicomInstance& instance = instances[frame.instance];
    const FramePlane& p = instance.plane(frame.frame);
    sliceInstances.push_back(&instance);
    slicePlanes.push_back(&p);
    rescales.insert({p.rescaleSlope, p.rescaleIntercept});
    plan.slices.push_back({frame.instance, frame.frame});
  }
  if (rescales.size() > 1) {
    warnings.push_back("rescale slope and intercept differ between slices (" +
                       std::to_string(rescales.size()) +
                       " pairs): each slice is rescaled with its own");
  }
  std::tie(plan.exactType, plan.pixelType) = choosePixelTypes(sliceInstances, slicePlanes);
  plan.source.warnings = std::move(warnings);
  return plan;
}

/// Splits a sorted group at repeated positions: when every position holds the same number of
/// slices m, into m volumes (phases, echoes); otherwise keeps the first slice at each position.
std::vector<std::vector<Frame>> splitRepeats(const std::vector<Frame>& frames,
                                             const std::vector<DicomInstance>& instances,
                                             std::vector<std::string>& warnings) {
  std::vector<std::vector<Frame>> positions;
  for (const Frame& frame : frames) {
    if (positions.empty() || frame.along - positions.back().front().along > kSamePositionMm) {
      positions.push_back({frame});
    } else {
      positions.back().push_back(frame);
    }
  }
  if (positions.size() == frames.size()) return {frames};
  const std::size_t repeats = positions.front().size();
  const bool even = std::all_of(positions.begin(), positions.end(),
                                [&](const auto& at) { return at.size() == repeats; });
  for (auto& at : positions) {
    std::stable_sort(at.begin(), at.end(), [&](const Frame& a, const Frame& b) {
      return std::tie(instances[a.instance].instanceNumber, a.frame) <
             std::tie(instances[b.instance].instanceNumber, b.frame);
    });
  }
  if (even && positions.size() > 1) {
    std::vector<std::vector<Frame>> volumes(repeats);
    for (const auto& at : positions) {
      for (std::size_t r = 0; r < repeats; ++r) volumes[r].push_back(at[r]);
    }
    warnings.push_back("the series repeats each position " + std::to_string(repeats) +
                       " times (phases or echoes): split into " + std::to_string(repeats) +
                       " volumes");
    return volumes;
  }
  std::vector<Frame> kept;
  for (const auto& at : positions) kept.push_back(at.front());
  warnings.push_back(std::to_string(frames.size() - kept.size()) +
                     " slices at positions already taken were left out");
  return {kept};
}

}  // namespace

std::vector<DicomVolumePlan> assembleVolumes(const std::vector<DicomInstance>& instances) {
  // Group key: series, then what must be equal for slices to share a volume.
  using Key = std::tuple<std::string, int, int, int, std::string, std::string>;
  std::map<Key, std::vector<Group>> groups;
  std::map<std::string, int> duplicates;
  std::set<std::string> seen;
  for (std::size_t n = 0; n < instances.size(); ++n) {
    const DicomInstance& instance = instances[n];
    if (!instance.sopInstanceUid.empty() && !seen.insert(instance.sopInstanceUid).second) {
      ++duplicates[instance.seriesInstanceUid];
      continue;
    }
    const FramePlane& plane = instance.plane(0);
    const bool positioned = plane.position && plane.orientation;
    // Multi-frame instances and single images without a position stand alone.
    const std::string alone =
        instance.frames > 1 || !positioned ? instance.sopInstanceUid + "#" + std::to_string(n) : "";
    const Key key{instance.seriesInstanceUid,
                  instance.rows,
                  instance.columns,
                  instance.samplesPerPixel,
                  instance.palette ? "palette" : "",
                  alone};
    std::vector<Group>& candidates = groups[key];
    const std::array<double, 6> orientation =
        plane.orientation ? *plane.orientation : std::array<double, 6>{1, 0, 0, 0, 1, 0};
    auto group = std::find_if(candidates.begin(), candidates.end(), [&](const Group& g) {
      return sameOrientation(g.orientation, orientation);
    });
    if (group == candidates.end()) {
      candidates.push_back(Group{&instance, orientation, positioned, {}});
      group = candidates.end() - 1;
    }
    const Vec3 normal = normalOf(orientation);
    for (int f = 0; f < instance.frames; ++f) {
      const FramePlane& framePlane = instance.plane(f);
      group->frames.push_back(
          {n, f, framePlane.position ? dot(*framePlane.position, normal) : static_cast<double>(f)});
    }
  }

  std::vector<DicomVolumePlan> plans;
  for (auto& [key, candidates] : groups) {
    for (Group& group : candidates) {
      std::vector<std::string> warnings;
      const auto dropped = duplicates.find(group.first->seriesInstanceUid);
      if (dropped != duplicates.end()) {
        warnings.push_back(std::to_string(dropped->second) +
                           " duplicate instances (same SOP Instance UID) were ignored");
      }
      if (group.positioned) {
        std::stable_sort(group.frames.begin(), group.frames.end(),
                         [](const Frame& a, const Frame& b) { return a.along < b.along; });
      }
      for (std::vector<Frame>& frames : group.positioned
                                            ? splitRepeats(group.frames, instances, warnings)
                                            : std::vector<std::vector<Frame>>{group.frames}) {
        plans.push_back(planVolume(group, std::move(frames), instances, warnings));
      }
    }
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const DicomVolumePlan& a, const DicomVolumePlan& b) {
                     const auto& x = a.source;
                     const auto& y = b.source;
                     return std::make_tuple(x.patientName, x.patientId, x.studyDate,
                                            x.studyInstanceUid, x.seriesNumber, x.seriesInstanceUid,
                                            -static_cast<long>(a.slices.size())) <
                            std::make_tuple(y.patientName, y.patientId, y.studyDate,
                                            y.studyInstanceUid, y.seriesNumber, y.seriesInstanceUid,
                                            -static_cast<long>(b.slices.size()));
                   });
  return plans;
}

}  // namespace lumen::core
