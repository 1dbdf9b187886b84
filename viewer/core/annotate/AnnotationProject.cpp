#include "core/annotate/AnnotationProject.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "core/AtomicFileCopy.h"
#include "core/Error.h"
#include "core/annotate/AnnotationJson.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "lumen-annotation-project";
constexpr int kVersion = 1;

/// A folder name for a subject key: FNV-1a, 64 bits, in hex. annotations.json holds the key
/// itself, so a collision is detected rather than mixed up.
std::string folderNameOf(const std::string& key) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char name[17];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
  return name;
}

void writeJson(const std::string& path, const QJsonObject& json) {
  const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Indented);
  writeFileAtomically(path, bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

QJsonObject readJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::ReadFailed, path + ": cannot be read");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &error);
  if (error.error != QJsonParseError::NoError) {
    throw Error(ErrorCode::ReadFailed, path + ": not valid JSON at byte " +
                                           std::to_string(error.offset) + " (" +
                                           error.errorString().toStdString() + ")");
  }
  if (!document.isObject()) throw Error(ErrorCode::ReadFailed, path + ": not a JSON object");
  return document.object();
}

/// Throws Error(InvalidArgument) when `a` uses a label or tag the schema lacks.
void requireInSchema(const SubjectAnnotations& a, const LabelSchema& schema) {
  const auto requireLabel = [&](std::uint8_t value) {
    if (schema.label(value) == nullptr) {
      throw Error(ErrorCode::InvalidArgument,
                  a.key + ": label value " + std::to_string(value) + " is not in the project");
    }
  };
  for (const auto& entry : a.labels) requireLabel(entry.first);
  for (const AnnotatedBox& b : a.boxes) requireLabel(b.label);
  for (const AnnotatedPoint& p : a.points) requireLabel(p.label);
  for (const AnnotatedTag& t : a.tags) {
    const bool known = std::any_of(schema.tags.begin(), schema.tags.end(),
                                   [&](const TagDefinition& d) { return d.name == t.name; });
    if (!known)
      throw Error(ErrorCode::InvalidArgument,
                  a.key + ": tag \"" + t.name + "\" is not in the project");
  }
}

}  // namespace

std::string studySubjectKey(const std::string& studyInstanceUid) {
  return "study:" + studyInstanceUid;
}

bool Provenance::operator==(const Provenance& o) const {
  return author == o.author && createdAt == o.createdAt && modifiedAt == o.modifiedAt &&
         modelName == o.modelName && modelVersion == o.modelVersion;
}

AnnotationProject::AnnotationProject(std::string folder, std::string name, LabelSchema schema)
    : m_folder(std::move(folder)), m_name(std::move(name)), m_schema(std::move(schema)) {}

AnnotationProject AnnotationProject::create(const std::string& folder, const std::string& name,
                                            const LabelSchema& schema) {
  if (name.empty()) throw Error(ErrorCode::InvalidArgument, "a project needs a name");
  schema.validate();
  if (fs::exists(fs::path(folder) / "project.json")) {
    throw Error(ErrorCode::InvalidArgument, folder + " holds a project already");
  }
  std::error_code error;
  fs::create_directories(folder, error);
  if (error)
    throw Error(ErrorCode::WriteFailed, "cannot create " + folder + ": " + error.message());
  AnnotationProject project(folder, name, schema);
  project.writeProjectFile();
  return project;
}

AnnotationProject AnnotationProject::open(const std::string& folder) {
  const std::string file = (fs::path(folder) / "project.json").string();
  if (!fs::exists(file)) throw Error(ErrorCode::FileNotFound, folder + " holds no project.json");
  const QJsonObject json = readJson(file);
  if (json.value("format").toString() != kFormat) {
    throw Error(ErrorCode::ReadFailed, file + ": not a Lumen annotation project");
  }
  if (json.value("version").toInt(-1) != kVersion) {
    throw Error(ErrorCode::ReadFailed,
                file + ": project version " + std::to_string(json.value("version").toInt(-1)) +
                    " (this Lumen reads version " + std::to_string(kVersion) + ")");
  }
  const std::string name = json.value("name").toString().toStdString();
  if (name.empty()) throw Error(ErrorCode::ReadFailed, file + ": name must be text");
  return AnnotationProject(folder, name, schemaFromJson(json.value("schema").toObject(), file));
}

void AnnotationProject::setSchema(const LabelSchema& schema) {
  schema.validate();
  const LabelSchema old = m_schema;
  m_schema = schema;
  try {
    writeProjectFile();
  } catch (...) {
    m_schema = old;
    throw;
  }
}

void AnnotationProject::writeProjectFile() const {
  writeJson((fs::path(m_folder) / "project.json").string(),
            QJsonObject{{"format", kFormat},
                        {"version", kVersion},
                        {"name", QString::fromStdString(m_name)},
                        {"schema", schemaToJson(m_schema)}});
}

std::string AnnotationProject::subjectFolder(const std::string& key) const {
  const fs::path folder = fs::path(m_folder) / "subjects" / folderNameOf(key);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error)
    throw Error(ErrorCode::WriteFailed,
                "cannot create " + folder.string() + ": " + error.message());
  return folder.string();
}

SubjectAnnotations AnnotationProject::annotations(const std::string& key) const {
  const fs::path file = fs::path(m_folder) / "subjects" / folderNameOf(key) / "annotations.json";
  if (!fs::exists(file)) return SubjectAnnotations{key, {}, {}, {}, {}};
  SubjectAnnotations a = annotationsFromJson(readJson(file.string()), file.string());
  if (a.key != key) {
    throw Error(ErrorCode::ReadFailed,
                file.string() + ": holds the annotations of " + a.key + ", not of " + key);
  }
  return a;
}

void AnnotationProject::saveAnnotations(const SubjectAnnotations& annotations) {
  if (annotations.key.empty()) throw Error(ErrorCode::InvalidArgument, "annotations without a key");
  requireInSchema(annotations, m_schema);
  writeJson((fs::path(subjectFolder(annotations.key)) / "annotations.json").string(),
            annotationsToJson(annotations));
}

std::vector<std::string> AnnotationProject::subjects() const {
  std::vector<std::string> keys;
  const fs::path root = fs::path(m_folder) / "subjects";
  if (!fs::exists(root)) return keys;
  for (const auto& entry : fs::directory_iterator(root)) {
    const fs::path file = entry.path() / "annotations.json";
    if (fs::exists(file))
      keys.push_back(annotationsFromJson(readJson(file.string()), file.string()).key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace lumen::core
