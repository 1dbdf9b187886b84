#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/annotate/Annotations.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

/// An annotation project on disk: a folder with project.json (its name and LabelSchema) and a
/// folder per subject (subjects/<hash of its key>/) holding annotations.json and, for a volume,
/// its label map (LabelMapStore). Every file is replaced atomically; a file Lumen cannot read is
/// reported, never overwritten. Not thread-safe.
class AnnotationProject {
 public:
  /// Makes a project in `folder` (created when missing; it must not hold a project already).
  /// Throws Error(InvalidArgument) for an invalid schema, an empty name or an existing project,
  /// Error(WriteFailed).
  static AnnotationProject create(const std::string& folder, const std::string& name,
                                  const LabelSchema& schema);
  /// Opens the project in `folder`. Throws Error(FileNotFound) when it holds no project.json,
  /// Error(ReadFailed) naming what is wrong with it.
  static AnnotationProject open(const std::string& folder);

  const std::string& folder() const { return m_folder; }
  const std::string& name() const { return m_name; }
  const LabelSchema& schema() const { return m_schema; }
  /// Replaces the schema and saves project.json. Throws as create() does; on error nothing
  /// changes.
  void setSchema(const LabelSchema& schema);

  /// The folder of the subject `key` (created), where its LabelMapStore lives.
  std::string subjectFolder(const std::string& key) const;
  /// The subject's annotations; empty ones (with the key) when it has none. Throws
  /// Error(ReadFailed) naming what is wrong with its annotations.json.
  SubjectAnnotations annotations(const std::string& key) const;
  /// Saves `annotations` (its key names the subject). Throws Error(InvalidArgument) for a label
  /// value or tag the schema does not define, Error(WriteFailed).
  void saveAnnotations(const SubjectAnnotations& annotations);
  /// The keys of every subject with saved annotations, sorted.
  std::vector<std::string> subjects() const;

 private:
  AnnotationProject(std::string folder, std::string name, LabelSchema schema);
  void writeProjectFile() const;

  std::string m_folder;
  std::string m_name;
  LabelSchema m_schema;
};

}  // namespace lumen::core
