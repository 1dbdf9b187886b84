#pragma once

#include <QObject>
#include <QThreadPool>
#include <optional>
#include <vector>

#include "inference/ModelPackage.h"

namespace lumen::app {

/// One entry of the user's model folder: a package Lumen can run, or the reason it cannot.
struct InstalledModel {
  QString path;  ///< the model's folder (installed by Lumen) or file (put there by hand)
  std::optional<inference::ModelPackage> package;  ///< empty when the entry cannot be read
  QString error;                                   ///< why not, naming the file
  bool enabled = true;                             ///< the user has not switched it off
};

/// The models installed for this user, in `<data folder>/models`: each a folder that Lumen made
/// when it installed a Lumen package, a TorchScript file with its model.json, or a MONAI bundle;
/// TorchScript files (.pt, .ts) put straight into the folder count too. Also keeps the folder's
/// settings (models switched off, whether models run by themselves on every volume opened) in
/// settings.json there. Reading, validating and copying models run on a thread of the library's
/// own; the list changes on the GUI thread. Lives on the GUI thread.
class ModelLibrary : public QObject {
  Q_OBJECT

 public:
  /// `dataFolder` empty: the user's data folder (QStandardPaths::AppDataLocation).
  explicit ModelLibrary(const QString& dataFolder = {}, QObject* parent = nullptr);
  ~ModelLibrary() override;

  /// The models folder of a data folder (empty: the user's).
  static QString folderFor(const QString& dataFolder);
  const QString& folder() const { return m_folder; }
  /// The models as last read (empty until the first scan is done); see scanned().
  const std::vector<InstalledModel>& models() const { return m_models; }
  bool scanned() const { return m_scanned; }
  /// The packages that are readable and enabled.
  std::vector<inference::ModelPackage> enabledPackages() const;

  /// Reads the folder again; emits changed() when done.
  void rescan();
  /// Validates the package, plain TorchScript file or MONAI bundle folder at `path` (reads its
  /// manifest, loads the model on the CPU and runs it once on zeros of the promised shape), then
  /// copies it into the folder atomically; emits installed() or installFailed(), then changed().
  void install(const QString& path);
  /// Deletes an installed model (its folder, or its file and manifest); emits removed() and
  /// changed().
  void remove(const QString& path);
  /// Switches a model on or off (kept across sessions); emits changed().
  void setEnabled(const QString& path, bool enabled);

  /// Whether every volume opened is analysed by the enabled models at once (the default).
  bool runsAutomatically() const { return m_automatic; }
  void setRunsAutomatically(bool automatic);

 Q_SIGNALS:
  void changed();
  /// The model with this SHA-256 was removed (its cached results may go).
  void removed(const QString& modelSha256);
  void installed(const QString& modelName);
  /// `reason` is in English from the model layer and names the file and what is wrong.
  void installFailed(const QString& path, const QString& reason);
  /// The models' settings could not be written.
  void settingsNotSaved(const QString& reason);

 private:
  void writeSettings();
  void applyEnabled();

  QString m_folder;
  QThreadPool m_pool;
  std::vector<InstalledModel> m_models;
  bool m_scanned = false;
  int m_generation = 0;    ///< the latest scan; older answers are dropped
  QStringList m_disabled;  ///< SHA-256 of the models switched off
  bool m_automatic = true;
};

/// Validates the model at `path` and copies it into `modelsFolder` as ModelLibrary::install does,
/// on the calling thread; returns its name, or nothing when a model with the same SHA-256 is
/// already there. Throws ModelPackageError (or another std::exception) saying why it cannot be
/// installed.
std::optional<QString> installModelNow(const QString& path, const QString& modelsFolder);

/// installModelNow, then deletes the models Lumen installed (folders, not files put there by
/// hand) that have the same name and another SHA-256: how a newer bundled demo model replaces
/// the one an older Lumen installed. Throws as installModelNow does, or when one cannot go.
std::optional<QString> replaceModelNow(const QString& path, const QString& modelsFolder);

}  // namespace lumen::app
