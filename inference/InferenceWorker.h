#pragma once

// The inference worker: one thread per device that owns the loaded models and runs jobs in
// priority order. Standard headers only, so the app can own one next to Qt.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "inference/ImageInput.h"
#include "inference/InferenceResult.h"
#include "inference/ModelPackage.h"
#include "inference/RunControl.h"

namespace lumen::inference {

using JobId = std::uint64_t;

/// How a job ended. `result` is set when it is Done, `error` says why when it Failed.
struct JobOutcome {
  enum class Status { Done, Failed, Cancelled };
  JobId id = 0;
  Status status = Status::Failed;
  std::shared_ptr<const InferenceResult> result;
  std::string error;
};

/// One model on one image.
struct InferenceJob {
  ModelPackage model;
  ImageInput image;
  std::shared_ptr<const void> keepAlive;  ///< owns image.voxels until the job ends
  std::string modality;                   ///< DICOM Modality of the image, for applicability
  std::string bodyPart;                   ///< DICOM BodyPartExamined, may be empty
  int priority = 0;                       ///< higher runs first; equal ones in order
  RunOptions options;
  /// Called on the worker thread as the job goes (fraction 0…1, stage name). Must not throw.
  std::function<void(JobId, double, const std::string&)> progress;
  /// Called once when the job ends, however it ends: on the worker thread, or, for a job
  /// cancelled before it started, on the thread that cancelled it (or destroyed the worker).
  /// Must not throw.
  std::function<void(const JobOutcome&)> finished;
};

/// Owns a thread and the models loaded on its device. Jobs end with a result or an error,
/// never by throwing out of the worker; after a failed job it goes on with the next.
class InferenceWorker {
 public:
  struct Settings {
    std::string device = "auto";  ///< "auto" (CUDA when torch::cuda::is_available()), "cpu", "cuda"
    /// LibTorch intra-op threads; 0: one less than the machine's cores (one left for the GUI).
    int threads = 0;
    /// Loaded models kept (least recently used dropped first) while their weights fit.
    std::int64_t modelCacheBytes = std::int64_t{2} << 30;
  };

  /// Starts the thread. Throws InferenceError for an unknown device or CUDA that is absent.
  explicit InferenceWorker(Settings settings);
  /// Cancels every job (each still gets its `finished` call) and joins the thread.
  ~InferenceWorker();
  InferenceWorker(const InferenceWorker&) = delete;
  InferenceWorker& operator=(const InferenceWorker&) = delete;

  /// Queues a job; returns its id. While the worker is being destroyed the job ends at once as
  /// Cancelled. Thread-safe.
  JobId submit(InferenceJob job);
  /// Cancels a job: a queued one leaves the queue at once (its `finished` is called here), a
  /// running one stops within one batch. Unknown or finished ids are ignored. Thread-safe.
  void cancel(JobId id);
  /// Changes a queued job's priority. Thread-safe.
  void setPriority(JobId id, int priority);
  /// Jobs queued or running. Thread-safe.
  std::size_t pending() const;
  /// "cpu" or "cuda:0".
  std::string device() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Why `manifest` does not apply to an image of this modality, body part and size ("needs CT,
/// the image is MR"), or "" when it does. Modality and body part compare case-insensitively; an
/// empty list in the manifest accepts anything, and an image that does not say (a NIfTI file,
/// a DICOM header without BodyPartExamined) is not refused: the result notes it instead.
std::string whyNotApplicable(const ModelManifest& manifest, const std::string& modality,
                             const std::string& bodyPart, const Geometry& geometry);

}  // namespace lumen::inference
