#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// What replaying a journal found.
struct JournalReplay {
  std::size_t edits = 0;  ///< records applied, in order
  bool tornTail = false;  ///< a cut-off or damaged record ended it (the process died mid-write)
  std::size_t intactBytes = 0;  ///< the length of the intact records: cut the log back to it
};

/// An append-only log of label-map changes between two saves of the map: each record is a box
/// and its voxels as they became (after an edit, an undo or a redo), compressed, with a CRC-32.
/// Records are absolute, so replaying the log onto the last save, or onto a newer one, gives the
/// map as it was at the last record. Not thread-safe: one writer.
class EditJournal {
 public:
  /// Opens `path` for appending, creating it. Throws Error(WriteFailed).
  explicit EditJournal(std::string path);
  ~EditJournal();
  EditJournal(const EditJournal&) = delete;
  EditJournal& operator=(const EditJournal&) = delete;

  /// Appends the voxels of `box` as they are now in `map`, in one write: once it returns, the
  /// record survives the process being killed (a power cut needs the next save). Throws
  /// Error(WriteFailed) (a full disk), having cut the log back to its intact records.
  void append(const LabelMap& map, const VoxelBox& box);
  /// The same with the box's voxels given (i fastest), copied off the map beforehand: for a
  /// writer on another thread than the map's. Throws Error(InvalidArgument) when they do not
  /// fill the box.
  void append(const VoxelBox& box, const std::vector<std::uint8_t>& voxels);
  /// Empties the log, once a saved map holds everything in it. Throws Error(WriteFailed).
  void clear();
  /// True when the log holds no record.
  bool empty() const;

  /// Applies the intact records of the log at `path` to `map`, oldest first, stopping at the
  /// first cut-off or damaged one. A missing file replays nothing. Throws Error(ReadFailed) when
  /// the file cannot be read, Error(InvalidArgument) when a record does not fit the map.
  static JournalReplay replay(const std::string& path, LabelMap& map);

 private:
  std::string m_path;
  int m_fd = -1;
};

}  // namespace lumen::core
