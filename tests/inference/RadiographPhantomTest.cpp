#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "inference/phantoms/ChestRadiograph.h"

namespace lumen::inference::phantoms {
namespace {

constexpr std::array<RadiographFinding, kRadiographFindingCount> kAllFindings{
    RadiographFinding::Nodule,        RadiographFinding::Mass,
    RadiographFinding::Consolidation, RadiographFinding::PleuralEffusion,
    RadiographFinding::Pneumothorax,  RadiographFinding::Cardiomegaly};

RadiographOptions withFindings(int size, std::array<bool, kRadiographFindingCount> findings) {
  RadiographOptions options;
  options.size = size;
  options.findings = findings;
  return options;
}

RadiographOptions allFindings(int size) {
  std::array<bool, kRadiographFindingCount> all{};
  all.fill(true);
  return withFindings(size, all);
}

bool isLung(std::uint8_t region) {
  return region == static_cast<std::uint8_t>(RadiographRegion::RightLung) ||
         region == static_cast<std::uint8_t>(RadiographRegion::LeftLung);
}

double meanOver(const ChestRadiograph& image, RadiographRegion region) {
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    if (image.regions[i] != static_cast<std::uint8_t>(region)) continue;
    sum += image.pixels[i];
    ++count;
  }
  EXPECT_GT(count, 0u) << "no pixel of region " << static_cast<int>(region);
  return count ? sum / count : 0.0;
}

TEST(RadiographPhantom, FindingLabels) {
  EXPECT_STREQ(findingLabel(RadiographFinding::Nodule), "nodule");
  EXPECT_STREQ(findingLabel(RadiographFinding::PleuralEffusion), "pleural effusion");
  EXPECT_STREQ(findingLabel(RadiographFinding::Cardiomegaly), "cardiomegaly");
}

TEST(RadiographPhantom, RejectsBadOptions) {
  RadiographOptions options;
  options.size = 16;
  EXPECT_THROW(makeChestRadiograph(1, options), std::invalid_argument);
  options.size = 64;
  options.prevalence = 1.5;
  EXPECT_THROW(makeChestRadiograph(1, options), std::invalid_argument);
}

TEST(RadiographPhantom, SameSeedSameImageDifferentSeedDifferentImage) {
  const RadiographOptions options = allFindings(256);
  const ChestRadiograph a = makeChestRadiograph(42, options);
  const ChestRadiograph b = makeChestRadiograph(42, options);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_EQ(a.masks, b.masks);
  EXPECT_EQ(a.regions, b.regions);
  EXPECT_EQ(a.cardiothoracicRatio, b.cardiothoracicRatio);
  const ChestRadiograph c = makeChestRadiograph(43, options);
  EXPECT_NE(a.pixels, c.pixels);
  EXPECT_NE(a.masks[0], c.masks[0]);
  // Drawn findings follow the seed too.
  RadiographOptions drawn;
  drawn.size = 64;
  EXPECT_EQ(makeChestRadiograph(7, drawn).present, makeChestRadiograph(7, drawn).present);
}

TEST(RadiographPhantom, ThreadsGiveTheSameImages) {
  RadiographOptions options;
  options.size = 128;
  std::vector<ChestRadiograph> parallel(4);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] { parallel[k] = makeChestRadiograph(100 + k, options); });
  for (std::thread& t : threads) t.join();
  for (int k = 0; k < 4; ++k)
    EXPECT_EQ(parallel[k].pixels, makeChestRadiograph(100 + k, options).pixels);
}

TEST(RadiographPhantom, TwelveBitImageWithDarkLungsAndBrightMediastinum) {
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    RadiographOptions options;
    options.size = 256;
    options.findings = std::array<bool, kRadiographFindingCount>{};  // the normal anatomy
    const ChestRadiograph image = makeChestRadiograph(seed, options);
    ASSERT_EQ(image.width, 256);
    ASSERT_EQ(image.height, 256);
    ASSERT_EQ(image.pixels.size(), 256u * 256u);
    ASSERT_EQ(image.regions.size(), image.pixels.size());
    EXPECT_NEAR(image.pixelSpacingMm, 350.0 / 256.0, 1e-12);
    const auto [low, high] = std::minmax_element(image.pixels.begin(), image.pixels.end());
    EXPECT_LE(*high, 4095);
    EXPECT_GT(*high - *low, 2000) << "seed " << seed;  // uses the range
    const double air = meanOver(image, RadiographRegion::Air);
    const double rightLung = meanOver(image, RadiographRegion::RightLung);
    const double leftLung = meanOver(image, RadiographRegion::LeftLung);
    const double mediastinum = meanOver(image, RadiographRegion::Mediastinum);
    const double heart = meanOver(image, RadiographRegion::Heart);
    EXPECT_LT(air + 300.0, std::min(rightLung, leftLung)) << "seed " << seed;
    EXPECT_LT(std::max(rightLung, leftLung) + 600.0, mediastinum) << "seed " << seed;
    EXPECT_LT(std::max(rightLung, leftLung) + 400.0, heart) << "seed " << seed;
    // The patient's right lung is on the image's left, the heart bulges to the image's right.
    double rightX = 0.0, rightN = 0.0, heartX = 0.0, heartN = 0.0;
    for (int y = 0; y < 256; ++y) {
      for (int x = 0; x < 256; ++x) {
        const std::uint8_t r = image.regions[y * 256 + x];
        if (r == static_cast<std::uint8_t>(RadiographRegion::RightLung)) rightX += x, ++rightN;
        if (r == static_cast<std::uint8_t>(RadiographRegion::Heart)) heartX += x, ++heartN;
      }
    }
    EXPECT_LT(rightX / rightN, 128.0);
    EXPECT_GT(heartX / heartN, 128.0);
  }
}

TEST(RadiographPhantom, MasksArePresentExactlyWithTheirFindingAndLieWhereTheyBelong) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    RadiographOptions options;
    options.size = 256;
    options.prevalence = 0.5;
    const ChestRadiograph image = makeChestRadiograph(seed, options);
    for (const RadiographFinding finding : kAllFindings) {
      const auto& mask = image.mask(finding);
      SCOPED_TRACE(std::string(findingLabel(finding)) + ", seed " + std::to_string(seed));
      if (!image.has(finding)) {
        EXPECT_TRUE(mask.empty());
        continue;
      }
      ASSERT_EQ(mask.size(), image.pixels.size());
      std::size_t inside = 0, outsideLung = 0, outsideBody = 0;
      for (std::size_t i = 0; i < mask.size(); ++i) {
        if (!mask[i]) continue;
        ++inside;
        if (!isLung(image.regions[i])) ++outsideLung;
        if (image.regions[i] == static_cast<std::uint8_t>(RadiographRegion::Air)) ++outsideBody;
      }
      EXPECT_GT(inside, 0u);
      EXPECT_EQ(outsideBody, 0u);
      if (finding != RadiographFinding::Cardiomegaly) {
        EXPECT_EQ(outsideLung, 0u);
      }
    }
  }
}

TEST(RadiographPhantom, EachFindingChangesThePixelsInItsMask) {
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    const ChestRadiograph with = makeChestRadiograph(seed, allFindings(256));
    for (const RadiographFinding finding : kAllFindings) {
      const int k = static_cast<int>(finding);
      std::array<bool, kRadiographFindingCount> others{};
      others.fill(true);
      others[k] = false;
      const ChestRadiograph without = makeChestRadiograph(seed, withFindings(256, others));
      EXPECT_TRUE(without.mask(finding).empty());
      double inside = 0.0, outside = 0.0;
      std::size_t n = 0, m = 0;
      for (std::size_t i = 0; i < with.pixels.size(); ++i) {
        const double d = std::abs(static_cast<double>(with.pixels[i]) - without.pixels[i]);
        if (with.mask(finding)[i]) {
          inside += d;
          ++n;
        } else {
          outside += d;
          ++m;
        }
      }
      ASSERT_GT(n, 0u);
      SCOPED_TRACE(std::string(findingLabel(finding)) + ", seed " + std::to_string(seed));
      EXPECT_GT(inside / n, 25.0);                 // visible where the mask is
      EXPECT_GT(inside / n, 5.0 * (outside / m));  // and much less elsewhere
    }
  }
}

TEST(RadiographPhantom, CardiothoracicRatioFollowsCardiomegaly) {
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    RadiographOptions options;
    options.size = 64;
    const ChestRadiograph image = makeChestRadiograph(seed, options);
    if (image.has(RadiographFinding::Cardiomegaly)) {
      EXPECT_GT(image.cardiothoracicRatio, 0.5);
    } else {
      EXPECT_GE(image.cardiothoracicRatio, 0.38);
      EXPECT_LE(image.cardiothoracicRatio, 0.48);
    }
  }
  // The heart is measured on the image: its widest row against the thorax.
  const ChestRadiograph big = makeChestRadiograph(5, allFindings(512));
  std::array<bool, kRadiographFindingCount> none{};
  const ChestRadiograph normal = makeChestRadiograph(5, withFindings(512, none));
  auto heartWidth = [](const ChestRadiograph& image) {
    int widest = 0;
    for (int y = 0; y < image.height; ++y) {
      int first = -1, last = -1;
      for (int x = 0; x < image.width; ++x) {
        if (image.regions[y * image.width + x] !=
            static_cast<std::uint8_t>(RadiographRegion::Heart))
          continue;
        if (first < 0) first = x;
        last = x;
      }
      if (first >= 0) widest = std::max(widest, last - first + 1);
    }
    return widest;
  };
  const double ratio = static_cast<double>(heartWidth(big)) / heartWidth(normal);
  EXPECT_NEAR(ratio, big.cardiothoracicRatio / normal.cardiothoracicRatio, 0.08);
}

TEST(RadiographPhantom, PrevalenceIsKept) {
  std::array<int, kRadiographFindingCount> counts{};
  const int cases = 500;
  RadiographOptions options;
  options.size = 32;
  options.prevalence = 0.3;
  for (int seed = 0; seed < cases; ++seed) {
    const ChestRadiograph image = makeChestRadiograph(seed, options);
    for (int k = 0; k < kRadiographFindingCount; ++k) counts[k] += image.present[k];
  }
  for (int k = 0; k < kRadiographFindingCount; ++k) {
    // 0.3 ± 3.5 standard deviations of a binomial(500, 0.3)
    EXPECT_NEAR(counts[k] / static_cast<double>(cases), 0.3, 0.072)
        << findingLabel(static_cast<RadiographFinding>(k));
  }
  options.prevalence = 0.0;
  EXPECT_EQ(makeChestRadiograph(1, options).present, (std::array<bool, 6>{}));
}

TEST(RadiographPhantom, SmallAndLargeImagesShowTheSameAnatomy) {
  const ChestRadiograph small = makeChestRadiograph(3, allFindings(256));
  const ChestRadiograph large = makeChestRadiograph(3, allFindings(2048));
  EXPECT_EQ(small.present, large.present);
  EXPECT_EQ(small.cardiothoracicRatio, large.cardiothoracicRatio);
  // Average the large image down 8 × 8 and compare: same anatomy, same exposure.
  double error = 0.0, regionsAgree = 0.0, maskAgree = 0.0, maskCount = 0.0;
  for (int y = 0; y < 256; ++y) {
    for (int x = 0; x < 256; ++x) {
      double sum = 0.0;
      for (int v = 0; v < 8; ++v)
        for (int u = 0; u < 8; ++u) sum += large.pixels[(8 * y + v) * 2048 + 8 * x + u];
      error += std::abs(sum / 64.0 - small.pixels[y * 256 + x]);
      const std::size_t centre = static_cast<std::size_t>(8 * y + 4) * 2048 + 8 * x + 4;
      regionsAgree += large.regions[centre] == small.regions[y * 256 + x];
      for (const auto& k : {0, 1, 2, 3, 4}) {
        if (!small.masks[k][y * 256 + x] && !large.masks[k][centre]) continue;
        maskCount += 1.0;
        maskAgree += small.masks[k][y * 256 + x] == large.masks[k][centre];
      }
    }
  }
  EXPECT_LT(error / (256.0 * 256.0), 120.0);  // of 4095
  EXPECT_GT(regionsAgree / (256.0 * 256.0), 0.97);
  EXPECT_GT(maskAgree / maskCount, 0.8);
}

TEST(RadiographPhantom, Timing) {
  for (const int size : {256, 2048}) {
    RadiographOptions options;
    options.size = size;
    const int cases = size == 256 ? 50 : 3;
    const auto start = std::chrono::steady_clock::now();
    for (int seed = 0; seed < cases; ++seed) makeChestRadiograph(seed, options);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count() /
        cases;
    std::printf("chest radiograph %d × %d: %.1f ms per case\n", size, size, ms);
    EXPECT_LT(ms, size == 256 ? 100.0 : 10000.0);  // loose: shared machines; the log has the number
  }
}

/// Writes a few cases as 8-bit PGM images (and their masks) to $LUMEN_PHANTOM_PGM_DIR for a
/// person to look at; does nothing without it.
TEST(RadiographPhantom, WritesPgmImagesWhenAsked) {
  const char* folder = std::getenv("LUMEN_PHANTOM_PGM_DIR");
  if (!folder || !*folder) GTEST_SKIP() << "set LUMEN_PHANTOM_PGM_DIR to write images";
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    RadiographOptions options;
    options.size = 1024;
    options.prevalence = 0.4;
    const ChestRadiograph image = makeChestRadiograph(seed, options);
    std::string name = std::string(folder) + "/chest-" + std::to_string(seed);
    for (const RadiographFinding finding : kAllFindings) {
      if (!image.has(finding)) continue;
      std::string label = findingLabel(finding);
      std::replace(label.begin(), label.end(), ' ', '-');
      name += "-" + label;
    }
    std::ofstream out(name + ".pgm", std::ios::binary);
    out << "P5\n" << image.width << ' ' << image.height << "\n255\n";
    for (const std::uint16_t p : image.pixels) out.put(static_cast<char>(p >> 4));
    std::ofstream masks(name + "-masks.pgm", std::ios::binary);
    masks << "P5\n" << image.width << ' ' << image.height << "\n255\n";
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
      int value = image.regions[i] * 30;
      for (const auto& mask : image.masks)
        if (!mask.empty() && mask[i]) value = 255;
      masks.put(static_cast<char>(value));
    }
    ASSERT_TRUE(out.good() && masks.good()) << name;
  }
}

}  // namespace
}  // namespace lumen::inference::phantoms
