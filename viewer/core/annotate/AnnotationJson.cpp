#include "core/annotate/AnnotationJson.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <cmath>

#include "core/Error.h"

namespace lumen::core {
namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

/// Reads one JSON object's fields, failing with the file and the field's path.
class Fields {
 public:
  Fields(const QJsonObject& object, std::string file, std::string where)
      : m_object(object), m_file(std::move(file)), m_where(std::move(where)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw Error(ErrorCode::ReadFailed, m_file + ": " + m_where + field + " " + what);
  }
  bool has(const char* field) const { return m_object.contains(field); }
  std::string string(const char* field, bool required = true) const {
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined() && !required) return {};
    if (!v.isString()) fail(field, "must be text");
    return v.toString().toStdString();
  }
  double number(const char* field) const {
    const QJsonValue v = m_object.value(field);
    if (!v.isDouble() || !std::isfinite(v.toDouble())) fail(field, "must be a number");
    return v.toDouble();
  }
  int integer(const char* field, int low, int high) const {
    const double n = number(field);
    if (n != std::floor(n) || n < low || n > high) {
      fail(field,
           "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return static_cast<int>(n);
  }
  QJsonArray array(const char* field) const {
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined()) return {};
    if (!v.isArray()) fail(field, "must be a list");
    return v.toArray();
  }
  QJsonObject object(const char* field) const {
    const QJsonValue v = m_object.value(field);
    if (!v.isObject()) fail(field, "must be an object");
    return v.toObject();
  }
  /// Element `n` of `list` (an array field) as an object.
  Fields element(const QJsonArray& list, int n, const char* field) const {
    const std::string at = m_where + field + "[" + std::to_string(n) + "].";
    if (!list.at(n).isObject())
      fail(std::string(field) + "[" + std::to_string(n) + "]", "must be an object");
    return Fields(list.at(n).toObject(), m_file, at);
  }
  Fields child(const char* field) const {
    return Fields(object(field), m_file, m_where + field + ".");
  }
  Vec3 point(const char* field) const {
    const QJsonArray a = array(field);
    if (a.size() != 3) fail(field, "must be three numbers (LPS mm)");
    Vec3 p{};
    for (int n = 0; n < 3; ++n) {
      if (!a.at(n).isDouble() || !std::isfinite(a.at(n).toDouble())) {
        fail(field, "must be three numbers (LPS mm)");
      }
      p[static_cast<std::size_t>(n)] = a.at(n).toDouble();
    }
    return p;
  }

 private:
  QJsonObject m_object;
  std::string m_file;
  std::string m_where;
};

QJsonObject conceptToJson(const CodedConcept& c) {
  return {{"scheme", text(c.scheme)}, {"code", text(c.code)}, {"meaning", text(c.meaning)}};
}

std::optional<CodedConcept> conceptFromJson(const Fields& owner, const char* field) {
  if (!owner.has(field)) return std::nullopt;
  const Fields f = owner.child(field);
  return CodedConcept{f.string("scheme"), f.string("code"), f.string("meaning")};
}

QJsonObject provenanceToJson(const Provenance& p) {
  QJsonObject json{{"author", text(p.author)},
                   {"createdAt", text(p.createdAt)},
                   {"modifiedAt", text(p.modifiedAt)}};
  if (!p.manual()) {
    json["model"] = QJsonObject{{"name", text(p.modelName)}, {"version", text(p.modelVersion)}};
  }
  return json;
}

Provenance provenanceFromJson(const Fields& owner) {
  const Fields f = owner.child("provenance");
  Provenance p{f.string("author"), f.string("createdAt"), f.string("modifiedAt"), {}, {}};
  if (f.has("model")) {
    const Fields model = f.child("model");
    p.modelName = model.string("name");
    p.modelVersion = model.string("version");
  }
  return p;
}

QJsonArray pointToJson(const Vec3& p) { return {p[0], p[1], p[2]}; }

}  // namespace

QJsonObject schemaToJson(const LabelSchema& schema) {
  QJsonArray labels;
  for (const LabelDefinition& l : schema.labels) {
    QJsonObject label{{"value", l.value},
                      {"name", text(l.name)},
                      {"colour", QJsonArray{l.colour[0], l.colour[1], l.colour[2]}}};
    if (l.category) label["category"] = conceptToJson(*l.category);
    if (l.type) label["type"] = conceptToJson(*l.type);
    labels.append(label);
  }
  QJsonArray tags;
  for (const TagDefinition& t : schema.tags) {
    tags.append(QJsonObject{{"name", text(t.name)},
                            {"scope", t.scope == TagDefinition::Scope::Study ? "study" : "image"}});
  }
  return {{"labels", labels}, {"tags", tags}};
}

LabelSchema schemaFromJson(const QJsonObject& json, const std::string& file) {
  const Fields root(json, file, "");
  LabelSchema schema;
  const QJsonArray labels = root.array("labels");
  for (int n = 0; n < labels.size(); ++n) {
    const Fields f = root.element(labels, n, "labels");
    LabelDefinition l;
    l.value = static_cast<std::uint8_t>(f.integer("value", 1, 255));
    l.name = f.string("name");
    const QJsonArray colour = f.array("colour");
    if (colour.size() != 3) f.fail("colour", "must be three numbers from 0 to 255");
    for (int c = 0; c < 3; ++c) {
      const double v = colour.at(c).toDouble(-1);
      if (v < 0 || v > 255 || v != std::floor(v))
        f.fail("colour", "must be three numbers from 0 to 255");
      l.colour[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(v);
    }
    l.category = conceptFromJson(f, "category");
    l.type = conceptFromJson(f, "type");
    schema.labels.push_back(l);
  }
  const QJsonArray tags = root.array("tags");
  for (int n = 0; n < tags.size(); ++n) {
    const Fields f = root.element(tags, n, "tags");
    TagDefinition t{f.string("name"), TagDefinition::Scope::Image};
    const std::string scope = f.string("scope");
    if (scope == "study") {
      t.scope = TagDefinition::Scope::Study;
    } else if (scope != "image") {
      f.fail("scope", "must be \"image\" or \"study\"");
    }
    schema.tags.push_back(t);
  }
  try {
    schema.validate();
  } catch (const Error& e) {
    throw Error(ErrorCode::ReadFailed, file + ": " + e.what());
  }
  return schema;
}

QJsonObject annotationsToJson(const SubjectAnnotations& a) {
  QJsonArray labels;
  for (const auto& [value, provenance] : a.labels) {
    labels.append(QJsonObject{{"value", value}, {"provenance", provenanceToJson(provenance)}});
  }
  QJsonArray tags;
  for (const AnnotatedTag& t : a.tags) {
    tags.append(
        QJsonObject{{"name", text(t.name)}, {"provenance", provenanceToJson(t.provenance)}});
  }
  QJsonArray boxes;
  for (const AnnotatedBox& b : a.boxes) {
    boxes.append(QJsonObject{{"label", b.label},
                             {"firstLps", pointToJson(b.firstLps)},
                             {"secondLps", pointToJson(b.secondLps)},
                             {"provenance", provenanceToJson(b.provenance)}});
  }
  QJsonArray points;
  for (const AnnotatedPoint& p : a.points) {
    points.append(QJsonObject{{"label", p.label},
                              {"lps", pointToJson(p.lps)},
                              {"provenance", provenanceToJson(p.provenance)}});
  }
  return {{"key", text(a.key)},
          {"labels", labels},
          {"tags", tags},
          {"boxes", boxes},
          {"points", points}};
}

SubjectAnnotations annotationsFromJson(const QJsonObject& json, const std::string& file) {
  const Fields root(json, file, "");
  SubjectAnnotations a;
  a.key = root.string("key");
  const QJsonArray labels = root.array("labels");
  for (int n = 0; n < labels.size(); ++n) {
    const Fields f = root.element(labels, n, "labels");
    a.labels[static_cast<std::uint8_t>(f.integer("value", 1, 255))] = provenanceFromJson(f);
  }
  const QJsonArray tags = root.array("tags");
  for (int n = 0; n < tags.size(); ++n) {
    const Fields f = root.element(tags, n, "tags");
    a.tags.push_back({f.string("name"), provenanceFromJson(f)});
  }
  const QJsonArray boxes = root.array("boxes");
  for (int n = 0; n < boxes.size(); ++n) {
    const Fields f = root.element(boxes, n, "boxes");
    a.boxes.push_back({static_cast<std::uint8_t>(f.integer("label", 1, 255)), f.point("firstLps"),
                       f.point("secondLps"), provenanceFromJson(f)});
  }
  const QJsonArray points = root.array("points");
  for (int n = 0; n < points.size(); ++n) {
    const Fields f = root.element(points, n, "points");
    a.points.push_back({static_cast<std::uint8_t>(f.integer("label", 1, 255)), f.point("lps"),
                        provenanceFromJson(f)});
  }
  return a;
}

}  // namespace lumen::core
