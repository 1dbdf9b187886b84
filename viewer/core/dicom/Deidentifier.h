#pragma once

#include <map>
#include <memory>
#include <string>

namespace lumen::core {

/// What de-identifying one file found that the user must be told.
struct DeidentificationNotes {
  /// The image says it has burned-in annotation (Burned In Annotation YES), or is of a kind that
  /// usually has (secondary capture, ultrasound) and does not say NO: text in the pixels may
  /// identify the patient, and no profile removes it.
  bool burnedInAnnotation = false;
};

/// De-identifies DICOM files for export following PS3.15 Annex E: the Basic Application Level
/// Confidentiality Profile (Table E.1-1) with the Retain Longitudinal Temporal Information with
/// Modified Dates option. Every attribute of the profile is removed, emptied, replaced by a dummy
/// or a new UID as the table says, in sequences too; private attributes, curves and overlays are
/// removed. Consistent across the files of one Deidentifier: a UID maps to the same new UID
/// everywhere (so a SEG still references its images), each patient gets one pseudonym
/// ("LUMEN-0001", name "Lumen^0001") and one random shift of every date by whole days (1 to 10
/// years back), so intervals between studies survive. The original values are kept only in
/// memory, for mappingJson(). Not thread-safe.
class Deidentifier {
 public:
  Deidentifier();
  ~Deidentifier();
  Deidentifier(const Deidentifier&) = delete;
  Deidentifier& operator=(const Deidentifier&) = delete;

  /// Writes the de-identified copy of DICOM file `in` to `out` (may be the same path). Throws
  /// Error(ReadFailed) for a file DCMTK cannot read, Error(WriteFailed).
  DeidentificationNotes deidentifyFile(const std::string& in, const std::string& out);

  /// For re-identification, to be kept locally and only when the user asks: every patient's
  /// original ID and name with pseudonym and day shift, and every UID mapping. JSON.
  std::string mappingJson() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace lumen::core
