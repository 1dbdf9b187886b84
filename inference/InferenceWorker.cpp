#include "inference/InferenceWorker.h"

#include <sys/resource.h>
#include <unistd.h>

#include <torch/cuda.h>
#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include "inference/Pipeline.h"
#include "inference/SlidingWindow.h"

namespace lumen::inference {
namespace {

/// The nice value of the worker thread and its intra-op threads (0 normal, 19 lowest).
constexpr int kWorkerNice = 10;

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  if (list.empty()) return true;
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return lowered(item) == lowered(value); });
}

std::string joined(const std::vector<std::string>& list) {
  std::string text;
  for (const std::string& item : list) text += (text.empty() ? "" : " or ") + item;
  return text;
}

c10::Device deviceNamed(const std::string& name) {
  if (name == "auto") {
    return torch::cuda::is_available() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  }
  if (name == "cpu") return c10::Device(c10::kCPU);
  if (name == "cuda" || name.rfind("cuda:", 0) == 0) {
    if (!torch::cuda::is_available()) {
      throw InferenceError("device " + name +
                           ": CUDA is not available (this LibTorch has no "
                           "CUDA, or the machine has no NVIDIA GPU)");
    }
    if (name == "cuda") return c10::Device(c10::kCUDA, 0);
    int index = -1;
    try {
      index = c10::Device(name).index();
    } catch (const std::exception&) {
      throw InferenceError("device " + name + ": not a device name (cuda:0, cuda:1, ...)");
    }
    if (index >= static_cast<int>(torch::cuda::device_count())) {
      throw InferenceError("device " + name + ": this machine has " +
                           std::to_string(torch::cuda::device_count()) + " CUDA device(s)");
    }
    return c10::Device(name);
  }
  throw InferenceError("device " + name + ": unknown (auto, cpu or cuda)");
}

/// Loaded models on one device, least recently used first out. Used by the worker thread only.
class ModelCache {
 public:
  explicit ModelCache(std::int64_t budget) : budget_(budget) {}

  ModelRunner& get(const ModelPackage& package, c10::Device device, bool half) {
    const std::string key = package.sha256 + "@" + device.str() + (half ? "/fp16" : "");
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->key != key) continue;
      if (checkedAlike(it->manifest, package.manifest)) {
        entries_.splice(entries_.end(), entries_, it);
        return *entries_.back().runner;
      }
      used_ -= it->bytes;  // same weights, a manifest edited since: load and check again
      entries_.erase(it);
      break;
    }
    std::unique_ptr<ModelRunner> runner = loadTorchScript(package, device, half);
    checkModelAgainstManifest(*runner, package.manifest);
    const std::int64_t bytes = runner->bytes();
    while (!entries_.empty() && used_ + bytes > budget_) {
      used_ -= entries_.front().bytes;
      entries_.pop_front();
    }
    used_ += bytes;
    entries_.push_back({key, package.manifest, std::move(runner), bytes});
    return *entries_.back().runner;
  }

  /// Drops the models on `device` (to give its memory back).
  void drop(c10::Device device) {
    entries_.remove_if([&](const Entry& e) {
      const bool match = e.runner->device() == device;
      if (match) used_ -= e.bytes;
      return match;
    });
  }

 private:
  /// True when the probe of checkModelAgainstManifest would not tell `a` from `b`.
  static bool checkedAlike(const ModelManifest& a, const ModelManifest& b) {
    return a.task == b.task && a.dimensionality == b.dimensionality &&
           a.inputChannels == b.inputChannels && a.inputSize == b.inputSize &&
           a.patchSize == b.patchSize && a.axisOrder == b.axisOrder &&
           a.labels.size() == b.labels.size() && a.heatmap == b.heatmap &&
           a.heatmapLayer == b.heatmapLayer;
  }

  struct Entry {
    std::string key;
    ModelManifest manifest;  ///< the one it was checked against
    std::unique_ptr<ModelRunner> runner;
    std::int64_t bytes;
  };
  std::int64_t budget_;
  std::int64_t used_ = 0;
  std::list<Entry> entries_;
};

struct Queued {
  JobId id;
  std::uint64_t order;
  InferenceJob job;
  std::shared_ptr<std::atomic<bool>> cancelled;
};

/// Tells each job's `finished` that it was cancelled. Call without holding the worker's lock.
void cancelled(std::vector<Queued>& jobs) {
  for (Queued& q : jobs) {
    if (!q.job.finished) continue;
    JobOutcome outcome;
    outcome.id = q.id;
    outcome.status = JobOutcome::Status::Cancelled;
    q.job.finished(outcome);
  }
}

}  // namespace

struct InferenceWorker::State {
  explicit State(Settings s)
      : settings(std::move(s)),
        device(deviceNamed(settings.device)),
        cache(settings.modelCacheBytes) {}

  Settings settings;
  c10::Device device;
  ModelCache cache;  // worker thread only

  mutable std::mutex mutex;
  std::condition_variable wake;
  std::vector<Queued> queue;
  JobId nextId = 1;
  std::uint64_t nextOrder = 0;
  bool stopping = false;
  JobId runningId = 0;
  std::shared_ptr<std::atomic<bool>> runningCancelled;
  std::thread thread;

  void loop();
  JobOutcome run(Queued& queued);
  InferenceResult runOn(const Queued& queued, c10::Device on, const JobControl& control);
};

void InferenceWorker::State::loop() {
  // Below the GUI: a model busy on the CPU takes the cores only while nothing else wants them.
  // Linux nice values are per thread; the intra-op threads this thread starts inherit it.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWorkerNice);
  const int threads = settings.threads > 0
                          ? settings.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
  at::set_num_threads(threads);
  for (;;) {
    Queued next;
    {
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [this] { return stopping || !queue.empty(); });
      if (stopping) return;
      const auto first =
          std::min_element(queue.begin(), queue.end(), [](const Queued& a, const Queued& b) {
            return a.job.priority != b.job.priority ? a.job.priority > b.job.priority
                                                    : a.order < b.order;
          });
      next = std::move(*first);
      queue.erase(first);
      runningId = next.id;
      runningCancelled = next.cancelled;
    }
    const JobOutcome outcome = run(next);
    {
      std::lock_guard<std::mutex> lock(mutex);
      runningId = 0;
      runningCancelled.reset();
    }
    if (next.job.finished) next.job.finished(outcome);
  }
}

InferenceResult InferenceWorker::State::runOn(const Queued& queued, c10::Device on,
                                              const JobControl& control) {
  const ModelPackage& package = queued.job.model;
  const bool half = on.is_cuda() && package.manifest.allowHalfPrecision;
  ModelRunner* model = nullptr;
  std::string note;
  try {
    model = &cache.get(package, on, half);
  } catch (const InferenceError& e) {
    // A module with float attributes that are not buffers fails in fp16: fp32 still works.
    if (!half || isOutOfMemory(e)) throw;
    model = &cache.get(package, on, false);
    note = std::string("fp16 failed (") + e.what() + "); the model ran in fp32";
  }
  InferenceResult result = runModel(*model, package, queued.job.image, queued.job.options, control);
  if (!note.empty()) result.notes.push_back(note);
  return result;
}

JobOutcome InferenceWorker::State::run(Queued& queued) {
  JobOutcome outcome;
  outcome.id = queued.id;
  const InferenceJob& job = queued.job;
  const std::string& name = job.model.manifest.name;
  JobControl control;
  control.cancelled = queued.cancelled.get();
  if (job.progress) {
    control.progress = [&job, id = queued.id](double fraction, const std::string& stage) {
      job.progress(id, fraction, stage);
    };
  }
  try {
    control.checkCancelled();
    const std::string reason =
        whyNotApplicable(job.model.manifest, job.modality, job.bodyPart, job.image.geometry);
    if (!reason.empty()) throw InferenceError("model " + name + " does not apply: " + reason);
    InferenceResult result;
    const ModelManifest& m = job.model.manifest;
    try {
      result = runOn(queued, device, control);
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& e) {
      // Loading, preprocessing or the model itself: any of them can exhaust a GPU.
      if (device.is_cpu() || !isOutOfMemory(e)) throw;
      cache.drop(device);
      result = runOn(queued, c10::Device(c10::kCPU), control);
      result.notes.push_back(device.str() + " ran out of memory (" + firstLineOf(e.what()) +
                             "); the model ran on the CPU instead");
    }
    if (job.modality.empty() && !m.modalities.empty()) {
      result.notes.push_back("the image does not say its modality; the model reads " +
                             joined(m.modalities));
    }
    if (job.bodyPart.empty() && !m.bodyParts.empty()) {
      result.notes.push_back("the image does not say its body part; the model reads the " +
                             joined(m.bodyParts));
    }
    outcome.status = JobOutcome::Status::Done;
    outcome.result = std::make_shared<const InferenceResult>(std::move(result));
  } catch (const JobCancelled&) {
    outcome.status = JobOutcome::Status::Cancelled;
  } catch (const std::exception& e) {
    // Every message names the model; LibTorch's run over many lines, the first says what.
    const std::string what = firstLineOf(e.what());
    const std::string prefix = "model " + name;
    outcome.error = what.rfind(prefix, 0) == 0 ? what : prefix + ": " + what;
  }
  return outcome;
}

InferenceWorker::InferenceWorker(Settings settings)
    : state_(std::make_unique<State>(std::move(settings))) {
  state_->thread = std::thread([state = state_.get()] { state->loop(); });
}

InferenceWorker::~InferenceWorker() {
  std::vector<Queued> dropped;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->stopping = true;
    if (state_->runningCancelled) state_->runningCancelled->store(true);
    dropped.swap(state_->queue);
  }
  state_->wake.notify_all();
  state_->thread.join();
  cancelled(dropped);
}

JobId InferenceWorker::submit(InferenceJob job) {
  std::vector<Queued> refused;
  JobId id = 0;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    id = state_->nextId++;
    Queued queued{id, state_->nextOrder++, std::move(job),
                  std::make_shared<std::atomic<bool>>(false)};
    if (state_->stopping) {  // submitted from a last callback while the worker shuts down
      refused.push_back(std::move(queued));
    } else {
      state_->queue.push_back(std::move(queued));
    }
  }
  state_->wake.notify_one();
  cancelled(refused);
  return id;
}

void InferenceWorker::cancel(JobId id) {
  std::vector<Queued> dropped;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->runningId == id && state_->runningCancelled) state_->runningCancelled->store(true);
    const auto queued = std::find_if(state_->queue.begin(), state_->queue.end(),
                                     [id](const Queued& q) { return q.id == id; });
    if (queued != state_->queue.end()) {
      dropped.push_back(std::move(*queued));
      state_->queue.erase(queued);
    }
  }
  cancelled(dropped);  // outside the lock: the callback may submit
}

void InferenceWorker::setPriority(JobId id, int priority) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (Queued& q : state_->queue) {
    if (q.id == id) q.job.priority = priority;
  }
}

std::size_t InferenceWorker::pending() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->queue.size() + (state_->runningId != 0 ? 1 : 0);
}

std::string InferenceWorker::device() const { return state_->device.str(); }

std::string whyNotApplicable(const ModelManifest& manifest, const std::string& modality,
                             const std::string& bodyPart, const Geometry& geometry) {
  if (!modality.empty() && !listed(manifest.modalities, modality)) {
    return "it reads " + joined(manifest.modalities) + ", the image is " + modality;
  }
  if (!bodyPart.empty() && !listed(manifest.bodyParts, bodyPart)) {
    return "it reads the " + joined(manifest.bodyParts) + ", the image is of the " + bodyPart;
  }
  const bool single = geometry.size[2] == 1;
  if (manifest.dimensionality == ModelDimensionality::Image2d && !single) {
    return "it reads single 2D images, the image is a volume of " +
           std::to_string(geometry.size[2]) + " slices";
  }
  if (manifest.dimensionality != ModelDimensionality::Image2d && single) {
    return "it reads volumes, the image is a single 2D image";
  }
  return {};
}

}  // namespace lumen::inference
