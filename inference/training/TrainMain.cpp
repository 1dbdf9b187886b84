// lumen-train: trains a demo model on Lumen's synthetic studies and saves it as a Lumen package.
//
//   lumen-train radiograph --out FILE [--steps N] [--batch N] [--size PIXELS] [--lr RATE]
//   lumen-train nodules --out FILE [--steps N] [--batch N] [--lr RATE]
//   (both also [--threads N] [--evaluate CASES])
//   lumen-train evaluate --out FILE --evaluate CASES
//
// --evaluate runs the saved model on that many test cases (as `lumen evaluate FILE --set CASES`
// does) and saves it again with the summary in its manifest's "evaluation", for the model card;
// `lumen-train evaluate` does that for a package trained before.
//
// Seeded and reproducible: the same command on the same build gives the same weights (LibTorch's
// CPU kernels are deterministic for these layers at a fixed thread count: 2 unless --threads).
#include <torch/torch.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "inference/ModelPackage.h"
#include "inference/evaluation/Report.h"
#include "inference/training/NoduleTraining.h"
#include "inference/training/RadiographTraining.h"

namespace {

using namespace lumen::inference;

int usage() {
  std::fprintf(stderr,
               "usage: lumen-train radiograph --out FILE [--steps N] [--batch N] [--size PIXELS]\n"
               "                              [--lr RATE] [--threads N] [--evaluate CASES]\n"
               "       lumen-train nodules --out FILE [--steps N] [--batch N] [--lr RATE]\n"
               "                           [--threads N] [--evaluate CASES]\n"
               "       lumen-train evaluate --out FILE --evaluate CASES\n");
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
  int threads = 2;   // fixed, so that the same command gives the same weights on any machine
  int evaluate = 0;  // test cases; 0: none
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
    } else if (arg == "--evaluate") {
      r.evaluate = std::atoi(value);
    } else {
      return false;
    }
  }
  if (r.what == "evaluate")
    return argc % 2 == 0 && !r.out.empty() && r.evaluate > 0 && r.threads >= 1;
  return argc % 2 == 0 && (r.what == "radiograph" || r.what == "nodules") && !r.out.empty() &&
         r.steps >= 0 && r.batch >= 0 && (r.size == 0 || r.size >= 64) && r.learningRate >= 0.0 &&
         r.threads >= 1 && r.evaluate >= 0;
}

/// How evaluateAndSave adds the evaluation to a manifest made by the trainers.
constexpr const char* kEvaluationKey = ",\n  \"evaluation\": ";

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// Saves `module` with `manifest` beside `out`, reads it back and checks it as installing it
/// would, then renames it over `out`: a package that fails the check never replaces one.
void save(torch::jit::Module& module, const std::string& manifest, const std::string& out,
          std::chrono::steady_clock::time_point start) {
  const std::string saving = out + ".saving";
  module.save(saving, {{kEmbeddedManifestName, manifest}});
  verifyModelPackage(readModelPackage(saving));
  if (std::rename(saving.c_str(), out.c_str()) != 0)
    throw std::runtime_error("cannot rename " + saving + " to " + out);
  const ModelPackage package = readModelPackage(out);
  std::printf("wrote %s (sha256 %s) after %.0f s\n", out.c_str(), package.sha256.c_str(),
              secondsSince(start));
}

/// Evaluates the package at `out` on `cases` test cases, prints the summary, and saves `module`
/// again with the summary as the manifest's "evaluation".
void evaluateAndSave(torch::jit::Module& module, const std::string& manifest,
                     const std::string& out, int cases,
                     std::chrono::steady_clock::time_point start) {
  const ModelPackage package = readModelPackage(out);
  const auto progress = [&](int done) {
    std::printf("evaluated %d of %d cases  %6.0f s\n", done, cases, secondsSince(start));
    std::fflush(stdout);
  };
  std::string summary;
  if (package.manifest.task == ModelTask::Segmentation) {
    summary =
        evaluation::textSummary(evaluation::evaluateNoduleSegmenter(package, cases, progress));
  } else {
    summary = evaluation::textSummary(
        evaluation::evaluateRadiographClassifier(package, cases, 2048, progress));
  }
  std::fputs(summary.c_str(), stdout);
  summary += "Test cases never used in training; lumen evaluate MODEL --set " +
             std::to_string(cases) + " reproduces these figures.";
  std::string head = manifest.substr(0, manifest.rfind('}'));
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.back()))) head.pop_back();
  save(module, head + kEvaluationKey + jsonString(summary) + "\n}\n", out, start);
}

/// Evaluates the package at `out` again and rewrites its manifest's evaluation.
void reevaluate(const std::string& out, int cases, std::chrono::steady_clock::time_point start) {
  torch::jit::Module module = torch::jit::load(out);
  std::string manifest = checkTorchScript(out, kEmbeddedManifestName);
  if (manifest.empty()) throw std::runtime_error(out + " is not a Lumen package (no manifest)");
  const std::size_t evaluated = manifest.find(kEvaluationKey);
  if (evaluated != std::string::npos) manifest = manifest.substr(0, evaluated) + "\n}\n";
  if (manifest.find("\"evaluation\"") != std::string::npos) {
    throw std::runtime_error(out +
                             ": its manifest's evaluation was not written by lumen-train; "
                             "remove it by hand first");
  }
  evaluateAndSave(module, manifest, out, cases, start);
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
    if (r.what == "evaluate") {
      reevaluate(r.out, r.evaluate, start);
    } else if (r.what == "radiograph") {
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
      const std::string manifest = training::radiographManifest(model, options.imageSize);
      save(model.module, manifest, r.out, start);
      if (r.evaluate > 0) evaluateAndSave(model.module, manifest, r.out, r.evaluate, start);
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
      const std::string manifest = training::noduleManifest(options);
      save(model, manifest, r.out, start);
      if (r.evaluate > 0) evaluateAndSave(model, manifest, r.out, r.evaluate, start);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumen-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
