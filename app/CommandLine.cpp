#include "CommandLine.h"

#include <QCommandLineParser>
#include <cstring>
#include <optional>

#include "Version.h"

namespace lumen::app {
namespace {

const char* const kDemoCommand = "demo";
const char* const kInfoCommand = "info";
const char* const kInferCommand = "infer";
const char* const kEvaluateCommand = "evaluate";
const char* const kExportCommand = "export";

QString versionText() {
  return QStringLiteral("Lumen %1\n%2\n").arg(QStringLiteral(LUMEN_VERSION), libraryVersions());
}

CommandLine invalid(const QString& what, const QString& usage) {
  CommandLine line;
  line.action = CommandLine::Action::Invalid;
  line.text = what + QLatin1String("\n\n") + usage;
  return line;
}

/// Parses a subcommand's `arguments`: the command line to return at once when they are invalid
/// or ask for help, else nothing.
std::optional<CommandLine> helpOrError(QCommandLineParser& parser, const QStringList& arguments) {
  if (!parser.parse(arguments)) return invalid(parser.errorText(), parser.helpText());
  if (!parser.isSet(QStringLiteral("help"))) return std::nullopt;
  CommandLine line;
  line.action = CommandLine::Action::ShowHelp;
  line.text = parser.helpText();
  return line;
}

CommandLine parseDemo(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      CommandLine::tr("Writes Lumen's demo studies as DICOM (a chest CT and three chest "
                      "radiographs of fictitious patients, all synthetic), adds them to the "
                      "study list and installs the demo models."));
  parser.addHelpOption();
  parser.addPositionalArgument(QString::fromLatin1(kDemoCommand),
                               CommandLine::tr("Set up the demo."));
  const QCommandLineOption out(
      QStringLiteral("out"),
      CommandLine::tr("Directory to write into (default: demo in Lumen's data folder)."),
      CommandLine::tr("directory"));
  parser.addOption(out);
  if (std::optional<CommandLine> early = helpOrError(parser, arguments)) return *early;
  CommandLine line;
  if (parser.positionalArguments().size() > 1) {
    return invalid(CommandLine::tr("demo takes no file arguments."), parser.helpText());
  }
  line.action = CommandLine::Action::WriteDemo;
  line.demoDirectory = parser.value(out);
  return line;
}

CommandLine parseInfo(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      CommandLine::tr("Describes every volume found under the paths: DICOM files, folders and "
                      "DICOMDIRs, NIfTI, NRRD and MetaImage files."));
  parser.addHelpOption();
  parser.addPositionalArgument(QString::fromLatin1(kInfoCommand),
                               CommandLine::tr("Describe volumes."));
  parser.addPositionalArgument(CommandLine::tr("paths"), CommandLine::tr("Files or folders."),
                               CommandLine::tr("path…"));
  const QCommandLineOption json(QStringLiteral("json"), CommandLine::tr("Print JSON."));
  parser.addOption(json);
  if (std::optional<CommandLine> early = helpOrError(parser, arguments)) return *early;
  CommandLine line;
  line.files = parser.positionalArguments().mid(1);
  if (line.files.isEmpty())
    return invalid(CommandLine::tr("info needs a path."), parser.helpText());
  line.action = CommandLine::Action::ShowInfo;
  line.json = parser.isSet(json);
  return line;
}

CommandLine parseInfer(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(CommandLine::tr(
      "Runs a model over every volume found under the paths that it applies to, without a "
      "window, and prints findings, segment volumes, the files written and timings."));
  parser.addHelpOption();
  parser.addPositionalArgument(QString::fromLatin1(kInferCommand), CommandLine::tr("Run a model."));
  parser.addPositionalArgument(CommandLine::tr("paths"), CommandLine::tr("Files or folders."),
                               CommandLine::tr("path…"));
  const QCommandLineOption model(
      QStringLiteral("model"),
      CommandLine::tr("The model: a Lumen package, a TorchScript file with its .json manifest "
                      "beside it, or a MONAI bundle folder."),
      CommandLine::tr("model"));
  const QCommandLineOption device(QStringLiteral("device"),
                                  CommandLine::tr("auto (CUDA when present), cpu or cuda."),
                                  CommandLine::tr("device"), QStringLiteral("auto"));
  const QCommandLineOption json(QStringLiteral("json"), CommandLine::tr("Print JSON."));
  const QCommandLineOption heatmaps(
      QStringLiteral("heatmaps"),
      CommandLine::tr("Write heatmaps and label maps as NIfTI files into this folder."),
      CommandLine::tr("directory"));
  parser.addOptions({model, device, json, heatmaps});
  if (std::optional<CommandLine> early = helpOrError(parser, arguments)) return *early;
  CommandLine line;
  line.files = parser.positionalArguments().mid(1);
  if (line.files.isEmpty()) {
    return invalid(CommandLine::tr("infer needs a path."), parser.helpText());
  }
  if (!parser.isSet(model)) {
    return invalid(CommandLine::tr("infer needs --model."), parser.helpText());
  }
  const QString deviceName = parser.value(device);
  if (deviceName != QLatin1String("auto") && deviceName != QLatin1String("cpu") &&
      deviceName != QLatin1String("cuda")) {
    return invalid(CommandLine::tr("--device must be auto, cpu or cuda, not %1.").arg(deviceName),
                   parser.helpText());
  }
  line.action = CommandLine::Action::Infer;
  line.model = parser.value(model);
  line.device = deviceName;
  line.json = parser.isSet(json);
  line.heatmaps = parser.value(heatmaps);
  return line;
}

/// A whole number of at least `minimum` from option `name`, or nothing.
std::optional<int> countOf(const QCommandLineParser& parser, const QCommandLineOption& option,
                           int minimum) {
  bool ok = false;
  const int value = parser.value(option).toInt(&ok);
  if (!ok || value < minimum) return std::nullopt;
  return value;
}

CommandLine parseEvaluate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(CommandLine::tr(
      "Evaluates a demo model on Lumen's synthetic test cases (never used in training): a chest "
      "radiograph classifier per finding (AUC, accuracy, sensitivity, specificity and F1 at the "
      "model's threshold, heatmap localisation, ROC curves), a nodule segmenter on chest CTs "
      "(Dice per nodule size band, detection sensitivity at one false positive per scan); writes "
      "an HTML report with the plots."));
  parser.addHelpOption();
  parser.addPositionalArgument(QString::fromLatin1(kEvaluateCommand),
                               CommandLine::tr("Evaluate a model."));
  parser.addPositionalArgument(CommandLine::tr("model"), CommandLine::tr("The model package."));
  const QCommandLineOption set(
      QStringLiteral("set"),
      CommandLine::tr("How many test cases (default 500 radiographs or 20 CTs)."),
      CommandLine::tr("count"));
  const QCommandLineOption size(
      QStringLiteral("size"),
      CommandLine::tr("Width and height of the test radiographs (default 2048)."),
      CommandLine::tr("pixels"), QStringLiteral("2048"));
  const QCommandLineOption report(QStringLiteral("report"),
                                  CommandLine::tr("Where to write the HTML report (default "
                                                  "evaluation.html)."),
                                  CommandLine::tr("file"), QStringLiteral("evaluation.html"));
  parser.addOptions({set, size, report});
  if (std::optional<CommandLine> early = helpOrError(parser, arguments)) return *early;
  const QStringList positional = parser.positionalArguments().mid(1);
  if (positional.size() != 1)
    return invalid(CommandLine::tr("evaluate needs one model."), parser.helpText());
  const std::optional<int> cases = parser.isSet(set) ? countOf(parser, set, 1) : 0;
  const std::optional<int> pixels = countOf(parser, size, 32);
  if (!cases || !pixels || *pixels > 8192) {
    return invalid(CommandLine::tr("--set must be at least 1 and --size 32 to 8192."),
                   parser.helpText());
  }
  CommandLine line;
  line.action = CommandLine::Action::Evaluate;
  line.model = positional.front();
  line.cases = *cases;
  line.imageSize = *pixels;
  line.report = parser.value(report);
  return line;
}

CommandLine parseExport(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(CommandLine::tr(
      "Exports an annotation project as training data, de-identified: NIfTI images and label "
      "maps with dataset.json (nnU-Net, MONAI), or DICOM SEG with the series' images, or the "
      "tags, boxes and points as CSV and JSON."));
  parser.addHelpOption();
  parser.addPositionalArgument(QString::fromLatin1(kExportCommand),
                               CommandLine::tr("Export a project."));
  parser.addPositionalArgument(CommandLine::tr("project"),
                               CommandLine::tr("The annotation project's folder."));
  const QCommandLineOption format(QStringLiteral("format"),
                                  CommandLine::tr("nifti, seg or tables."),
                                  CommandLine::tr("format"));
  const QCommandLineOption out(QStringLiteral("out"), CommandLine::tr("The folder to write."),
                               CommandLine::tr("dir"));
  const QCommandLineOption mapping(
      QStringLiteral("mapping"),
      CommandLine::tr("Also write the mapping back to patients and studies to this file, for "
                      "re-identification; keep it local."),
      CommandLine::tr("file"));
  parser.addOptions({format, out, mapping});
  if (std::optional<CommandLine> early = helpOrError(parser, arguments)) return *early;
  const QStringList positional = parser.positionalArguments().mid(1);
  if (positional.size() != 1)
    return invalid(CommandLine::tr("export needs one project."), parser.helpText());
  const QStringList formats{QStringLiteral("nifti"), QStringLiteral("seg"),
                            QStringLiteral("tables")};
  if (!formats.contains(parser.value(format)) || !parser.isSet(out)) {
    return invalid(CommandLine::tr("export needs --format nifti, seg or tables, and --out."),
                   parser.helpText());
  }
  CommandLine line;
  line.action = CommandLine::Action::Export;
  line.files = positional;
  line.format = parser.value(format);
  line.exportDirectory = parser.value(out);
  line.mapping = parser.value(mapping);
  return line;
}

}  // namespace

bool commandLineNeedsWindow(int argc, char** argv) {
  if (argc > 1 &&
      (std::strcmp(argv[1], kDemoCommand) == 0 || std::strcmp(argv[1], kInfoCommand) == 0 ||
       std::strcmp(argv[1], kInferCommand) == 0 || std::strcmp(argv[1], kEvaluateCommand) == 0 ||
       std::strcmp(argv[1], kExportCommand) == 0)) {
    return false;
  }
  for (int n = 1; n < argc; ++n) {
    for (const char* flag : {"-h", "--help", "--help-all", "-v", "--version"}) {
      if (std::strcmp(argv[n], flag) == 0) return false;
    }
  }
  return true;
}

CommandLine parseCommandLine(const QStringList& arguments) {
  if (arguments.size() > 1 && arguments.at(1) == QLatin1String(kDemoCommand)) {
    return parseDemo(arguments);
  }
  if (arguments.size() > 1 && arguments.at(1) == QLatin1String(kInfoCommand)) {
    return parseInfo(arguments);
  }
  if (arguments.size() > 1 && arguments.at(1) == QLatin1String(kInferCommand)) {
    return parseInfer(arguments);
  }
  if (arguments.size() > 1 && arguments.at(1) == QLatin1String(kEvaluateCommand)) {
    return parseEvaluate(arguments);
  }
  if (arguments.size() > 1 && arguments.at(1) == QLatin1String(kExportCommand)) {
    return parseExport(arguments);
  }
  QCommandLineParser parser;
  parser.setApplicationDescription(
      CommandLine::tr("Lumen, a radiology workstation. Opens DICOM files, folders and DICOMDIRs, "
                      "and NIfTI, NRRD and MetaImage volumes.\n"
                      "Commands: demo [--out DIR] writes and imports the demo studies and models;\n"
                      "info PATH… [--json] describes the volumes found;\n"
                      "infer PATH… --model M [--device auto|cpu|cuda] [--json] [--heatmaps DIR] "
                      "runs a model over them;\n"
                      "evaluate MODEL [--set N] [--size PIXELS] [--report FILE] measures a demo "
                      "model on synthetic test cases;\n"
                      "export PROJECT --format nifti|seg|tables --out DIR [--mapping FILE] "
                      "exports annotations as de-identified training data."));
  const QCommandLineOption help = parser.addHelpOption();
  const QCommandLineOption version = parser.addVersionOption();
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      CommandLine::tr("Once the volume is shown, save the view layout to this PNG file and exit."),
      CommandLine::tr("png"));
  parser.addOption(screenshot);
  parser.addPositionalArgument(CommandLine::tr("files"), CommandLine::tr("Volume files to open."),
                               CommandLine::tr("[file…]"));
  if (!parser.parse(arguments)) return invalid(parser.errorText(), parser.helpText());

  CommandLine line;
  if (parser.isSet(help)) {
    line.action = CommandLine::Action::ShowHelp;
    line.text = parser.helpText();
  } else if (parser.isSet(version)) {
    line.action = CommandLine::Action::ShowVersion;
    line.text = versionText();
  } else {
    line.files = parser.positionalArguments();
    line.screenshot = parser.value(screenshot);
    if (!line.screenshot.isEmpty() && line.files.isEmpty()) {
      return invalid(CommandLine::tr("--screenshot needs a file to open."), parser.helpText());
    }
  }
  return line;
}

}  // namespace lumen::app
