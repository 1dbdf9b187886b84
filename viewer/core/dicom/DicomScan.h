#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/Job.h"
#include "core/dicom/DicomInstance.h"
#include "core/dicom/DicomVolumePlan.h"

namespace lumen::core {

/// A file that is (or claims to be) DICOM but cannot be shown, and why.
struct DicomRejection {
  std::string path;
  std::string reason;  ///< in English, naming the file and what is wrong
};

/// Everything found under some paths: the image instances, the volumes they make, the files that
/// were rejected, and how many were skipped quietly (not DICOM, or DICOM without pixel data:
/// SR, PDF, presentation states, RT plans).
struct DicomScan {
  std::vector<DicomInstance> instances;
  std::vector<DicomVolumePlan> volumes;  ///< slices refer to `instances`
  std::vector<DicomRejection> rejected;
  std::size_t skipped = 0;
};

/// Reads the headers of every file under `paths` (files, folders searched recursively, DICOMDIRs,
/// in any mix; each file once) on all cores and assembles the volumes. Reports progress as the
/// fraction of headers read. Throws Error(Cancelled) when `cancel` is set.
DicomScan scanDicom(const std::vector<std::string>& paths, const ProgressCallback& progress = {},
                    const CancelToken* cancel = nullptr);

}  // namespace lumen::core
