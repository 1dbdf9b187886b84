#include "widgets/ViewGrid.h"

#include <QGridLayout>
#include <QPixmap>
#include <QTimer>
#include <cmath>
#include <functional>

#include "render/OverlayGeometry.h"
#include "render/VolumeGeometryMath.h"
#include "render/VolumeImage.h"
#include "widgets/MeasurementSet.h"
#include "widgets/SliceView.h"
#include "widgets/StudyLabels.h"
#include "widgets/VolumeView.h"

namespace lumen::widgets {

ViewGrid::ViewGrid(QWidget* parent) : QWidget(parent) {
  m_grid = new QGridLayout(this);
  m_grid->setContentsMargins(0, 0, 0, 0);
  m_grid->setSpacing(2);
  m_measurements = new MeasurementSet(this);
  m_surfaces = new QTimer(this);
  m_surfaces->setSingleShot(true);
  m_surfaces->setInterval(kSurfaceDelayMs);
  connect(m_surfaces, &QTimer::timeout, this, [this] {
    for (ViewCell* cell : m_cells) {
      if (VolumeView* view = cell->volumeView(); view && view->scene().annotation())
        view->annotationChanged();
    }
  });
  m_cine = new QTimer(this);
  connect(m_cine, &QTimer::timeout, this, [this] {
    if (SliceView* view = activeSliceView()) view->showNextSliceForCine();
  });
  const std::array<ViewKind, kCells> kinds{ViewKind::Axial, ViewKind::Coronal, ViewKind::Sagittal,
                                           ViewKind::Volume};
  for (int i = 0; i < kCells; ++i) {
    m_cells[i] = new ViewCell(kinds[i], this);
    connectSliceView(i);
    connect(m_cells[i], &ViewCell::kindRequested, this,
            [this, i](ViewKind kind) { setCellKind(i, kind); });
    connect(m_cells[i], &ViewCell::volumeViewActivated, this, [this, i] { setActiveCell(i); });
    connect(m_cells[i], &ViewCell::volumeViewMaximiseRequested, this,
            [this, i] { toggleMaximised(i); });
    connect(m_cells[i], &ViewCell::volumeViewCreated, this, [this](VolumeView* view) {
      if (m_image && m_statistics) {
        view->setVolume(m_image, *m_statistics);
        applyResultOverlays(view);
      }
    });
  }
  setStyleSheet(QStringLiteral("background: #202020;"));
  arrange();
}

ViewGrid::~ViewGrid() = default;

void ViewGrid::connectSliceView(int cell) {
  SliceView* view = m_cells[cell]->sliceView();
  view->setMeasurements(m_measurements);
  connect(view, &SliceView::cursorMoved, this, [this, view](const core::Vec3& lps) {
    m_cursor = lps;
    applyToSliceViews([&](SliceView* other) {
      if (other != view) other->setCursor(lps);
    });
  });
  connect(view, &SliceView::windowAdjusted, this, [this, view](const core::Window& window) {
    m_window = window;
    applyToSliceViews([&](SliceView* other) {
      if (other != view) other->setWindow(window);
    });
  });
  connect(view, &SliceView::probed, this, &ViewGrid::probed);
  connect(view, &SliceView::brushStroke, this, &ViewGrid::brushStroke);
  connect(view, &SliceView::boxDrawn, this, &ViewGrid::boxDrawn);
  connect(view, &SliceView::outlineDrawn, this, &ViewGrid::outlineDrawn);
  connect(view, &SliceView::pointPlaced, this, &ViewGrid::pointPlaced);
  connect(view, &SliceView::markRemovalRequested, this, &ViewGrid::markRemovalRequested);
  connect(view, &SliceView::activated, this, [this, cell] { setActiveCell(cell); });
  connect(view, &SliceView::maximiseRequested, this, [this, cell] { toggleMaximised(cell); });
}

void ViewGrid::applyToSliceViews(const std::function<void(SliceView*)>& apply) {
  for (ViewCell* cell : m_cells) apply(cell->sliceView());
}

void ViewGrid::showInSliceViews(std::shared_ptr<const core::Volume> volume,
                                const core::Window& window, const core::VolumeSource& source,
                                const std::function<bool(const SliceView*)>& shows) {
  m_image = std::make_shared<const render::VolumeImage>(std::move(volume));
  m_heatmap.reset();
  m_labels.reset();
  m_annotation.reset();
  m_marks.clear();
  m_window = window;
  m_openingWindow = window;
  m_inverted = source.invertForDisplay;
  const StudyLabels labels = studyLabels(source);
  applyToSliceViews([&](SliceView* view) {
    if (!shows(view)) {
      view->clearVolume();
      return;
    }
    view->setVolume(m_image, window);
    view->setInverted(m_inverted);
    view->setStudyLabels(labels);
    m_cursor = view->scene().cursor();
  });
}

void ViewGrid::showPreview(std::shared_ptr<const core::Volume> slice, const core::Window& window,
                           const core::VolumeSource& source) {
  // Only the views in the slice's plane can show it; the others wait for the whole volume.
  const core::Mat3& d = slice->geometry().direction;
  const core::Vec3 normal{d[0][2], d[1][2], d[2][2]};
  showInSliceViews(std::move(slice), window, source, [&](const SliceView* view) {
    const core::Vec3 into = render::viewAxes(view->scene().orientation()).into;
    return std::abs(render::dot(normal, into)) > 0.5;
  });
  m_statistics.reset();  // the 3D views wait for the whole volume too
}

void ViewGrid::setVolume(std::shared_ptr<const core::Volume> volume,
                         const core::IntensityStatistics& statistics, const core::Window& window,
                         const core::VolumeSource& source) {
  // The same volume again keeps its results.
  const bool same = m_image && &m_image->volume() == volume.get();
  auto heatmap = same ? m_heatmap : nullptr;
  auto labels = same ? m_labels : nullptr;
  showInSliceViews(std::move(volume), window, source, [](const SliceView*) { return true; });
  m_heatmap = std::move(heatmap);
  m_labels = std::move(labels);
  m_statistics.emplace(statistics);
  for (ViewCell* cell : m_cells) {
    if (cell->volumeView() != nullptr) cell->volumeView()->setVolume(m_image, statistics);
  }
  applyResultOverlays();
  const bool singleImage = m_image->volume().size()[2] == 1;
  if (singleImage) {
    if (!m_layoutBeforeImage) m_layoutBeforeImage = m_layoutBeforeMaximise.value_or(m_layout);
    m_layoutBeforeMaximise.reset();
    setCellKind(0, ViewKind::Axial);
    m_cells[0]->setSingleImage(true);
    m_active = 0;
    m_layout = ViewLayout::Single;
    arrange();
  } else if (m_layoutBeforeImage) {
    m_cells[0]->setSingleImage(false);
    m_layout = *m_layoutBeforeImage;
    m_layoutBeforeImage.reset();
    arrange();
  }
}

void ViewGrid::setViewLayout(ViewLayout layout) {
  m_layout = layout;
  m_layoutBeforeMaximise.reset();
  m_layoutBeforeImage.reset();
  arrange();
}

void ViewGrid::toggleMaximised(int cell) {
  if (m_layoutBeforeImage) return;  // a single image is shown alone anyway
  if (m_layoutBeforeMaximise) {
    setViewLayout(*m_layoutBeforeMaximise);
    return;
  }
  if (m_layout == ViewLayout::Single) return;
  m_layoutBeforeMaximise = m_layout;
  m_active = cell;
  m_layout = ViewLayout::Single;
  arrange();
}

void ViewGrid::arrange() {
  for (ViewCell* cell : m_cells) m_grid->removeWidget(cell);
  const auto place = [this](int cell, int row, int column) {
    m_grid->addWidget(m_cells[cell], row, column);
    m_cells[cell]->show();
  };
  for (ViewCell* cell : m_cells) cell->hide();
  switch (m_layout) {
    case ViewLayout::Single:
      place(m_active, 0, 0);
      break;
    case ViewLayout::OneByThree:
      for (int i = 0; i < 3; ++i) place(i, 0, i);
      break;
    case ViewLayout::TwoByTwo:
      for (int i = 0; i < kCells; ++i) place(i, i / 2, i % 2);
      break;
  }
}

void ViewGrid::setCellKind(int cell, ViewKind kind) {
  m_cells[cell]->setKind(kind);
  if (kind != ViewKind::Volume) m_cells[cell]->sliceView()->setCursor(m_cursor);
  Q_EMIT cellKindChanged(cell);
}

void ViewGrid::setActiveCell(int cell) {
  if (cell == m_active) return;
  m_active = cell;
}

SliceView* ViewGrid::activeSliceView() const {
  if (m_cells[m_active]->kind() != ViewKind::Volume) return m_cells[m_active]->sliceView();
  for (ViewCell* cell : m_cells) {
    if (cell->kind() != ViewKind::Volume && cell->isVisible()) return cell->sliceView();
  }
  return nullptr;
}

VolumeView* ViewGrid::volumeView() const {
  for (ViewCell* cell : m_cells) {
    if (cell->kind() == ViewKind::Volume) return cell->volumeView();
  }
  return nullptr;
}

void ViewGrid::setTool(ReadingTool tool) {
  m_tool = tool;
  applyToSliceViews([&](SliceView* view) { view->setTool(tool); });
}

void ViewGrid::setWindow(const core::Window& window) {
  m_window = window;
  applyToSliceViews([&](SliceView* view) { view->setWindow(window); });
}

void ViewGrid::setInverted(bool inverted) {
  m_inverted = inverted;
  applyToSliceViews([&](SliceView* view) { view->setInverted(inverted); });
}

void ViewGrid::setSlab(render::SlabMode mode, double thicknessMm) {
  applyToSliceViews([&](SliceView* view) { view->setSlab(mode, thicknessMm); });
}

void ViewGrid::setCursor(const core::Vec3& lps) {
  m_cursor = lps;
  applyToSliceViews([&](SliceView* view) { view->setCursor(lps); });
}

void ViewGrid::setCrosshairVisible(bool visible) {
  applyToSliceViews([&](SliceView* view) { view->setCrosshairVisible(visible); });
}

void ViewGrid::setOverlayVisible(bool visible) {
  applyToSliceViews([&](SliceView* view) { view->setOverlayVisible(visible); });
}

bool ViewGrid::setHeatmap(std::shared_ptr<const core::Volume> heatmap, const QString& title) {
  if (heatmap && (!m_image || !render::heatmapProblem(*heatmap, m_image->volume()).empty())) {
    return false;
  }
  m_heatmap = heatmap ? std::make_shared<const render::VolumeImage>(std::move(heatmap)) : nullptr;
  m_heatmapTitle = title;
  applyResultOverlays();
  return true;
}

bool ViewGrid::setLabelMap(std::shared_ptr<const core::Volume> labels) {
  if (labels && (!m_image || !render::labelMapProblem(*labels, m_image->volume()).empty())) {
    return false;
  }
  m_labels = labels ? std::make_shared<const render::VolumeImage>(std::move(labels)) : nullptr;
  applyResultOverlays();
  return true;
}

bool ViewGrid::setAnnotation(std::shared_ptr<const core::Volume> labels,
                             const render::AnnotationDisplay& display) {
  if (labels && (!m_image || !render::labelMapProblem(*labels, m_image->volume()).empty())) {
    return false;
  }
  m_annotation = labels ? std::make_shared<const render::VolumeImage>(std::move(labels)) : nullptr;
  m_annotationDisplay = display;
  applyResultOverlays();
  return true;
}

void ViewGrid::setAnnotationDisplay(const render::AnnotationDisplay& display) {
  m_annotationDisplay = display;
  applyResultOverlays();
}

void ViewGrid::annotationChanged() {
  applyToSliceViews([](SliceView* view) {
    if (view->scene().annotation() != nullptr) view->annotationChanged();
  });
  if (!m_surfaces->isActive()) m_surfaces->start();
}

void ViewGrid::setBrushRadiusMm(double radiusMm) {
  applyToSliceViews([&](SliceView* view) { view->setBrushRadiusMm(radiusMm); });
}

void ViewGrid::setMarks(const std::vector<SliceMark>& marks) {
  m_marks = marks;
  applyResultOverlays();
}

void ViewGrid::setOverlayStyle(const render::OverlayStyle& style) {
  m_overlayStyle = style;
  applyResultOverlays();
}

void ViewGrid::setResultOverlaysVisible(bool visible) {
  m_resultOverlaysVisible = visible;
  applyResultOverlays();
}

void ViewGrid::applyResultOverlays() {
  applyToSliceViews([&](SliceView* view) {
    // Only views showing this volume: during a preview the others are empty.
    if (!view->scene().hasVolume() || !m_image || &view->scene().volume() != &m_image->volume()) {
      return;
    }
    view->setOverlayStyle(m_overlayStyle);
    view->setResultOverlaysVisible(m_resultOverlaysVisible);
    view->setHeatmap(m_heatmap, m_heatmapTitle);
    view->setLabelMap(m_labels);
    view->setAnnotation(m_annotation, m_annotationDisplay);
    view->setMarks(m_marks);
  });
  for (ViewCell* cell : m_cells) {
    if (cell->volumeView() != nullptr) applyResultOverlays(cell->volumeView());
  }
}

void ViewGrid::applyResultOverlays(VolumeView* view) {
  const render::VolumeImage* shown = view->scene().image();
  if (shown == nullptr || !m_image || &shown->volume() != &m_image->volume()) return;
  view->setOverlayStyle(m_overlayStyle);
  view->setResultOverlaysVisible(m_resultOverlaysVisible);
  view->setHeatmap(m_heatmap);
  view->setAnnotation(m_annotation, m_annotationDisplay);
}

void ViewGrid::resetViews() {
  applyToSliceViews([](SliceView* view) { view->resetView(); });
  setWindow(m_openingWindow);
}

void ViewGrid::setCineRate(double framesPerSecond) {
  if (framesPerSecond <= 0.0) {
    m_cine->stop();
    return;
  }
  m_cine->start(static_cast<int>(1000.0 / framesPerSecond));
}

bool ViewGrid::cinePlaying() const { return m_cine->isActive(); }

QImage ViewGrid::grabLayout() {
  for (ViewCell* cell : m_cells) {
    if (cell->volumeView() != nullptr) cell->volumeView()->renderAtFullQualityNext();
  }
  return grab().toImage().convertToFormat(QImage::Format_RGB32);
}

QImage ViewGrid::grabActiveView() {
  ViewCell* cell = m_cells[m_active];
  if (cell->kind() == ViewKind::Volume && cell->volumeView() != nullptr) {
    cell->volumeView()->renderAtFullQualityNext();
    return cell->volumeView()->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
  }
  return cell->sliceView()->grabView();
}

}  // namespace lumen::widgets
