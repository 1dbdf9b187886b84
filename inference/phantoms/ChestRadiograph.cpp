#include "inference/phantoms/ChestRadiograph.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "inference/phantoms/RadiographModel.h"

namespace lumen::inference::phantoms {

using namespace detail;

const char* findingLabel(RadiographFinding finding) {
  switch (finding) {
    case RadiographFinding::Nodule:
      return "nodule";
    case RadiographFinding::Mass:
      return "mass";
    case RadiographFinding::Consolidation:
      return "consolidation";
    case RadiographFinding::PleuralEffusion:
      return "pleural effusion";
    case RadiographFinding::Pneumothorax:
      return "pneumothorax";
    case RadiographFinding::Cardiomegaly:
      return "cardiomegaly";
  }
  return "unknown";
}

namespace {

constexpr double kFieldOfViewMm = 350.0;

/// How the detector and its processing turn densities into pixel values.
struct Exposure {
  double photonsPerMm2 = 3e5;  ///< unattenuated fluence at the detector
  double blurMm = 0.2;         ///< detector and focal spot blur (Gaussian sigma)
  double toneOffset = 0.7;     ///< density below which the image is black
  double toneScale = 1.6;      ///< density above the offset at which the curve is at 63 %
  double gamma = 1.0;
  double enhancement = 0.6;  ///< local contrast gain of the processing
  double enhancementRadiusMm = 18.0;
  double black = 0.0, white = 1.0;
};

Exposure makeExposure(std::uint64_t seed) {
  Random random(seed, 3);
  Exposure e;
  e.photonsPerMm2 = random.logUniform(1.2e5, 6e5);
  e.blurMm = random.uniform(0.1, 0.3);
  e.toneOffset = random.uniform(0.5, 0.9);
  e.toneScale = random.uniform(1.4, 1.9);
  e.gamma = random.uniform(0.85, 1.15);
  e.enhancement = random.uniform(0.3, 1.0);
  e.enhancementRadiusMm = random.uniform(10.0, 25.0);
  e.black = random.uniform(0.0, 0.05);
  e.white = random.uniform(0.9, 1.0);
  return e;
}

/// Separable Gaussian blur of a size × size image, edges clamped; both passes walk rows.
void gaussianBlur(std::vector<float>& image, int size, double sigma) {
  const int radius = static_cast<int>(std::ceil(3.0 * sigma));
  if (radius < 1) return;
  std::vector<float> kernel(2 * radius + 1);
  double sum = 0.0;
  for (int k = -radius; k <= radius; ++k) {
    kernel[k + radius] = static_cast<float>(std::exp(-0.5 * k * k / (sigma * sigma)));
    sum += kernel[k + radius];
  }
  for (float& k : kernel) k = static_cast<float>(k / sum);
  std::vector<float> scratch(image.size());
  for (int row = 0; row < size; ++row) {
    const float* in = image.data() + static_cast<std::size_t>(row) * size;
    float* out = scratch.data() + static_cast<std::size_t>(row) * size;
    for (int column = 0; column < size; ++column) {
      float value = 0.0f;
      for (int k = -radius; k <= radius; ++k)
        value += kernel[k + radius] * in[std::clamp(column + k, 0, size - 1)];
      out[column] = value;
    }
  }
  for (int row = 0; row < size; ++row) {
    float* out = image.data() + static_cast<std::size_t>(row) * size;
    std::fill(out, out + size, 0.0f);
    for (int k = -radius; k <= radius; ++k) {
      const float* in =
          scratch.data() + static_cast<std::size_t>(std::clamp(row + k, 0, size - 1)) * size;
      const float w = kernel[k + radius];
      for (int column = 0; column < size; ++column) out[column] += w * in[column];
    }
  }
}

/// Box blur of radius r (running sums, edges clamped), rows then columns.
void boxBlur(const std::vector<float>& image, std::vector<float>& out, int size, int r) {
  std::vector<float> scratch(image.size());
  const double norm = 1.0 / (2 * r + 1);
  for (int row = 0; row < size; ++row) {
    const float* in = image.data() + static_cast<std::size_t>(row) * size;
    float* o = scratch.data() + static_cast<std::size_t>(row) * size;
    double sum = 0.0;
    for (int k = -r; k <= r; ++k) sum += in[std::clamp(k, 0, size - 1)];
    for (int column = 0; column < size; ++column) {
      o[column] = static_cast<float>(sum * norm);
      sum += in[std::min(column + r + 1, size - 1)] - in[std::max(column - r, 0)];
    }
  }
  std::vector<double> sums(size, 0.0);
  auto rowOf = [&](int row) {
    return scratch.data() + static_cast<std::size_t>(std::clamp(row, 0, size - 1)) * size;
  };
  for (int k = -r; k <= r; ++k) {
    const float* in = rowOf(k);
    for (int column = 0; column < size; ++column) sums[column] += in[column];
  }
  out.resize(image.size());
  for (int row = 0; row < size; ++row) {
    float* o = out.data() + static_cast<std::size_t>(row) * size;
    const float* add = rowOf(row + r + 1);
    const float* remove = rowOf(row - r);
    for (int column = 0; column < size; ++column) {
      o[column] = static_cast<float>(sums[column] * norm);
      sums[column] += add[column] - remove[column];
    }
  }
}

/// Detector and processing: quantum noise, blur, a tone curve and local contrast enhancement,
/// 12-bit output.
std::vector<std::uint16_t> formImage(std::vector<float>& density, const Frame& frame,
                                     std::uint64_t seed) {
  const Exposure e = makeExposure(seed);
  const int size = frame.size;
  // Quantum noise: N = N0 e^-A photons, Poisson, seen after the log as A + n / sqrt(N). It is
  // strongest where the body is densest (bright), as in a processed radiograph.
  Random noise(seed, 4);
  const double perPixel = e.photonsPerMm2 * frame.spacing * frame.spacing;
  const double noiseScale = 1.0 / std::sqrt(perPixel);
  for (float& a : density) {
    const double value = std::clamp(static_cast<double>(a), 0.0, 12.0);
    const double sigma = noiseScale * std::exp(0.5 * value);
    a = static_cast<float>(std::clamp(value + sigma * noise.quickNormal(), 0.0, 12.0));
  }
  gaussianBlur(density, size, std::sqrt(std::pow(e.blurMm / frame.spacing, 2.0) + 0.16));

  // Tone curve through a table (density 0..12).
  constexpr int kTable = 1024;
  constexpr double kMaxDensity = 12.0;
  std::vector<float> table(kTable + 1);
  for (int k = 0; k <= kTable; ++k) {
    const double a = kMaxDensity * k / kTable;
    const double above = std::max(0.0, a - e.toneOffset);
    table[k] = static_cast<float>(std::pow(1.0 - std::exp(-above / e.toneScale), e.gamma));
  }
  for (float& a : density) {
    const double x = a * (kTable / kMaxDensity);
    const int k = std::min(static_cast<int>(x), kTable - 1);
    a = static_cast<float>(table[k] + (x - k) * (table[k + 1] - table[k]));
  }
  // Local contrast: add back the difference from a broad (tent) average.
  const int radius =
      std::max(1, static_cast<int>(std::lround(e.enhancementRadiusMm / frame.spacing / 2.0)));
  std::vector<float> broad;
  std::vector<float> twice;
  boxBlur(density, broad, size, radius);
  boxBlur(broad, twice, size, radius);
  std::vector<std::uint16_t> pixels(density.size());
  for (std::size_t i = 0; i < density.size(); ++i) {
    const double t = density[i] + e.enhancement * (density[i] - twice[i]);
    const double value = std::clamp(e.black + (e.white - e.black) * t, 0.0, 1.0);
    pixels[i] = static_cast<std::uint16_t>(value * 4095.0 + 0.5);
  }
  return pixels;
}

}  // namespace

ChestRadiograph makeChestRadiograph(std::uint64_t seed, const RadiographOptions& options) {
  if (options.size < 32 || options.size > 8192)
    throw std::invalid_argument("chest radiograph phantom: size " + std::to_string(options.size) +
                                " is outside 32..8192");
  if (!(options.prevalence >= 0.0 && options.prevalence <= 1.0))
    throw std::invalid_argument("chest radiograph phantom: prevalence " +
                                std::to_string(options.prevalence) + " is outside 0..1");
  std::array<bool, kRadiographFindingCount> present{};
  Random presence(seed, 0);
  for (bool& p : present) p = presence.uniform() < options.prevalence;
  if (options.findings) present = *options.findings;

  const int cardiomegaly = static_cast<int>(RadiographFinding::Cardiomegaly);
  const Anatomy anatomy = makeAnatomy(seed, present[cardiomegaly]);
  const Findings findings = makeFindings(seed, anatomy, present);

  Canvas canvas;
  {
    Random pose(seed, 2);
    const double angle = pose.uniform(-4.0, 4.0) * M_PI / 180.0;
    canvas.frame.size = options.size;
    canvas.frame.spacing = kFieldOfViewMm / options.size;
    canvas.frame.cosA = std::cos(angle);
    canvas.frame.sinA = std::sin(angle);
    canvas.frame.offset = {pose.uniform(-10.0, 10.0), pose.uniform(-12.0, 12.0)};
  }
  const std::size_t count = static_cast<std::size_t>(options.size) * options.size;
  canvas.density.assign(count, 0.0f);
  canvas.lungDepth.assign(count, 0.0f);
  canvas.markings.assign(count, 0.0f);
  canvas.regions.assign(count, 0);

  ChestRadiograph result;
  drawSoftTissue(anatomy, findings, canvas, result.masks);
  drawLungFindings(anatomy, findings, canvas, result.masks);
  drawVesselsAndBones(anatomy, canvas);
  if (present[cardiomegaly]) {
    result.masks[cardiomegaly].resize(count);
    const auto heart = static_cast<std::uint8_t>(RadiographRegion::Heart);
    for (std::size_t i = 0; i < count; ++i)
      result.masks[cardiomegaly][i] = canvas.regions[i] == heart;
  }

  result.width = options.size;
  result.height = options.size;
  result.pixelSpacingMm = canvas.frame.spacing;
  result.present = present;
  result.cardiothoracicRatio = anatomy.hearts[anatomy.heart].cardiothoracicRatio;
  result.pixels = formImage(canvas.density, canvas.frame, seed);
  result.regions = std::move(canvas.regions);
  return result;
}

}  // namespace lumen::inference::phantoms
