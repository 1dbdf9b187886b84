#include "core/dicom/DicomFrameDecoder.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "core/Error.h"
#include "core/dicom/DicomToolkit.h"
#include "core/dicom/Jpeg2000.h"
#include "core/dicom/JpegLs.h"

namespace lumen::core {
namespace {

/// Unpacks bits (least significant first, DICOM's order) starting at bit `first` of `packed`.
void unpackBits(const std::vector<std::uint8_t>& packed, std::uint64_t first, std::size_t count,
                std::vector<std::uint8_t>& out) {
  out.resize(count);
  for (std::size_t n = 0; n < count; ++n) {
    const std::uint64_t bit = first + n;
    out[n] = static_cast<std::uint8_t>((packed[bit / 8] >> (bit % 8)) & 1u);
  }
}

/// Reads `size` bytes at `offset` of an open file; throws Error(ReadFailed) naming `where` when
/// the file ends first.
void readFully(int fd, std::uint8_t* destination, std::uint64_t size, std::uint64_t offset,
               const std::string& where) {
  for (std::uint64_t done = 0; done < size;) {
    const ssize_t got =
        ::pread(fd, destination + done, size - done, static_cast<off_t>(offset + done));
    if (got <= 0)
      throw Error(ErrorCode::ReadFailed, where + ": the file ends inside the pixel data");
    done += static_cast<std::uint64_t>(got);
  }
}

std::uint64_t frameBytes(const DicomInstance& instance) {
  return static_cast<std::uint64_t>(instance.rows) * static_cast<std::uint64_t>(instance.columns) *
         static_cast<std::uint64_t>(instance.samplesPerPixel) *
         static_cast<std::uint64_t>(instance.bitsAllocated / 8);
}

/// True when a fragment starts a new codestream: a JPEG 2000 start-of-codestream marker
/// (FF 4F FF 51) or JP2 signature box, or a JPEG start-of-image marker (FF D8).
bool startsCodestream(const Uint8* bytes, Uint32 length, PixelEncoding encoding) {
  if (bytes == nullptr || length < 4) return false;
  if (encoding == PixelEncoding::JpegLs) return bytes[0] == 0xFF && bytes[1] == 0xD8;
  return (bytes[0] == 0xFF && bytes[1] == 0x4F && bytes[2] == 0xFF && bytes[3] == 0x51) ||
         (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0x0C);
}

/// Fragment indices (into the pixel sequence, item 0 being the offset table) of each frame.
std::vector<std::pair<unsigned long, unsigned long>> frameFragments(DcmPixelSequence& sequence,
                                                                    int frames,
                                                                    PixelEncoding encoding) {
  const unsigned long count = sequence.card();
  std::vector<std::pair<unsigned long, unsigned long>> ranges;
  if (frames == 1) return {{1, count}};
  if (count - 1 == static_cast<unsigned long>(frames)) {
    for (unsigned long f = 1; f < count; ++f) ranges.emplace_back(f, f + 1);
    return ranges;
  }
  // Otherwise a frame starts at each fragment that begins a codestream.
  unsigned long start = 0;
  for (unsigned long f = 1; f < count; ++f) {
    DcmPixelItem* item = nullptr;
    Uint8* bytes = nullptr;
    if (sequence.getItem(item, f).bad() || item->getUint8Array(bytes).bad()) continue;
    if (startsCodestream(bytes, item->getLength(), encoding) || start == 0) {
      if (start != 0) ranges.emplace_back(start, f);
      start = f;
    }
  }
  if (start != 0) ranges.emplace_back(start, count);
  return ranges;
}

/// The index of the fragment that holds `frame` of RLE data (one fragment per frame, PS3.5
/// A.4.2), once its RLE header (PS3.5 G.5) has been checked: DCMTK 3.6.7's RLE decoder takes the
/// header's segment offsets on trust and reads outside the fragment when one points past its end.
Uint32 checkedRleFragment(DcmPixelData& pixels, int frame, const std::string& where) {
  const auto index = static_cast<unsigned long>(frame) + 1;  // item 0 is the offset table
  DcmPixelSequence* sequence = nullptr;
  DcmPixelItem* item = nullptr;
  Uint8* bytes = nullptr;
  constexpr Uint32 headerBytes = 64;
  if (pixels.getEncapsulatedRepresentation(EXS_RLELossless, nullptr, sequence).bad() ||
      sequence == nullptr || index >= sequence->card() || sequence->getItem(item, index).bad() ||
      item->getUint8Array(bytes).bad() || bytes == nullptr || item->getLength() < headerBytes) {
    throw Error(ErrorCode::ReadFailed, where + ": no RLE fragment holds this frame");
  }
  const auto word = [&](Uint32 n) {
    return static_cast<Uint32>(bytes[4 * n]) | static_cast<Uint32>(bytes[4 * n + 1]) << 8 |
           static_cast<Uint32>(bytes[4 * n + 2]) << 16 |
           static_cast<Uint32>(bytes[4 * n + 3]) << 24;
  };
  const Uint32 segments = word(0);
  if (segments < 1 || segments > 15) {
    throw Error(ErrorCode::ReadFailed,
                where + ": the RLE header counts " + std::to_string(segments) + " segments");
  }
  Uint32 previous = headerBytes;
  for (Uint32 s = 1; s <= segments; ++s) {
    const Uint32 offset = word(s);
    if (offset < previous || offset > item->getLength()) {
      throw Error(ErrorCode::ReadFailed, where + ": the RLE header points outside its fragment");
    }
    previous = offset;
  }
  return static_cast<Uint32>(index);
}

}  // namespace

struct DicomFrameDecoder::Impl {
  int fd = -1;
  DcmFileFormat file;
  DcmFileCache cache;
  DcmPixelData* pixels = nullptr;
  DcmPixelSequence* fragments = nullptr;
  std::vector<std::pair<unsigned long, unsigned long>> frameRanges;
  std::vector<std::uint8_t> codestream;  // JPEG 2000 data, or packed bits
  bool bigEndian = false;

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }
};

DicomFrameDecoder::DicomFrameDecoder(const DicomInstance& instance)
    : m_instance(instance), m_impl(std::make_unique<Impl>()) {
  const std::string& path = instance.path;
  if (instance.encoding == PixelEncoding::NativeLittleEndian) {
    m_impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_impl->fd < 0) {
      throw Error(ErrorCode::ReadFailed,
                  path + ": cannot be opened again: " + std::strerror(errno));
    }
    return;
  }
  initializeDicomToolkit();
  const OFCondition status = m_impl->file.loadFile(OFFilename(path.c_str()), EXS_Unknown,
                                                   EGL_noChange, 4096, ERM_autoDetect);
  DcmElement* element = nullptr;
  if (status.bad() || m_impl->file.getDataset()->findAndGetElement(DCM_PixelData, element).bad() ||
      (m_impl->pixels = dynamic_cast<DcmPixelData*>(element)) == nullptr) {
    throw Error(ErrorCode::ReadFailed, path + ": cannot be read again: " + status.text());
  }
  const DcmXfer xfer(m_impl->file.getDataset()->getOriginalXfer());
  m_impl->bigEndian = xfer.getByteOrder() == EBO_BigEndian;
  if (instance.encoding == PixelEncoding::Jpeg2000 || instance.encoding == PixelEncoding::JpegLs) {
    if (m_impl->pixels->getEncapsulatedRepresentation(xfer.getXfer(), nullptr, m_impl->fragments)
            .bad() ||
        m_impl->fragments == nullptr) {
      throw Error(ErrorCode::ReadFailed, path + ": compressed Pixel Data holds no fragments");
    }
    m_impl->frameRanges = frameFragments(*m_impl->fragments, instance.frames, instance.encoding);
  }
}

DicomFrameDecoder::~DicomFrameDecoder() = default;

void DicomFrameDecoder::readStored(std::uint64_t offset, std::uint64_t size,
                                   std::vector<std::uint8_t>& out, const std::string& where) {
  out.resize(size);
  if (m_instance.encoding == PixelEncoding::NativeLittleEndian) {
    readFully(m_impl->fd, out.data(), size, m_instance.pixelDataOffset + offset, where);
    return;
  }
  // Big endian or deflated: DCMTK hands the value over in host byte order, swapping 16-bit words
  // (Pixel Data is OW); 32-bit samples then need their halves swapped as well.
  const OFCondition status = m_impl->pixels->getPartialValue(
      out.data(), static_cast<Uint32>(offset), static_cast<Uint32>(size), &m_impl->cache);
  if (status.bad()) throw Error(ErrorCode::ReadFailed, where + ": " + status.text());
  if (m_impl->bigEndian && m_instance.bitsAllocated == 32 && m_impl->pixels->getVR() == EVR_OW) {
    for (std::size_t n = 0; n + 4 <= out.size(); n += 4) {
      std::swap(out[n], out[n + 2]);
      std::swap(out[n + 1], out[n + 3]);
    }
  }
}

bool DicomFrameDecoder::decodeInto(int frame, std::uint8_t* destination, RawFrame& out) {
  const DicomInstance& instance = m_instance;
  if (instance.encoding != PixelEncoding::NativeLittleEndian || instance.samplesPerPixel != 1 ||
      instance.bitsAllocated < 8 || instance.palette) {
    return false;
  }
  const std::uint64_t size = frameBytes(instance);
  readFully(m_impl->fd, destination, size,
            instance.pixelDataOffset + static_cast<std::uint64_t>(frame) * size,
            instance.path + ", frame " + std::to_string(frame + 1));
  out.external = destination;
  out.bytesPerSample = instance.bitsAllocated / 8;
  out.planar = false;
  out.photometric = instance.photometric;
  return true;
}

void DicomFrameDecoder::decode(int frame, RawFrame& out) {
  const DicomInstance& instance = m_instance;
  out.external = nullptr;
  const std::string where = instance.path + ", frame " + std::to_string(frame + 1);
  const std::uint64_t size = frameBytes(instance);
  out.bytesPerSample = std::max(1, instance.bitsAllocated / 8);
  out.planar = instance.planarConfiguration == 1;
  out.photometric = instance.photometric;

  if (instance.bitsAllocated == 1) {
    // Bit-packed (segmentations): frames follow each other bit by bit, not byte by byte.
    const std::uint64_t pixels = static_cast<std::uint64_t>(instance.rows) * instance.columns;
    const std::uint64_t firstBit = static_cast<std::uint64_t>(frame) * pixels;
    const std::uint64_t firstByte = firstBit / 8;
    readStored(firstByte, (firstBit + pixels + 7) / 8 - firstByte, m_impl->codestream, where);
    unpackBits(m_impl->codestream, firstBit % 8, static_cast<std::size_t>(pixels), out.bytes);
    return;
  }
  if (instance.encoding == PixelEncoding::NativeLittleEndian) {
    readStored(static_cast<std::uint64_t>(frame) * size, size, out.bytes, where);
    return;
  }

  if (instance.encoding == PixelEncoding::JpegLs || instance.encoding == PixelEncoding::Jpeg2000) {
    if (static_cast<std::size_t>(frame) >= m_impl->frameRanges.size()) {
      throw Error(ErrorCode::ReadFailed, where + ": no fragment holds this frame");
    }
    m_impl->codestream.clear();
    const auto [first, last] = m_impl->frameRanges[static_cast<std::size_t>(frame)];
    for (unsigned long f = first; f < last; ++f) {
      DcmPixelItem* item = nullptr;
      Uint8* bytes = nullptr;
      if (m_impl->fragments->getItem(item, f).bad() || item->getUint8Array(bytes).bad()) {
        throw Error(ErrorCode::ReadFailed, where + ": a fragment cannot be read");
      }
      if (bytes != nullptr)
        m_impl->codestream.insert(m_impl->codestream.end(), bytes, bytes + item->getLength());
    }
    if (instance.encoding == PixelEncoding::JpegLs) {
      decodeJpegLs(m_impl->codestream.data(), m_impl->codestream.size(),
                   {instance.columns, instance.rows, instance.samplesPerPixel, out.bytesPerSample},
                   out.bytes, out.planar);
      return;
    }
    const Jpeg2000Image image =
        decodeJpeg2000(m_impl->codestream.data(), m_impl->codestream.size(),
                       static_cast<std::uint64_t>(instance.rows) * instance.columns);
    if (image.width != instance.columns || image.height != instance.rows ||
        image.components != instance.samplesPerPixel) {
      throw Error(ErrorCode::ReadFailed,
                  where + ": the JPEG 2000 image is " + std::to_string(image.width) + "×" +
                      std::to_string(image.height) + "×" + std::to_string(image.components) +
                      ", the header says " + std::to_string(instance.columns) + "×" +
                      std::to_string(instance.rows) + "×" +
                      std::to_string(instance.samplesPerPixel));
    }
    out.planar = false;
    if (instance.photometric == "YBR_RCT" || instance.photometric == "YBR_ICT")
      out.photometric = "RGB";
    out.bytes.resize(size);
    const std::size_t count = image.samples.size();
    for (std::size_t n = 0; n < count; ++n) {
      const auto value = static_cast<std::uint32_t>(image.samples[n]);
      switch (out.bytesPerSample) {
        case 1:
          out.bytes[n] = static_cast<std::uint8_t>(value);
          break;
        case 2: {
          const auto v16 = static_cast<std::uint16_t>(value);
          std::memcpy(&out.bytes[n * 2], &v16, 2);
          break;
        }
        default:
          std::memcpy(&out.bytes[n * 4], &value, 4);
      }
    }
    return;
  }

  if (instance.encoding == PixelEncoding::Native) {
    // YBR_FULL_422 stores two chroma samples per two pixels (Y Y Cb Cr), 2/3 of a full frame.
    const std::uint64_t stored = instance.photometric == "YBR_FULL_422" ? size * 2 / 3 : size;
    readStored(static_cast<std::uint64_t>(frame) * stored, stored, out.bytes, where);
    return;
  }

  Uint32 decodedSize = 0;
  DcmDataset* data = m_impl->file.getDataset();
  if (m_impl->pixels->getUncompressedFrameSize(data, decodedSize).bad() || decodedSize < size) {
    throw Error(ErrorCode::ReadFailed, where + ": the decoded frame size is unknown");
  }
  // DCMTK's decoders want an even buffer, even for an odd frame size.
  const Uint32 bufferSize = decodedSize + (decodedSize & 1u);
  out.bytes.resize(bufferSize);
  Uint32 startFragment = 0;
  if (instance.transferSyntaxUid == UID_RLELosslessTransferSyntax)
    startFragment = checkedRleFragment(*m_impl->pixels, frame, where);
  OFString colourModel;
  const OFCondition status = m_impl->pixels->getUncompressedFrame(
      data, static_cast<Uint32>(frame), startFragment, out.bytes.data(), bufferSize, colourModel,
      &m_impl->cache);
  if (status.bad()) throw Error(ErrorCode::ReadFailed, where + ": " + status.text());
  if (!colourModel.empty()) out.photometric = colourModel.c_str();
  out.bytes.resize(size);
}

}  // namespace lumen::core
