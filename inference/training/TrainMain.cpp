// lumen-train: trains a demo model on Lumen's synthetic studies and saves it as a Lumen package.
//
//   lumen-train radiograph --out FILE [--steps N] [--batch N] [--size PIXELS] [--lr RATE]
//   lumen-train nodules --out FILE [--steps N] [--batch N] [--lr RATE]
//
// Seeded and reproducible: the same command on the same build gives the same weights (LibTorch's
// CPU kernels are deterministic for these layers at a fixed thread count: 2 unless --threads).
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "inference/ModelPackage.h"
#include "inference/training/NoduleTraining.h"
#include "inference/training/RadiographTraining.h"

namespace {

using namespace lumen::inference;

int usage() {
  std::fprintf(stderr,
               "usage: lumen-train radiograph --out FILE [--steps N] [--batch N] [--size PIXELS]\n"
               "                              [--lr RATE] [--threads N]\n"
               "       lumen-train nodules --out FILE [--steps N] [--batch N] [--lr RATE]\n"
               "                           [--threads N]\n");
  return 2;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// What the command line sets; 0 leaves the trainer's default.
struct Request {
  std::string what;
  std::string out;
  int steps = 0;
  int batch = 0;
  int size = 0;
  double learningRate = 0.0;
  int threads = 2;  // fixed, so that the same command gives the same weights on any machine
};

bool parse(int argc, char** argv, Request& r) {
  if (argc < 2) return false;
  r.what = argv[1];
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string arg = argv[a];
    const char* value = argv[a + 1];
    if (arg == "--out") {
      r.out = value;
    } else if (arg == "--steps") {
      r.steps = std::atoi(value);
    } else if (arg == "--batch") {
      r.batch = std::atoi(value);
    } else if (arg == "--size" && r.what == "radiograph") {
      r.size = std::atoi(value);
    } else if (arg == "--lr") {
      r.learningRate = std::atof(value);
    } else if (arg == "--threads") {
      r.threads = std::atoi(value);
    } else {
      return false;
    }
  }
  return argc % 2 == 0 && (r.what == "radiograph" || r.what == "nodules") && !r.out.empty() &&
         r.steps >= 0 && r.batch >= 0 && (r.size == 0 || r.size >= 64) && r.learningRate >= 0.0 &&
         r.threads >= 1;
}

/// Saves `module` with `manifest`, reads it back and checks it as installing it would.
void save(torch::jit::Module& module, const std::string& manifest, const std::string& out,
          std::chrono::steady_clock::time_point start) {
  module.save(out, {{kEmbeddedManifestName, manifest}});
  const ModelPackage package = readModelPackage(out);
  verifyModelPackage(package);
  std::printf("wrote %s (sha256 %s) after %.0f s\n", out.c_str(), package.sha256.c_str(),
              secondsSince(start));
}

}  // namespace

int main(int argc, char** argv) {
  Request r;
  if (!parse(argc, argv, r)) return usage();
  at::set_num_threads(r.threads);
  const auto start = std::chrono::steady_clock::now();
  const auto progress = [&](int step, double loss) {
    std::printf("step %5d  loss %.4f  %6.0f s\n", step, loss, secondsSince(start));
    std::fflush(stdout);
  };
  try {
    if (r.what == "radiograph") {
      training::RadiographTraining options;
      if (r.steps > 0) options.steps = r.steps;
      if (r.batch > 0) options.batchSize = r.batch;
      if (r.size > 0) options.imageSize = r.size;
      if (r.learningRate > 0) options.learningRate = r.learningRate;
      options.progress = progress;
      std::printf(
          "training the chest radiograph classifier: %d steps of %d cases at %d², %d "
          "threads\n",
          options.steps, options.batchSize, options.imageSize, r.threads);
      training::TrainedClassifier model = training::trainRadiographClassifier(options);
      save(model.module, training::radiographManifest(model, options.imageSize), r.out, start);
      for (std::size_t n = 0; n < model.labels.size(); ++n)
        std::printf("threshold %s %.3f\n", model.labels[n].c_str(), model.thresholds[n]);
    } else {
      training::NoduleTraining options;
      if (r.steps > 0) options.steps = r.steps;
      if (r.batch > 0) options.batchSize = r.batch;
      if (r.learningRate > 0) options.learningRate = r.learningRate;
      options.progress = progress;
      std::printf("training the nodule segmenter: %d steps of %d CT patches, %d threads\n",
                  options.steps, options.batchSize, r.threads);
      torch::jit::Module model = training::trainNoduleSegmenter(options);
      save(model, training::noduleManifest(options), r.out, start);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumen-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
