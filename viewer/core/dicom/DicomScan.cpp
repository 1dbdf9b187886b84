#include "core/dicom/DicomScan.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/Error.h"
#include "core/ParallelFor.h"
#include "core/dicom/DicomHeaderReader.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

/// Files under `paths`, each once, folders in name order; missing paths are rejected.
std::vector<std::string> listFiles(const std::vector<std::string>& paths,
                                   std::set<std::string>& seen,
                                   std::vector<DicomRejection>& rejected) {
  std::vector<std::string> files;
  const auto add = [&](const fs::path& file) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(file, error);
    if (seen.insert(error ? file.string() : canonical.string()).second)
      files.push_back(file.string());
  };
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator
               it(path, fs::directory_options::skip_permission_denied, error),
           end;
           !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error)) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (const fs::path& file : found) add(file);
    } else if (fs::exists(path, error)) {
      add(path);
    } else {
      rejected.push_back({path, path + ": no such file or folder"});
    }
  }
  return files;
}

}  // namespace

DicomScan scanDicom(const std::vector<std::string>& paths, const ProgressCallback& progress,
                    const CancelToken* cancel) {
  DicomScan scan;
  std::set<std::string> seen;
  std::vector<std::string> files = listFiles(paths, seen, scan.rejected);
  std::mutex reporting;
  std::size_t done = 0;
  // DICOMDIRs add the files they reference: read those in a second round.
  while (!files.empty()) {
    std::vector<DicomHeader> headers(files.size());
    const double total = static_cast<double>(done + files.size());
    parallelFor(files.size(), workerThreads(), [&](std::size_t n, unsigned) {
      if (cancel && cancel->isCancelled()) return;
      headers[n] = readDicomHeader(files[n]);
      const std::lock_guard<std::mutex> lock(reporting);
      ++done;
      if (progress) progress(static_cast<double>(done) / total);
    });
    if (cancel && cancel->isCancelled()) throw Error(ErrorCode::Cancelled, "scan cancelled");
    std::vector<std::string> referenced;
    for (DicomHeader& header : headers) {
      switch (header.kind) {
        case DicomHeader::Kind::Image:
          scan.instances.push_back(std::move(header.instance));
          break;
        case DicomHeader::Kind::NotImage:
        case DicomHeader::Kind::NotDicom:
          ++scan.skipped;
          break;
        case DicomHeader::Kind::Rejected:
          scan.rejected.push_back({header.instance.path, header.reason});
          break;
        case DicomHeader::Kind::Directory:
          referenced.insert(referenced.end(), header.referencedFiles.begin(),
                            header.referencedFiles.end());
          break;
      }
    }
    files = listFiles(referenced, seen, scan.rejected);
  }
  scan.volumes = assembleVolumes(scan.instances);
  return scan;
}

}  // namespace lumen::core
