// AnnotationSession's tags, boxes and points: changed on the GUI thread, written at once.
#include <algorithm>
#include <cmath>

#include "AnnotationSession.h"

namespace lumen::app {

bool AnnotationSession::hasTag(const std::string& name) const {
  for (const core::SubjectAnnotations* subject : {&m_annotations, &m_study}) {
    for (const core::AnnotatedTag& tag : subject->tags) {
      if (tag.name == name) return true;
    }
  }
  return false;
}

void AnnotationSession::setTag(const std::string& name, bool on) {
  // Not before the labels are read, not a tag the schema lacks, not a study tag on a volume
  // without a study: annotationsChanged() puts back what shows it set.
  if (!m_labels) {
    Q_EMIT annotationsChanged();
    return;
  }
  const auto& tags = m_project->schema().tags;
  const auto definition = std::find_if(
      tags.begin(), tags.end(), [&](const core::TagDefinition& t) { return t.name == name; });
  core::SubjectAnnotations& subject =
      definition != tags.end() && definition->scope == core::TagDefinition::Scope::Study
          ? m_study
          : m_annotations;
  if (definition == tags.end() || subject.key.empty() || hasTag(name) == on) {
    Q_EMIT annotationsChanged();
    return;
  }
  const Marks before = marks();
  if (on) {
    subject.tags.push_back({name, byHandNow()});
  } else {
    subject.tags.erase(std::remove_if(subject.tags.begin(), subject.tags.end(),
                                      [&](const core::AnnotatedTag& t) { return t.name == name; }),
                       subject.tags.end());
  }
  marksChanged(before);
}

void AnnotationSession::addBox(std::uint8_t label, const core::Vec3& firstLps,
                               const core::Vec3& secondLps) {
  if (!m_labels || !m_project->schema().label(label)) return;
  const Marks before = marks();
  m_annotations.boxes.push_back({label, firstLps, secondLps, byHandNow()});
  marksChanged(before);
}

void AnnotationSession::addPoint(std::uint8_t label, const core::Vec3& lps) {
  if (!m_labels || !m_project->schema().label(label)) return;
  const Marks before = marks();
  m_annotations.points.push_back({label, lps, byHandNow()});
  marksChanged(before);
}

bool AnnotationSession::removeMarkAt(const core::Vec3& lps, double toleranceMm) {
  if (!m_labels) return false;
  const Marks before = marks();
  auto& points = m_annotations.points;
  auto nearest = points.end();
  double best = toleranceMm;
  for (auto point = points.begin(); point != points.end(); ++point) {
    const double d =
        std::hypot(point->lps[0] - lps[0], point->lps[1] - lps[1], point->lps[2] - lps[2]);
    if (d <= best) {
      best = d;
      nearest = point;
    }
  }
  if (nearest != points.end()) {
    points.erase(nearest);
    marksChanged(before);
    return true;
  }
  auto& boxes = m_annotations.boxes;
  auto smallest = boxes.end();
  double smallestVolume = 0.0;
  for (auto box = boxes.begin(); box != boxes.end(); ++box) {
    double volume = 1.0;
    bool inside = true;
    for (int a = 0; a < 3; ++a) {
      const double low = std::min(box->firstLps[a], box->secondLps[a]) - toleranceMm;
      const double high = std::max(box->firstLps[a], box->secondLps[a]) + toleranceMm;
      inside = inside && lps[a] >= low && lps[a] <= high;
      volume *= high - low;
    }
    if (inside && (smallest == boxes.end() || volume < smallestVolume)) {
      smallest = box;
      smallestVolume = volume;
    }
  }
  if (smallest == boxes.end()) return false;
  boxes.erase(smallest);
  marksChanged(before);
  return true;
}

void AnnotationSession::writeAnnotations() {
  m_annotationsOnDisk = true;
  onDisk([project = *m_project, volume = m_annotations, study = m_study](StoredLabels&) mutable {
    project.saveAnnotations(volume);
    if (!study.key.empty()) project.saveAnnotations(study);
  });
  Q_EMIT annotationsChanged();
}

AnnotationSession::Marks AnnotationSession::marks() const {
  return {m_annotations.tags, m_study.tags, m_annotations.boxes, m_annotations.points};
}

void AnnotationSession::setMarks(const Marks& marks) {
  m_annotations.tags = marks.tags;
  m_study.tags = marks.studyTags;
  m_annotations.boxes = marks.boxes;
  m_annotations.points = marks.points;
}

void AnnotationSession::marksChanged(Marks before) {
  m_history.endStroke();  // a tag set mid-stroke comes between its two halves
  m_marksUndo.emplace_back(std::move(before), marks());
  newStep(Step::Marks);
  if (m_marksUndo.size() > kMostMarksSteps) {
    m_marksUndo.erase(m_marksUndo.begin());
    m_undoOrder.erase(std::find(m_undoOrder.begin(), m_undoOrder.end(), Step::Marks));
  }
  writeAnnotations();
}

}  // namespace lumen::app
