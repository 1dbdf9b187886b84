#include "core/annotate/AnnotationTables.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "core/AtomicFileCopy.h"
#include "core/Error.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string number(double value) {
  std::ostringstream text;
  text.precision(10);
  text << value;
  return text.str();
}

std::string provenanceFields(const Provenance& p) {
  return csvField(p.author) + "," + csvField(p.createdAt) + "," + csvField(p.modifiedAt) + "," +
         csvField(p.manual() ? "manual" : p.modelName + " " + p.modelVersion);
}

constexpr const char* kProvenanceHeader = "author,created,modified,source";

std::string labelName(const LabelSchema& schema, std::uint8_t value) {
  const LabelDefinition* label = schema.label(value);
  return label ? label->name : std::string();
}

/// The voxel index range a box covers: the voxels whose centres lie between its corners, within
/// the volume. A box thinner than a voxel between two centres covers the nearer one.
std::array<std::array<long, 2>, 3> voxelRange(const Volume& grid, const Size3& size,
                                              const AnnotatedBox& box) {
  const Vec3 a = grid.worldToIndex(box.firstLps);
  const Vec3 b = grid.worldToIndex(box.secondLps);
  std::array<std::array<long, 2>, 3> range{};
  for (int n = 0; n < 3; ++n) {
    const double low = std::min(a[n], b[n]);
    const double high = std::max(a[n], b[n]);
    long first = std::lround(std::ceil(low - 1e-6));
    long last = std::lround(std::floor(high + 1e-6));
    if (first > last) first = last = std::lround(0.5 * (low + high));
    const long top = static_cast<long>(size[static_cast<std::size_t>(n)]) - 1;
    range[n] = {std::clamp(first, 0L, top), std::clamp(last, 0L, top)};
  }
  return range;
}

QJsonObject provenanceJson(const Provenance& p) {
  QJsonObject json{{"author", QString::fromStdString(p.author)},
                   {"created", QString::fromStdString(p.createdAt)},
                   {"modified", QString::fromStdString(p.modifiedAt)}};
  if (!p.manual()) {
    json["model"] = QString::fromStdString(p.modelName);
    json["modelVersion"] = QString::fromStdString(p.modelVersion);
  }
  return json;
}

QJsonArray triple(const std::array<double, 3>& v) { return {v[0], v[1], v[2]}; }

void write(const fs::path& path, const std::string& text) {
  writeFileAtomically(path.string(), text.data(), text.size());
}

}  // namespace

void writeAnnotationTables(const std::string& folder, const LabelSchema& schema,
                           const std::vector<TableCase>& cases) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error)
    throw Error(ErrorCode::WriteFailed, "cannot create " + folder + ": " + error.message());
  std::string tags = std::string("case,tag,scope,") + kProvenanceHeader + "\n";
  std::string boxes = std::string(
                          "case,label,label_name,i_first,i_last,j_first,j_last,k_first,"
                          "k_last,x1,y1,z1,x2,y2,z2,") +
                      kProvenanceHeader + "\n";
  std::string points = std::string("case,label,label_name,i,j,k,x,y,z,") + kProvenanceHeader + "\n";
  QJsonArray json;
  for (const TableCase& c : cases) {
    const Volume grid(PixelType::UInt8,
                      VolumeGeometry{{1, 1, 1}, c.grid.spacing, c.grid.origin, c.grid.direction});
    QJsonArray caseTags;
    for (const auto* list : {&c.annotations.tags, &c.studyTags}) {
      const char* scope = list == &c.studyTags ? "study" : "image";
      for (const AnnotatedTag& t : *list) {
        tags += csvField(c.id) + "," + csvField(t.name) + "," + scope + "," +
                provenanceFields(t.provenance) + "\n";
        caseTags.append(QJsonObject{{"tag", QString::fromStdString(t.name)},
                                    {"scope", scope},
                                    {"provenance", provenanceJson(t.provenance)}});
      }
    }
    QJsonArray caseBoxes;
    for (const AnnotatedBox& b : c.annotations.boxes) {
      const auto range = voxelRange(grid, c.grid.size, b);
      boxes += csvField(c.id) + "," + std::to_string(b.label) + "," +
               csvField(labelName(schema, b.label));
      for (int n = 0; n < 3; ++n) {
        boxes += "," + std::to_string(range[n][0]) + "," + std::to_string(range[n][1]);
      }
      for (const Vec3& p : {b.firstLps, b.secondLps}) {
        for (double v : p) boxes += "," + number(v);
      }
      boxes += "," + provenanceFields(b.provenance) + "\n";
      caseBoxes.append(QJsonObject{
          {"label", b.label},
          {"labelName", QString::fromStdString(labelName(schema, b.label))},
          {"voxelFirst", QJsonArray{qint64(range[0][0]), qint64(range[1][0]), qint64(range[2][0])}},
          {"voxelLast", QJsonArray{qint64(range[0][1]), qint64(range[1][1]), qint64(range[2][1])}},
          {"firstLps", triple(b.firstLps)},
          {"secondLps", triple(b.secondLps)},
          {"provenance", provenanceJson(b.provenance)}});
    }
    QJsonArray casePoints;
    for (const AnnotatedPoint& p : c.annotations.points) {
      const Vec3 index = grid.worldToIndex(p.lps);
      points += csvField(c.id) + "," + std::to_string(p.label) + "," +
                csvField(labelName(schema, p.label));
      for (double v : index) points += "," + number(v);
      for (double v : p.lps) points += "," + number(v);
      points += "," + provenanceFields(p.provenance) + "\n";
      casePoints.append(
          QJsonObject{{"label", p.label},
                      {"labelName", QString::fromStdString(labelName(schema, p.label))},
                      {"voxel", triple(index)},
                      {"lps", triple(p.lps)},
                      {"provenance", provenanceJson(p.provenance)}});
    }
    json.append(QJsonObject{{"case", QString::fromStdString(c.id)},
                            {"tags", caseTags},
                            {"boxes", caseBoxes},
                            {"points", casePoints}});
  }
  const fs::path root(folder);
  write(root / "tags.csv", tags);
  write(root / "boxes.csv", boxes);
  write(root / "points.csv", points);
  write(root / "annotations.json",
        QJsonDocument(QJsonObject{{"cases", json}}).toJson(QJsonDocument::Indented).toStdString());
}

}  // namespace lumen::core
