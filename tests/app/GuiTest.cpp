// The real lumen window under Xvfb, judged by its pixels: each slice view must show the test
// volume's spheres where the display contract puts them, and the 3D view must show something.
// The same volume is opened twice: as a NIfTI file and as a DICOM series (one file per slice).
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <cmath>
#include <cstdint>

#include "LumenProcess.h"
#include "core/Volume.h"
#include "core/VolumeFile.h"
#include "core/dicom/DicomSeriesWriter.h"

namespace lumen::test {
namespace {

using core::Vec3;

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

constexpr double kSphereRadius = 12.0;  // mm

/// A CT-like test volume stored as a RAS-oriented NIfTI would be (i towards the patient's right,
/// j towards anterior), anisotropic voxels. Air, a body cylinder of 40 HU, and three 1000 HU
/// spheres, each on exactly one of the three central planes, off centre in both in-plane axes.
struct TestVolume {
  std::unique_ptr<core::Volume> volume;
  Vec3 center;
  Vec3 onAxial, onCoronal, onSagittal;
};

TestVolume makeTestVolume() {
  core::VolumeGeometry g;
  g.size = {120, 136, 90};
  g.spacing = {1.5, 1.2, 2.0};
  g.direction = {{{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}}};
  g.origin = {89.25, 81.0, -89.0};
  TestVolume t;
  t.volume = std::make_unique<core::Volume>(core::PixelType::Int16, g);
  t.center =
      t.volume->indexToWorld({(g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0});
  const Vec3& c = t.center;
  t.onAxial = {c[0] + 30, c[1] - 25, c[2]};     // patient left, anterior
  t.onCoronal = {c[0] - 35, c[1], c[2] + 40};   // patient right, superior
  t.onSagittal = {c[0], c[1] + 30, c[2] - 45};  // posterior, inferior
  auto* voxels = static_cast<std::int16_t*>(t.volume->data());
  for (std::size_t k = 0; k < g.size[2]; ++k)
    for (std::size_t j = 0; j < g.size[1]; ++j)
      for (std::size_t i = 0; i < g.size[0]; ++i) {
        const Vec3 p = t.volume->indexToWorld({double(i), double(j), double(k)});
        std::int16_t hu = -1000;
        if (std::pow((p[0] - c[0]) / 80, 2) + std::pow((p[1] - c[1]) / 70, 2) <= 1) hu = 40;
        for (const Vec3& s : {t.onAxial, t.onCoronal, t.onSagittal}) {
          if (std::pow(p[0] - s[0], 2) + std::pow(p[1] - s[1], 2) + std::pow(p[2] - s[2], 2) <=
              kSphereRadius * kSphereRadius) {
            hu = 1000;
          }
        }
        voxels[t.volume->offset(i, j, k)] = hu;
      }
  return t;
}

/// The display contract of a slice view: the volume's voxels (their centres' extent plus one
/// voxel), fitted and centred.
struct Projection {
  double scale;   // pixels per mm
  double x0, y0;  // pixel of the extent's centre
  Vec3 right, up;
  double midRight, midUp;

  QPointF toPixel(const Vec3& p) const {
    return {x0 + (dot(p, right) - midRight) * scale, y0 - (dot(p, up) - midUp) * scale};
  }
};

Projection projectionFor(const core::Volume& volume, const Vec3& right, const Vec3& up,
                         const QSize& view) {
  double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
  const core::Size3& n = volume.size();
  for (int corner = 0; corner < 8; ++corner) {
    const Vec3 p =
        volume.indexToWorld({corner & 1 ? n[0] - 1.0 : 0.0, corner & 2 ? n[1] - 1.0 : 0.0,
                             corner & 4 ? n[2] - 1.0 : 0.0});
    const double along[2] = {dot(p, right), dot(p, up)};
    for (int a = 0; a < 2; ++a) {
      lo[a] = std::min(lo[a], along[a]);
      hi[a] = std::max(hi[a], along[a]);
    }
  }
  // One voxel more than the centres span (this test's volume is axis aligned).
  const core::VolumeGeometry& g = volume.geometry();
  double voxel[2] = {0.0, 0.0};
  for (int a = 0; a < 3; ++a) {
    const Vec3 column{g.direction[0][a], g.direction[1][a], g.direction[2][a]};
    voxel[0] += std::abs(dot(column, right)) * g.spacing[a];
    voxel[1] += std::abs(dot(column, up)) * g.spacing[a];
  }
  const double scale = std::min(view.width() / (hi[0] - lo[0] + voxel[0]),
                                view.height() / (hi[1] - lo[1] + voxel[1]));
  return {scale, view.width() / 2.0,  view.height() / 2.0, right,
          up,    (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2};
}

bool isWhite(QRgb c) { return qRed(c) > 200 && qGreen(c) > 200 && qBlue(c) > 200; }

struct Blob {
  int pixels = 0;
  QPointF centroid;
};

/// The white pixels within `reach` of `around` (the corner text is white too).
Blob whiteBlob(const QImage& view, const QPointF& around, double reach) {
  Blob blob;
  double sx = 0, sy = 0;
  for (int y = 0; y < view.height(); ++y)
    for (int x = 0; x < view.width(); ++x)
      if (std::hypot(x - around.x(), y - around.y()) <= reach && isWhite(view.pixel(x, y))) {
        ++blob.pixels;
        sx += x;
        sy += y;
      }
  if (blob.pixels > 0) blob.centroid = {sx / blob.pixels, sy / blob.pixels};
  return blob;
}

class GuiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new QTemporaryDir;
    volume = new TestVolume(makeTestVolume());
    const QString nifti = dir->filePath(QStringLiteral("spheres.nii.gz"));
    core::writeVolumeFile(*volume->volume, nifti.toStdString());
    const QString dicom = dir->filePath(QStringLiteral("spheres-dicom"));
    core::writeDicomSeries(*volume->volume, dicom.toStdString(), {});
    const QString paths[] = {nifti, dicom};
    for (int format = 0; format < 2; ++format) {
      const QString png = dir->filePath(QStringLiteral("layout-%1.png").arg(format));
      results[format] =
          new ProcessResult(runLumenOnXvfb({QStringLiteral("--screenshot"), png, paths[format]}));
      layouts[format] = new QImage(png);
      // Kept beside the test binary, to look at when a test here fails.
      layouts[format]->save(QStringLiteral("gui-layout-%1.png").arg(kFormats[format]));
    }
  }
  static void TearDownTestSuite() {
    for (int format = 0; format < 2; ++format) {
      delete layouts[format];
      delete results[format];
    }
    delete volume;
    delete dir;
  }

  /// Quadrant `column`, `row` of the 2×2 layout (views are separated by 2 pixels).
  static QImage view(int format, int column, int row) {
    const QImage* layout = layouts[format];
    const int w = (layout->width() - 2) / 2, h = (layout->height() - 2) / 2;
    return layout->copy(column * (layout->width() - w), row * (layout->height() - h), w, h);
  }

  static void expectSphereAt(const QImage& image, const Vec3& right, const Vec3& up,
                             const Vec3& sphere) {
    const Projection projection = projectionFor(*volume->volume, right, up, image.size());
    const QPointF expected = projection.toPixel(sphere);
    const double radiusPixels = kSphereRadius * projection.scale;
    const Blob blob = whiteBlob(image, expected, 2.0 * radiusPixels);
    ASSERT_GT(blob.pixels, 0) << "no sphere visible";
    EXPECT_NEAR(blob.centroid.x(), expected.x(), 3.0);
    EXPECT_NEAR(blob.centroid.y(), expected.y(), 3.0);
    EXPECT_NEAR(blob.pixels, M_PI * radiusPixels * radiusPixels,
                0.25 * M_PI * radiusPixels * radiusPixels);
    // Body tissue (40 HU) is mid grey at the default window; air outside is black.
    const QPointF body = projection.toPixel(volume->center);
    const QRgb tissue = image.pixel(body.toPoint());
    EXPECT_GT(qGray(tissue), 90);
    EXPECT_LT(qGray(tissue), 170);
    EXPECT_LT(qGray(image.pixel(image.width() - 3, image.height() - 3)), 15);
  }

  static constexpr const char* kFormats[2] = {"nifti", "dicom"};
  static QTemporaryDir* dir;
  static TestVolume* volume;
  static ProcessResult* results[2];
  static QImage* layouts[2];
};

QTemporaryDir* GuiTest::dir = nullptr;
TestVolume* GuiTest::volume = nullptr;
ProcessResult* GuiTest::results[2] = {};
QImage* GuiTest::layouts[2] = {};

#define FOR_EACH_FORMAT(format)              \
  for (int format = 0; format < 2; ++format) \
    if (SCOPED_TRACE(kFormats[format]); true)

TEST_F(GuiTest, LumenOpensTheVolumeAndSavesItsLayout) {
  FOR_EACH_FORMAT(format) {
    ASSERT_EQ(results[format]->exitCode, 0) << results[format]->err.toStdString();
    ASSERT_FALSE(layouts[format]->isNull());
    EXPECT_GT(layouts[format]->width(), 400);
    EXPECT_GT(layouts[format]->height(), 300);
  }
}

TEST_F(GuiTest, AxialViewShowsItsSphereLeftAnteriorOnScreenRightTop) {
  FOR_EACH_FORMAT(format) {
    ASSERT_FALSE(layouts[format]->isNull());
    expectSphereAt(view(format, 0, 0), {1, 0, 0}, {0, -1, 0}, volume->onAxial);
  }
}

TEST_F(GuiTest, CoronalViewShowsItsSphereRightSuperiorOnScreenLeftTop) {
  FOR_EACH_FORMAT(format) {
    ASSERT_FALSE(layouts[format]->isNull());
    expectSphereAt(view(format, 1, 0), {1, 0, 0}, {0, 0, 1}, volume->onCoronal);
  }
}

TEST_F(GuiTest, SagittalViewShowsItsSpherePosteriorInferiorOnScreenRightBottom) {
  FOR_EACH_FORMAT(format) {
    ASSERT_FALSE(layouts[format]->isNull());
    expectSphereAt(view(format, 0, 1), {0, 1, 0}, {0, 0, 1}, volume->onSagittal);
  }
}

TEST_F(GuiTest, VolumeViewRendersTheSpheres) {
  FOR_EACH_FORMAT(format) {
    ASSERT_FALSE(layouts[format]->isNull());
    const QImage image = view(format, 1, 1);
    const QRgb background = image.pixel(image.width() - 3, image.height() - 3);
    int different = 0, white = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QRgb c = image.pixel(x, y);
        if (std::abs(qRed(c) - qRed(background)) + std::abs(qGreen(c) - qGreen(background)) +
                std::abs(qBlue(c) - qBlue(background)) >
            60) {
          ++different;
        }
        if (qRed(c) > 180 && qGreen(c) > 160 && qBlue(c) > 140) ++white;
      }
    const int total = image.width() * image.height();
    // Three 24 mm spheres fitted into the view cover about 1 % of it; air and tissue are
    // transparent.
    EXPECT_GT(different, total / 400) << "3D view is (nearly) blank";
    EXPECT_GT(white, 200) << "no bright sphere surfaces in the 3D view";
  }
}

TEST(GuiErrors, MissingFileExitsWithAMessageNamingIt) {
  QTemporaryDir dir;
  const QString missing = dir.filePath(QStringLiteral("absent.nii.gz"));
  const ProcessResult r = runLumenOnXvfb(
      {QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")), missing});
  EXPECT_FALSE(r.crashed);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.contains(missing)) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("does not exist"))) << r.err.toStdString();
}

TEST(GuiErrors, NonImageFileExitsWithAMessageInsteadOfCrashing) {
  QTemporaryDir dir;
  const QString text = dir.filePath(QStringLiteral("report.nii"));
  QFile file(text);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("not an image\n");
  file.close();
  const ProcessResult r =
      runLumenOnXvfb({QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")), text});
  EXPECT_FALSE(r.crashed);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.contains(QStringLiteral("not supported"))) << r.err.toStdString();
}

TEST(GuiErrors, UnknownOptionIsReported) {
  const ProcessResult r = runLumenOnXvfb({QStringLiteral("--no-such-option")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.err.contains(QStringLiteral("no-such-option"))) << r.err.toStdString();
}

}  // namespace
}  // namespace lumen::test
