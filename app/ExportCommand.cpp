#include "ExportCommand.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>
#include <QTemporaryDir>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "StudyIndex.h"
#include "VolumeWalk.h"
#include "core/AtomicFileCopy.h"
#include "core/Error.h"
#include "core/StudyDatabase.h"
#include "core/annotate/AnnotationProject.h"
#include "core/annotate/AnnotationTables.h"
#include "core/annotate/LabelMapStore.h"
#include "core/annotate/NiftiDataset.h"
#include "core/dicom/Deidentifier.h"
#include "core/dicom/DicomSegmentation.h"

namespace lumen::app {
namespace {

namespace fs = std::filesystem;

/// One volume of the project, found and read.
struct ExportCase {
  std::string id;
  std::string key;
  FoundVolume found;
  std::unique_ptr<core::LabelMap> labels;  ///< null when the volume has no label map
};

std::string describe(const ExportCase& c) {
  const core::Size3& size = c.found.volume->size();
  std::ostringstream text;
  text << c.id << ": " << (c.found.source.modality.empty() ? "volume" : c.found.source.modality)
       << " " << size[0] << "×" << size[1] << "×" << size[2]
       << (c.labels ? ", labelled" : ", no labels");
  return text.str();
}

/// seg: per case, the de-identified series under <case>/images and its SEG as <case>/seg.dcm.
void exportSeg(const ExportRequest& request, const core::AnnotationProject& project,
               std::vector<ExportCase>& cases, core::Deidentifier& deidentifier,
               ExportReport& report) {
  for (ExportCase& c : cases) {
    if (!c.labels || c.found.sourceSlices.empty()) {
      report.text += c.id + ": skipped (" +
                     (c.labels ? std::string("not DICOM") : std::string("no labels")) + ")\n";
      continue;
    }
    const fs::path folder = fs::path(request.out) / c.id;
    fs::create_directories(folder / "images");
    bool burnedIn = false;
    std::vector<std::string> files;  // each once, in slice order
    for (const core::SegmentationSource& slice : c.found.sourceSlices) {
      if (std::find(files.begin(), files.end(), slice.file) == files.end()) {
        files.push_back(slice.file);
      }
    }
    for (std::size_t n = 0; n < files.size(); ++n) {
      const fs::path image = folder / "images" / (std::to_string(n + 1) + ".dcm");
      burnedIn =
          deidentifier.deidentifyFile(files[n], image.string()).burnedInAnnotation || burnedIn;
    }
    if (burnedIn) {
      report.error += c.id + ": its images may show identifying text burned into the pixels\n";
    }
    core::SegmentationAuthoring authoring;
    authoring.softwareVersion = "Lumen " LUMEN_VERSION;
    authoring.provenance = project.annotations(c.key).labels;
    // The SEG with the patient's data never enters the export folder, whatever happens.
    const QTemporaryDir scratch;
    if (!scratch.isValid()) throw Error(ErrorCode::WriteFailed, "no temporary folder for the SEG");
    const std::string identified = scratch.filePath(QStringLiteral("seg.dcm")).toStdString();
    core::writeDicomSegmentation(identified, *c.labels, project.schema(), c.found.sourceSlices,
                                 authoring);
    deidentifier.deidentifyFile(identified, (folder / "seg.dcm").string());
  }
}

/// tables: tags, boxes and points per case, with its study's tags.
void exportTables(const ExportRequest& request, const core::AnnotationProject& project,
                  const std::vector<ExportCase>& cases) {
  std::vector<core::TableCase> tables;
  for (const ExportCase& c : cases) {
    core::TableCase t;
    t.id = c.id;
    t.grid = c.found.volume->geometry();
    t.annotations = project.annotations(c.key);
    if (!c.found.source.studyInstanceUid.empty()) {
      t.studyTags =
          project.annotations(core::studySubjectKey(c.found.source.studyInstanceUid)).tags;
    }
    tables.push_back(std::move(t));
  }
  core::writeAnnotationTables(request.out, project.schema(), tables);
}

void writeMapping(const ExportRequest& request, const std::vector<ExportCase>& cases,
                  const core::Deidentifier& deidentifier) {
  QJsonObject caseKeys;
  for (const ExportCase& c : cases)
    caseKeys[QString::fromStdString(c.id)] = QString::fromStdString(c.key);
  const QJsonObject mapping{
      {"warning", "Re-identifies the export: keep it local, never share it with the data."},
      {"project", QString::fromStdString(request.project)},
      {"cases", caseKeys},
      {"deidentification", [&] {
         QJsonParseError error{};
         const QJsonDocument parsed =
             QJsonDocument::fromJson(QByteArray::fromStdString(deidentifier.mappingJson()), &error);
         if (error.error != QJsonParseError::NoError) {
           throw Error(ErrorCode::WriteFailed, "the re-identification mapping is not valid JSON: " +
                                                   error.errorString().toStdString());
         }
         return parsed.object();
       }()}};
  const QByteArray json = QJsonDocument(mapping).toJson(QJsonDocument::Indented);
  core::writeFileAtomically(request.mapping, json.constData(),
                            static_cast<std::size_t>(json.size()));
}

}  // namespace

ExportReport runExport(const ExportRequest& request) {
  ExportReport report;
  if (request.format != "nifti" && request.format != "seg" && request.format != "tables") {
    report.error = "unknown format " + request.format + " (nifti, seg or tables)\n";
    report.exitCode = 2;
    return report;
  }
  try {
    const core::AnnotationProject project = core::AnnotationProject::open(request.project);
    const StudyIndex index(QString::fromStdString(request.dataFolder));
    const core::StudyDatabase database(index.databasePath().toStdString());
    std::vector<ExportCase> cases;
    for (const std::string& key : project.subjects()) {
      if (key.rfind("study:", 0) == 0) continue;
      char id[32];
      std::snprintf(id, sizeof id, "case_%04zu", cases.size() + 1);
      try {
        ExportCase c{id, key, findVolume(key, database), nullptr};
        core::LabelMapStore store(project.subjectFolder(key));
        if (store.hasSave() || store.hasUnsavedEdits()) {
          core::RecoveredLabels recovered =
              store.recover(c.found.volume->geometry(), core::LabelMapStore::Recovery::ReadOnly);
          for (const std::string& w : recovered.warnings) report.error += c.id + ": " + w + "\n";
          c.labels = std::make_unique<core::LabelMap>(std::move(recovered.map));
        }
        report.text += describe(c) + "\n";
        cases.push_back(std::move(c));
      } catch (const Error& e) {
        report.error += std::string(id) + ": " + e.what() + "\n";
        report.exitCode = 1;
      }
    }
    fs::create_directories(request.out);
    core::Deidentifier deidentifier;
    if (request.format == "nifti") {
      std::vector<core::TrainingCase> training;
      std::string channel;
      for (const ExportCase& c : cases) {
        training.push_back({c.id, c.found.volume, c.labels.get()});
        if (channel.empty()) channel = c.found.source.modality;
      }
      core::writeNiftiDataset(request.out, project.name(), channel.empty() ? "image" : channel,
                              project.schema(), training);
    } else if (request.format == "seg") {
      exportSeg(request, project, cases, deidentifier, report);
    } else {
      exportTables(request, project, cases);
    }
    if (!request.mapping.empty()) writeMapping(request, cases, deidentifier);
    report.text += "wrote " + request.format + " for " + std::to_string(cases.size()) +
                   " cases to " + request.out + "\n";
  } catch (const Error& e) {
    report.error += std::string(e.what()) + "\n";
    report.exitCode = 1;
  } catch (const std::exception& e) {
    report.error += std::string(e.what()) + "\n";
    report.exitCode = 1;
  }
  return report;
}

}  // namespace lumen::app
