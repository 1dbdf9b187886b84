#include "core/annotate/AnnotationProject.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/Error.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

LabelSchema chestSchema() {
  LabelSchema schema;
  LabelDefinition nodule;
  nodule.value = 1;
  nodule.name = "Nodule";
  nodule.colour = {230, 25, 75};
  nodule.category = CodedConcept{"SCT", "49755003", "Morphologically abnormal structure"};
  nodule.type = CodedConcept{"SCT", "27925004", "Nodule"};
  LabelDefinition lung;
  lung.value = 7;
  lung.name = "Lung";
  lung.colour = {60, 180, 75};
  schema.labels = {nodule, lung};
  schema.tags = {{"Pneumothorax", TagDefinition::Scope::Image},
                 {"Follow-up needed", TagDefinition::Scope::Study}};
  return schema;
}

Provenance byHand() { return {"reader1", "2026-11-22T04:10:00Z", "2026-11-22T04:12:30Z", "", ""}; }

class AnnotationProjectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = fs::temp_directory_path() /
               ("lumen-project-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_folder);
  }
  void TearDown() override { fs::remove_all(m_folder); }
  std::string folder() const { return m_folder.string(); }

  fs::path m_folder;
};

TEST_F(AnnotationProjectTest, SchemaAndAnnotationsRoundTrip) {
  {
    AnnotationProject project = AnnotationProject::create(folder(), "Chest nodules", chestSchema());
    SubjectAnnotations a;
    a.key = "dicom:1.2.826.0.1.3680043.10.543.7#0";
    a.labels[1] = byHand();
    a.labels[7] = {"reader1", "2026-11-22T04:11:00Z", "2026-11-22T04:11:00Z",
                   "Lumen demo lung segmenter", "1.1"};
    a.tags = {{"Pneumothorax", byHand()}};
    a.boxes = {{1, {-10.5, 20.0, -30.25}, {4.0, 32.5, -22.0}, byHand()}};
    a.points = {{7, {1.0, 2.0, 3.0}, byHand()}};
    project.saveAnnotations(a);
    SubjectAnnotations study{
        studySubjectKey("1.2.3"), {}, {{"Follow-up needed", byHand()}}, {}, {}};
    project.saveAnnotations(study);
  }
  const AnnotationProject project = AnnotationProject::open(folder());
  EXPECT_EQ(project.name(), "Chest nodules");
  ASSERT_EQ(project.schema().labels.size(), 2u);
  const LabelDefinition* nodule = project.schema().label(1);
  ASSERT_NE(nodule, nullptr);
  EXPECT_EQ(nodule->name, "Nodule");
  EXPECT_EQ(nodule->colour, (std::array<std::uint8_t, 3>{230, 25, 75}));
  EXPECT_EQ(nodule->type, (CodedConcept{"SCT", "27925004", "Nodule"}));
  EXPECT_FALSE(project.schema().label(7)->category.has_value());
  EXPECT_EQ(project.schema().tags.at(1).scope, TagDefinition::Scope::Study);

  EXPECT_EQ(project.subjects(),
            (std::vector<std::string>{"dicom:1.2.826.0.1.3680043.10.543.7#0", "study:1.2.3"}));
  const SubjectAnnotations a = project.annotations("dicom:1.2.826.0.1.3680043.10.543.7#0");
  EXPECT_EQ(a.labels.at(1), byHand());
  EXPECT_EQ(a.labels.at(7).modelName, "Lumen demo lung segmenter");
  EXPECT_FALSE(a.labels.at(7).manual());
  ASSERT_EQ(a.boxes.size(), 1u);
  EXPECT_EQ(a.boxes[0].secondLps, (Vec3{4.0, 32.5, -22.0}));
  EXPECT_EQ(a.points.at(0).label, 7);
  EXPECT_EQ(a.tags.at(0).name, "Pneumothorax");
  EXPECT_TRUE(project.annotations("dicom:another#0").empty());
}

TEST_F(AnnotationProjectTest, RefusesWhatTheSchemaDoesNotDefine) {
  AnnotationProject project = AnnotationProject::create(folder(), "Chest", chestSchema());
  SubjectAnnotations a{"file:/data/ct.nii.gz", {{3, byHand()}}, {}, {}, {}};
  EXPECT_THROW(project.saveAnnotations(a), Error);
  a.labels.clear();
  a.tags = {{"Fracture", byHand()}};
  EXPECT_THROW(project.saveAnnotations(a), Error);
  EXPECT_TRUE(project.subjects().empty());

  LabelSchema twice = chestSchema();
  twice.labels[1].value = 1;
  EXPECT_THROW(project.setSchema(twice), Error);
  twice = chestSchema();
  twice.labels[1].name = "NODULE";
  EXPECT_THROW(project.setSchema(twice), Error);
  EXPECT_EQ(AnnotationProject::open(folder()).schema().labels.at(1).name, "Lung");
  EXPECT_THROW(AnnotationProject::create(folder(), "Again", chestSchema()), Error);
}

TEST_F(AnnotationProjectTest, ADamagedProjectFileIsReportedNotRewritten) {
  AnnotationProject::create(folder(), "Chest", chestSchema());
  const fs::path file = m_folder / "project.json";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::ofstream(file, std::ios::trunc) << text.substr(0, text.size() / 2);
  try {
    AnnotationProject::open(folder());
    FAIL() << "opened a cut-off project file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::ReadFailed);
    EXPECT_NE(std::string(e.what()).find("project.json"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fs::file_size(file), text.size() / 2);

  std::string wrongColour = text;
  const auto at = wrongColour.find("230");
  ASSERT_NE(at, std::string::npos);
  wrongColour.replace(at, 3, "300");
  std::ofstream(file, std::ios::trunc) << wrongColour;
  try {
    AnnotationProject::open(folder());
    FAIL() << "opened a colour of 300";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("labels[0].colour"), std::string::npos) << e.what();
  }
  EXPECT_THROW(AnnotationProject::open((m_folder / "nowhere").string()), Error);
}

}  // namespace
}  // namespace lumen::core
