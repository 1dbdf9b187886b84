// lumen-train: trains a demo model on Lumen's synthetic studies and saves it as a Lumen package.
//
//   lumen-train radiograph --out resources/models/chest-radiograph.pt [--steps N] [--threads N]
//
// Seeded and reproducible: the same command on the same build gives the same weights (LibTorch's
// CPU kernels are deterministic for these layers at a fixed thread count: 2 unless --threads).
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "inference/ModelPackage.h"
#include "inference/training/RadiographTraining.h"

namespace {

using namespace lumen::inference;

int usage() {
  std::fprintf(stderr,
               "usage: lumen-train radiograph --out FILE [--steps N] [--batch N] [--size PIXELS] "
               "[--lr RATE]\n"
               "       [--threads N]\n");
  return 2;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string what = argv[1];
  std::string out;
  training::RadiographTraining options;
  int threads = 2;  // fixed, so that the same command gives the same weights on any machine
  for (int a = 2; a < argc; ++a) {
    const std::string arg = argv[a];
    if (a + 1 >= argc) return usage();
    const char* value = argv[++a];
    if (arg == "--out") {
      out = value;
    } else if (arg == "--steps") {
      options.steps = std::atoi(value);
    } else if (arg == "--batch") {
      options.batchSize = std::atoi(value);
    } else if (arg == "--size") {
      options.imageSize = std::atoi(value);
    } else if (arg == "--lr") {
      options.learningRate = std::atof(value);
    } else if (arg == "--threads") {
      threads = std::atoi(value);
    } else {
      return usage();
    }
  }
  if (what != "radiograph" || out.empty() || options.steps < 1 || options.batchSize < 1 ||
      options.imageSize < 64 || !(options.learningRate > 0))
    return usage();
  if (threads < 1) return usage();
  at::set_num_threads(threads);
  std::printf(
      "training the chest radiograph classifier: %d steps of %d synthetic cases, %d threads\n",
      options.steps, options.batchSize, at::get_num_threads());
  const auto start = std::chrono::steady_clock::now();
  options.progress = [&](int step, double loss) {
    std::printf("step %5d  loss %.4f  %6.0f s\n", step, loss, secondsSince(start));
    std::fflush(stdout);
  };
  try {
    const training::TrainedClassifier model = training::trainRadiographClassifier(options);
    model.module.save(
        out, {{kEmbeddedManifestName, training::radiographManifest(model, options.imageSize)}});
    const ModelPackage package = readModelPackage(out);
    verifyModelPackage(package);
    std::printf("wrote %s (sha256 %s) after %.0f s; thresholds:", out.c_str(),
                package.sha256.c_str(), secondsSince(start));
    for (std::size_t n = 0; n < model.labels.size(); ++n)
      std::printf(" %s %.3f;", model.labels[n].c_str(), model.thresholds[n]);
    std::printf("\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumen-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
