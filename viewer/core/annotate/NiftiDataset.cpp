#include "core/annotate/NiftiDataset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/AtomicFileCopy.h"
#include "core/CaseFold.h"
#include "core/Error.h"
#include "core/VolumeFile.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

/// Writes `volume` to `path` through a temporary file beside it, renamed when complete.
void writeVolumeWhole(const Volume& volume, const fs::path& path) {
  const fs::path temp = path.parent_path() / (".part-" + path.filename().string());
  writeVolumeFile(volume, temp.string());
  std::error_code error;
  fs::rename(temp, path, error);
  if (error) {
    fs::remove(temp, error);
    throw Error(ErrorCode::WriteFailed, "cannot rename " + temp.string() + ": " + error.message());
  }
}

/// The label map with its values renumbered by `renumber` (schema value → 1…N).
Volume renumbered(const LabelMap& labels, const std::array<std::uint8_t, 256>& renumber,
                  const std::string& id) {
  Volume out(PixelType::UInt8, labels.geometry());
  auto* voxels = static_cast<std::uint8_t*>(out.data());
  const std::uint8_t* in = labels.data();
  for (std::size_t n = 0; n < out.voxelCount(); ++n) {
    if (in[n] != 0 && renumber[in[n]] == 0) {
      throw Error(ErrorCode::InvalidArgument, id + ": label value " + std::to_string(in[n]) +
                                                  " is drawn but not in the project's labels");
    }
    voxels[n] = renumber[in[n]];
  }
  return out;
}

void requireCases(const std::vector<TrainingCase>& cases) {
  std::set<std::string> ids;
  for (const TrainingCase& c : cases) {
    if (c.id.empty() || c.id.find_first_of("/\\") != std::string::npos) {
      throw Error(ErrorCode::InvalidArgument, "case id \"" + c.id + "\" cannot name a file");
    }
    if (!ids.insert(c.id).second) {
      throw Error(ErrorCode::InvalidArgument, "case id " + c.id + " is used twice");
    }
    if (!c.image || c.image->components() != 1) {
      throw Error(ErrorCode::InvalidArgument, c.id + ": the image must be grey (one component)");
    }
    if (c.labels && !c.labels->sharesGridWith(c.image->geometry())) {
      throw Error(ErrorCode::InvalidArgument,
                  c.id + ": the label map does not lie on the image's grid");
    }
  }
}

}  // namespace

void writeNiftiDataset(const std::string& folder, const std::string& name,
                       const std::string& channel, const LabelSchema& schema,
                       const std::vector<TrainingCase>& cases) {
  schema.validate();
  requireCases(cases);
  for (const LabelDefinition& label : schema.labels) {
    if (foldCaseUtf8(label.name) == "background") {
      throw Error(ErrorCode::InvalidArgument,
                  "a label named \"" + label.name + "\": nnU-Net keeps that name for value 0");
    }
  }
  std::array<std::uint8_t, 256> renumber{};
  QJsonObject labelValues{{"background", 0}};
  for (std::size_t n = 0; n < schema.labels.size(); ++n) {
    renumber[schema.labels[n].value] = static_cast<std::uint8_t>(n + 1);
    labelValues[QString::fromStdString(schema.labels[n].name)] = static_cast<int>(n + 1);
  }
  const fs::path root(folder);
  for (const char* sub : {"imagesTr", "labelsTr", "imagesTs"}) {
    std::error_code error;
    fs::create_directories(root / sub, error);
    if (error) throw Error(ErrorCode::WriteFailed, "cannot create " + (root / sub).string());
  }
  QJsonArray training;
  QJsonArray test;
  for (const TrainingCase& c : cases) {
    const std::string image = c.id + "_0000.nii.gz";
    if (c.labels) {
      const Volume labels = renumbered(*c.labels, renumber, c.id);
      writeVolumeWhole(*c.image, root / "imagesTr" / image);
      writeVolumeWhole(labels, root / "labelsTr" / (c.id + ".nii.gz"));
      training.append(
          QJsonObject{{"image", QString::fromStdString("./imagesTr/" + image)},
                      {"label", QString::fromStdString("./labelsTr/" + c.id + ".nii.gz")}});
    } else {
      writeVolumeWhole(*c.image, root / "imagesTs" / image);
      test.append(QString::fromStdString("./imagesTs/" + image));
    }
  }
  const QJsonObject dataset{{"name", QString::fromStdString(name)},
                            {"channel_names", QJsonObject{{"0", QString::fromStdString(channel)}}},
                            {"labels", labelValues},
                            {"numTraining", training.size()},
                            {"file_ending", ".nii.gz"},
                            {"training", training},
                            {"test", test}};
  const QByteArray json = QJsonDocument(dataset).toJson(QJsonDocument::Indented);
  writeFileAtomically((root / "dataset.json").string(), json.constData(),
                      static_cast<std::size_t>(json.size()));
}

}  // namespace lumen::core
