// Files with which Lumen crashed, hit undefined behaviour or allocated without bound, found while
// fuzzing it (tests/fuzz/dicom_fuzzer) and rebuilt here byte by byte. The well-formed twins show
// that the builder's files reach the decoders.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/Error.h"
#include "core/PixelType.h"
#include "core/dicom/DicomHeaderReader.h"
#include "core/dicom/DicomVolumePlan.h"
#include "core/dicom/DicomVolumeReader.h"

namespace lumen::core {
namespace {

std::string le16(std::uint16_t value) {
  return {static_cast<char>(value & 0xFF), static_cast<char>(value >> 8)};
}

std::string le32(std::uint32_t value) { return le16(value & 0xFFFF) + le16(value >> 16); }

/// One element in explicit VR little endian, with a VR whose length takes two bytes.
std::string element(std::uint16_t group, std::uint16_t tag, const char* vr, std::string value) {
  if (value.size() % 2 == 1) value += std::string(vr) == "UI" ? '\0' : ' ';
  return le16(group) + le16(tag) + vr + le16(static_cast<std::uint16_t>(value.size())) + value;
}

std::string us(std::uint16_t group, std::uint16_t tag, std::uint16_t value) {
  return element(group, tag, "US", le16(value));
}

/// A DICOM file: preamble, a meta header naming `transferSyntax`, then `dataset` (explicit VR
/// little endian, elements in ascending order).
std::string dicomFile(const std::string& transferSyntax, const std::string& dataset) {
  const std::string meta = element(0x0002, 0x0010, "UI", transferSyntax);
  return std::string(128, '\0') + "DICM" +
         element(0x0002, 0x0000, "UL", le32(static_cast<std::uint32_t>(meta.size()))) + meta +
         element(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.7") +
         element(0x0008, 0x0018, "UI", "1.2.3.4") + dataset;
}

/// The Image Pixel attributes of an image of unsigned samples, up to Pixel Data.
std::string imagePixel(const std::string& photometric, std::uint16_t samples, std::uint16_t rows,
                       std::uint16_t columns, const std::string& numberOfFrames = "1",
                       std::uint16_t bits = 8) {
  return us(0x0028, 0x0002, samples) + element(0x0028, 0x0004, "CS", photometric) +
         element(0x0028, 0x0008, "IS", numberOfFrames) + us(0x0028, 0x0010, rows) +
         us(0x0028, 0x0011, columns) + us(0x0028, 0x0100, bits) + us(0x0028, 0x0101, bits) +
         us(0x0028, 0x0102, bits - 1) + us(0x0028, 0x0103, 0);
}

/// Uncompressed Pixel Data holding `bytes`.
std::string pixelData(const char* vr, const std::string& bytes) {
  return le16(0x7FE0) + le16(0x0010) + vr + le16(0) +
         le32(static_cast<std::uint32_t>(bytes.size())) + bytes;
}

/// A 4×4 MONOCHROME2 image in RLE Lossless: one fragment holding an RLE header (PS3.5 G.5) whose
/// only segment starts at `segmentOffset` and holds the values 0..15 as one literal run.
std::string rleImage(std::uint32_t segmentOffset, const std::string& numberOfFrames = "1") {
  std::string fragment = le32(1) + le32(segmentOffset) + std::string(56, '\0');
  fragment += '\x0F';  // a literal run of 16 bytes
  for (char value = 0; value < 16; ++value) fragment += value;
  fragment += '\0';  // even length
  const auto item = [](const std::string& bytes) {
    return le16(0xFFFE) + le16(0xE000) + le32(static_cast<std::uint32_t>(bytes.size())) + bytes;
  };
  return dicomFile("1.2.840.10008.1.2.5", imagePixel("MONOCHROME2", 1, 4, 4, numberOfFrames) +
                                              le16(0x7FE0) + le16(0x0010) + "OB" + le16(0) +
                                              le32(0xFFFFFFFF) + item("") + item(fragment) +
                                              le16(0xFFFE) + le16(0xE0DD) + le32(0));
}

/// An uncompressed YBR_FULL_422 image of one row, 2 bytes per pixel (Y Y Cb Cr for each pair),
/// every pixel grey 100.
std::string ybr422Image(std::uint16_t columns) {
  std::string pixels;
  for (int pair = 0; pair < columns / 2; ++pair) pixels += "\x64\x64\x80\x80";
  if (columns % 2 == 1) pixels += "\x64\x80";
  return dicomFile("1.2.840.10008.1.2.1",
                   imagePixel("YBR_FULL_422", 3, 1, columns) + pixelData("OB", pixels));
}

/// A 1×1 MONOCHROME2 image, uncompressed: the 16-bit stored value 2, rescaled by `slope` with an
/// intercept of -1024.
std::string rescaledImage(const std::string& slope) {
  return dicomFile("1.2.840.10008.1.2.1", imagePixel("MONOCHROME2", 1, 1, 1, "1", 16) +
                                              element(0x0028, 0x1052, "DS", "-1024") +
                                              element(0x0028, 0x1053, "DS", slope) +
                                              pixelData("OW", le16(2)));
}

/// `bytes` in a file under the system's temporary folder, removed afterwards.
class TempFile {
 public:
  TempFile(const std::string& bytes, const std::string& name)
      : m_path((std::filesystem::temp_directory_path() / name).string()) {
    std::ofstream(m_path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::filesystem::remove(m_path); }
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

/// Reads `bytes` as Lumen does and decodes their only volume.
DicomVolumeRead readBytes(const std::string& bytes, const std::string& name) {
  const TempFile file(bytes, name);
  const DicomHeader header = readDicomHeader(file.path());
  if (header.kind != DicomHeader::Kind::Image) {
    throw std::logic_error("not an image: " + header.reason);
  }
  const std::vector<DicomInstance> instances{header.instance};
  const std::vector<DicomVolumePlan> plans = assembleVolumes(instances);
  if (plans.size() != 1) throw std::logic_error("not one volume");
  return readDicomVolume(plans.front(), instances);
}

TEST(DicomFuzzRegression, RleFrameDecodes) {
  const DicomVolumeRead read = readBytes(rleImage(64), "lumen-rle-good.dcm");
  ASSERT_EQ(read.volume->voxelCount(), 16u);
  for (std::size_t n = 0; n < 16; ++n)
    EXPECT_EQ(read.volume->valueAt(n % 4, n / 4, 0), static_cast<double>(n));
}

// DCMTK 3.6.7 read 4 GiB past the fragment here (SEGV) instead of failing.
TEST(DicomFuzzRegression, RleSegmentOffsetPastTheFragmentIsRefused) {
  try {
    readBytes(rleImage(0xFFFFFF00), "lumen-rle-bad-offset.dcm");
    FAIL() << "the frame was decoded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::ReadFailed);
    EXPECT_NE(std::string(e.what()).find("RLE header"), std::string::npos) << e.what();
  }
}

// A 1 KiB file claiming 200 million frames had assembleVolumes allocate gigabytes for them
// before a single frame was decoded.
TEST(DicomFuzzRegression, MoreFramesThanFragmentsIsRejected) {
  const TempFile file(rleImage(64, "200000000"), "lumen-rle-frames.dcm");
  const DicomHeader header = readDicomHeader(file.path());
  EXPECT_EQ(header.kind, DicomHeader::Kind::Rejected);
  EXPECT_NE(header.reason.find("holds only 1 fragment"), std::string::npos) << header.reason;
}

TEST(DicomFuzzRegression, Ybr422WithEvenColumnsDecodes) {
  const DicomVolumeRead read = readBytes(ybr422Image(4), "lumen-ybr422-even.dcm");
  ASSERT_EQ(read.volume->voxelCount(), 4u);
  const auto* rgb = static_cast<const std::uint8_t*>(read.volume->data());
  for (int n = 0; n < 12; ++n) EXPECT_EQ(rgb[n], 100) << n;
}

// Rows were read as whole pairs of pixels: 2 bytes past the frame for an odd number of columns.
TEST(DicomFuzzRegression, Ybr422WithOddColumnsIsRefused) {
  try {
    readBytes(ybr422Image(3), "lumen-ybr422-odd.dcm");
    FAIL() << "the frame was decoded";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("pairs of pixels need 8"), std::string::npos) << e.what();
  }
}

// A slope of 1e300 went through the int16 conversion first, which casts the slope to int64:
// undefined behaviour. A range that no integer type holds now goes to float64 at once.
TEST(DicomFuzzRegression, RescaleBeyondEveryIntegerTypeIsPlannedAsFloat64) {
  const TempFile file(rescaledImage("1e300"), "lumen-rescale.dcm");
  const DicomHeader header = readDicomHeader(file.path());
  ASSERT_EQ(header.kind, DicomHeader::Kind::Image) << header.reason;
  const std::vector<DicomInstance> instances{header.instance};
  const std::vector<DicomVolumePlan> plans = assembleVolumes(instances);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].pixelType, PixelType::Float64);
  EXPECT_DOUBLE_EQ(readDicomVolume(plans[0], instances).volume->valueAt(0, 0, 0), 2e300);
}

// 49477 × 43405 pixels of 4 bytes in 2147418113 frames is 2^64 + 4 bytes: the size wrapped to 4,
// which the 4 bytes of Pixel Data satisfied; assembleVolumes then asked for tens of GiB.
TEST(DicomFuzzRegression, SizeBeyond64BitsIsRejected) {
  const TempFile file(dicomFile("1.2.840.10008.1.2.1",
                                imagePixel("MONOCHROME2", 1, 49477, 43405, "2147418113", 32) +
                                    pixelData("OW", le32(0))),
                      "lumen-wrap.dcm");
  const DicomHeader header = readDicomHeader(file.path());
  EXPECT_EQ(header.kind, DicomHeader::Kind::Rejected);
  EXPECT_NE(header.reason.find("2147418113 frame(s) would need"), std::string::npos)
      << header.reason;
}

}  // namespace
}  // namespace lumen::core
