// The command line without a display: what a script, the package test and CI rely on.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>
#include <cstring>

#include "LumenProcess.h"
#include "core/SyntheticChestCt.h"
#include "core/VolumeFile.h"

namespace lumen::test {
namespace {

QProcessEnvironment withoutDisplay(const QString& language = QStringLiteral("en")) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove(QStringLiteral("DISPLAY"));
  environment.insert(QStringLiteral("LANGUAGE"), language);
  return environment;
}

TEST(Cli, VersionNamesLumenAndEveryLibraryWithoutADisplay) {
  const ProcessResult r = runLumen({QStringLiteral("--version")}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.startsWith(QStringLiteral("Lumen " LUMEN_TEST_VERSION "\n")))
      << r.out.toStdString();
  for (const char* library : {"Qt 6.", "VTK 9.1", "ITK 5.2", "LibTorch "}) {
    EXPECT_TRUE(r.out.contains(QLatin1String(library)))
        << library << " missing: " << r.out.toStdString();
  }
}

TEST(Cli, HelpListsOptionsAndCommands) {
  const ProcessResult r = runLumen({QStringLiteral("--help")}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_TRUE(r.out.contains(QStringLiteral("--screenshot"))) << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("demo [--out DIR]"))) << r.out.toStdString();
}

TEST(Cli, HelpIsInChineseForAChineseLocale) {
  const ProcessResult r =
      runLumen({QStringLiteral("--help")}, withoutDisplay(QStringLiteral("zh_CN")));
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_TRUE(r.out.contains(QStringLiteral("放射影像工作站"))) << r.out.toStdString();
}

TEST(Cli, DemoWritesTheSyntheticChestCt) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString out = dir.filePath(QStringLiteral("demo"));
  const ProcessResult r =
      runLumen({QStringLiteral("demo"), QStringLiteral("--out"), out}, withoutDisplay());
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  const QString path = r.out.trimmed();
  EXPECT_TRUE(path.startsWith(out)) << path.toStdString();
  const auto written = core::readVolumeFile(path.toStdString());
  const auto expected = core::makeSyntheticChestCt();
  ASSERT_EQ(written->size(), expected->size());
  EXPECT_EQ(std::memcmp(written->data(), expected->data(), expected->byteSize()), 0);
}

TEST(Cli, DemoIntoAnUnwritablePlaceFailsNamingIt) {
  QTemporaryDir dir;
  const QString blocker = dir.filePath(QStringLiteral("file"));
  QFile file(blocker);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.close();
  const ProcessResult r =
      runLumen({QStringLiteral("demo"), QStringLiteral("--out"), blocker + QStringLiteral("/sub")},
               withoutDisplay());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_FALSE(r.crashed);
  EXPECT_TRUE(r.err.contains(blocker)) << r.err.toStdString();
}

TEST(Cli, WindowWithoutADisplayExplainsInsteadOfAborting) {
  const ProcessResult r = runLumen({QStringLiteral("volume.nii")}, withoutDisplay());
  EXPECT_FALSE(r.crashed);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.contains(QStringLiteral("DISPLAY"))) << r.err.toStdString();
}

}  // namespace
}  // namespace lumen::test
