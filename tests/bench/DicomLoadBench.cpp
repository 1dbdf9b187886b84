// Loading a 512×512×600 CT series, warm cache: Lumen vs ITK (ImageSeriesReader + GDCMImageIO,
// as 3D Slicer and ITK-SNAP load DICOM) vs read() of every file, uncompressed and JPEG-LS
// lossless. Prints times and ratios; never fails on speed.
//
//   build/release/bin/bench_dicom_load [work folder, default /tmp/lumen-bench-dicom]
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <vector>

#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>

#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/dicom/DicomVolumeReader.h"

namespace fs = std::filesystem;
using namespace lumen;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kSize = 512, kSlices = 600;

double seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

/// A CT-like phantom in HU: air, a body of soft tissue, two lungs, a spine, and scanner noise.
core::Volume makeCt() {
  core::VolumeGeometry g;
  g.size = {kSize, kSize, kSlices};
  g.spacing = {0.7, 0.7, 0.8};
  g.origin = {-179.0, -179.0, -480.0};
  core::Volume volume(core::PixelType::Int16, g);
  auto* voxels = static_cast<std::int16_t*>(volume.data());
  std::uint32_t noise = 12345;
  for (std::size_t k = 0; k < kSlices; ++k) {
    for (std::size_t j = 0; j < kSize; ++j) {
      for (std::size_t i = 0; i < kSize; ++i) {
        const double x = (double(i) - 256) / 200, y = (double(j) - 256) / 150;
        const double lx = std::abs(x) - 0.45, ly = y + 0.1;
        noise = noise * 1664525u + 1013904223u;
        const int jitter = static_cast<int>(noise >> 28) - 8;
        int hu = -1000;
        if (x * x + y * y < 1) hu = 40 + jitter;
        if (lx * lx / 0.12 + ly * ly / 0.4 < 1 && k > 100 && k < 500) hu = -850 + 2 * jitter;
        if (x * x + (y - 0.75) * (y - 0.75) < 0.01) hu = 700 + 4 * jitter;
        voxels[volume.offset(i, j, k)] = static_cast<std::int16_t>(hu);
      }
    }
  }
  return volume;
}

std::vector<std::string> seriesIn(const fs::path& folder) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// Writes both series once; later runs reuse them.
void prepare(const fs::path& root) {
  const std::pair<const char*, core::DicomSeriesOptions::Encoding> series[] = {
      {"uncompressed", core::DicomSeriesOptions::Encoding::ExplicitLittleEndian},
      {"jpeg-ls", core::DicomSeriesOptions::Encoding::JpegLsLossless}};
  std::unique_ptr<core::Volume> ct;
  for (const auto& [name, encoding] : series) {
    if (fs::exists(root / name) && seriesIn(root / name).size() == kSlices) continue;
    if (!ct) ct = std::make_unique<core::Volume>(makeCt());
    fs::remove_all(root / name);
    core::DicomSeriesOptions options;
    options.encoding = encoding;
    options.signedPixels = false;
    options.bitsStored = 12;
    options.rescaleIntercept = -1024;
    const Clock::time_point start = Clock::now();
    core::writeDicomSeries(*ct, (root / name).string(), options);
    std::printf("wrote %s series in %.1f s\n", name, seconds(start));
  }
}

double readAll(const std::vector<std::string>& files, std::uint64_t* bytes = nullptr) {
  const Clock::time_point start = Clock::now();
  std::vector<char> buffer(1 << 20);
  std::uint64_t total = 0;
  for (const std::string& file : files) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    for (ssize_t got; (got = ::read(fd, buffer.data(), buffer.size())) > 0;)
      total += static_cast<std::uint64_t>(got);
    ::close(fd);
  }
  if (bytes) *bytes = total;
  return seconds(start);
}

double itkLoad(const fs::path& folder) {
  const Clock::time_point start = Clock::now();
  auto names = itk::GDCMSeriesFileNames::New();
  names->SetDirectory(folder.string());
  using Reader = itk::ImageSeriesReader<itk::Image<std::int16_t, 3>>;
  auto reader = Reader::New();
  reader->SetImageIO(itk::GDCMImageIO::New());
  reader->SetFileNames(names->GetInputFileNames());
  reader->Update();
  return seconds(start);
}

struct LumenRun {
  double total = 0, firstSlice = 0, scan = 0;
  long peakKiB = 0;
  std::size_t voxelBytes = 0;
};

/// Lumen's load in a child process, so that its peak memory is its own.
LumenRun lumenLoad(const fs::path& folder) {
  int channel[2];
  if (::pipe(channel) != 0) return {};
  const pid_t child = ::fork();
  if (child == 0) {
    LumenRun run;
    const Clock::time_point start = Clock::now();
    const core::DicomScan scan = core::scanDicom({folder.string()});
    run.scan = seconds(start);
    const core::DicomVolumeRead read = core::readDicomVolume(
        scan.volumes.at(0), scan.instances, {}, nullptr,
        [&](const core::Volume&, std::size_t) { run.firstSlice = seconds(start); });
    run.total = seconds(start);
    run.voxelBytes = read.volume->byteSize();
    if (::write(channel[1], &run, sizeof run) != sizeof run) _exit(1);
    _exit(0);
  }
  LumenRun run;
  if (::read(channel[0], &run, sizeof run) != sizeof run)
    std::fprintf(stderr, "Lumen's load failed\n");
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  run.peakKiB = usage.ru_maxrss;
  ::close(channel[0]);
  ::close(channel[1]);
  return run;
}

void compare(const fs::path& folder, const char* name, const LumenRun& lumen) {
  const std::vector<std::string> files = seriesIn(folder);
  std::uint64_t bytes = 0;
  readAll(files);  // warm the page cache
  const double raw = readAll(files, &bytes);
  const double itk = itkLoad(folder);
  const double budget = lumen.voxelBytes * 1.15 / 1048576.0 + 50;
  std::printf("\n%s: %zu files, %.0f MB\n", name, files.size(), bytes / 1e6);
  std::printf("  read() of every file   %6.3f s\n", raw);
  std::printf("  ITK GDCM into int16    %6.3f s\n", itk);
  std::printf("  Lumen into a Volume    %6.3f s (headers %.3f s, first slice after %.0f ms)\n",
              lumen.total, lumen.scan, lumen.firstSlice * 1000);
  std::printf("  ITK / Lumen            %6.1f×   (target: ≥ %s)\n", itk / lumen.total,
              std::strcmp(name, "uncompressed") == 0 ? "5×" : "4×");
  std::printf("  Lumen / read()         %6.2f×   (target for uncompressed: ≤ 1.6×)\n",
              lumen.total / raw);
  std::printf("  Lumen peak memory      %6.0f MB (budget voxels + 15%% + 50 MB = %.0f MB)\n",
              lumen.peakKiB / 1024.0, budget);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path root = argc > 1 ? argv[1] : "/tmp/lumen-bench-dicom";
  prepare(root);
  // Lumen first, each in a child forked from this still small process: its peak is its own.
  const fs::path uncompressed = root / "uncompressed", jpegLs = root / "jpeg-ls";
  readAll(seriesIn(uncompressed));
  readAll(seriesIn(jpegLs));
  lumenLoad(uncompressed);  // warm-up
  const LumenRun lumenUncompressed = lumenLoad(uncompressed);
  const LumenRun lumenJpegLs = lumenLoad(jpegLs);
  compare(uncompressed, "uncompressed", lumenUncompressed);
  compare(jpegLs, "JPEG-LS lossless", lumenJpegLs);
  return 0;
}
