#include "core/VolumeFile.h"

#include <itkImageIOBase.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <vector>

#include "core/Error.h"
#include "core/NiftiData.h"
#include "core/VolumeFileIntegrity.h"

namespace lumen::core {
namespace {

constexpr const char* kFormats =
    "NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr), MetaImage (.mha, .mhd)";

std::vector<itk::ImageIOBase::Pointer> supportedIOs() {
  return {itk::NiftiImageIO::New().GetPointer(), itk::NrrdImageIO::New().GetPointer(),
          itk::MetaImageIO::New().GetPointer()};
}

bool toPixelType(itk::IOComponentEnum component, PixelType& type) {
  using C = itk::IOComponentEnum;
  switch (component) {
    case C::UCHAR:
      type = PixelType::UInt8;
      return true;
    case C::CHAR:
      type = PixelType::Int8;
      return true;
    case C::USHORT:
      type = PixelType::UInt16;
      return true;
    case C::SHORT:
      type = PixelType::Int16;
      return true;
    case C::UINT:
      type = PixelType::UInt32;
      return true;
    case C::INT:
      type = PixelType::Int32;
      return true;
    case C::FLOAT:
      type = PixelType::Float32;
      return true;
    case C::DOUBLE:
      type = PixelType::Float64;
      return true;
    default:
      return false;
  }
}

itk::IOComponentEnum toComponent(PixelType type) {
  using C = itk::IOComponentEnum;
  switch (type) {
    case PixelType::UInt8:
      return C::UCHAR;
    case PixelType::Int8:
      return C::CHAR;
    case PixelType::UInt16:
      return C::USHORT;
    case PixelType::Int16:
      return C::SHORT;
    case PixelType::UInt32:
      return C::UINT;
    case PixelType::Int32:
      return C::INT;
    case PixelType::Float32:
      return C::FLOAT;
    case PixelType::Float64:
      break;
  }
  return C::DOUBLE;
}

/// Geometry from the header; axes past the file's dimension count stay at their defaults.
VolumeGeometry readGeometry(itk::ImageIOBase& io, const std::string& path) {
  const unsigned dims = io.GetNumberOfDimensions();
  for (unsigned axis = 3; axis < dims; ++axis) {
    if (io.GetDimensions(axis) != 1) {
      std::ostringstream text;
      text << path << ": " << dims << "-dimensional image with " << io.GetDimensions(axis)
           << " samples along axis " << axis << "; only 2D and 3D images open as volumes";
      throw Error(ErrorCode::UnsupportedDimensions, text.str());
    }
  }
  VolumeGeometry geometry;
  const unsigned used = std::min(dims, 3u);
  for (unsigned axis = 0; axis < used; ++axis) {
    geometry.size[axis] = io.GetDimensions(axis);
    geometry.spacing[axis] = io.GetSpacing(axis);
    geometry.origin[axis] = io.GetOrigin(axis);
    const std::vector<double> column = io.GetDirection(axis);
    for (unsigned row = 0; row < used && row < column.size(); ++row) {
      geometry.direction[row][axis] = column[row];
    }
  }
  return geometry;
}

/// Reads through ITK: in slabs of slices (progress, cancel) when the format streams, else at once.
void readWithItk(itk::ImageIOBase& io, Volume& volume, const ProgressCallback& progress,
                 const CancelToken* cancel) {
  const unsigned dims = io.GetNumberOfDimensions();
  const Size3& size = volume.size();
  itk::ImageIORegion region(dims);
  for (unsigned axis = 0; axis < dims; ++axis) {
    region.SetIndex(axis, 0);
    region.SetSize(axis, io.GetDimensions(axis));
  }
  const std::size_t slabs =
      (dims >= 3 && io.CanStreamRead()) ? std::min<std::size_t>(size[2], 32) : 1;
  const std::size_t sliceBytes = size[0] * size[1] * bytesPerVoxel(volume.pixelType());
  auto* out = static_cast<std::byte*>(volume.data());
  for (std::size_t slab = 0; slab < slabs; ++slab) {
    if (cancel && cancel->isCancelled()) {
      throw Error(ErrorCode::Cancelled, io.GetFileName() + std::string(": reading cancelled"));
    }
    if (slabs > 1) {
      const std::size_t first = size[2] * slab / slabs;
      const std::size_t end = size[2] * (slab + 1) / slabs;
      region.SetIndex(2, static_cast<itk::IndexValueType>(first));
      region.SetSize(2, end - first);
      io.SetIORegion(region);
      io.Read(out + first * sliceBytes);
    } else {
      io.SetIORegion(region);
      io.Read(out);
    }
    if (progress) progress(static_cast<double>(slab + 1) / static_cast<double>(slabs));
  }
}

}  // namespace

bool isVolumeFileName(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  const auto endsWith = [&](const char* suffix) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    return lower.size() >= n && lower.compare(lower.size() - n, n, suffix) == 0;
  };
  for (const char* suffix : {".nii", ".nii.gz", ".hdr", ".img", ".nrrd", ".nhdr", ".mha", ".mhd"}) {
    if (endsWith(suffix)) return true;
  }
  return false;
}

std::unique_ptr<Volume> readVolumeFile(const std::string& path, const ProgressCallback& progress,
                                       const CancelToken* cancel) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::FileNotFound, path + ": no such file");
  }
  itk::ImageIOBase::Pointer io;
  for (const auto& candidate : supportedIOs()) {
    if (candidate->CanReadFile(path.c_str())) {
      io = candidate;
      break;
    }
  }
  if (!io) {
    throw Error(ErrorCode::UnsupportedFormat,
                path + ": not a readable volume file; supported: " + kFormats);
  }
  try {
    io->SetFileName(path);
    io->ReadImageInformation();
    if (io->GetNumberOfComponents() != 1) {
      std::ostringstream text;
      text << path << ": " << io->GetNumberOfComponents()
           << " components per voxel; only scalar volumes are supported";
      throw Error(ErrorCode::UnsupportedPixelType, text.str());
    }
    PixelType type{};
    if (!toPixelType(io->GetComponentType(), type)) {
      throw Error(ErrorCode::UnsupportedPixelType,
                  path + ": voxel type " +
                      itk::ImageIOBase::GetComponentTypeAsString(io->GetComponentType()) +
                      " is not supported");
    }
    std::optional<NiftiLayout> nifti;
    if (dynamic_cast<itk::NiftiImageIO*>(io.GetPointer())) {
      nifti = readNiftiLayout(path);
    } else if (auto* meta = dynamic_cast<itk::MetaImageIO*>(io.GetPointer())) {
      checkMetaImageComplete(*meta, path);
    }
    VolumeGeometry geometry = readGeometry(*io, path);
    std::unique_ptr<Volume> volume;
    try {
      volume = std::make_unique<Volume>(type, geometry);
    } catch (const Error& e) {
      throw Error(e.code(), path + ": " + e.what());
    }
    // ITK reads NIfTI in one call; Lumen reads the common case itself, in slabs.
    if (nifti && canReadNiftiVoxels(*nifti, *volume)) {
      readNiftiVoxels(path, *nifti, *volume, progress, cancel);
    } else {
      if (nifti) checkNiftiComplete(path, *nifti);
      readWithItk(*io, *volume, progress, cancel);
    }
    return volume;
  } catch (const itk::ExceptionObject& e) {
    throw Error(ErrorCode::ReadFailed, path + ": " + e.GetDescription());
  }
}

void writeVolumeFile(const Volume& volume, const std::string& path) {
  itk::ImageIOBase::Pointer io;
  for (const auto& candidate : supportedIOs()) {
    if (candidate->CanWriteFile(path.c_str())) {
      io = candidate;
      break;
    }
  }
  if (!io) {
    throw Error(ErrorCode::UnsupportedFormat,
                path + ": cannot write this file type; supported: " + kFormats);
  }
  const VolumeGeometry& geometry = volume.geometry();
  io->SetNumberOfDimensions(3);
  itk::ImageIORegion region(3);
  for (unsigned axis = 0; axis < 3; ++axis) {
    io->SetDimensions(axis, geometry.size[axis]);
    io->SetSpacing(axis, geometry.spacing[axis]);
    io->SetOrigin(axis, geometry.origin[axis]);
    io->SetDirection(axis,
                     std::vector<double>{geometry.direction[0][axis], geometry.direction[1][axis],
                                         geometry.direction[2][axis]});
    region.SetIndex(axis, 0);
    region.SetSize(axis, geometry.size[axis]);
  }
  io->SetPixelType(itk::IOPixelEnum::SCALAR);
  io->SetNumberOfComponents(1);
  io->SetComponentType(toComponent(volume.pixelType()));
  io->SetFileName(path);
  io->SetIORegion(region);
  io->SetUseCompression(path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0);
  try {
    io->Write(volume.data());
  } catch (const itk::ExceptionObject& e) {
    throw Error(ErrorCode::WriteFailed, path + ": " + e.GetDescription());
  }
}

}  // namespace lumen::core
