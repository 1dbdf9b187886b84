// Opening a 512×512×300 int16 CT in Lumen under Xvfb, against ITK's ImageFileReader (how
// ITK-based viewers such as 3D Slicer and ITK-SNAP read NIfTI) on the same files in the same run.
// Prints the read times, their ratio, and how long Lumen's GUI event loop was blocked while it
// started, loaded and showed the volume. Not a test: it never fails on speed.
//
//   build/release/bin/bench_open_volume [scratch-directory]
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkNiftiImageIO.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/Volume.h"
#include "core/VolumeFile.h"

namespace {

using lumen::core::Volume;

/// Body cylinder (40 HU) with bright spheres in air, plus noise: 150 MB of int16.
std::unique_ptr<Volume> makeLargeCt() {
  lumen::core::VolumeGeometry g;
  g.size = {512, 512, 300};
  g.spacing = {0.7, 0.7, 1.0};
  auto volume = std::make_unique<Volume>(lumen::core::PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume->data());
  std::uint32_t noise = 12345;
  for (std::size_t k = 0; k < 300; ++k)
    for (std::size_t j = 0; j < 512; ++j)
      for (std::size_t i = 0; i < 512; ++i) {
        const double x = (i - 256.0) / 230.0, y = (j - 256.0) / 180.0;
        noise = noise * 1664525u + 1013904223u;
        const int jitter = static_cast<int>(noise >> 28) - 8;
        std::int16_t hu = x * x + y * y <= 1.0 ? static_cast<std::int16_t>(40 + jitter) : -1000;
        const double dx = i - 300.0, dy = j - 200.0, dz = (k % 60) - 30.0;
        if (dx * dx + dy * dy + dz * dz < 400.0) hu = 900;
        v[volume->offset(i, j, k)] = hu;
      }
  return volume;
}

double lumenReaderSeconds(const QString& path) {
  QElapsedTimer clock;
  clock.start();
  lumen::core::readVolumeFile(path.toStdString());
  return clock.nsecsElapsed() / 1e9;
}

double itkReadSeconds(const QString& path) {
  using Reader = itk::ImageFileReader<itk::Image<std::int16_t, 3>>;
  auto reader = Reader::New();
  reader->SetImageIO(itk::NiftiImageIO::New());
  reader->SetFileName(path.toStdString());
  QElapsedTimer clock;
  clock.start();
  reader->Update();
  return clock.nsecsElapsed() / 1e9;
}

struct LumenRun {
  double loadSeconds = -1;
  qint64 longestStallMs = 0;  // 0: no stall over the probe's 50 ms threshold
  int stallsOver100Ms = 0;
  QString log;
};

/// Opens `path` in the real window as a user would (no screenshot), with the stall probe on, and
/// closes it `seconds` after start: long enough to load, show and refine all four views.
LumenRun runLumen(const QString& path, int seconds) {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("lumen.stall.debug=true"));
  process.setProcessEnvironment(environment);
  process.start(
      QStringLiteral("xvfb-run"),
      {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1280x1024x24"),
       QStringLiteral("timeout"), QStringLiteral("-s"), QStringLiteral("INT"),
       QString::number(seconds), QStringLiteral(LUMEN_EXECUTABLE), path});
  process.waitForFinished(600000);
  LumenRun run;
  run.log = QString::fromLocal8Bit(process.readAllStandardError());
  const auto loaded =
      QRegularExpression(QStringLiteral("loaded a volume in (\\d+) ms")).match(run.log);
  if (loaded.hasMatch()) run.loadSeconds = loaded.captured(1).toDouble() / 1000.0;
  auto stalls = QRegularExpression(QStringLiteral("stalled for (\\d+) ms")).globalMatch(run.log);
  while (stalls.hasNext()) {
    const qint64 ms = stalls.next().captured(1).toLongLong();
    run.longestStallMs = std::max(run.longestStallMs, ms);
    if (ms > 100) ++run.stallsOver100Ms;
  }
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication application(argc, argv);
  QTemporaryDir temporary;
  const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
  std::printf("writing a 512×512×300 int16 CT into %s\n", qPrintable(dir));
  const auto volume = makeLargeCt();
  std::printf("%-14s %10s %14s %8s %14s %16s %10s\n", "file", "ITK read s", "Lumen reader s",
              "ratio", "app load job s", "longest stall ms", "stalls>100");
  for (const char* name : {"ct512.nii", "ct512.nii.gz"}) {
    // Each file in a folder of its own: given ct512.nii.gz, ITK's NIfTI library reads the voxels
    // of ct512.nii instead when that exists beside it.
    const QString folder = dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".d");
    QDir().mkpath(folder);
    const QString path = folder + QLatin1Char('/') + QLatin1String(name);
    lumen::core::writeVolumeFile(*volume, path.toStdString());
    const double itk = itkReadSeconds(path);
    const double reader = lumenReaderSeconds(path);
    const LumenRun lumen = runLumen(path, 10);
    if (lumen.loadSeconds < 0) {
      std::printf("%-14s lumen did not load the file:\n%s\n", name, qPrintable(lumen.log));
      continue;
    }
    std::printf("%-14s %10.2f %14.2f %7.2fx %14.2f %16lld %10d\n", name, itk, reader, itk / reader,
                lumen.loadSeconds, static_cast<long long>(lumen.longestStallMs),
                lumen.stallsOver100Ms);
  }
  std::printf(
      "ratio = ITK read / Lumen reader, in this process (> 1: Lumen is faster). The app's load "
      "job\n"
      "(reader + intensity statistics) runs off the GUI thread. The stall columns: how long and "
      "how\n"
      "often the window could not react during its first 10 s (start-up, loading, first frames "
      "and\n"
      "refinement of all four views; software OpenGL under Xvfb).\n");
  return 0;
}
