#include "core/dicom/Deidentifier.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>
#include <random>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "core/Error.h"
#include "core/dicom/DeidentificationProfile.h"
#include "core/dicom/DicomToolkit.h"

namespace lumen::core {
namespace {

std::uint32_t keyOf(const DcmTagKey& tag) {
  return (std::uint32_t{tag.getGroup()} << 16) | tag.getElement();
}

const std::unordered_map<std::uint32_t, char>& profileActions() {
  static const std::unordered_map<std::uint32_t, char> actions = [] {
    std::unordered_map<std::uint32_t, char> table;
    for (const ProfileRow& row : basicProfileRows()) {
      table[(std::uint32_t{row.group} << 16) | row.element] = row.action;
    }
    return table;
  }();
  return actions;
}

/// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void civilFromDays(long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe) + static_cast<int>(era * 400) + (m <= 2);
}

/// "YYYYMMDD…" moved by `days`, the rest (a DT's time) kept; empty when it is not a date.
std::string shiftDate(const std::string& value, int days) {
  if (value.size() < 8) return {};
  for (int n = 0; n < 8; ++n) {
    if (value[static_cast<std::size_t>(n)] < '0' || value[static_cast<std::size_t>(n)] > '9')
      return {};
  }
  const int y = std::stoi(value.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(value.substr(4, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(value.substr(6, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return {};
  int ny = 0;
  unsigned nm = 0;
  unsigned nd = 0;
  civilFromDays(daysFromCivil(y, m, d) + days, ny, nm, nd);
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02u%02u", ny, nm, nd);
  return date + value.substr(8);
}

/// Applies `change` to each backslash-separated value of `value`.
template <typename Change>
std::string eachValue(const std::string& value, Change&& change) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = value.find('\\', start);
    out += change(value.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    out += '\\';
    start = end + 1;
  }
  return out;
}

/// `text` as UTF-8: unchanged when it is valid UTF-8, else read as Latin-1 (ISO_IR 100, the
/// commonest single-byte character set in DICOM names).
std::string asUtf8(const std::string& text) {
  std::size_t n = 0;
  bool valid = true;
  while (n < text.size() && valid) {
    const auto c = static_cast<unsigned char>(text[n]);
    const std::size_t length = c < 0x80           ? 1
                               : (c >> 5) == 0x6  ? 2
                               : (c >> 4) == 0xE  ? 3
                               : (c >> 3) == 0x1E ? 4
                                                  : 0;
    valid = length > 0 && n + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[n + k]) >> 6) == 0x2;
    }
    n += length;
  }
  if (valid) return text;
  std::string utf8;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      utf8 += byte;
    } else {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return utf8;
}

std::string jsonText(const std::string& raw) {
  const std::string text = asUtf8(raw);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

const std::vector<ProfileRow>& basicProfileRows() {
  static const std::vector<ProfileRow> rows = {
#include "core/dicom/DeidentificationTable.inc"
  };
  return rows;
}

struct Deidentifier::State {
  struct Patient {
    std::string originalId;
    std::string originalName;
    std::string pseudonymId;
    std::string pseudonymName;
    int dayShift = 0;
  };
  std::mt19937_64 random{std::random_device{}()};
  std::map<std::string, Patient> patients;  // by original ID (or name when there is no ID)
  std::map<std::string, std::string> uids;

  Patient& patientOf(DcmItem& dataset) {
    OFString id;
    OFString name;
    dataset.findAndGetOFStringArray(DCM_PatientID, id);
    dataset.findAndGetOFStringArray(DCM_PatientName, name);
    const std::string key =
        !id.empty() ? "id:" + std::string(id.c_str()) : "name:" + std::string(name.c_str());
    auto found = patients.find(key);
    if (found != patients.end()) return found->second;
    Patient p;
    p.originalId = id.c_str();
    p.originalName = name.c_str();
    char number[16];
    std::snprintf(number, sizeof number, "%04zu", patients.size() + 1);
    p.pseudonymId = std::string("LUMEN-") + number;
    p.pseudonymName = std::string("Lumen^") + number;
    p.dayShift = -static_cast<int>(std::uniform_int_distribution<int>(365, 3650)(random));
    return patients.emplace(key, p).first->second;
  }

  std::string uid(const std::string& original) {
    if (original.empty()) return original;
    auto found = uids.find(original);
    if (found != uids.end()) return found->second;
    char fresh[100];
    dcmGenerateUniqueIdentifier(fresh, SITE_INSTANCE_UID_ROOT);
    return uids.emplace(original, fresh).first->second;
  }

  /// The Basic Profile's dummy for an element of `vr` (D).
  std::string dummy(const DcmTagKey& tag, DcmEVR vr, const Patient& patient) {
    if (tag == DCM_PatientID) return patient.pseudonymId;
    if (tag == DCM_PatientName) return patient.pseudonymName;
    switch (vr) {
      case EVR_PN:
        return "Anonymous";
      case EVR_TM:
        return "000000";
      case EVR_AS:
        return "000D";
      case EVR_DS:
      case EVR_IS:
      case EVR_US:
      case EVR_SS:
      case EVR_UL:
      case EVR_SL:
      case EVR_FL:
      case EVR_FD:
        return "0";
      default:
        return "ANONYMIZED";
    }
  }

  void clean(DcmItem& item, const Patient& patient);
};

void Deidentifier::State::clean(DcmItem& item, const Patient& patient) {
  std::vector<DcmTagKey> tags;
  for (unsigned long n = 0; n < item.card(); ++n) tags.push_back(item.getElement(n)->getTag());
  for (const DcmTagKey& tag : tags) {
    const Uint16 group = tag.getGroup();
    const bool overlayOrCurve = (group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000;
    if (group % 2 == 1 || overlayOrCurve) {  // private attributes; curves and overlays
      item.findAndDeleteElement(tag);
      continue;
    }
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || element == nullptr) continue;
    const DcmEVR vr = element->ident();
    const auto row = profileActions().find(keyOf(tag));
    // Not in the table: dates still move with the patient's shift, and names of people go.
    const char action = row != profileActions().end()  ? row->second
                        : vr == EVR_DA || vr == EVR_DT ? 'Z'
                        : vr == EVR_PN                 ? 'D'
                                                       : 'K';
    if (action == 'X') {
      item.findAndDeleteElement(tag);
      continue;
    }
    if (vr == EVR_SQ) {
      auto* sequence = static_cast<DcmSequenceOfItems*>(element);
      // Z and D alike: empty. Cleaning a D sequence's items would keep what the table does not
      // list (an institution's name in a Code Meaning).
      if (action == 'Z' || action == 'D') {
        while (sequence->card() > 0) delete sequence->remove(0UL);
        continue;
      }
      for (unsigned long n = 0; n < sequence->card(); ++n) clean(*sequence->getItem(n), patient);
      continue;
    }
    if (action == 'K') continue;
    OFString value;
    element->getOFStringArray(value);
    std::string replaced;
    if (tag == DCM_PatientBirthDate) {
      // Not among the dates the Modified Dates option shifts: with the shifted study dates it
      // would give the patient's age to the day.
    } else if (vr == EVR_DA || vr == EVR_DT) {
      replaced = eachValue(value.c_str(),
                           [&](const std::string& v) { return shiftDate(v, patient.dayShift); });
    } else if (action == 'U' || vr == EVR_UI) {
      replaced = eachValue(value.c_str(), [&](const std::string& v) { return uid(v); });
    } else if (action == 'D') {
      if (vr == EVR_OB || vr == EVR_OW || vr == EVR_UN || vr == EVR_OF || vr == EVR_OD ||
          vr == EVR_OL || vr == EVR_OV) {
        item.findAndDeleteElement(tag);
        continue;
      }
      replaced = dummy(tag, vr, patient);
    } else if (tag == DCM_PatientID || tag == DCM_PatientName) {
      // Z allows a dummy: the pseudonym keeps patients apart in the export.
      replaced = dummy(tag, vr, patient);
    }
    // 'Z' and 'C' otherwise: empty (C would clean free text; Lumen does not parse it).
    if (element->putString(replaced.c_str()).bad()) item.findAndDeleteElement(tag);
  }
}

Deidentifier::Deidentifier() : m_state(std::make_unique<State>()) {}

Deidentifier::~Deidentifier() = default;

DeidentificationNotes Deidentifier::deidentifyFile(const std::string& in, const std::string& out) {
  initializeDicomToolkit();
  DcmFileFormat file;
  OFCondition status = file.loadFile(in.c_str());
  if (status.bad()) throw Error(ErrorCode::ReadFailed, in + ": " + status.text());
  file.loadAllDataIntoMemory();
  DcmDataset& data = *file.getDataset();
  DeidentificationNotes notes;
  OFString burnedIn;
  OFString modality;
  OFString sopClass;
  data.findAndGetOFString(DCM_BurnedInAnnotation, burnedIn);
  data.findAndGetOFString(DCM_Modality, modality);
  data.findAndGetOFString(DCM_SOPClassUID, sopClass);
  const bool usuallyBurnedIn = modality == "US" || modality == "SC" || modality == "OT" ||
                               sopClass == UID_SecondaryCaptureImageStorage;
  notes.burnedInAnnotation = burnedIn == "YES" || (usuallyBurnedIn && burnedIn != "NO");

  const State::Patient patient = m_state->patientOf(data);
  m_state->clean(data, patient);
  data.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
  data.putAndInsertString(DCM_LongitudinalTemporalInformationModified, "MODIFIED");
  data.putAndInsertString(DCM_DeidentificationMethod,
                          "Basic Application Confidentiality Profile\\"
                          "Retain Longitudinal Temporal Information Modified Dates Option");
  data.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
  const char* methods[][2] = {
      {"113100", "Basic Application Confidentiality Profile"},
      {"113107", "Retain Longitudinal Temporal Information Modified Dates Option"}};
  for (const auto& method : methods) {
    DcmItem* code = nullptr;
    data.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code, -2);
    if (code == nullptr) continue;
    code->putAndInsertString(DCM_CodeValue, method[0]);
    code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
    code->putAndInsertString(DCM_CodeMeaning, method[1]);
  }
  DcmMetaInfo& meta = *file.getMetaInfo();
  OFString sopInstance;
  data.findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
  meta.putAndInsertString(DCM_MediaStorageSOPInstanceUID, sopInstance.c_str());
  meta.findAndDeleteElement(DCM_SourceApplicationEntityTitle);
  status = file.saveFile(out.c_str(), file.getDataset()->getOriginalXfer());
  if (status.bad()) throw Error(ErrorCode::WriteFailed, out + ": " + status.text());
  return notes;
}

std::string Deidentifier::mappingJson() const {
  std::ostringstream json;
  json << "{\n  \"patients\": [";
  bool first = true;
  for (const auto& entry : m_state->patients) {
    const State::Patient& p = entry.second;
    json << (first ? "\n" : ",\n") << "    {\"originalId\": " << jsonText(p.originalId)
         << ", \"originalName\": " << jsonText(p.originalName)
         << ", \"pseudonymId\": " << jsonText(p.pseudonymId)
         << ", \"pseudonymName\": " << jsonText(p.pseudonymName) << ", \"dayShift\": " << p.dayShift
         << "}";
    first = false;
  }
  json << "\n  ],\n  \"uids\": {";
  first = true;
  for (const auto& [original, fresh] : m_state->uids) {
    json << (first ? "\n" : ",\n") << "    " << jsonText(original) << ": " << jsonText(fresh);
    first = false;
  }
  json << "\n  }\n}\n";
  return json.str();
}

}  // namespace lumen::core
