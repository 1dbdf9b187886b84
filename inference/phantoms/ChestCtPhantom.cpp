#include "inference/phantoms/ChestCtPhantom.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "inference/phantoms/ChestAnatomy.h"
#include "inference/phantoms/ChestNodules.h"
#include "inference/phantoms/ChestTrees.h"
#include "inference/phantoms/PhantomCanvas.h"
#include "inference/phantoms/SeededRandom.h"

namespace lumen::inference::phantoms {
namespace {

// Independent random streams per part (the patient's is 1), so that one part drawing more numbers
// moves no other.
constexpr std::uint64_t kAirwayStream = 2;
constexpr std::uint64_t kVesselStream = 3;
constexpr std::uint64_t kNoduleStream = 4;
constexpr std::uint64_t kTextureSalt = 0x6c756e67746578ULL;
constexpr std::uint64_t kNoiseSalt = 0x6e6f697365ULL;

void checkOptions(const ChestCtOptions& o) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("chest CT phantom: " + what);
  };
  for (std::size_t a = 0; a < 3; ++a) {
    if (o.size[a] < 1) fail("size must be at least 1 voxel along each axis");
    if (!(o.spacingMm[a] > 0.0)) fail("spacing must be positive");
  }
  if (o.minNodules < 0 || o.maxNodules < o.minNodules || o.maxNodules > 20) {
    fail("nodule counts must satisfy 0 <= min <= max <= 20");
  }
  if (!(o.minDiameterMm >= 4.0 && o.maxDiameterMm <= 30.0 && o.minDiameterMm <= o.maxDiameterMm)) {
    fail("nodule diameters must satisfy 4 <= min <= max <= 30 mm");
  }
  const auto& w = o.kindWeights;
  if (w[0] < 0 || w[1] < 0 || w[2] < 0 || !(w[0] + w[1] + w[2] > 0)) {
    fail("kind weights must be non-negative and not all zero");
  }
  if (o.region) {
    for (std::size_t a = 0; a < 3; ++a) {
      if (o.region->size[a] < 1) fail("the region must hold at least one voxel");
    }
  }
}

/// Everything about a case but its voxels.
struct CasePlan {
  ChestAnatomy anatomy;
  ChestTubes tubes;
  std::vector<NoduleShape> nodules;
};

CasePlan planCase(std::uint64_t seed, const ChestCtOptions& options) {
  checkOptions(options);
  CasePlan plan;
  plan.anatomy = drawChestAnatomy(seed);
  SeededRandom airwayRandom(seed, kAirwayStream);
  SeededRandom vesselRandom(seed, kVesselStream);
  plan.tubes = growChestTubes(plan.anatomy, airwayRandom, vesselRandom);
  SeededRandom noduleRandom(seed, kNoduleStream);
  plan.nodules = placeNodules(plan.anatomy, plan.tubes.greatVessels, chestCtGeometry(options),
                              options, noduleRandom);
  return plan;
}

/// Smooth random values on a lattice of `stepMm`, interpolated trilinearly: the lung's texture.
/// The lattice covers one canvas; its values depend only on the seed and the lattice point.
class LatticeNoise {
 public:
  LatticeNoise(std::uint64_t seed, double stepMm, const Vec3& lo, const Vec3& hi) : m_step(stepMm) {
    for (std::size_t a = 0; a < 3; ++a) {
      m_first[a] = static_cast<std::int64_t>(std::floor(lo[a] / stepMm));
      m_count[a] = static_cast<std::int64_t>(std::floor(hi[a] / stepMm)) - m_first[a] + 2;
    }
    m_values.resize(static_cast<std::size_t>(m_count[0] * m_count[1] * m_count[2]));
    std::size_t n = 0;
    for (std::int64_t k = 0; k < m_count[2]; ++k)
      for (std::int64_t j = 0; j < m_count[1]; ++j)
        for (std::int64_t i = 0; i < m_count[0]; ++i)
          m_values[n++] =
              signedUnit(hashPoint(seed, m_first[0] + i, m_first[1] + j, m_first[2] + k));
  }

  /// A value in [-1, 1] at LPS point p inside the box the lattice was made for.
  float at(const Vec3& p) const {
    double f[3];
    std::int64_t c[3];
    for (std::size_t a = 0; a < 3; ++a) {
      const double x = p[a] / m_step;
      const double base = std::floor(x);
      f[a] = x - base;
      c[a] = static_cast<std::int64_t>(base) - m_first[a];
    }
    const std::int64_t sx = 1, sy = m_count[0], sz = m_count[0] * m_count[1];
    const float* v = m_values.data() + c[0] + sy * c[1] + sz * c[2];
    const auto lerp = [](double a, double b, double t) { return a + (b - a) * t; };
    const double x00 = lerp(v[0], v[sx], f[0]), x10 = lerp(v[sy], v[sy + sx], f[0]);
    const double x01 = lerp(v[sz], v[sz + sx], f[0]), x11 = lerp(v[sz + sy], v[sz + sy + sx], f[0]);
    return static_cast<float>(lerp(lerp(x00, x10, f[1]), lerp(x01, x11, f[1]), f[2]));
  }

 private:
  double m_step;
  std::array<std::int64_t, 3> m_first{}, m_count{};
  std::vector<float> m_values;
};

/// Fills the canvas with the analytic anatomy, the lung's texture where it is lung.
void paintAnatomy(Canvas& canvas, const ChestAnatomy& anatomy, std::uint64_t seed) {
  const Vec3 lo = canvas.centre(0, 0, 0);
  const Vec3 hi = canvas.centre(canvas.size[0] - 1, canvas.size[1] - 1, canvas.size[2] - 1);
  const LatticeNoise coarse(seed ^ kTextureSalt, 7.0, lo, hi);
  const LatticeNoise fine(mixBits(seed ^ kTextureSalt), 2.8, lo, hi);
  std::int64_t at = 0;
  for (std::int64_t k = 0; k < canvas.size[2]; ++k) {
    for (std::int64_t j = 0; j < canvas.size[1]; ++j) {
      for (std::int64_t i = 0; i < canvas.size[0]; ++i, ++at) {
        const Vec3 p = canvas.centre(i, j, k);
        const Tissue t = tissueAt(anatomy, p);
        float hu = t.hu;
        if (t.label == Label::Lung) hu += 14.0f * coarse.at(p) + 10.0f * fine.at(p);
        canvas.hu[at] = hu;
        canvas.label[at] = static_cast<std::uint8_t>(t.label);
      }
    }
  }
}

/// The canvas's interior (all but a one-voxel margin), blurred a little (partial volume), with
/// noise of `sigma` HU, rounded into `out`.
void finish(const Canvas& canvas, std::uint64_t seed, double sigma,
            std::vector<std::int16_t>& out) {
  const std::int64_t nx = canvas.size[0], ny = canvas.size[1], nz = canvas.size[2];
  constexpr float side = 0.2f, middle = 0.6f;     // in plane
  constexpr float sideZ = 0.15f, middleZ = 0.7f;  // between slices
  std::vector<float> alongI(canvas.hu.size()), alongJ(canvas.hu.size());
  for (std::int64_t k = 0; k < nz; ++k) {
    for (std::int64_t j = 0; j < ny; ++j) {
      const float* in = canvas.hu.data() + canvas.offset(0, j, k);
      float* o = alongI.data() + canvas.offset(0, j, k);
      for (std::int64_t i = 1; i + 1 < nx; ++i)
        o[i] = middle * in[i] + side * (in[i - 1] + in[i + 1]);
    }
    for (std::int64_t j = 1; j + 1 < ny; ++j) {
      const float* in = alongI.data() + canvas.offset(0, j, k);
      float* o = alongJ.data() + canvas.offset(0, j, k);
      for (std::int64_t i = 1; i + 1 < nx; ++i)
        o[i] = middle * in[i] + side * (in[i - nx] + in[i + nx]);
    }
  }
  const std::int64_t sz = nx * ny;
  const auto noiseSeed = seed ^ kNoiseSalt;
  const auto s = static_cast<float>(sigma);
  out.resize(static_cast<std::size_t>((nx - 2) * (ny - 2) * (nz - 2)));
  std::size_t n = 0;
  for (std::int64_t k = 1; k + 1 < nz; ++k) {
    for (std::int64_t j = 1; j + 1 < ny; ++j) {
      const float* in = alongJ.data() + canvas.offset(0, j, k);
      for (std::int64_t i = 1; i + 1 < nx; ++i) {
        const float blurred = middleZ * in[i] + sideZ * (in[i - sz] + in[i + sz]);
        const std::uint64_t h =
            hashPoint(noiseSeed, canvas.begin[0] + i, canvas.begin[1] + j, canvas.begin[2] + k);
        const float hu = std::clamp(blurred + s * roughNormal(h), -1024.0f, 3071.0f);
        out[n++] = static_cast<std::int16_t>(std::lround(hu));
      }
    }
  }
}

/// The canvas's interior of a per-voxel byte buffer.
std::vector<std::uint8_t> interior(const Canvas& canvas, const std::vector<std::uint8_t>& values,
                                   std::uint8_t match) {
  std::vector<std::uint8_t> out;
  out.reserve(
      static_cast<std::size_t>((canvas.size[0] - 2) * (canvas.size[1] - 2) * (canvas.size[2] - 2)));
  for (std::int64_t k = 1; k + 1 < canvas.size[2]; ++k)
    for (std::int64_t j = 1; j + 1 < canvas.size[1]; ++j)
      for (std::int64_t i = 1; i + 1 < canvas.size[0]; ++i)
        out.push_back(values[canvas.offset(i, j, k)] == match ? 1 : 0);
  return out;
}

}  // namespace

Geometry chestCtGeometry(const ChestCtOptions& options) {
  checkOptions(options);
  Geometry grid;
  grid.size = options.size;
  grid.spacing = options.spacingMm;
  for (std::size_t a = 0; a < 3; ++a) {
    grid.origin[a] = -0.5 * static_cast<double>(options.size[a] - 1) * options.spacingMm[a];
  }
  return grid;
}

std::vector<Nodule> chestCtNodules(std::uint64_t seed, const ChestCtOptions& options) {
  std::vector<Nodule> out;
  for (const NoduleShape& s : planCase(seed, options).nodules) out.push_back(s.nodule);
  return out;
}

VoxelBox regionAround(const ChestCtOptions& options, const std::array<double, 3>& centreLps,
                      const std::array<std::int64_t, 3>& size) {
  const Geometry grid = chestCtGeometry(options);
  VoxelBox box;
  box.size = size;
  for (std::size_t a = 0; a < 3; ++a) {
    const auto nearest = std::llround((centreLps[a] - grid.origin[a]) / grid.spacing[a]);
    box.begin[a] = nearest - size[a] / 2;
  }
  return box;
}

ChestCt makeChestCt(std::uint64_t seed, const ChestCtOptions& options) {
  const CasePlan plan = planCase(seed, options);
  const Geometry full = chestCtGeometry(options);
  const VoxelBox box = options.region.value_or(VoxelBox{{0, 0, 0}, options.size});

  Canvas canvas;
  canvas.origin = full.origin;
  canvas.spacing = full.spacing;
  for (std::size_t a = 0; a < 3; ++a) {
    canvas.begin[a] = box.begin[a] - 1;  // a margin of one voxel for the blur
    canvas.size[a] = box.size[a] + 2;
  }
  const auto count = static_cast<std::size_t>(canvas.size[0] * canvas.size[1] * canvas.size[2]);
  canvas.hu.resize(count);
  canvas.label.resize(count);
  canvas.mask.assign(count, 0);

  paintAnatomy(canvas, plan.anatomy, seed);
  paintGreatVessels(canvas, plan.tubes.greatVessels);
  paintPulmonaryVessels(canvas, plan.tubes.pulmonaryVessels);
  paintAirways(canvas, plan.tubes.airways);
  paintNodules(canvas, plan.nodules);

  ChestCt ct;
  ct.geometry = full;
  ct.geometry.size = box.size;
  for (std::size_t a = 0; a < 3; ++a) {
    ct.geometry.origin[a] = full.origin[a] + full.spacing[a] * static_cast<double>(box.begin[a]);
  }
  finish(canvas, seed, plan.anatomy.noiseSigmaHu, ct.hu);
  ct.noduleMask = interior(canvas, canvas.mask, 1);
  ct.lungMask = interior(canvas, canvas.label, static_cast<std::uint8_t>(Label::Lung));
  for (const NoduleShape& s : plan.nodules) ct.nodules.push_back(s.nodule);
  return ct;
}

}  // namespace lumen::inference::phantoms
