// libFuzzer target for Lumen's single-file DICOM path: the bytes become one file that goes
// through readDicomHeader (DCMTK's parser and Lumen's checks on it); an image instance then goes
// through assembleVolumes and readDicomVolume (uncompressed reads, DCMTK's JPEG and RLE codecs,
// CharLS, OpenJPEG, and the conversion to voxels). lumen::Error is the expected way to refuse a
// file; any other exception, a crash or a sanitizer report is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/Error.h"
#include "core/Log.h"
#include "core/PixelType.h"
#include "core/dicom/DicomHeaderReader.h"
#include "core/dicom/DicomVolumePlan.h"
#include "core/dicom/DicomVolumeReader.h"

namespace {

/// Lumen decodes whatever size a header declares while memory is available, and a few bytes of
/// compressed data may declare gigabytes: larger volumes are skipped, to stay far below
/// libFuzzer's memory limit (the volume, a frame per thread, a second pass in a wider type).
constexpr std::uint64_t kLargestVolumeBytes = std::uint64_t{16} << 20;

std::uint64_t volumeBytes(const lumen::core::DicomVolumePlan& plan) {
  const auto& size = plan.geometry.size;
  return std::uint64_t{size[0]} * size[1] * size[2] * static_cast<std::uint64_t>(plan.components) *
         lumen::core::bytesPerVoxel(plan.exactType);
}

/// Reads one file as Lumen does when it is opened alone.
void readAlone(const std::string& path) {
  using lumen::core::DicomHeader;
  const DicomHeader header = lumen::core::readDicomHeader(path);
  if (header.kind != DicomHeader::Kind::Image) return;
  const std::vector<lumen::core::DicomInstance> instances{header.instance};
  for (const lumen::core::DicomVolumePlan& plan : lumen::core::assembleVolumes(instances)) {
    if (volumeBytes(plan) > kLargestVolumeBytes) continue;
    try {
      lumen::core::readDicomVolume(plan, instances);
    } catch (const lumen::Error&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Warnings about odd character sets and the like would drown libFuzzer's own output.
  lumen::core::setLogSink([](lumen::core::LogLevel, std::string_view, std::string_view) {});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The reader takes a path: a file in memory, named after the process, removed after each input.
  static const std::string path = "/dev/shm/lumen-dicom-fuzz-" + std::to_string(::getpid());
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  readAlone(path);
  std::remove(path.c_str());
  return 0;
}
