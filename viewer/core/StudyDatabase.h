#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Job.h"
#include "core/Measurement.h"
#include "core/ModelResult.h"
#include "core/dicom/DicomInstance.h"

namespace lumen::core {

/// Where an import leaves the files it indexes.
enum class ImportMode {
  ReferenceInPlace,  ///< the database records the files where they are
  CopyIntoStore,     ///< each file is copied to store/<study uid>/<series uid>/<sop uid>.dcm
};

/// What one importInstances() call did. Counts are of rows added, not of rows seen.
struct ImportSummary {
  std::size_t patientsAdded = 0;
  std::size_t studiesAdded = 0;
  std::size_t seriesAdded = 0;
  std::size_t instancesAdded = 0;
  std::size_t instancesPresent = 0;  ///< already in the database (by SOP Instance UID): unchanged
  std::size_t instancesSkipped = 0;  ///< without the UIDs needed to index or store them
};

/// A search of the studies. Every empty field matches everything.
struct StudyQuery {
  /// Case-insensitive substring of the patient name or the patient ID (UTF-8; ^ and space are the
  /// same). Case folding covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic only: see
  /// foldCaseUtf8() in core/CaseFold.h. No wildcards.
  std::string text;
  std::string dateFrom;  ///< study date YYYYMMDD, inclusive
  std::string dateTo;    ///< study date YYYYMMDD, inclusive
  std::string modality;  ///< exact; a study matches when any of its series has it
};

/// One study as a study list shows it.
struct StudyRecord {
  std::string patientName;  ///< UTF-8, components joined by ^
  std::string patientId;
  std::string patientBirthDate;  ///< YYYYMMDD or empty
  std::string patientSex;
  std::string studyInstanceUid;
  std::string studyDate;  ///< YYYYMMDD or empty
  std::string studyTime;  ///< HHMMSS.FFFFFF or empty
  std::string studyDescription;
  std::vector<std::string> modalities;  ///< distinct, sorted, e.g. {"CT", "MR"}
  std::size_t seriesCount = 0;
  std::size_t instanceCount = 0;
  /// For triage: the highest finding probability of every model result stored for any series of
  /// the study (see StudyDatabase::saveModelResult()); nullopt when none has a finding.
  std::optional<double> aiMaxProbability;
  bool aiPositive = false;  ///< whether any finding of those results is positive
};

/// One series of a study.
struct SeriesRecord {
  std::string seriesInstanceUid;
  int seriesNumber = 0;
  std::string modality;
  std::string description;
  std::string bodyPart;
  std::size_t instanceCount = 0;
  bool hasThumbnail = false;
};

/// The volume key under which measurements of volume `volumeIndex` of a DICOM series are stored:
/// "dicom:<seriesUid>#<volumeIndex>". removeStudy() finds a study's measurements by it.
std::string dicomVolumeKey(const std::string& seriesUid, int volumeIndex);

/// The local index of imported DICOM studies, an SQLite file: patient → study → series →
/// instance, with the path of each instance's file and a thumbnail per series; the
/// measurements drawn on volumes and the results models found in them, keyed by a volume key
/// string.
///
/// Used from one thread at a time (one connection, no locking of its own); other processes may
/// open the same file (SQLite's WAL mode and file locks keep them consistent). Every change is one
/// transaction: a process killed during a call leaves the database as it was before the call.
/// Throws Error(ReadFailed) when the file cannot be read or queried, Error(WriteFailed) when it
/// cannot be changed; messages name files and UIDs and quote SQLite, never patient names or IDs.
class StudyDatabase {
 public:
  /// Opens the database at `path`, creating the file, its folder and the schema when absent.
  /// Throws Error(ReadFailed) for a file that is not a Lumen study database or whose schema is
  /// newer than this build's, Error(WriteFailed) when it cannot be created.
  explicit StudyDatabase(const std::string& path);
  /// Closes the connection.
  ~StudyDatabase();
  /// Moves the connection; a moved-from database may only be destroyed or assigned to.
  StudyDatabase(StudyDatabase&&) noexcept;
  /// Closes this connection and takes `other`'s.
  StudyDatabase& operator=(StudyDatabase&& other) noexcept;
  StudyDatabase(const StudyDatabase&) = delete;             ///< one owner per connection
  StudyDatabase& operator=(const StudyDatabase&) = delete;  ///< one owner per connection

  /// The schema version this build writes (stored as PRAGMA user_version).
  /// Version 2 added the measurements table, version 3 the model results; older files are
  /// migrated when opened.
  static constexpr int kSchemaVersion = 3;

  /// The database file's path, as given.
  const std::string& path() const;

  /// Indexes `instances` in one transaction: rows that exist (same UIDs) are left as they are,
  /// so importing the same files again changes nothing (an instance already present keeps its
  /// path and mode). Paths are recorded absolute. Instances without study, series or SOP
  /// Instance UID (with CopyIntoStore also those whose UIDs cannot be file names) are skipped
  /// and counted. With CopyIntoStore each new instance's file is first copied atomically
  /// (temporary file, fsync, rename) under `storeFolder`, and the copy is recorded as managed;
  /// copies made by a call that fails are removed again (a killed process may leave unreferenced
  /// copies, never rows without files). Reports progress as the fraction of instances done;
  /// polls `cancel` between instances. Throws Error(Cancelled), Error(ReadFailed) for a file
  /// that cannot be copied, Error(WriteFailed); after any throw the database is unchanged.
  ImportSummary importInstances(const std::vector<DicomInstance>& instances, ImportMode mode,
                                const std::string& storeFolder = {},
                                const ProgressCallback& progress = {},
                                const CancelToken* cancel = nullptr);

  /// The studies that match `query`, newest study date first, then by patient name.
  std::vector<StudyRecord> searchStudies(const StudyQuery& query) const;

  /// The series of a study, by series number; empty for an unknown study.
  std::vector<SeriesRecord> seriesOf(const std::string& studyUid) const;

  /// The files of a series, or of every series of a study (by series number, then instance
  /// number); empty for an unknown UID.
  std::vector<std::string> instancePaths(const std::string& seriesOrStudyUid) const;

  /// Stores an encoded thumbnail (PNG bytes) for a series; an empty one removes it. Throws
  /// Error(WriteFailed) for an unknown series.
  void setThumbnail(const std::string& seriesUid, const std::vector<std::uint8_t>& png);

  /// The thumbnail of a series; empty when it has none or the series is unknown.
  std::vector<std::uint8_t> thumbnail(const std::string& seriesUid) const;

  /// Removes a study, its series and instances (and its patient when no study is left), the
  /// measurements of its series' volumes (keys "dicom:<series uid>#…", see dicomVolumeKey()) and
  /// the model results of its series in one transaction, then deletes the managed copies of its
  /// files from the store (never files referenced in place). Does nothing for an unknown study.
  void removeStudy(const std::string& studyUid);

  /// Replaces every measurement stored for `volumeKey` with `measurements`, in one transaction.
  /// Measurements with id 0 get fresh ids, larger than every id given and every id stored for
  /// the key before the call; others keep theirs. Returns the list as stored (ids assigned), in
  /// the order given. The key is not interpreted, except by
  /// removeStudy(). Throws Error(InvalidArgument), storing nothing, for a negative or repeated
  /// id, a wrong point count, a non-finite coordinate or an unknown kind; Error(WriteFailed).
  std::vector<Measurement> saveMeasurements(const std::string& volumeKey,
                                            const std::vector<Measurement>& measurements);

  /// Measurements stored for `volumeKey`, in id order; empty when there are none. Throws
  /// Error(ReadFailed).
  std::vector<Measurement> measurements(const std::string& volumeKey) const;

  /// Stores what model `result.modelSha256` found in the volume `volumeKey`, replacing any result
  /// stored for that key and model, in one transaction (a process killed meanwhile leaves the
  /// old result or the new one, never a mix). `volumeKey` is the key measurements use:
  /// dicomVolumeKey() for a DICOM volume, whose series UID is `seriesUid`; anything else (a
  /// canonical file path) with an empty `seriesUid` for other volumes. Stores the checksum in
  /// lower case and the time of the call as createdAt when that is empty. Volumes are stored
  /// zlib-compressed with their geometry. Throws Error(InvalidArgument), storing nothing, for an
  /// empty key, a key and series UID that do not match as described, a checksum that is not 64
  /// hex digits, a probability or threshold outside [0, 1] (or not finite), a negative or
  /// non-finite segment size or timing, an enum value outside its type, or a volume that is null
  /// or not uint8 with one component; Error(WriteFailed).
  void saveModelResult(const std::string& volumeKey, const std::string& seriesUid,
                       const ModelResult& result);

  /// Every result stored for `volumeKey` (one per model, by model name, then checksum), with
  /// their volumes decoded in the geometry they were saved with; empty when there is none.
  /// Throws Error(ReadFailed), naming the key and the model, for voxel data that is corrupt or
  /// does not match its geometry.
  std::vector<ModelResult> modelResults(const std::string& volumeKey) const;

  /// Removes every result of the model with this checksum (any case), of every volume, in one
  /// transaction, e.g. when the model is uninstalled. Does nothing for an unknown model.
  void removeModelResults(const std::string& modelSha256);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lumen::core
