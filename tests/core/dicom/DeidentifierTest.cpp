// De-identification for export: every attribute of the PS3.15 Basic Profile table, filled in a
// synthetic dataset (nested in a sequence too), must come out removed, emptied or changed, and
// mappings must stay consistent across files.
#include "core/dicom/Deidentifier.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/Error.h"
#include "core/dicom/DeidentificationProfile.h"

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

const std::vector<ProfileRow>& kBasicProfile = basicProfileRows();

/// A value of the attribute's VR, different for every `n`; false when the attribute cannot be
/// put (unknown to DCMTK's dictionary).
bool fill(DcmItem& item, const DcmTagKey& key, int n) {
  // Command and file meta elements are not part of a dataset (the meta header is rewritten).
  if (key.getGroup() <= 0x0002 || key.getGroup() >= 0xFFFA) return false;
  const DcmTag tag(key);
  const std::string number = std::to_string(n);
  std::string value;
  switch (tag.getEVR()) {
    case EVR_DA:
      value = "2019" + std::string(n % 12 < 9 ? "0" : "") + std::to_string(n % 12 + 1) + "15";
      break;
    case EVR_TM:
      value = "101010";
      break;
    case EVR_DT:
      value = "20190304101010";
      break;
    case EVR_PN:
      value = "Doe^John" + number;
      break;
    case EVR_UI:
      value = "1.2.826.0.1.3680043.10.543.900." + number;
      break;
    case EVR_AS:
      value = "045Y";
      break;
    case EVR_CS:
      value = "CODE" + number;
      break;
    case EVR_DS:
    case EVR_FL:
    case EVR_FD:
      value = "12.5";
      break;
    case EVR_IS:
    case EVR_US:
    case EVR_SS:
    case EVR_UL:
    case EVR_SL:
      value = std::to_string(n % 1000 + 7);
      break;
    case EVR_AE:
      value = "AE" + number;
      break;
    case EVR_SH:
    case EVR_LO:
    case EVR_LT:
    case EVR_ST:
    case EVR_UT:
    case EVR_UC:
    case EVR_UR:
      value = "Value " + number;
      break;
    case EVR_SQ: {
      DcmItem* inner = nullptr;
      if (item.findOrCreateSequenceItem(key, inner, -2).bad() || inner == nullptr) return false;
      inner->putAndInsertString(DCM_PatientName, ("Inner^Name" + number).c_str());
      inner->putAndInsertString(DCM_StudyDate, "20190305");
      inner->putAndInsertString(DCM_ReferencedSOPInstanceUID,
                                ("1.2.826.0.1.3680043.10.543.901." + number).c_str());
      inner->putAndInsertString(DcmTag(0x0009, 0x0010, EVR_LO), "ACME private");
      return true;
    }
    case EVR_OB:
    case EVR_OW:
    case EVR_UN: {
      const Uint8 bytes[4] = {1, 2, 3, static_cast<Uint8>(n)};
      return item.putAndInsertUint8Array(key, bytes, 4).good();
    }
    default:
      return false;
  }
  return item.putAndInsertString(tag, value.c_str()).good();
}

std::string valueOf(DcmItem& item, const DcmTagKey& key) {
  OFString value;
  item.findAndGetOFStringArray(key, value);
  return value.c_str();
}

class DeidentifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() /
               ("lumen-deid-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_folder);
    fs::create_directories(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }
  std::string path(const std::string& name) const { return (m_folder / name).string(); }

  /// A CT image of patient `id` in study `study`, written to `name`.
  void writeImage(const std::string& name, const char* id, const char* study, const char* date,
                  const char* instance) {
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    d.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    d.putAndInsertString(DCM_SOPInstanceUID, instance);
    d.putAndInsertString(DCM_PatientID, id);
    d.putAndInsertString(DCM_PatientName, (std::string("Name^") + id).c_str());
    d.putAndInsertString(DCM_StudyInstanceUID, study);
    d.putAndInsertString(DCM_StudyDate, date);
    d.putAndInsertString(DCM_Modality, "CT");
    ASSERT_TRUE(file.saveFile(path(name).c_str(), EXS_LittleEndianExplicit).good());
  }

  fs::path m_folder;
};

TEST_F(DeidentifierTest, NoAttributeOfTheBasicProfileKeepsItsValue) {
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
  int filled = 0;
  int n = 0;
  for (const ProfileRow& row : kBasicProfile) {
    if (fill(d, DcmTagKey(row.group, row.element), ++n)) ++filled;
  }
  // The same attributes once more inside a sequence the profile keeps.
  DcmItem* nested = nullptr;
  ASSERT_TRUE(d.findOrCreateSequenceItem(DCM_SourceImageSequence, nested, -2).good());
  for (const ProfileRow& row : kBasicProfile) fill(*nested, DcmTagKey(row.group, row.element), ++n);
  d.putAndInsertString(DcmTag(0x0009, 0x0010, EVR_LO), "ACME private");
  d.putAndInsertString(DcmTag(0x0009, 0x1001, EVR_LO), "secret");
  const Uint16 overlay[4] = {1, 2, 3, 4};
  d.putAndInsertUint16Array(DcmTag(0x6000, 0x3000, EVR_OW), overlay, 4);
  // The rest are command and file meta elements, and attributes newer than DCMTK 3.6.7.
  EXPECT_GT(filled, static_cast<int>(kBasicProfile.size()) * 9 / 10) << "attributes filled";
  std::printf("%d of the profile's %zu attributes filled, and again in a sequence\n", filled,
              kBasicProfile.size());
  ASSERT_TRUE(file.saveFile(path("rich.dcm").c_str(), EXS_LittleEndianExplicit).good());
  DcmFileFormat original;
  ASSERT_TRUE(original.loadFile(path("rich.dcm").c_str()).good());

  Deidentifier deidentifier;
  deidentifier.deidentifyFile(path("rich.dcm"), path("anonymous.dcm"));
  DcmFileFormat result;
  ASSERT_TRUE(result.loadFile(path("anonymous.dcm").c_str()).good());

  DcmItem* resultNested = nullptr;
  DcmItem* originalNested = nullptr;
  result.getDataset()->findAndGetSequenceItem(DCM_SourceImageSequence, resultNested, 0);
  original.getDataset()->findAndGetSequenceItem(DCM_SourceImageSequence, originalNested, 0);
  ASSERT_NE(resultNested, nullptr);
  using Pair = std::pair<DcmItem*, DcmItem*>;
  for (auto [before, after] :
       {Pair{original.getDataset(), result.getDataset()}, Pair{originalNested, resultNested}}) {
    for (const ProfileRow& row : kBasicProfile) {
      const DcmTagKey key(row.group, row.element);
      if (!before->tagExists(key)) continue;
      DcmElement* element = nullptr;
      if (before->findAndGetElement(key, element).good() && element->ident() == EVR_SQ) {
        DcmItem* inner = nullptr;
        if (row.action == 'X') {
          EXPECT_FALSE(after->tagExists(key)) << row.name;
        } else if (after->findAndGetSequenceItem(key, inner, 0).good() && inner) {
          EXPECT_NE(valueOf(*inner, DCM_PatientName).rfind("Inner^Name", 0), 0u) << row.name;
          EXPECT_NE(valueOf(*inner, DCM_StudyDate), "20190305") << row.name;
          EXPECT_FALSE(inner->tagExists(DcmTagKey(0x0009, 0x0010))) << row.name;
        }
        continue;
      }
      const std::string was = valueOf(*before, key);
      const std::string now = valueOf(*after, key);
      if (row.action == 'K') {
        EXPECT_EQ(now, was) << row.name << " is to be kept";
      } else if (after->tagExists(key) && !now.empty()) {
        EXPECT_NE(now, was) << row.name << " (" << row.action << ") kept its value";
      }
    }
  }
  DcmDataset& r = *result.getDataset();
  EXPECT_FALSE(r.tagExists(DcmTagKey(0x0009, 0x1001)));
  EXPECT_FALSE(r.tagExists(DcmTagKey(0x6000, 0x3000)));
  EXPECT_EQ(valueOf(r, DCM_PatientIdentityRemoved), "YES");
  EXPECT_EQ(valueOf(r, DCM_PatientBirthDate), "");  // emptied, not shifted: it would give the age
  EXPECT_EQ(valueOf(r, DCM_PatientName), "Lumen^0001");
  // A sequence the profile replaces by a dummy is emptied, not cleaned item by item.
  DcmItem* institution = nullptr;
  EXPECT_TRUE(r.findAndGetSequenceItem(DCM_InstitutionCodeSequence, institution, 0).bad());
  EXPECT_EQ(valueOf(r, DCM_PatientID), "LUMEN-0001");
  EXPECT_EQ(valueOf(*result.getMetaInfo(), DCM_MediaStorageSOPInstanceUID),
            valueOf(r, DCM_SOPInstanceUID));
}

TEST_F(DeidentifierTest, MapsUidsPatientsAndDatesConsistently) {
  writeImage("a1.dcm", "P1", "1.2.826.0.1.3680043.10.543.5", "20200110",
             "1.2.826.0.1.3680043.10.543.5.1");
  writeImage("a2.dcm", "P1", "1.2.826.0.1.3680043.10.543.5", "20200110",
             "1.2.826.0.1.3680043.10.543.5.2");
  writeImage("a3.dcm", "P1", "1.2.826.0.1.3680043.10.543.6", "20200301",
             "1.2.826.0.1.3680043.10.543.6.1");
  writeImage("b1.dcm", "P2", "1.2.826.0.1.3680043.10.543.7", "20200110",
             "1.2.826.0.1.3680043.10.543.7.1");
  Deidentifier deidentifier;
  DcmFileFormat out[4];
  const char* names[] = {"a1.dcm", "a2.dcm", "a3.dcm", "b1.dcm"};
  for (int n = 0; n < 4; ++n) {
    deidentifier.deidentifyFile(path(names[n]), path(std::string("x") + names[n]));
    ASSERT_TRUE(out[n].loadFile(path(std::string("x") + names[n]).c_str()).good());
  }
  const auto get = [&](int n, const DcmTagKey& key) { return valueOf(*out[n].getDataset(), key); };
  EXPECT_EQ(get(0, DCM_StudyInstanceUID), get(1, DCM_StudyInstanceUID));
  EXPECT_NE(get(0, DCM_StudyInstanceUID), get(2, DCM_StudyInstanceUID));
  EXPECT_NE(get(0, DCM_StudyInstanceUID), "1.2.826.0.1.3680043.10.543.5");
  EXPECT_NE(get(0, DCM_SOPInstanceUID), get(1, DCM_SOPInstanceUID));
  EXPECT_EQ(get(0, DCM_PatientID), get(2, DCM_PatientID));
  EXPECT_NE(get(0, DCM_PatientID), get(3, DCM_PatientID));
  // The same shift for one patient: 51 days between the studies stay 51 days.
  const auto days = [](const std::string& date) {
    std::tm t{};
    t.tm_year = std::stoi(date.substr(0, 4)) - 1900;
    t.tm_mon = std::stoi(date.substr(4, 2)) - 1;
    t.tm_mday = std::stoi(date.substr(6, 2));
    t.tm_hour = 12;
    return static_cast<long>(timegm(&t) / 86400);
  };
  EXPECT_NE(get(0, DCM_StudyDate), "20200110");
  EXPECT_EQ(days(get(2, DCM_StudyDate)) - days(get(0, DCM_StudyDate)), 51);
  const long shift = days(get(0, DCM_StudyDate)) - days("20200110");
  EXPECT_LE(shift, -365);
  EXPECT_GE(shift, -3650);
  // A Latin-1 name (ISO_IR 100) reaches the mapping as UTF-8.
  DcmFileFormat latin;
  latin.getDataset()->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 100");
  latin.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.10.543.9.1");
  latin.getDataset()->putAndInsertString(DCM_PatientID, "P3");
  latin.getDataset()->putAndInsertString(DCM_PatientName, "M\xFCller^J\xF6rg");
  ASSERT_TRUE(latin.saveFile(path("latin.dcm").c_str(), EXS_LittleEndianExplicit).good());
  deidentifier.deidentifyFile(path("latin.dcm"), path("xlatin.dcm"));
  const std::string mapping = deidentifier.mappingJson();
  EXPECT_NE(mapping.find("M\xC3\xBCller^J\xC3\xB6rg"), std::string::npos) << mapping;
  EXPECT_NE(mapping.find("\"originalId\": \"P1\""), std::string::npos);
  EXPECT_NE(mapping.find(get(3, DCM_PatientID)), std::string::npos);
  EXPECT_THROW(deidentifier.deidentifyFile(path("missing.dcm"), path("x.dcm")), Error);
}

TEST_F(DeidentifierTest, FlagsBurnedInAnnotation) {
  DcmFileFormat file;
  file.getDataset()->putAndInsertString(DCM_SOPClassUID, UID_UltrasoundImageStorage);
  file.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.10.543.8.1");
  file.getDataset()->putAndInsertString(DCM_Modality, "US");
  ASSERT_TRUE(file.saveFile(path("us.dcm").c_str(), EXS_LittleEndianExplicit).good());
  Deidentifier deidentifier;
  EXPECT_TRUE(deidentifier.deidentifyFile(path("us.dcm"), path("us-x.dcm")).burnedInAnnotation);
  writeImage("ct.dcm", "P1", "1.2.826.0.1.3680043.10.543.5", "20200110",
             "1.2.826.0.1.3680043.10.543.5.1");
  EXPECT_FALSE(deidentifier.deidentifyFile(path("ct.dcm"), path("ct-x.dcm")).burnedInAnnotation);
}

}  // namespace
}  // namespace lumen::core
