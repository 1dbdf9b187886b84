#pragma once

#include <QObject>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "AnalysisQueue.h"

namespace lumen::widgets {
class ViewGrid;
}

namespace lumen::app {

class FindingsPanel;
class ModelLibrary;
class StudyIndex;
struct LoadedVolume;

/// Runs the installed models on the volumes the radiologist opens and shows what they found.
/// When a volume is shown: its cached results (from the study database) at once; every enabled
/// model that applies to it and has no cached result is queued, the volume on screen first, when
/// the library runs models automatically (else the findings panel's Run button does it); the
/// jobs of the volume shown before are cancelled. Results are cached, listed in the findings
/// panel and overlaid on the views. GUI thread only.
class StudyAnalysis : public QObject {
  Q_OBJECT

 public:
  StudyAnalysis(ModelLibrary* library, StudyIndex* index, FindingsPanel* panel,
                widgets::ViewGrid* grid, QObject* parent = nullptr);

  AnalysisQueue* queue() const { return m_queue; }
  /// A volume is in the views.
  void volumeShown(const LoadedVolume& loaded);
  /// Runs the enabled models that apply to the volume shown and have no result for it yet.
  void runModels();

 Q_SIGNALS:
  /// A model could not run on the volume shown; `message` is translated and names the model.
  void problem(const QString& message);

 private:
  void showCached(const std::string& volumeKey, std::vector<core::ModelResult> cached);
  void onResult(const QString& volumeKey, const QString& seriesUid,
                std::shared_ptr<const core::ModelResult> result);
  void onFailure(const QString& volumeKey, const QString& modelSha256, const QString& modelName,
                 const QString& message);
  void libraryChanged();
  /// Shows the running job's progress on its row, when it reads the volume shown.
  void showProgress();
  void onJobEnded(const QString& volumeKey, const QString& modelSha256, bool completed);
  void modelRemoved(const QString& modelSha256);

  ModelLibrary* m_library;
  StudyIndex* m_index;
  FindingsPanel* m_panel;
  widgets::ViewGrid* m_grid;
  AnalysisQueue* m_queue;
  std::optional<AnalysisTarget> m_target;      ///< the volume shown
  bool m_cacheRead = false;                    ///< the cached results of m_target have arrived
  std::map<std::string, QString> m_submitted;  ///< models queued on m_target: name by SHA-256
  std::set<std::string> m_removed;             ///< models removed this session: results dropped
  int m_percentShown = -1;                     ///< on the running job's row
};

}  // namespace lumen::app
