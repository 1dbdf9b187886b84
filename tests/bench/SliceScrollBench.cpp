// The reading-room benchmark: scrolling a 512×512×600 int16 CT in one axial slice view at
// 1024×1024, in Lumen's SliceView against a stock VTK vtkImageViewer2 in its own X/GLX window,
// same volume, size, window and slices, in the same run. Then the 3D view turning the same volume,
// and each process's peak memory against the volume's bytes. Not a test: it never fails on speed.
//
//   QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1200x24" build/bench/bin/bench_slice_scroll
//
// One frame, Lumen: a one-notch QWheelEvent sent to the view, then the top-level's posted
// UpdateRequest delivered at once (what the event loop would do next: the backing-store sync
// paints the QOpenGLWidget (VTK render + blit into Qt's FBO) and the raster overlay child, then
// composes both into the window and swaps), then glFinish and an X round trip (XSync), so the X
// server holds the pixels. One frame, VTK: SetSlice(k), Render() (which swaps),
// WaitForCompletion() (glFinish), XSync. Not included on either side: the X server delivering
// an input event, and the wait of the posted UpdateRequest in the event queue.
//
// Each part runs in a child process of its own (this executable again, with --child), so each
// peak RSS is that part's alone. The viewers run in the order Lumen, VTK, VTK, Lumen over the
// same slices, so that load from other processes drifting during the run weighs on both.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageViewer2.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QScreen>
#include <QSurfaceFormat>
#include <QWheelEvent>
#include <QWindow>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "core/IntensityStatistics.h"
#include "render/VolumeImage.h"
#include "widgets/SliceView.h"
#include "widgets/VolumeView.h"

// Last: Xlib's macros (None, Bool, Status, ...) clash with Qt's and VTK's names.
#include <X11/Xlib.h>

namespace {

using Clock = std::chrono::steady_clock;
using lumen::core::Volume;

constexpr int kViewSize = 1024;        // logical pixels, device pixel ratio 1
constexpr int kWarmUpFrames = 30;      // before each measured run, after a jump to its slices
constexpr int kRunFrames = 150;        // measured per child run; two runs per viewer
constexpr int kFirstSlice = 31;        // slice index of the first measured frame
constexpr int kBreakdownFrames = 100;  // per diagnostic variant, Lumen only
constexpr int kTurnFrames = 60;        // 3D, measured
constexpr int kTurnSkipped = 5;        // 3D frames before those: the volume's upload, refinement
constexpr double kTurnDegrees = 5.0;
constexpr int kNotch = 120;
const lumen::core::Window kWindow{40.0, 400.0};

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
  double mean = 0, median = 0, p95 = 0, fps = 0;
};

Stats statsOf(std::vector<double> ms) {
  Stats s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  s.median = ms[ms.size() / 2];
  s.p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(std::ceil(0.95 * ms.size())) - 1)];
  s.fps = 1000.0 / s.mean;
  return s;
}

/// A "key value" line for the parent process (children only).
void report(const std::string& key, double value) {
  std::printf("@%s %.6g\n", key.c_str(), value);
  std::fflush(stdout);
}

/// One frame time for the parent, which pools the frames of both runs of a viewer.
void reportFrame(const std::string& key, double ms) {
  std::printf("@frame.%s %.4f\n", key.c_str(), ms);
}

void say(const char* format, ...) __attribute__((format(printf, 1, 2)));
void say(const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vprintf(format, args);
  va_end(args);
  std::fflush(stdout);
}

/// A field of /proc/self/status in KiB (VmHWM: peak resident set, VmRSS: current).
double statusKiB(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::size_t length = std::strlen(field);
  while (std::getline(status, line)) {
    if (line.compare(0, length, field) == 0 && line.size() > length && line[length] == ':') {
      return std::atof(line.c_str() + length + 1);
    }
  }
  return 0.0;
}

/// Prints the peak RSS so far against the volume's bytes; `key` names it for the parent.
void reportMemory(const std::string& key, const std::string& phase, const Volume& volume) {
  const double hwm = statusKiB("VmHWM") * 1024.0;
  say("  peak RSS after %-28s %7.0f MiB = %.2f × the volume's %.0f MiB\n", (phase + ":").c_str(),
      hwm / 1048576.0, hwm / volume.byteSize(), volume.byteSize() / 1048576.0);
  report("memory." + key, hwm);
}

/// 512×512×600 int16, 0.7×0.7×1 mm: air, a body ellipse (fat rim, soft tissue ~40 HU), lungs
/// (−850 HU) with vessels in the chest slices, spine, ribs, a contrast-filled aorta, and noise
/// everywhere, so no slice is uniform. The same voxels in every process.
std::shared_ptr<Volume> makeCt() {
  lumen::core::VolumeGeometry g;
  g.size = {512, 512, 600};
  g.spacing = {0.7, 0.7, 1.0};
  auto volume = std::make_shared<Volume>(lumen::core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  std::uint32_t noise = 2024;
  const double pi = std::acos(-1.0);
  for (std::size_t k = 0; k < 600; ++k) {
    const double z = k / 599.0;
    // Lungs in the chest (z 0.25 … 0.8), largest in the middle.
    const double lung = z > 0.25 && z < 0.8 ? std::sin(pi * (z - 0.25) / 0.55) : 0.0;
    const bool ribLevel = lung > 0.0 && k % 24 < 9;
    for (std::size_t j = 0; j < 512; ++j) {
      for (std::size_t i = 0; i < 512; ++i) {
        noise = noise * 1664525u + 1013904223u;
        const int jitter = static_cast<int>(noise >> 26) - 32;  // −32 … 31 HU
        const double x = (i - 256.0) / 230.0, y = (j - 270.0) / 165.0;
        const double r = x * x + y * y;
        double hu = -1000.0 + jitter / 4;
        if (r <= 1.0) {
          hu = r > 0.86 ? -100.0 + jitter : 40.0 + jitter;
          if (ribLevel && r > 0.78 && r < 0.84) hu = 800.0 + 3 * jitter;
          for (const double side : {-1.0, 1.0}) {
            const double lx = (i - 256.0 - side * 95.0) / (75.0 * lung + 1e-9);
            const double ly = (j - 250.0) / (105.0 * lung + 1e-9);
            if (lx * lx + ly * ly < 1.0) {
              hu = -850.0 + 2 * jitter;
              // Vessels: a sparse pattern of small bright cells.
              const std::uint32_t cell = static_cast<std::uint32_t>(
                  (i / 7) * 73856093u ^ (j / 7) * 19349663u ^ (k / 7) * 83492791u);
              if (cell % 13 == 0) hu = 30.0 + jitter;
            }
          }
          const double sx = i - 256.0, sy = j - 385.0;  // vertebral body
          const double s = sx * sx + sy * sy;
          if (s < 30.0 * 30.0) hu = s > 24.0 * 24.0 ? 900.0 + 3 * jitter : 250.0 + 2 * jitter;
          const double ax = i - 285.0, ay = j - 330.0;  // aorta
          if (ax * ax + ay * ay < 15.0 * 15.0) hu = 220.0 + jitter;
        }
        v[volume->offset(i, j, k)] = static_cast<std::int16_t>(hu);
      }
    }
  }
  return volume;
}

/// X round trip: when it returns, the X server has processed every request sent before it
/// (the frame's PutImage included).
void xSync(void* display) {
  if (display != nullptr) XSync(static_cast<Display*>(display), False);
}

void* qtDisplay() {
  auto* x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
  return x11 != nullptr ? x11->display() : nullptr;
}

bool waitExposed(QWidget& widget) {
  QElapsedTimer timer;
  timer.start();
  while (!(widget.windowHandle() != nullptr && widget.windowHandle()->isExposed())) {
    if (timer.elapsed() > 10000) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
  const qint64 settled = timer.elapsed() + 300;
  while (timer.elapsed() < settled) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  return true;
}

/// Delivers the top-level's pending UpdateRequest now (backing-store sync: paints, composes,
/// swaps), then waits until the GL work is done and the X server has the frame.
void finishFrame(QOpenGLWidget& view, void* display) {
  QCoreApplication::sendPostedEvents(view.window(), QEvent::UpdateRequest);
  view.makeCurrent();
  view.context()->functions()->glFinish();
  xSync(display);
}

void turnWheel(QWidget& view, int delta) {
  const QPointF centre(view.width() / 2.0, view.height() / 2.0);
  QWheelEvent event(centre, view.mapToGlobal(centre), QPoint(), QPoint(0, delta), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &event);
}

std::string glRenderer(QOpenGLWidget& view) {
  view.makeCurrent();
  const auto* name = view.context()->functions()->glGetString(GL_RENDERER);
  return name != nullptr ? reinterpret_cast<const char*>(name) : "?";
}

void printStats(const char* what, const Stats& s) {
  say("  %-34s mean %6.2f  median %6.2f  p95 %6.2f ms  → %6.1f frames/s\n", what, s.mean, s.median,
      s.p95, s.fps);
}

void reportStats(const std::string& key, const Stats& s) {
  report(key + ".mean", s.mean);
  report(key + ".median", s.median);
  report(key + ".p95", s.p95);
}

/// SliceView whose paintGL calls are counted, and timed (VTK render + blit + glFinish) in the
/// breakdown passes.
class TimedSliceView : public lumen::widgets::SliceView {
 public:
  using SliceView::SliceView;
  bool timing = false;
  double paintMs = 0.0;
  int paints = 0;

 protected:
  void paintGL() override {
    ++paints;
    if (!timing) {
      SliceView::paintGL();
      return;
    }
    const Clock::time_point start = Clock::now();
    SliceView::paintGL();
    context()->functions()->glFinish();
    paintMs += msSince(start);
  }
};

/// Scrolls kRunFrames slices from index `firstIndex`, one wheel notch per frame; with
/// `diagnose`, then times the stages of a frame and diagnostic variants.
int lumenSlices(int argc, char** argv, int firstIndex, bool diagnose) {
  QSurfaceFormat::setDefaultFormat(lumen::widgets::VtkViewport::defaultSurfaceFormat());
  QApplication app(argc, argv);
  const std::shared_ptr<Volume> volume = makeCt();
  reportMemory("made", "making the volume", *volume);
  auto image = std::make_shared<const lumen::render::VolumeImage>(volume);

  TimedSliceView view(lumen::render::SliceOrientation::Axial);
  view.resize(kViewSize, kViewSize);
  view.show();
  if (!waitExposed(view)) {
    say("  the window was never exposed\n");
    return 1;
  }
  void* display = qtDisplay();
  say("  GL renderer: %s; window %d×%d logical, device pixel ratio %.2f, X display %s\n",
      glRenderer(view).c_str(), view.width(), view.height(), view.devicePixelRatioF(),
      display != nullptr ? "found" : "MISSING (no XSync)");
  if (view.devicePixelRatioF() != 1.0 || view.width() != kViewSize) return 1;

  Clock::time_point start = Clock::now();
  view.setVolume(image, kWindow);
  finishFrame(view, display);
  say("  setVolume + first frame: %.1f ms\n", msSince(start));
  const auto sliceK = [&] {
    return static_cast<int>(std::lround(volume->worldToIndex(view.scene().cursor())[2]));
  };
  // One notch per frame; false if a notch did not move exactly one slice.
  const auto scroll = [&](int count, int delta, std::vector<double>& frames) {
    for (int n = 0; n < count; ++n) {
      const int before = view.scene().sliceIndex();
      const Clock::time_point t = Clock::now();
      turnWheel(view, delta);
      finishFrame(view, display);
      frames.push_back(msSince(t));
      if (view.scene().sliceIndex() != before + delta / kNotch) return false;
    }
    return true;
  };

  // A jump to just before the run's slices (through the first slice), then the warm-up.
  turnWheel(view, -kNotch * view.scene().sliceCount());
  turnWheel(view, kNotch * (firstIndex - kWarmUpFrames - 1));
  finishFrame(view, display);
  std::vector<double> frames;
  scroll(kWarmUpFrames, kNotch, frames);
  frames.clear();
  const int firstK = sliceK();
  view.paints = 0;
  if (!scroll(kRunFrames, kNotch, frames)) {
    say("  a wheel notch did not move one slice\n");
    return 1;
  }
  for (const double ms : frames) reportFrame("lumen", ms);
  const int lastK = sliceK();
  const int stepK = lastK > firstK ? 1 : -1;
  report("slice.firstK", firstK + stepK);
  report("slice.stepK", stepK);
  vtkRenderWindow* window = view.scene().renderer()->GetRenderWindow();
  say("  %d frames (%d paintGL calls), slices k = %d … %d, view %d×%d device pixels, %s with %d"
      " samples per pixel\n",
      kRunFrames, view.paints, firstK + stepK, lastK, view.scene().viewportSize()[0],
      view.scene().viewportSize()[1], window->GetClassName(), window->GetMultiSamples());
  printStats("Lumen SliceView, scroll → on screen:", statsOf(frames));
  report("slice.lumenFittedHalfHeight", view.scene().millimetresPerPixel() * kViewSize / 2.0);

  // What the X server shows now: the slice, not a black window.
  const QImage screen =
      view.screen()->grabWindow(view.winId(), 0, 0, kViewSize, kViewSize).toImage();
  say("  on screen after the last frame: grey %d at the centre, %d in the left lung\n",
      qGray(screen.pixel(kViewSize / 2, kViewSize / 2)),
      qGray(screen.pixel(kViewSize / 2 - 190, kViewSize / 2 - 30)));
  reportMemory("lumenSlices", "scrolling (Lumen)", *volume);
  if (!diagnose) return 0;

  // Where the time goes, on the same slices back and forth: per-stage timers (wheel handler;
  // paintGL = VTK render + blit into Qt's FBO, with a glFinish added; the rest of the
  // backing-store sync = overlay raster paint, composition, swap; glFinish + XSync), as shipped
  // and in two diagnostic variants that are NOT the shipped settings.
  QWidget* overlay = nullptr;  // SliceView's raster overlay child, hidden in the last variant
  for (QWidget* child : view.findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
    if (child->testAttribute(Qt::WA_TransparentForMouseEvents)) overlay = child;
  }
  const int samples = window->GetMultiSamples();
  struct Variant {
    const char* name;
    int samples;
    bool overlay;
  };
  const Variant variants[] = {{"as shipped", samples, true},
                              {"what if 1 sample per pixel", 0, true},
                              {"what if 1 sample, no overlay child", 0, false}};
  int delta = -kNotch;
  for (const Variant& variant : variants) {
    if (!variant.overlay && overlay == nullptr) continue;
    window->SetMultiSamples(variant.samples);
    if (overlay != nullptr) overlay->setVisible(variant.overlay);
    if (variant.samples != samples || !variant.overlay) {
      frames.clear();
      scroll(kBreakdownFrames, delta, frames);
      delta = -delta;
      printStats((std::string(variant.name) + ":").c_str(), statsOf(frames));
    }
    view.timing = true;
    view.paintMs = 0;
    double wheelMs = 0, syncMs = 0, finishMs = 0;
    for (int n = 0; n < kBreakdownFrames; ++n) {
      Clock::time_point t = Clock::now();
      turnWheel(view, delta);
      wheelMs += msSince(t);
      t = Clock::now();
      QCoreApplication::sendPostedEvents(view.window(), QEvent::UpdateRequest);
      syncMs += msSince(t);
      t = Clock::now();
      view.makeCurrent();
      view.context()->functions()->glFinish();
      xSync(display);
      finishMs += msSince(t);
    }
    delta = -delta;
    view.timing = false;
    const double f = 1.0 / kBreakdownFrames;
    say("    breakdown, %s, ms per frame: wheel handler %.2f | paintGL %.2f | overlay paint +"
        " compose + swap %.2f | glFinish + XSync %.2f\n",
        variant.name, wheelMs * f, view.paintMs * f, (syncMs - view.paintMs) * f, finishMs * f);
  }
  window->SetMultiSamples(samples);
  if (overlay != nullptr) overlay->show();
  return 0;
}

/// Shows kRunFrames slices from `firstK` in steps of `stepK` in a stock vtkImageViewer2 zoomed
/// like Lumen (`parallelScale`, mm); with `diagnose`, then the same without multisampling.
int vtkSlices(int firstK, int stepK, double parallelScale, bool diagnose) {
  const std::shared_ptr<Volume> volume = makeCt();
  reportMemory("made", "making the volume", *volume);
  const lumen::core::VolumeGeometry& g = volume->geometry();

  // The same buffer, no copy (save = 1: VTK never frees it).
  vtkNew<vtkShortArray> scalars;
  scalars->SetVoidArray(static_cast<short*>(volume->data()),
                        static_cast<vtkIdType>(volume->voxelCount()), 1);
  vtkNew<vtkImageData> image;
  image->SetDimensions(static_cast<int>(g.size[0]), static_cast<int>(g.size[1]),
                       static_cast<int>(g.size[2]));
  image->SetSpacing(g.spacing[0], g.spacing[1], g.spacing[2]);
  image->GetPointData()->SetScalars(scalars);

  vtkNew<vtkImageViewer2> viewer;
  viewer->SetInputData(image);
  viewer->SetSliceOrientationToXY();
  viewer->SetColorWindow(kWindow.width);
  viewer->SetColorLevel(kWindow.center);
  viewer->SetSize(kViewSize, kViewSize);
  viewer->SetSlice(firstK);
  Clock::time_point start = Clock::now();
  viewer->Render();
  vtkRenderWindow* window = viewer->GetRenderWindow();
  window->WaitForCompletion();
  say("  first Render: %.1f ms\n", msSince(start));
  // vtkImageViewer2 zooms to (columns − 1)/2 mm; show the slice as large as Lumen does.
  viewer->GetRenderer()->GetActiveCamera()->SetParallelScale(parallelScale);
  void* display = window->GetGenericDisplayId();

  std::string renderer = "?";
  const std::string capabilities = window->ReportCapabilities();
  const std::size_t at = capabilities.find("OpenGL renderer string:");
  if (at != std::string::npos) {
    const std::size_t from = at + std::strlen("OpenGL renderer string:");
    renderer = capabilities.substr(from, capabilities.find('\n', from) - from);
  }
  say("  GL renderer:%s; %s, window %d×%d, offscreen %s\n", renderer.c_str(),
      window->GetClassName(), window->GetSize()[0], window->GetSize()[1],
      window->GetOffScreenRendering() ? "on" : "off");

  const auto frame = [&](int k) {
    viewer->SetSlice(k);
    viewer->Render();
    window->WaitForCompletion();
    xSync(display);
  };
  const int firstWarmUp = firstK - stepK * kWarmUpFrames;
  frame(firstWarmUp - stepK);
  for (int n = 0; n < kWarmUpFrames; ++n) frame(firstWarmUp + n * stepK);
  std::vector<double> frames;
  for (int n = 0; n < kRunFrames; ++n) {
    start = Clock::now();
    frame(firstK + n * stepK);
    frames.push_back(msSince(start));
  }
  for (const double ms : frames) reportFrame("vtk", ms);
  say("  %d frames, slices k = %d … %d, %d samples per pixel\n", kRunFrames, firstK,
      firstK + (kRunFrames - 1) * stepK, window->GetMultiSamples());
  printStats("vtkImageViewer2, SetSlice → on screen:", statsOf(frames));
  reportMemory("vtkSlices", "scrolling (vtkImageViewer2)", *volume);
  if (!diagnose) return 0;

  // Diagnostic, not the stock setting: the same frames back without multisampling.
  window->SetMultiSamples(0);
  frames.clear();
  for (int n = 1; n <= kBreakdownFrames; ++n) {
    start = Clock::now();
    frame(firstK + (kRunFrames - 1 - n) * stepK);
    frames.push_back(msSince(start));
  }
  printStats("what if 1 sample per pixel:", statsOf(frames));
  return 0;
}

int lumenVolume(int argc, char** argv) {
  QSurfaceFormat::setDefaultFormat(lumen::widgets::VtkViewport::defaultSurfaceFormat());
  QApplication app(argc, argv);
  const std::shared_ptr<Volume> volume = makeCt();
  reportMemory("made", "making the volume", *volume);
  auto image = std::make_shared<const lumen::render::VolumeImage>(volume);

  lumen::widgets::VolumeView view;
  view.resize(kViewSize, kViewSize);
  view.show();
  if (!waitExposed(view)) return 1;
  void* display = qtDisplay();
  say("  GL renderer: %s; window %d×%d, device pixel ratio %.2f\n", glRenderer(view).c_str(),
      view.width(), view.height(), view.devicePixelRatioF());

  Clock::time_point start = Clock::now();
  const lumen::core::IntensityStatistics statistics(*volume);
  say("  intensity statistics: %.0f ms\n", msSince(start));
  start = Clock::now();
  view.setVolume(image, statistics);
  finishFrame(view, display);
  say("  setVolume + first frame (uploads the volume): %.0f ms\n", msSince(start));
  reportMemory("uploaded", "the volume's upload", *volume);

  const auto timedFrames = [&](const std::function<void()>& change, int count) {
    std::vector<double> frames;
    for (int n = 0; n < kTurnSkipped + count; ++n) {
      const Clock::time_point t = Clock::now();
      change();
      finishFrame(view, display);
      if (n >= kTurnSkipped) frames.push_back(msSince(t));
    }
    return statsOf(frames);
  };

  // Interacting: a left drag across the view, kTurnDegrees per mouse move (VolumeView turns
  // 180° per view height), as a user turns it; the press makes frames coarse.
  const double step = kTurnDegrees * view.height() / 180.0;
  QPointF at(40.0, view.height() / 2.0);
  QMouseEvent press(QEvent::MouseButtonPress, at, view.mapToGlobal(at), Qt::LeftButton,
                    Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&view, &press);
  const Stats dragging = timedFrames(
      [&] {
        at.rx() += step;
        QMouseEvent move(QEvent::MouseMove, at, view.mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
      },
      kTurnFrames);
  const double dragDistance = view.scene().imageSampleDistance();
  QMouseEvent release(QEvent::MouseButtonRelease, at, view.mapToGlobal(at), Qt::LeftButton,
                      Qt::NoButton, Qt::NoModifier);
  QApplication::sendEvent(&view, &release);
  say("  turning %.0f° per frame, %d frames after %d skipped (image sample distance at the end in"
      " brackets):\n",
      kTurnDegrees, kTurnFrames, kTurnSkipped);
  char label[64];
  std::snprintf(label, sizeof label, "3D, dragging (%.2f):", dragDistance);
  printStats(label, dragging);
  reportStats("volume.drag", dragging);
  report("volume.dragDistance", dragDistance);

  // At rest: the camera turned through the renderer (VolumeView has no public rotate), frames
  // at the still budget.
  vtkCamera* camera = view.scene().renderer()->GetActiveCamera();
  const Stats still = timedFrames(
      [&] {
        camera->Azimuth(kTurnDegrees);
        view.scene().renderer()->ResetCameraClippingRange();
        view.update();
      },
      kTurnFrames);
  const double stillDistance = view.scene().imageSampleDistance();
  std::snprintf(label, sizeof label, "3D, at rest (%.2f):", stillDistance);
  printStats(label, still);
  reportStats("volume.still", still);
  report("volume.stillDistance", stillDistance);

  // One frame at full resolution (what a screenshot waits for), the GUI thread held throughout.
  start = Clock::now();
  camera->Azimuth(kTurnDegrees);
  view.renderAtFullQualityNext();
  finishFrame(view, display);
  const double fullMs = msSince(start);
  say("  3D, one frame at full quality (1.00): %.0f ms\n", fullMs);
  report("volume.full", fullMs);
  reportMemory("lumenVolume", "turning the volume (Lumen)", *volume);

  // Diagnostic, not the shipped setting: at rest without multisampling.
  vtkRenderWindow* window = view.scene().renderer()->GetRenderWindow();
  const int samples = window->GetMultiSamples();
  window->SetMultiSamples(0);
  const Stats single = timedFrames(
      [&] {
        camera->Azimuth(kTurnDegrees);
        view.scene().renderer()->ResetCameraClippingRange();
        view.update();
      },
      kTurnFrames / 3);
  std::snprintf(label, sizeof label,
                "what if 1 sample, at rest (%.2f):", view.scene().imageSampleDistance());
  printStats(label, single);
  say("  (%s, %d samples per pixel as shipped)\n", window->GetClassName(), samples);
  window->SetMultiSamples(samples);
  return 0;
}

/// What the children report: "@key value" lines (the last value of a key wins) and
/// "@frame.viewer ms" lines (pooled over runs).
struct Results {
  std::map<std::string, double> values;
  std::map<std::string, std::vector<double>> frames;
  double operator[](const std::string& key) const {
    const auto found = values.find(key);
    return found != values.end() ? found->second : 0.0;
  }
};

/// Runs this executable with `arguments` and echoes its lines but the "@" ones, which go into
/// `results`. Returns its exit status.
int runChild(const std::string& self, const std::string& arguments, Results& results) {
  const std::string command = "'" + self + "' --child " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> line{};
  while (std::fgets(line.data(), line.size(), pipe) != nullptr) {
    char key[256];
    double value = 0;
    if (line[0] != '@') {
      std::fputs(line.data(), stdout);
      std::fflush(stdout);
    } else if (std::sscanf(line.data() + 1, "%255s %lf", key, &value) == 2) {
      if (std::strncmp(key, "frame.", 6) == 0) {
        results.frames[key + 6].push_back(value);
      } else if (std::strncmp(key, "memory.", 7) == 0) {
        results.values[key] = std::max(results[key], value);  // the larger of the runs
      } else {
        results.values[key] = value;
      }
    }
  }
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int parent(const std::string& self) {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  sched_getaffinity(0, sizeof cpus, &cpus);
  std::ifstream loadFile("/proc/loadavg");
  std::string load;
  std::getline(loadFile, load);
  const char* lpThreads = std::getenv("LP_NUM_THREADS");
  say("Slice scrolling, 512×512×600 int16 CT, one axial view at %d×%d\n", kViewSize, kViewSize);
  say("cores: %ld online, %d usable by this process; load average at start: %s;"
      " LP_NUM_THREADS=%s\n",
      sysconf(_SC_NPROCESSORS_ONLN), CPU_COUNT(&cpus), load.c_str(),
      lpThreads != nullptr ? lpThreads : "(unset)");
  say("Each viewer runs twice in its own process, in the order Lumen, VTK, VTK, Lumen, on the"
      " same %d slices (%d per run), so that a change of load on the machine weighs on both.\n",
      2 * kRunFrames, kRunFrames);

  Results r;
  char arguments[160];
  say("\n[Lumen SliceView, run 1]\n");
  std::snprintf(arguments, sizeof arguments, "lumen-slices %d 0", kFirstSlice);
  if (runChild(self, arguments, r) != 0) return 1;
  const int firstK = static_cast<int>(r["slice.firstK"]);
  const int stepK = static_cast<int>(r["slice.stepK"]);
  const double scale = r["slice.lumenFittedHalfHeight"];
  for (int run = 0; run < 2; ++run) {
    say("\n[stock vtkImageViewer2, run %d]\n", run + 1);
    std::snprintf(arguments, sizeof arguments, "vtk-slices %d %d %.6f %d",
                  firstK + run * kRunFrames * stepK, stepK, scale, run);
    if (runChild(self, arguments, r) != 0) return 1;
  }
  say("\n[Lumen SliceView, run 2, then where its time goes]\n");
  std::snprintf(arguments, sizeof arguments, "lumen-slices %d 1", kFirstSlice + kRunFrames);
  if (runChild(self, arguments, r) != 0) return 1;
  say("\n[Lumen VolumeView]\n");
  const int volumeStatus = runChild(self, "lumen-volume", r);

  const Stats lumen = statsOf(r.frames["lumen"]);
  const Stats vtk = statsOf(r.frames["vtk"]);
  load.clear();
  std::ifstream endLoad("/proc/loadavg");
  std::getline(endLoad, load);
  say("\nload average at the end: %s\n", load.c_str());
  say("%-36s %8s %8s %8s %9s\n", "scroll, one notch per frame", "mean ms", "median", "p95",
      "frames/s");
  const auto row = [](const char* name, const Stats& s, std::size_t count) {
    say("%-36s %8.2f %8.2f %8.2f %9.1f   (%zu frames)\n", name, s.mean, s.median, s.p95, s.fps,
        count);
  };
  row("Lumen SliceView", lumen, r.frames["lumen"].size());
  row("VTK vtkImageViewer2", vtk, r.frames["vtk"].size());
  say("ratio Lumen / vtkImageViewer2 frames/s: %.2f× (target ≥ 1.0×: %s); Lumen ≥ 60 frames/s:"
      " %s\n",
      lumen.fps / vtk.fps, lumen.fps >= vtk.fps ? "met" : "NOT met",
      lumen.fps >= 60.0 ? "yes" : "NO");
  if (volumeStatus == 0) {
    say("3D view turning %.0f° per frame: %.2f frames/s dragging, %.2f at rest; %.1f s per"
        " full-quality frame\n",
        kTurnDegrees, 1000.0 / r["volume.drag.mean"], 1000.0 / r["volume.still.mean"],
        r["volume.full"] / 1000.0);
  }
  const double bytes = 512.0 * 512.0 * 600.0 * 2.0;
  say("peak RSS / volume bytes (%.0f MiB): Lumen slice view %.2f, vtkImageViewer2 %.2f, Lumen 3D"
      " view %.2f\n",
      bytes / 1048576.0, r["memory.lumenSlices"] / bytes, r["memory.vtkSlices"] / bytes,
      r["memory.lumenVolume"] / bytes);
  return volumeStatus;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--child") == 0) {
    const std::string part = argv[2];
    if (part == "lumen-slices" && argc >= 5) {
      return lumenSlices(argc, argv, std::atoi(argv[3]), std::atoi(argv[4]) != 0);
    }
    if (part == "vtk-slices" && argc >= 7) {
      return vtkSlices(std::atoi(argv[3]), std::atoi(argv[4]), std::atof(argv[5]),
                       std::atoi(argv[6]) != 0);
    }
    if (part == "lumen-volume") return lumenVolume(argc, argv);
    return 2;
  }
  std::array<char, 4096> self{};
  const ssize_t length = readlink("/proc/self/exe", self.data(), self.size() - 1);
  if (length <= 0) return 1;
  return parent(std::string(self.data(), static_cast<std::size_t>(length)));
}
