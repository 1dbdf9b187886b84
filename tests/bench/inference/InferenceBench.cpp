// The same TorchScript models run end to end by Lumen and by PyTorch in Python (peer.py) in one
// run: a DenseNet-121 classifier at 224² on a 2048×2048 radiograph, and a 3D UNet with a 96³
// sliding window over a 512×512×300 CT. Both sides read the same raw file (the read is inside
// both timings, warm page cache), with the same thread count and device. Prints both latencies,
// their ratio and Lumen's stages. Not a test: it never fails on speed, and without a working
// Python peer it still prints Lumen's figures.
//
//   bench_inference [--device cpu|cuda] [--half] [--threads N] [--repeat N] [--python PATH]
//                   [--work DIR] [--peer peer.py] [--only densenet|unet]
//
// On the 2-core CI-class VM the defaults (DenseNet 3 warm-up runs + 20 timed, the CT 1 + 3, on
// both sides) take about 4 minutes, almost all of it the UNet (some 27 s per run and side). The
// VM's speed drifts by ±15 % from one second to the next: DenseNet's 20 runs (2 s) and the CT's 3
// keep one disturbed run from deciding a median. The first run also writes the inputs (a
// few seconds) and makes the models (about 10 s). --repeat 1 takes about 2 minutes.
#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "SyntheticImages.h"
#include "inference/ModelPackage.h"
#include "inference/ModelRunner.h"
#include "inference/Pipeline.h"
#include "inference/Runtime.h"

namespace {

using namespace lumen::inference;
using lumen::bench::RawImage;

struct Options {
  std::string device = "cpu";
  bool half = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::optional<int> repeat;  ///< both models; else 20 for DenseNet and 3 for the CT
  std::string python = "/usr/bin/python3";
  std::string work = "/tmp/lumen-bench-inference";
  std::string peer = LUMEN_PEER_SCRIPT;
  std::string only;  ///< "densenet" or "unet": that model alone
};

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int n = 1; n < argc; ++n) {
    const std::string arg = argv[n];
    const auto value = [&]() -> std::string {
      if (n + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++n];
    };
    if (arg == "--device") {
      o.device = value();
      if (o.device != "cpu" && o.device != "cuda") {
        throw std::invalid_argument("--device is cpu or cuda, not " + o.device);
      }
    } else if (arg == "--half") {
      o.half = true;
    } else if (arg == "--threads") {
      o.threads = std::max(1, std::stoi(value()));
    } else if (arg == "--repeat") {
      o.repeat = std::max(1, std::stoi(value()));
    } else if (arg == "--python") {
      o.python = value();
    } else if (arg == "--work") {
      o.work = value();
    } else if (arg == "--peer") {
      o.peer = value();
    } else if (arg == "--only") {
      o.only = value();
      if (o.only != "densenet" && o.only != "unet") {
        throw std::invalid_argument("--only is densenet or unet, not " + o.only);
      }
    } else {
      throw std::invalid_argument(
          "unknown option " + arg +
          "; usage: bench_inference [--device cpu|cuda] [--half] [--threads N] [--repeat N] "
          "[--python PATH] [--work DIR] [--peer peer.py] [--only densenet|unet]");
    }
  }
  if (o.half && o.device != "cuda") throw std::invalid_argument("--half is for --device cuda");
  return o;
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/// One shell word: the text in single quotes.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs a shell command and returns its output (stdout and stderr together).
std::string capture(const std::string& command) {
  std::string output;
  std::FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  pclose(pipe);
  return output;
}

/// The line of `text` that starts with `prefix`, without the prefix; empty when none does.
std::string lineStartingWith(const std::string& text, const std::string& prefix) {
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.compare(start, prefix.size(), prefix) == 0) {
      return text.substr(start + prefix.size(), end - start - prefix.size());
    }
    start = end + 1;
  }
  return {};
}

/// The value of `key=` in a "key=value key=value" line (values without spaces).
std::string field(const std::string& line, const std::string& key) {
  const std::size_t at = line.find(key + "=");
  if (at == std::string::npos) return {};
  const std::size_t from = at + key.size() + 1;
  return line.substr(from, line.find(' ', from) - from);
}

/// The whole raw file, read as the app's loader would hand it over: one buffer, no parsing.
std::unique_ptr<std::uint16_t[]> readRaw(const RawImage& image) {
  const auto voxels = static_cast<std::size_t>(image.geometry.voxelCount());
  std::unique_ptr<std::uint16_t[]> buffer(new std::uint16_t[voxels]);
  std::FILE* file = std::fopen(image.path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot open " + image.path);
  const std::size_t got = std::fread(buffer.get(), sizeof(std::uint16_t), voxels, file);
  std::fclose(file);
  if (got != voxels) throw std::runtime_error(image.path + " is shorter than expected");
  return buffer;
}

struct Case {
  std::string name;
  std::string modelFile;
  RawImage image;
  int repeat = 1;
  /// Untimed runs first: TorchScript's profiling executor optimises a graph over its first calls
  /// (DenseNet: about 4 s, then 0.9 s, then 0.1 s on the 2-core VM). A sliding-window run calls
  /// the model 5 times, so one run warms the UNet.
  int warmup = 1;
};

struct LumenFigures {
  double medianMs = 0.0;  ///< 0: Lumen did not run it
  double minMs = 0.0;
  std::vector<double> warmupMs;  ///< the untimed first runs (TorchScript optimising its graph)
  std::string device;            ///< where it ran, as the result says ("cpu", "cuda:0 (fp16)")
  std::string notes;             ///< the result's notes (a fallback to the CPU, say)
  std::vector<std::pair<std::string, double>> stageMedians;  ///< in the pipeline's order
  std::string summary;
};

std::string summaryOf(const InferenceResult& result) {
  std::string text;
  char number[32];
  for (const Finding& f : result.findings) {
    std::snprintf(number, sizeof number, "%s%.4f", text.empty() ? "" : ",", f.probability);
    text += number;
  }
  for (const Segment& s : result.segments) {
    text += (text.empty() ? "" : ",") + std::to_string(s.voxels);
  }
  return text;
}

/// Lumen: loadTorchScript once, then `warmup` untimed and `repeat` timed runs of reading the raw
/// file and runModel (heatmaps off), as the app's worker does.
LumenFigures runLumen(const Case& c, const Options& options) {
  const ModelPackage package = readModelPackage(c.modelFile);
  const c10::Device device =
      options.device == "cuda" ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  const std::unique_ptr<ModelRunner> model = loadTorchScript(package, device, options.half);
  RunOptions runOptions;
  runOptions.heatmaps = false;
  const JobControl control;

  const auto once = [&]() {
    const auto start = std::chrono::steady_clock::now();
    const std::unique_ptr<std::uint16_t[]> voxels = readRaw(c.image);
    const double fileMs = millisecondsSince(start);
    const ImageInput input{voxels.get(), c.image.type, c.image.geometry};
    InferenceResult result = runModel(*model, package, input, runOptions, control);
    result.timings.insert(result.timings.begin(), StageTiming{"file", fileMs});
    return std::make_pair(millisecondsSince(start), result);
  };
  LumenFigures figures;
  for (int n = 0; n < c.warmup; ++n) figures.warmupMs.push_back(once().first);
  std::vector<double> totals;
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> stages;
  for (int n = 0; n < c.repeat; ++n) {
    const auto [ms, result] = once();
    totals.push_back(ms);
    for (const StageTiming& t : result.timings) {
      if (stages.count(t.stage) == 0) order.push_back(t.stage);
      stages[t.stage].push_back(t.milliseconds);
    }
    figures.summary = summaryOf(result);
    figures.device = result.device;
    figures.notes.clear();
    for (const std::string& note : result.notes) figures.notes += note + "; ";
  }
  figures.medianMs = median(totals);
  figures.minMs = *std::min_element(totals.begin(), totals.end());
  for (const std::string& stage : order) {
    figures.stageMedians.emplace_back(stage, median(stages[stage]));
  }
  return figures;
}

struct PeerFigures {
  double medianMs = -1.0;  ///< < 0: the peer gave no result
  double minMs = -1.0;
  std::string line;  ///< its result line, or why there is none
};

/// The peer's own "peer-error:" line; else (Python did not start, or crashed) the output's tail.
std::string whyThePeerFailed(const std::string& output) {
  const std::string error = lineStartingWith(output, "peer-error: ");
  if (!error.empty()) return error;
  const std::size_t end = output.find_last_not_of(" \n");
  const std::string text = end == std::string::npos ? "no output" : output.substr(0, end + 1);
  return text.substr(text.size() - std::min<std::size_t>(text.size(), 600));
}

/// The Python peer, launched once: it loads the model, warms up and times `repeat` runs itself.
PeerFigures runPeer(const Case& c, const Options& options) {
  const auto& g = c.image.geometry;
  const std::string command =
      quoted(options.python) + " " + quoted(options.peer) + " run --model " + quoted(c.modelFile) +
      " --input " + quoted(c.image.path) + " --dtype " + c.image.pythonType + " --size " +
      std::to_string(g.size[0]) + "," + std::to_string(g.size[1]) + "," +
      std::to_string(g.size[2]) + " --spacing " + std::to_string(g.spacing[0]) + "," +
      std::to_string(g.spacing[1]) + "," + std::to_string(g.spacing[2]) + " --threads " +
      std::to_string(options.threads) + " --device " + options.device +
      (options.half ? " --half" : "") + " --warmup " + std::to_string(c.warmup) + " --repeat " +
      std::to_string(c.repeat);
  const std::string output = capture(command);
  PeerFigures figures;
  figures.line = lineStartingWith(output, "peer-result ");
  if (!figures.line.empty()) {
    figures.medianMs = std::stod(field(figures.line, "median_ms"));
    figures.minMs = std::stod(field(figures.line, "min_ms"));
    return figures;
  }
  figures.line = whyThePeerFailed(output);
  return figures;
}

bool anyModelMissing(const std::vector<Case>& cases) {
  return std::any_of(cases.begin(), cases.end(),
                     [](const Case& c) { return !std::filesystem::exists(c.modelFile); });
}

/// Makes the two models with the peer when either is missing (they are kept in the work folder).
void makeModels(const Options& options, const std::vector<Case>& cases) {
  if (!anyModelMissing(cases)) return;
  std::printf("making the models with %s %s\n", options.python.c_str(), options.peer.c_str());
  const std::string output = capture(quoted(options.python) + " " + quoted(options.peer) +
                                     " make --work " + quoted(options.work));
  if (anyModelMissing(cases)) {
    std::printf("PYTHON PEER FAILED to make the models: %s\n", whyThePeerFailed(output).c_str());
  }
}

/// `text` left-aligned in `width` columns, counting UTF-8 characters (², ×), not bytes.
std::string padded(const std::string& text, std::size_t width) {
  std::size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80 ? 1 : 0;
  return text + std::string(width > characters ? width - characters : 0, ' ');
}

/// "file:1.0,read:2.0" → " file 1.0  read 2.0".
std::string peerStages(const std::string& stages) {
  std::string text;
  for (char c : stages)
    text += c == ':' ? std::string(" ") : c == ',' ? std::string("  ") : std::string(1, c);
  return text.empty() ? text : " " + text;
}

void printTable(const std::vector<Case>& cases, const std::vector<LumenFigures>& lumen,
                const std::vector<PeerFigures>& peer) {
  constexpr std::size_t kName = 38;
  std::printf("\n%s %10s %10s %13s   %s\n", padded("model (end to end, medians)", kName).c_str(),
              "Lumen ms", "Python ms", "Lumen/Python", "fastest runs: Lumen, Python");
  for (std::size_t n = 0; n < cases.size(); ++n) {
    if (lumen[n].medianMs <= 0.0) continue;
    const std::string name = padded(cases[n].name, kName);
    if (peer[n].medianMs < 0.0) {
      std::printf("%s %10.1f %10s %13s   %.1f\n", name.c_str(), lumen[n].medianMs, "-", "-",
                  lumen[n].minMs);
    } else {
      std::printf("%s %10.1f %10.1f %12.2fx   %.1f, %.1f\n", name.c_str(), lumen[n].medianMs,
                  peer[n].medianMs, lumen[n].medianMs / peer[n].medianMs, lumen[n].minMs,
                  peer[n].minMs);
    }
  }
  std::printf(
      "\nStages (medians, ms) and what each side found (probabilities, or organ voxels):\n");
  for (std::size_t n = 0; n < cases.size(); ++n) {
    if (lumen[n].medianMs <= 0.0) continue;
    std::printf("%s\n  Lumen ", cases[n].name.c_str());
    for (const auto& [stage, ms] : lumen[n].stageMedians) {
      std::printf(" %s %.1f ", stage.c_str(), ms);
    }
    std::printf(" (on %s%s%s)\n", lumen[n].device.c_str(), lumen[n].notes.empty() ? "" : "; ",
                lumen[n].notes.c_str());
    std::printf("         warm-up runs");
    for (double ms : lumen[n].warmupMs) std::printf(" %.0f", ms);
    std::printf(" ms (the first calls of a TorchScript model are slow)\n");
    std::printf("         found %s\n", lumen[n].summary.c_str());
    if (peer[n].medianMs < 0.0) {
      std::printf("  PYTHON PEER FAILED: %s\n", peer[n].line.c_str());
    } else {
      std::printf("  Python%s\n         found %s\n",
                  peerStages(field(peer[n].line, "stages")).c_str(),
                  field(peer[n].line, "summary").c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parseOptions(argc, argv);
    at::set_num_threads(options.threads);
    if (options.device == "cuda" && !torch::cuda::is_available()) {
      std::fprintf(stderr, "bench_inference: this LibTorch has no CUDA device\n");
      return 1;
    }
    std::filesystem::create_directories(options.work);
    std::printf("%s; device %s (%s); %d intra-op threads on both sides; peer %s\n",
                describeRuntime(runtimeInfo()).c_str(), options.device.c_str(),
                options.half ? "fp16" : "fp32", at::get_num_threads(), options.python.c_str());
    std::printf("writing the synthetic inputs into %s (kept for later runs)\n",
                options.work.c_str());
    std::vector<Case> cases{
        {"DenseNet-121 224² on a 2048² DX", options.work + "/densenet121.pt",
         lumen::bench::writeRadiograph(options.work), options.repeat.value_or(20), 3},
        {"3D UNet 96³ window on a 512²×300 CT", options.work + "/unet3d.pt",
         lumen::bench::writeCt(options.work), options.repeat.value_or(3), 1},
    };
    makeModels(options, cases);

    std::vector<LumenFigures> lumen(cases.size());
    std::vector<PeerFigures> peer(cases.size());
    for (std::size_t n = 0; n < cases.size(); ++n) {
      const Case& c = cases[n];
      const std::string file = std::filesystem::path(c.modelFile).filename().string();
      if (!options.only.empty() && file.rfind(options.only, 0) != 0) continue;
      if (!std::filesystem::exists(c.modelFile)) {
        std::printf(
            "skipping %s: no model %s (make it with `python3 peer.py make --work DIR` where "
            "torch and torchvision import, and copy it there)\n",
            c.name.c_str(), c.modelFile.c_str());
        continue;
      }
      std::printf("%s: Lumen, %d warm-up + %d runs...\n", c.name.c_str(), c.warmup, c.repeat);
      std::fflush(stdout);
      try {
        lumen[n] = runLumen(c, options);
      } catch (const std::exception& e) {
        std::printf("LUMEN FAILED on %s: %s\n", c.name.c_str(), e.what());
      }
      std::printf("%s: Python, %d warm-up + %d runs...\n", c.name.c_str(), c.warmup, c.repeat);
      std::fflush(stdout);
      peer[n] = runPeer(c, options);
      if (peer[n].medianMs < 0.0) {
        std::printf("PYTHON PEER FAILED (%s): %s\n", options.python.c_str(), peer[n].line.c_str());
      } else {
        std::printf("peer: %s\n", peer[n].line.c_str());
      }
    }
    printTable(cases, lumen, peer);
    std::printf(
        "\nBoth sides time the whole job, from reading the raw file (warm page cache) to the "
        "results"
        "\non the host: resample to the model's grid, intensity, channels, forward (sliding window,"
        "\nbatch 4), activation, and for the CT the label map resampled back onto 512×512×300."
        "\nMedians; ratio < 1: Lumen is faster.\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_inference: %s\n", e.what());
    return 1;
  }
}
