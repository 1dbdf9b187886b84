#include "StudyAnalysis.h"

#include <QFileInfo>
#include <algorithm>

#include "FindingsPanel.h"
#include "InferenceBridge.h"
#include "ModelLibrary.h"
#include "StudyIndex.h"
#include "VolumeLoader.h"
#include "inference/InferenceWorker.h"
#include "render/OverlayGeometry.h"
#include "widgets/ViewGrid.h"

namespace lumen::app {
namespace {

/// Whether a cached result was made on this grid (a series re-imported with other files is not).
bool madeOn(const core::ModelResult& result, const core::VolumeGeometry& grid) {
  return std::all_of(
      result.volumes.begin(), result.volumes.end(),
      [&](const core::ResultVolume& v) { return render::sameGrid(v.volume->geometry(), grid); });
}

}  // namespace

StudyAnalysis::StudyAnalysis(ModelLibrary* library, StudyIndex* index, FindingsPanel* panel,
                             widgets::ViewGrid* grid, QObject* parent)
    : QObject(parent),
      m_library(library),
      m_index(index),
      m_panel(panel),
      m_grid(grid),
      m_queue(new AnalysisQueue(QStringLiteral("auto"), this)) {
  connect(m_queue, &AnalysisQueue::resultReady, this, &StudyAnalysis::onResult);
  connect(m_queue, &AnalysisQueue::jobFailed, this, &StudyAnalysis::onFailure);
  connect(m_queue, &AnalysisQueue::jobEnded, this, &StudyAnalysis::onJobEnded);
  connect(m_queue, &AnalysisQueue::statusChanged, this, &StudyAnalysis::showProgress);
  connect(m_library, &ModelLibrary::changed, this, &StudyAnalysis::libraryChanged);
  connect(m_library, &ModelLibrary::removed, this, &StudyAnalysis::modelRemoved);
  connect(m_panel, &FindingsPanel::runRequested, this, &StudyAnalysis::runModels);
  connect(m_panel, &FindingsPanel::heatmapSelected, this,
          [this](std::shared_ptr<const core::Volume> heatmap, const QString& finding) {
            m_grid->setHeatmap(std::move(heatmap), finding);
          });
  connect(m_panel, &FindingsPanel::labelMapSelected, this,
          [this](std::shared_ptr<const core::Volume> labels) {
            m_grid->setLabelMap(std::move(labels));
          });
  connect(m_panel, &FindingsPanel::lesionSelected, m_grid, &widgets::ViewGrid::setCursor);
  connect(m_panel, &FindingsPanel::overlayStyleChanged, m_grid,
          &widgets::ViewGrid::setOverlayStyle);
}

void StudyAnalysis::volumeShown(const LoadedVolume& loaded) {
  AnalysisTarget target;
  target.volumeKey = loaded.volumeKey;
  target.seriesUid = loaded.source.seriesInstanceUid;
  target.volume = loaded.volume;
  target.modality = loaded.source.modality;
  target.bodyPart = loaded.source.bodyPart;
  m_queue->cancelOnScreenJobsExcept(target.volumeKey);
  m_target = target;
  m_cacheRead = false;
  m_submitted.clear();
  m_panel->clear();
  m_grid->setOverlayStyle(m_panel->overlayStyle());
  if (target.volumeKey.empty()) {  // nowhere to cache: run at once
    m_cacheRead = true;
    libraryChanged();
    return;
  }
  const std::string key = target.volumeKey;
  m_index->modelResults(
      key, [this, key](const std::vector<core::ModelResult>& cached) { showCached(key, cached); });
}

void StudyAnalysis::showCached(const std::string& volumeKey,
                               std::vector<core::ModelResult> cached) {
  if (!m_target || m_target->volumeKey != volumeKey) return;  // another volume was opened
  m_cacheRead = true;
  for (core::ModelResult& result : cached) {
    if (madeOn(result, m_target->volume->geometry()))
      m_panel->showResult(std::make_shared<const core::ModelResult>(std::move(result)));
  }
  libraryChanged();
}

void StudyAnalysis::libraryChanged() {
  for (const InstalledModel& model : m_library->models()) {
    if (!model.package) continue;
    m_removed.erase(model.package->sha256);  // installed again
    m_panel->setEvaluation(model.package->sha256,
                           QString::fromStdString(model.package->manifest.evaluation));
  }
  if (m_target && m_cacheRead && m_library->scanned() && m_library->runsAutomatically())
    runModels();
}

void StudyAnalysis::runModels() {
  if (!m_target || !m_cacheRead) return;
  for (const InstalledModel& broken : m_library->models()) {
    if (!broken.package) {
      m_panel->showState(broken.path, QFileInfo(broken.path).fileName(),
                         tr("Cannot be used: %1").arg(broken.error), true);
    }
  }
  const inference::Geometry geometry = inferenceGeometry(m_target->volume->geometry());
  for (const inference::ModelPackage& model : m_library->enabledPackages()) {
    const QString sha = QString::fromStdString(model.sha256);
    const QString name = QString::fromStdString(model.manifest.name);
    if (m_panel->hasResult(model.sha256) || m_submitted.count(model.sha256) > 0) continue;
    const std::string why = inference::whyNotApplicable(model.manifest, m_target->modality,
                                                        m_target->bodyPart, geometry);
    if (!why.empty()) {
      m_panel->showState(sha, name, tr("Does not apply: %1").arg(QString::fromStdString(why)));
      continue;
    }
    m_panel->showState(sha, name, tr("Queued…"));
    if (m_queue->submit(*m_target, model, AnalysisQueue::Priority::OnScreen))
      m_submitted[model.sha256] = name;
  }
}

void StudyAnalysis::onResult(const QString& volumeKey, const QString& seriesUid,
                             std::shared_ptr<const core::ModelResult> result) {
  if (m_removed.count(result->modelSha256) > 0) return;  // finished as its model was removed
  if (!volumeKey.isEmpty())
    m_index->saveModelResult(volumeKey.toStdString(), seriesUid.toStdString(), result);
  if (m_target && m_target->volumeKey == volumeKey.toStdString()) m_panel->showResult(result);
}

void StudyAnalysis::onFailure(const QString& volumeKey, const QString& modelSha256,
                              const QString& modelName, const QString& message) {
  // Failures in the background analysis of other volumes are logged by the queue.
  if (!m_target || m_target->volumeKey != volumeKey.toStdString()) return;
  Q_EMIT problem(tr("%1 failed: %2").arg(modelName, message));
  m_panel->showState(modelSha256, modelName, message, true);
}

void StudyAnalysis::modelRemoved(const QString& modelSha256) {
  m_removed.insert(modelSha256.toStdString());
  m_queue->cancelModel(modelSha256);
  m_index->removeModelResults(modelSha256.toStdString());
  m_panel->removeModel(modelSha256);
}

void StudyAnalysis::onJobEnded(const QString& volumeKey, const QString& modelSha256,
                               bool completed) {
  if (!m_target || m_target->volumeKey != volumeKey.toStdString()) return;
  const std::string sha = modelSha256.toStdString();
  const auto submitted = m_submitted.find(sha);
  if (submitted == m_submitted.end()) return;
  const QString name = submitted->second;
  m_submitted.erase(submitted);  // Run Models may run it again
  m_percentShown = -1;
  if (!completed && m_removed.count(sha) == 0)
    m_panel->showState(modelSha256, name, tr("Stopped; Run Models runs it again."));
}

void StudyAnalysis::showProgress() {
  const AnalysisQueue::Status status = m_queue->status();
  if (status.running == 0 || !m_target || status.volumeKey != m_target->volumeKey) return;
  const int percent = static_cast<int>(status.fraction * 100.0);
  if (percent == m_percentShown) return;
  m_percentShown = percent;
  m_panel->showState(status.modelSha256, status.model, tr("Running… %1 %").arg(percent));
}

}  // namespace lumen::app
