#include "inference/phantoms/ChestCtPhantom.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

#include "inference/phantoms/ChestAnatomy.h"

namespace lumen::inference::phantoms {
namespace {

using Index = std::array<std::int64_t, 3>;
using Point = std::array<double, 3>;

constexpr double kPi = 3.14159265358979323846;

std::int64_t offsetOf(const Geometry& g, std::int64_t i, std::int64_t j, std::int64_t k) {
  return i + g.size[0] * (j + g.size[1] * k);
}

Point centreOf(const Geometry& g, std::int64_t i, std::int64_t j, std::int64_t k) {
  return {g.origin[0] + g.spacing[0] * static_cast<double>(i),
          g.origin[1] + g.spacing[1] * static_cast<double>(j),
          g.origin[2] + g.spacing[2] * static_cast<double>(k)};
}

double distance(const Point& a, const Point& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                   (a[2] - b[2]) * (a[2] - b[2]));
}

/// The mean HU of the voxels within `radiusMm` of LPS point p.
double meanHuNear(const ChestCt& ct, const Point& p, double radiusMm) {
  const Geometry& g = ct.geometry;
  double sum = 0;
  int count = 0;
  for (std::int64_t k = 0; k < g.size[2]; ++k) {
    const double z = g.origin[2] + g.spacing[2] * static_cast<double>(k);
    if (std::abs(z - p[2]) > radiusMm) continue;
    for (std::int64_t j = 0; j < g.size[1]; ++j) {
      for (std::int64_t i = 0; i < g.size[0]; ++i) {
        if (distance(centreOf(g, i, j, k), p) > radiusMm) continue;
        sum += ct.hu[offsetOf(g, i, j, k)];
        ++count;
      }
    }
  }
  EXPECT_GT(count, 0) << "no voxel near " << p[0] << "," << p[1] << "," << p[2];
  return count ? sum / count : 0.0;
}

double median(std::vector<double> values) {
  if (values.empty()) return NAN;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

/// Writes an 8-bit PGM of an axial (axis 2) or coronal (axis 1) slice in the lung window
/// (W 1500, L -600), nodule mask voxels drawn white when `showMask`.
void writeSlice(const ChestCt& ct, int axis, std::int64_t slice, bool showMask,
                const std::string& path) {
  const Geometry& g = ct.geometry;
  const std::int64_t width = g.size[0];
  const std::int64_t height = axis == 2 ? g.size[1] : g.size[2];
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << width << " " << height << "\n255\n";
  for (std::int64_t row = 0; row < height; ++row) {
    for (std::int64_t i = 0; i < width; ++i) {
      // Coronal: superior at the top.
      const std::int64_t at =
          axis == 2 ? offsetOf(g, i, row, slice) : offsetOf(g, i, slice, g.size[2] - 1 - row);
      const double v = (ct.hu[at] - (-600.0 - 750.0)) / 1500.0 * 255.0;
      auto byte = static_cast<unsigned char>(std::clamp(v, 0.0, 255.0));
      if (showMask && ct.noduleMask[at]) byte = 255;
      out.put(static_cast<char>(byte));
    }
  }
}

/// One whole case with three nodules, made once for the tests that only look at it.
class ChestCtPhantomCase : public ::testing::Test {
 protected:
  static constexpr std::uint64_t kSeed = 7;
  static ChestCtOptions options() {
    ChestCtOptions o;
    o.minNodules = 3;
    o.maxNodules = 3;
    return o;
  }
  static void SetUpTestSuite() {
    const auto start = std::chrono::steady_clock::now();
    s_case = new ChestCt(makeChestCt(kSeed, options()));
    s_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  static void TearDownTestSuite() {
    delete s_case;
    s_case = nullptr;
  }
  static const ChestCt& ct() { return *s_case; }
  static inline ChestCt* s_case = nullptr;
  static inline double s_seconds = 0;
};

TEST_F(ChestCtPhantomCase, IsMadeQuicklyOnOneCore) {
  const auto& g = ct().geometry;
  std::printf("[ timing ] %lldx%lldx%lld case with %zu nodules: %.3f s\n",
              static_cast<long long>(g.size[0]), static_cast<long long>(g.size[1]),
              static_cast<long long>(g.size[2]), ct().nodules.size(), s_seconds);
  ChestCtOptions patch = options();
  const auto start = std::chrono::steady_clock::now();
  patch.region = regionAround(patch, ct().nodules[0].centreLps, {64, 64, 32});
  const ChestCt small = makeChestCt(kSeed, patch);
  const double patchSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ timing ] 64x64x32 patch around a nodule: %.3f s\n", patchSeconds);
  EXPECT_EQ(small.hu.size(), 64u * 64u * 32u);
  EXPECT_LT(s_seconds, 6.0);  // about 1 s in Release on one core of the 2-core VM
  EXPECT_LT(patchSeconds, s_seconds);
}

TEST_F(ChestCtPhantomCase, HasTheGridAndBuffersItPromises) {
  const Geometry& g = ct().geometry;
  EXPECT_EQ(g.size, (Index{256, 256, 160}));
  EXPECT_EQ(g.spacing, (Point{1.4, 1.4, 2.0}));
  EXPECT_NEAR(g.origin[0], -0.5 * 255 * 1.4, 1e-9);
  EXPECT_NEAR(g.origin[2], -0.5 * 159 * 2.0, 1e-9);
  EXPECT_EQ(g.direction[0][0] * g.direction[1][1] * g.direction[2][2], 1.0);
  const auto count = static_cast<std::size_t>(g.voxelCount());
  EXPECT_EQ(ct().hu.size(), count);
  EXPECT_EQ(ct().noduleMask.size(), count);
  EXPECT_EQ(ct().lungMask.size(), count);
  EXPECT_EQ(ct().nodules.size(), 3u);
}

TEST_F(ChestCtPhantomCase, TissuesHaveTheirHuAtKnownPlaces) {
  const ChestCt& c = ct();
  const Geometry& g = c.geometry;
  // Air in the corners.
  for (std::int64_t k : {std::int64_t{0}, g.size[2] - 1}) {
    for (std::int64_t j : {std::int64_t{0}, g.size[1] - 1}) {
      for (std::int64_t i : {std::int64_t{0}, g.size[0] - 1}) {
        EXPECT_NEAR(c.hu[offsetOf(g, i, j, k)], -1000, 80) << i << "," << j << "," << k;
      }
    }
  }
  // Lung: its typical voxel, away from vessels and nodules.
  std::vector<double> lung;
  for (std::size_t n = 0; n < c.hu.size(); n += 7) {
    if (c.lungMask[n] && !c.noduleMask[n]) lung.push_back(c.hu[n]);
  }
  ASSERT_GT(lung.size(), 50000u);
  EXPECT_GT(median(lung), -900);
  EXPECT_LT(median(lung), -790);
  // Soft tissue, bone and fat where this patient has them.
  const ChestAnatomy a = drawChestAnatomy(kSeed);
  const double heart =
      meanHuNear(c, a.lps(a.heartCentre[0], a.heartCentre[1], a.heartCentre[2]), 6);
  EXPECT_GT(heart, 10);
  EXPECT_LT(heart, 70);
  const double liver = meanHuNear(c, a.lps(-a.lungCentreX, 0, a.lungBaseZ - 25), 6);
  EXPECT_GT(liver, 25);
  EXPECT_LT(liver, 85);
  // The middle of a vertebral body (between two discs) near the patient's z = 0.
  const double bodyZ = a.vertebraPhase + 5.0 + 0.5 * (a.vertebraPitch - 5.0) +
                       std::round(-a.vertebraPhase / a.vertebraPitch) * a.vertebraPitch;
  const double vertebra = meanHuNear(c, a.lps(0, a.spineY, bodyZ), 5);
  EXPECT_GT(vertebra, 330);
  EXPECT_LT(vertebra, 750);
  // Subcutaneous fat in front of the sternum (the layer is 0.75 fatMm thick there).
  const double fatDepth = a.skinMm + 0.375 * a.fatMm;
  if (a.fatMm > 12) {
    const double fat = meanHuNear(c, a.lps(0, -a.bodyB + fatDepth, 0), 1.5);
    EXPECT_GT(fat, -150);
    EXPECT_LT(fat, -50);
  }
}

TEST_F(ChestCtPhantomCase, MaskLiesOnlyInNodulesInsideTheLung) {
  const ChestCt& c = ct();
  const Geometry& g = c.geometry;
  std::vector<std::int64_t> perNodule(c.nodules.size(), 0);
  for (std::int64_t k = 0; k < g.size[2]; ++k) {
    for (std::int64_t j = 0; j < g.size[1]; ++j) {
      for (std::int64_t i = 0; i < g.size[0]; ++i) {
        const auto at = offsetOf(g, i, j, k);
        if (!c.noduleMask[at]) continue;
        ASSERT_TRUE(c.lungMask[at]) << i << "," << j << "," << k;
        const Point p = centreOf(g, i, j, k);
        std::size_t nearest = 0;
        for (std::size_t n = 1; n < c.nodules.size(); ++n) {
          if (distance(p, c.nodules[n].centreLps) < distance(p, c.nodules[nearest].centreLps))
            nearest = n;
        }
        const Nodule& nodule = c.nodules[nearest];
        // Lobulation stays within 40% of the radius; spicules reach at most 13 mm further.
        const double reach = 0.7 * nodule.diameterMm + (nodule.spiculated ? 13.0 : 1.5);
        ASSERT_LT(distance(p, nodule.centreLps), reach) << i << "," << j << "," << k;
        ++perNodule[nearest];
      }
    }
  }
  for (std::int64_t voxels : perNodule) EXPECT_GT(voxels, 0);
}

TEST_F(ChestCtPhantomCase, VesselsFillBothLungs) {
  const ChestCt& c = ct();
  const Geometry& g = c.geometry;
  std::int64_t lung[2] = {0, 0}, dense[2] = {0, 0};
  for (std::int64_t k = 0; k < g.size[2]; ++k) {
    for (std::int64_t j = 0; j < g.size[1]; ++j) {
      for (std::int64_t i = 0; i < g.size[0]; ++i) {
        const auto at = offsetOf(g, i, j, k);
        if (!c.lungMask[at] || c.noduleMask[at]) continue;
        const int side = centreOf(g, i, j, k)[0] > 0 ? 1 : 0;  // LPS: +x is the left
        ++lung[side];
        if (c.hu[at] > -300) ++dense[side];
      }
    }
  }
  for (int side = 0; side < 2; ++side) {
    const double fraction = static_cast<double>(dense[side]) / static_cast<double>(lung[side]);
    std::printf("[ vessels ] %s lung: %lld voxels, %.1f%% above -300 HU outside nodules\n",
                side ? "left" : "right", static_cast<long long>(lung[side]), 100.0 * fraction);
    EXPECT_GT(lung[side], 200000);  // over about 0.8 l
    EXPECT_GT(fraction, 0.015);
    EXPECT_LT(fraction, 0.15);
  }
}

TEST_F(ChestCtPhantomCase, ARegionIsTheSameBoxOfTheWholeCase) {
  ChestCtOptions o = options();
  o.region = VoxelBox{{90, 100, 70}, {40, 30, 20}};
  const ChestCt part = makeChestCt(kSeed, o);
  EXPECT_EQ(part.geometry.size, (Index{40, 30, 20}));
  const Point corner = centreOf(ct().geometry, 90, 100, 70);
  for (std::size_t a = 0; a < 3; ++a) EXPECT_NEAR(part.geometry.origin[a], corner[a], 1e-9);
  for (std::int64_t k = 0; k < 20; ++k) {
    for (std::int64_t j = 0; j < 30; ++j) {
      for (std::int64_t i = 0; i < 40; ++i) {
        const auto whole = offsetOf(ct().geometry, 90 + i, 100 + j, 70 + k);
        const auto at = offsetOf(part.geometry, i, j, k);
        ASSERT_EQ(part.hu[at], ct().hu[whole]) << i << "," << j << "," << k;
        ASSERT_EQ(part.noduleMask[at], ct().noduleMask[whole]);
        ASSERT_EQ(part.lungMask[at], ct().lungMask[whole]);
      }
    }
  }
  // A region may reach past the grid: it is the same phantom there.
  o.region = VoxelBox{{-5, -5, -5}, {10, 10, 10}};
  const ChestCt edge = makeChestCt(kSeed, o);
  EXPECT_EQ(edge.hu[offsetOf(edge.geometry, 5, 5, 5)], ct().hu[0]);
}

TEST(ChestCtPhantom, TheSameSeedGivesTheSameCase) {
  ChestCtOptions o;
  o.size = {128, 128, 80};
  o.spacingMm = {2.8, 2.8, 4.0};
  o.minNodules = o.maxNodules = 2;
  const ChestCt a = makeChestCt(11, o);
  const ChestCt b = makeChestCt(11, o);
  EXPECT_EQ(a.hu, b.hu);
  EXPECT_EQ(a.noduleMask, b.noduleMask);
  EXPECT_EQ(a.lungMask, b.lungMask);
  ASSERT_EQ(a.nodules.size(), b.nodules.size());
  for (std::size_t n = 0; n < a.nodules.size(); ++n) {
    EXPECT_EQ(a.nodules[n].centreLps, b.nodules[n].centreLps);
    EXPECT_EQ(a.nodules[n].diameterMm, b.nodules[n].diameterMm);
  }
  const ChestCt other = makeChestCt(12, o);
  EXPECT_NE(a.hu, other.hu);
  EXPECT_NE(a.nodules[0].centreLps, other.nodules[0].centreLps);
}

TEST(ChestCtPhantom, CountsStayWithinTheLimitsAndNodulesNeverOverlap) {
  ChestCtOptions o;
  o.minNodules = 1;
  o.maxNodules = 4;
  int kinds[3] = {0, 0, 0}, juxta = 0, spiculated = 0, lobulated = 0;
  std::vector<int> counts(5, 0);
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const std::vector<Nodule> nodules = chestCtNodules(seed, o);
    ASSERT_GE(nodules.size(), 1u);
    ASSERT_LE(nodules.size(), 4u);
    ++counts[nodules.size()];
    for (std::size_t n = 0; n < nodules.size(); ++n) {
      const Nodule& a = nodules[n];
      EXPECT_GE(a.diameterMm, 4.0);
      EXPECT_LE(a.diameterMm, 30.0);
      ++kinds[static_cast<int>(a.kind)];
      juxta += a.juxtaPleural;
      spiculated += a.spiculated;
      lobulated += a.lobulated;
      for (std::size_t m = n + 1; m < nodules.size(); ++m) {
        const Nodule& b = nodules[m];
        EXPECT_GT(distance(a.centreLps, b.centreLps), 0.5 * (a.diameterMm + b.diameterMm))
            << "seed " << seed;
      }
    }
  }
  for (int c = 1; c <= 4; ++c) EXPECT_GT(counts[c], 0) << c << " nodules";
  for (int k = 0; k < 3; ++k) EXPECT_GT(kinds[k], 0) << "kind " << k;
  EXPECT_GT(juxta, 0);
  EXPECT_GT(spiculated, 0);
  EXPECT_GT(lobulated, 0);
}

/// Per nodule of a few cases, made as patches around each: its mask's volume against the
/// sphere of its diameter, and its HU.
TEST(ChestCtPhantom, NoduleMasksHaveTheirSizeAndKindsTheirHu) {
  const std::array<double, 3> only[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  int checked = 0;
  for (int kind = 0; kind < 3; ++kind) {
    ChestCtOptions o;
    o.minNodules = 2;
    o.maxNodules = 3;
    o.kindWeights = only[kind];
    for (std::uint64_t seed = 100; seed < 104; ++seed) {
      const std::vector<Nodule> nodules = chestCtNodules(seed, o);
      for (const Nodule& nodule : nodules) {
        ASSERT_EQ(static_cast<int>(nodule.kind), kind);
        o.region = regionAround(o, nodule.centreLps, {48, 48, 32});
        const ChestCt patch = makeChestCt(seed, o);
        o.region.reset();
        const double r = 0.5 * nodule.diameterMm;
        const double reach = 0.7 * nodule.diameterMm + (nodule.spiculated ? 13.0 : 1.5);
        std::int64_t voxels = 0;
        std::vector<double> middle, halo;
        const Geometry& g = patch.geometry;
        for (std::int64_t k = 0; k < g.size[2]; ++k) {
          for (std::int64_t j = 0; j < g.size[1]; ++j) {
            for (std::int64_t i = 0; i < g.size[0]; ++i) {
              const auto at = offsetOf(g, i, j, k);
              const double d = distance(centreOf(g, i, j, k), nodule.centreLps);
              if (!patch.noduleMask[at] || d > reach) continue;
              ++voxels;
              if (d < std::max(1.5, 0.25 * r)) middle.push_back(patch.hu[at]);
              if (d > 0.5 * nodule.solidDiameterMm + 0.12 * r + 2.0 && d < 0.8 * r) {
                halo.push_back(patch.hu[at]);
              }
            }
          }
        }
        const double sphere = 4.0 / 3.0 * kPi * r * r * r / g.voxelVolumeMm3();
        const double ratio = static_cast<double>(voxels) / sphere;
        const std::string what =
            "seed " + std::to_string(seed) + ", " + std::to_string(nodule.diameterMm) +
            " mm, kind " + std::to_string(kind) + (nodule.juxtaPleural ? ", juxta" : "") +
            (nodule.spiculated ? ", spiculated" : "") + ", volume ratio " + std::to_string(ratio);
        if (nodule.spiculated) {
          EXPECT_GT(ratio, 0.75) << what;
          EXPECT_LT(ratio, 2.0) << what;
        } else if (nodule.juxtaPleural) {
          EXPECT_GT(ratio, 0.5) << what;
          EXPECT_LT(ratio, 1.25) << what;
        } else {
          EXPECT_GT(ratio, 0.75) << what;
          EXPECT_LT(ratio, 1.25) << what;
        }
        // Partial volume lowers the HU of small parts: judge parts at least 8 mm across.
        ASSERT_FALSE(middle.empty()) << what;
        const double centre = median(middle);
        if (nodule.kind == Nodule::Kind::GroundGlass && nodule.diameterMm >= 8.0) {
          EXPECT_GT(centre, -720) << what;
          EXPECT_LT(centre, -380) << what;
        } else if (nodule.solidDiameterMm >= 8.0) {
          EXPECT_GT(centre, -100) << what;  // solid, or the solid core
          EXPECT_LT(centre, 100) << what;
        }
        if (nodule.kind == Nodule::Kind::PartSolid && halo.size() > 20) {
          EXPECT_GT(median(halo), -650) << what;
          EXPECT_LT(median(halo), -250) << what;
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 24);
}

TEST(ChestCtPhantom, RefusesBadOptions) {
  ChestCtOptions o;
  o.size = {0, 10, 10};
  EXPECT_THROW(makeChestCt(1, o), std::invalid_argument);
  o = {};
  o.minNodules = 3;
  o.maxNodules = 2;
  EXPECT_THROW(makeChestCt(1, o), std::invalid_argument);
  o = {};
  o.maxDiameterMm = 40;
  EXPECT_THROW(chestCtNodules(1, o), std::invalid_argument);
  o = {};
  o.kindWeights = {0, 0, 0};
  EXPECT_THROW(chestCtNodules(1, o), std::invalid_argument);
  o = {};
  o.region = VoxelBox{{0, 0, 0}, {4, 0, 4}};
  EXPECT_THROW(makeChestCt(1, o), std::invalid_argument);
  o = {};
  o.size = {40, 40, 40};  // no lung fits in 56 mm with a nodule
  o.minNodules = 1;
  EXPECT_THROW(chestCtNodules(1, o), std::runtime_error);
}

/// With LUMEN_PHANTOM_PGM_DIR set, writes slices of a few cases there (lung window) to look at.
TEST(ChestCtPhantom, WritesSlicesToLookAt) {
  const char* dir = std::getenv("LUMEN_PHANTOM_PGM_DIR");
  if (!dir || !*dir) GTEST_SKIP() << "set LUMEN_PHANTOM_PGM_DIR to write slices";
  for (std::uint64_t seed : {1, 2, 3}) {
    ChestCtOptions o;
    o.minNodules = o.maxNodules = 4;
    const ChestCt c = makeChestCt(seed, o);
    const Geometry& g = c.geometry;
    const std::string base = std::string(dir) + "/chest" + std::to_string(seed);
    for (double fraction : {0.35, 0.5, 0.65, 0.8}) {
      const auto k = static_cast<std::int64_t>(fraction * static_cast<double>(g.size[2]));
      writeSlice(c, 2, k, false, base + "_axial" + std::to_string(k) + ".pgm");
    }
    writeSlice(c, 1, g.size[1] / 2, false, base + "_coronal.pgm");
    for (std::size_t n = 0; n < c.nodules.size(); ++n) {
      const auto k = std::llround((c.nodules[n].centreLps[2] - g.origin[2]) / g.spacing[2]);
      const std::string name = base + "_nodule" + std::to_string(n) + "_k" + std::to_string(k);
      writeSlice(c, 2, k, false, name + ".pgm");
      writeSlice(c, 2, k, true, name + "_mask.pgm");
    }
  }
}

}  // namespace
}  // namespace lumen::inference::phantoms
