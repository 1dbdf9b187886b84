#include "core/annotate/AnnotationTables.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace lumen::core {
namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(AnnotationTables, WriteTagsBoxesAndPointsPerCase) {
  const fs::path folder =
      fs::temp_directory_path() / ("lumen-tables-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  LabelSchema schema;
  LabelDefinition nodule;
  nodule.value = 7;
  nodule.name = "Nodule, solid";
  schema.labels = {nodule};
  schema.tags = {{"Pneumothorax", TagDefinition::Scope::Image},
                 {"Follow-up", TagDefinition::Scope::Study}};
  const Provenance hand{"reader1", "2026-11-22T04:10:00Z", "2026-11-22T04:12:00Z", "", ""};
  const Provenance model{"reader1", "2026-11-22T04:11:00Z", "2026-11-22T04:11:00Z", "Demo", "1.1"};

  TableCase c;
  c.id = "case_0001";
  c.grid.size = {100, 100, 40};
  c.grid.spacing = {0.5, 0.5, 2.0};
  c.grid.origin = {-25.0, -25.0, 10.0};
  // A box over voxels (15…19, 20…26, 3…5), its corners half a voxel outside their centres and
  // given in either order.
  c.annotations.boxes = {{7,
                          {-25.0 + 9.75, -25.0 + 9.75, 10.0 + 5.0},
                          {-25.0 + 7.25, -25.0 + 13.25, 10.0 + 10.5},
                          model}};
  c.annotations.points = {{7, {-20.0, -15.0, 16.0}, hand}};
  c.annotations.tags = {{"Pneumothorax", hand}};
  c.studyTags = {{"Follow-up", hand}};
  writeAnnotationTables(folder.string(), schema, {c});

  EXPECT_EQ(
      read(folder / "tags.csv"),
      "case,tag,scope,author,created,modified,source\n"
      "case_0001,Pneumothorax,image,reader1,2026-11-22T04:10:00Z,2026-11-22T04:12:00Z,manual\n"
      "case_0001,Follow-up,study,reader1,2026-11-22T04:10:00Z,2026-11-22T04:12:00Z,manual\n");
  EXPECT_EQ(read(folder / "boxes.csv"),
            "case,label,label_name,i_first,i_last,j_first,j_last,k_first,k_last,x1,y1,z1,x2,y2,z2,"
            "author,created,modified,source\n"
            "case_0001,7,\"Nodule, solid\",15,19,20,26,3,5,-15.25,-15.25,15,-17.75,-11.75,20.5,"
            "reader1,2026-11-22T04:11:00Z,2026-11-22T04:11:00Z,Demo 1.1\n");
  EXPECT_EQ(read(folder / "points.csv"),
            "case,label,label_name,i,j,k,x,y,z,author,created,modified,source\n"
            "case_0001,7,\"Nodule, solid\",10,20,3,-20,-15,16,"
            "reader1,2026-11-22T04:10:00Z,2026-11-22T04:12:00Z,manual\n");
  const QJsonObject json =
      QJsonDocument::fromJson(QByteArray::fromStdString(read(folder / "annotations.json")))
          .object();
  const QJsonObject first = json["cases"].toArray().at(0).toObject();
  EXPECT_EQ(first["case"].toString(), "case_0001");
  EXPECT_EQ(first["boxes"].toArray().at(0).toObject()["voxelLast"].toArray(),
            (QJsonArray{19, 26, 5}));
  EXPECT_EQ(first["tags"].toArray().size(), 2);
  EXPECT_EQ(
      first["points"].toArray().at(0).toObject()["provenance"].toObject()["author"].toString(),
      "reader1");
  fs::remove_all(folder);
}

TEST(AnnotationTables, BoxesStayInsideTheVolumeAndAThinBoxCoversItsNearestSlice) {
  const fs::path folder =
      fs::temp_directory_path() / ("lumen-tables-edge-" + std::to_string(::getpid()));
  LabelSchema schema;
  LabelDefinition nodule;
  nodule.value = 1;
  nodule.name = "Nodule";
  schema.labels = {nodule};
  TableCase c;
  c.id = "case_0001";
  c.grid.size = {10, 10, 20};
  // From i = −5 to 3 (past the edge), j 2 to 4, on k between 12.3 and 12.4 (a box drawn on a
  // slice of an oblique reformat, say).
  c.annotations.boxes = {{1, {-5.0, 2.0, 12.3}, {3.0, 4.0, 12.4}, {}}};
  writeAnnotationTables(folder.string(), schema, {c});
  EXPECT_NE(read(folder / "boxes.csv").find("case_0001,1,Nodule,0,3,2,4,12,12,"), std::string::npos)
      << read(folder / "boxes.csv");
  fs::remove_all(folder);
}

}  // namespace
}  // namespace lumen::core
