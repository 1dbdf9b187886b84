#include "DemoData.h"

#include <QCoreApplication>
#include <QDir>

#include "InferenceBridge.h"
#include "ModelLibrary.h"
#include "StudyIndex.h"
#include "core/Error.h"
#include "core/StudyDatabase.h"
#include "core/Volume.h"
#include "core/dicom/DicomScan.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "inference/phantoms/ChestCtPhantom.h"
#include "inference/phantoms/ChestRadiograph.h"

namespace lumen::app {
namespace {

namespace phantoms = inference::phantoms;

/// The demo's UIDs: under a UUID-derived root (ISO/IEC 9834-8, "2.25."), fixed so that the
/// same demo written twice is the same studies.
const std::string kUidRoot = "2.25.187403369012964711925633270115638447151";

/// Seeds of the demo cases: neither training (from 1,000,000) nor test cases (from 9,000,000).
constexpr std::uint64_t kDemoCtSeed = 7'000'001;
constexpr std::uint64_t kDemoRadiographSeed = 7'000'100;

struct DemoPatient {
  const char* name;
  const char* id;
  const char* birthDate;
  const char* sex;
};

constexpr DemoPatient kAda{"DEMO^Ada^^^(synthetic)", "LUMEN-DEMO-1", "19580314", "F"};
constexpr DemoPatient kBen{"DEMO^Ben^^^(synthetic)", "LUMEN-DEMO-2", "19490722", "M"};
constexpr DemoPatient kCleo{"DEMO^Cleo^^^(synthetic)", "LUMEN-DEMO-3", "19860105", "F"};

core::DicomSeriesOptions optionsFor(const DemoPatient& patient, int study) {
  core::DicomSeriesOptions options;
  options.patientName = patient.name;
  options.patientId = patient.id;
  options.patientBirthDate = patient.birthDate;
  options.patientSex = patient.sex;
  options.bodyPart = "CHEST";
  options.studyInstanceUid = kUidRoot + "." + std::to_string(study);
  options.seriesInstanceUid = options.studyInstanceUid + ".1";
  options.instanceUidPrefix = options.seriesInstanceUid;
  return options;
}

void writeChestCt(const QString& folder) {
  phantoms::ChestCtOptions ct;
  ct.minNodules = 3;
  ct.maxNodules = 3;
  ct.minDiameterMm = 6.0;
  const phantoms::ChestCt phantom = phantoms::makeChestCt(kDemoCtSeed, ct);
  core::Volume volume(core::PixelType::Int16, volumeGeometry(phantom.geometry));
  std::copy(phantom.hu.begin(), phantom.hu.end(), static_cast<std::int16_t*>(volume.data()));
  core::DicomSeriesOptions options = optionsFor(kAda, 1);
  options.studyDate = "20261102";
  options.studyDescription = "CT CHEST WITHOUT CONTRAST (SYNTHETIC)";
  options.seriesDescription = "Chest 2 mm (synthetic)";
  options.bitsStored = 12;
  options.signedPixels = false;
  options.rescaleIntercept = -1024.0;
  core::writeDicomSeries(volume, QDir(folder).filePath(QStringLiteral("ct")).toStdString(),
                         options);
}

void writeRadiograph(const QString& folder, const DemoPatient& patient, int study,
                     std::uint64_t seed,
                     std::array<bool, phantoms::kRadiographFindingCount> findings,
                     const char* date) {
  phantoms::RadiographOptions xray;
  xray.findings = findings;
  const phantoms::ChestRadiograph phantom = phantoms::makeChestRadiograph(seed, xray);
  core::VolumeGeometry geometry;
  geometry.size = {static_cast<std::size_t>(phantom.width),
                   static_cast<std::size_t>(phantom.height), 1};
  geometry.spacing = {phantom.pixelSpacingMm, phantom.pixelSpacingMm, 1.0};
  core::Volume image(core::PixelType::UInt16, geometry);
  std::copy(phantom.pixels.begin(), phantom.pixels.end(),
            static_cast<std::uint16_t*>(image.data()));
  core::DicomSeriesOptions options = optionsFor(patient, study);
  options.modality = "DX";
  options.studyDate = date;
  options.studyDescription = "XR CHEST PA (SYNTHETIC)";
  options.seriesDescription = "PA (synthetic)";
  options.bitsStored = 12;
  options.signedPixels = false;
  core::writeDicomSeries(
      image, QDir(folder).filePath(QStringLiteral("xr-%1").arg(study)).toStdString(), options);
}

void installModels(const QString& bundled, const QString& dataFolder, DemoSetUp& done) {
  const QFileInfoList models =
      QDir(bundled).entryInfoList({QStringLiteral("*.pt")}, QDir::Files, QDir::Name);
  if (models.isEmpty()) {
    done.problems << QStringLiteral("no demo models in %1").arg(bundled);
    return;
  }
  for (const QFileInfo& model : models) {
    try {
      if (std::optional<QString> name =
              replaceModelNow(model.filePath(), ModelLibrary::folderFor(dataFolder))) {
        done.models << *name;
      }
    } catch (const std::exception& e) {
      done.problems << QString::fromStdString(e.what());
    }
  }
}

}  // namespace

QString bundledModelsFolder() {
  return QDir::cleanPath(QCoreApplication::applicationDirPath() +
                         QStringLiteral("/../share/lumen/models"));
}

DemoSetUp setUpDemo(const QString& folder, const QString& dataFolder,
                    const QString& bundledModels) {
  if (!QDir().mkpath(folder)) {
    throw Error(ErrorCode::WriteFailed, folder.toStdString() + ": cannot create the directory");
  }
  DemoSetUp done;
  done.folder = QDir(folder).absolutePath();
  using F = std::array<bool, phantoms::kRadiographFindingCount>;
  // In RadiographFinding order: nodule, mass, consolidation, effusion, pneumothorax, cardiomegaly.
  writeChestCt(done.folder);
  writeRadiograph(done.folder, kAda, 2, kDemoRadiographSeed,
                  F{false, true, false, false, false, false}, "20261020");
  writeRadiograph(done.folder, kBen, 3, kDemoRadiographSeed + 1,
                  F{false, false, false, true, false, true}, "20261109");
  writeRadiograph(done.folder, kCleo, 4, kDemoRadiographSeed + 2, F{}, "20261115");

  const core::DicomScan scan = core::scanDicom({done.folder.toStdString()});
  const StudyIndex index(dataFolder);
  core::StudyDatabase(index.databasePath().toStdString())
      .importInstances(scan.instances, core::ImportMode::ReferenceInPlace);
  installModels(bundledModels.isEmpty() ? bundledModelsFolder() : bundledModels, dataFolder, done);
  return done;
}

}  // namespace lumen::app
