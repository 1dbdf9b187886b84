#pragma once

#include <QWidget>

#include "render/ViewAxes.h"

class QStackedLayout;
class QToolButton;

namespace lumen::widgets {

class SliceView;
class VolumeView;

/// What one cell of the layout shows.
enum class ViewKind { Axial, Coronal, Sagittal, Volume };

/// One cell of the reading layout: a slice view in any orientation or the 3D view, with a title
/// button in its top-left corner that switches between them. The 3D view is made the first time
/// it is asked for. GUI thread only.
class ViewCell : public QWidget {
  Q_OBJECT

 public:
  explicit ViewCell(ViewKind kind, QWidget* parent = nullptr);

  ViewKind kind() const { return m_kind; }
  void setKind(ViewKind kind);
  SliceView* sliceView() const { return m_slice; }
  /// The 3D view, or nullptr before the cell first showed 3D.
  VolumeView* volumeView() const { return m_volume; }
  /// The view shown now.
  QWidget* currentView() const;

  /// Showing a single image (a radiograph): the slice view's title says "Image" and offers no
  /// other kind.
  void setSingleImage(bool single);

  static QString kindName(ViewKind kind);

 Q_SIGNALS:
  /// The user picked another kind from the title button; the grid applies it with setKind.
  void kindRequested(ViewKind kind);
  /// The 3D view was just made; the grid gives it the volume.
  void volumeViewCreated(VolumeView* view);
  /// The 3D view was pressed or double-clicked (slice views say so themselves).
  void volumeViewActivated();
  void volumeViewMaximiseRequested();

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  ViewKind m_kind;
  QStackedLayout* m_stack = nullptr;
  SliceView* m_slice = nullptr;
  VolumeView* m_volume = nullptr;
  QToolButton* m_title = nullptr;
  QMenu* m_kinds = nullptr;
  bool m_singleImage = false;
};

}  // namespace lumen::widgets
