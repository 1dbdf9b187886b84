// The nodule segmenter's report (declared in Report.h).

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "inference/evaluation/Report.h"
#include "inference/evaluation/ReportFormat.h"

namespace lumen::inference::evaluation {
namespace {

/// Sensitivity against false positives per scan, 0..max(4, worst) on the x axis.
std::string frocSvg(const NoduleEvaluation& e, int pixels = 320) {
  const double margin = 32.0;
  const double side = pixels - 2 * margin;
  double most = 4.0;
  for (const DetectionPoint& p : e.froc) most = std::max(most, p.falsePositivesPerScan);
  const auto x = [&](double fp) { return margin + fp / most * side; };
  const auto y = [&](double sensitivity) { return margin + (1.0 - sensitivity) * side; };
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << pixels << "' height='" << pixels
      << "' viewBox='0 0 " << pixels << ' ' << pixels << "' role='img' aria-label='FROC curve'>";
  svg << "<rect x='" << margin << "' y='" << margin << "' width='" << side << "' height='" << side
      << "' fill='none' stroke='#888'/>";
  svg << "<line x1='" << number(x(1.0), 1) << "' y1='" << margin << "' x2='" << number(x(1.0), 1)
      << "' y2='" << margin + side << "' stroke='#bbb' stroke-dasharray='3,3'/>";
  svg << "<polyline fill='none' stroke='#c0392b' stroke-width='2' points='";
  for (const DetectionPoint& p : e.froc)
    svg << number(x(p.falsePositivesPerScan), 1) << ',' << number(y(p.sensitivity), 1) << ' ';
  svg << "'/>";
  const DetectionPoint& o = e.atOneFalsePositive;
  svg << "<circle cx='" << number(x(o.falsePositivesPerScan), 1) << "' cy='"
      << number(y(o.sensitivity), 1) << "' r='4' fill='#2c3e50'/>";
  svg << "<text x='" << pixels / 2 << "' y='" << pixels - 8
      << "' font-size='11' text-anchor='middle'>false positives per scan (0–" << number(most, 1)
      << ")</text>";
  svg << "<text x='12' y='" << pixels / 2 << "' font-size='11' text-anchor='middle' "
      << "transform='rotate(-90 12 " << pixels / 2 << ")'>sensitivity</text>";
  svg << "<text x='" << pixels / 2 << "' y='20' font-size='12' text-anchor='middle'>"
      << "FROC: lesions kept by minimum volume</text></svg>";
  return svg.str();
}

}  // namespace

std::string htmlReport(const NoduleEvaluation& e) {
  std::ostringstream html;
  html << reportHead("Evaluation of " + e.modelName);
  html << "<h1>" << escaped(e.modelName) << ' ' << escaped(e.modelVersion) << "</h1>\n";
  html << "<p>Model file SHA-256 <code>" << escaped(e.modelSha256) << "</code>. " << e.cases
       << " synthetic chest CTs with " << e.nodules
       << " nodules (256×256×160 at 1.4×1.4×2 mm; test seeds from " << kNoduleTestFirstCase
       << ", never used in training), run through Lumen's pipeline on the CPU in "
       << number(e.seconds, 0)
       << " s. Not for clinical use: these are synthetic images, not patients.</p>\n";
  html << "<h2>Segmentation</h2>\n<table><tr><th>nominal diameter</th><th>nodules</th>"
       << "<th>mean Dice</th><th>detected</th></tr>\n";
  for (const NoduleSizeBand& b : e.bands) {
    html << "<tr><td>" << number(b.fromMm, 0) << "–" << number(b.toMm, 0) << " mm</td><td>"
         << b.nodules << "</td><td>" << number(b.meanDice) << "</td><td>" << b.detected
         << "</td></tr>\n";
  }
  html << "<tr><td>6 mm and more</td><td></td><td>" << number(e.diceAtLeast6Mm)
       << "</td><td></td></tr></table>\n";
  html << "<p>Dice is measured in a box around each nodule (its diameter plus 5 mm on every "
       << "side); a missed nodule counts 0.</p>\n";
  html << "<h2>Detection</h2>\n<p>Each connected region of the segmentation is a lesion; it "
       << "detects the nodules it overlaps and is a false positive when it overlaps none. Every "
       << "lesion kept: sensitivity " << number(e.allLesions.sensitivity) << " at "
       << number(e.allLesions.falsePositivesPerScan, 2)
       << " false positives per scan. Dropping lesions under "
       << number(e.atOneFalsePositive.minimumVolumeMm3, 0) << " mm³: sensitivity "
       << number(e.atOneFalsePositive.sensitivity) << " at "
       << number(e.atOneFalsePositive.falsePositivesPerScan, 2)
       << " false positives per scan (the most sensitive point at one or fewer).</p>\n"
       << "<div class='curves'>" << frocSvg(e) << "</div></body></html>\n";
  return html.str();
}

std::string textSummary(const NoduleEvaluation& e) {
  std::ostringstream text;
  text << e.modelName << ' ' << e.modelVersion << " on " << e.cases << " synthetic chest CTs ("
       << e.nodules << " nodules), " << number(e.seconds, 0) << " s\n";
  for (const NoduleSizeBand& b : e.bands) {
    char line[160];
    std::snprintf(line, sizeof line, "%2.0f–%2.0f mm  %3d nodules  Dice %s  detected %d\n",
                  b.fromMm, b.toMm, b.nodules, number(b.meanDice).c_str(), b.detected);
    text << line;
  }
  text << "Dice, nodules of 6 mm and more: " << number(e.diceAtLeast6Mm) << '\n';
  text << "sensitivity " << number(e.allLesions.sensitivity) << " at "
       << number(e.allLesions.falsePositivesPerScan, 2) << " FP/scan (every lesion); "
       << number(e.atOneFalsePositive.sensitivity) << " at "
       << number(e.atOneFalsePositive.falsePositivesPerScan, 2) << " FP/scan (lesions ≥ "
       << number(e.atOneFalsePositive.minimumVolumeMm3, 0) << " mm³)\n";
  return text.str();
}

}  // namespace lumen::inference::evaluation
