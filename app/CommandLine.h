#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace lumen::app {

/// What the command line asks for.
struct CommandLine {
  enum class Action {
    OpenWindow,   ///< the workstation, opening `files`
    ShowHelp,     ///< print `text` (usage) and exit 0
    ShowVersion,  ///< print `text` (versions) and exit 0
    WriteDemo,    ///< write the demo volume into `demoDirectory`
    ShowInfo,     ///< describe the volumes found under `files` (as JSON when `json`)
    Infer,        ///< run `model` over the volumes under `files` on `device`
    Evaluate,     ///< evaluate `model` on `cases` synthetic test cases, report into `report`
    Export,       ///< export the project `files[0]` as `format` into `exportDirectory`
    Invalid,      ///< print `text` (what is wrong, then usage) and exit 2
  };
  Action action = Action::OpenWindow;
  QStringList files;
  QString screenshot;       ///< --screenshot: save the view layout to this PNG and exit
  QString demoDirectory;    ///< demo --out
  bool json = false;        ///< info/infer --json
  QString model;            ///< infer --model
  QString device;           ///< infer --device
  QString heatmaps;         ///< infer --heatmaps: folder for NIfTI heatmaps and label maps
  int cases = 0;            ///< evaluate --set; 0: the default for the model
  int imageSize = 0;        ///< evaluate --size
  QString report;           ///< evaluate --report: the HTML report's path
  QString format;           ///< export --format
  QString exportDirectory;  ///< export --out
  QString mapping;          ///< export --mapping: the re-identification file ("" for none)
  QString text;

  Q_DECLARE_TR_FUNCTIONS(lumen::app::CommandLine)
};

/// True when `argv` needs a window (so a QApplication, and a display): not for --help,
/// --version or a subcommand. Decided before any Qt application object exists.
bool commandLineNeedsWindow(int argc, char** argv);

/// Parses `arguments` (with the program name first). Needs a QCoreApplication for help texts.
CommandLine parseCommandLine(const QStringList& arguments);

}  // namespace lumen::app
