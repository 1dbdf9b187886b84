#include "inference/evaluation/Report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "inference/evaluation/ReportFormat.h"

namespace lumen::inference::evaluation {

std::string rocSvg(const FindingEvaluation& finding, int pixels) {
  const double margin = 28.0;
  const double side = pixels - 2 * margin;
  const auto x = [&](double fpr) { return margin + fpr * side; };
  const auto y = [&](double tpr) { return margin + (1.0 - tpr) * side; };
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << pixels << "' height='" << pixels
      << "' viewBox='0 0 " << pixels << ' ' << pixels << "' role='img' aria-label='ROC curve of "
      << escaped(finding.label) << "'>";
  svg << "<rect x='" << margin << "' y='" << margin << "' width='" << side << "' height='" << side
      << "' fill='none' stroke='#888'/>";
  svg << "<line x1='" << x(0) << "' y1='" << y(0) << "' x2='" << x(1) << "' y2='" << y(1)
      << "' stroke='#bbb' stroke-dasharray='3,3'/>";
  svg << "<polyline fill='none' stroke='#c0392b' stroke-width='2' points='";
  for (const RocPoint& p : finding.roc)
    svg << number(x(p.falsePositiveRate), 1) << ',' << number(y(p.truePositiveRate), 1) << ' ';
  svg << "'/>";
  const OperatingPoint& o = finding.atThreshold;
  if (!std::isnan(o.sensitivity()) && !std::isnan(o.specificity())) {
    svg << "<circle cx='" << number(x(1.0 - o.specificity()), 1) << "' cy='"
        << number(y(o.sensitivity()), 1) << "' r='4' fill='#2c3e50'/>";
  }
  svg << "<text x='" << pixels / 2 << "' y='" << pixels - 6
      << "' font-size='11' text-anchor='middle'>1 − specificity</text>";
  svg << "<text x='10' y='" << pixels / 2 << "' font-size='11' text-anchor='middle' "
      << "transform='rotate(-90 10 " << pixels / 2 << ")'>sensitivity</text>";
  svg << "<text x='" << pixels / 2 << "' y='18' font-size='12' text-anchor='middle'>"
      << escaped(finding.label) << " (AUC " << number(finding.auc) << ")</text>";
  svg << "</svg>";
  return svg.str();
}

std::string htmlReport(const RadiographEvaluation& e) {
  std::ostringstream html;
  html << reportHead("Evaluation of " + e.modelName);
  html << "<h1>" << escaped(e.modelName) << ' ' << escaped(e.modelVersion) << "</h1>\n";
  html << "<p>Model file SHA-256 <code>" << escaped(e.modelSha256) << "</code>. " << e.cases
       << " synthetic chest radiographs (" << e.imageSize << "×" << e.imageSize << " at "
       << number(e.pixelSpacingMm, 3) << " mm; test seeds from " << kRadiographTestFirstCase
       << ", never used in training), run through Lumen's pipeline on the CPU in "
       << number(e.seconds, 0)
       << " s. Not for clinical use: these are synthetic images, not patients.</p>\n";
  html << "<table><tr><th>finding</th><th>positive cases</th><th>AUC</th><th>threshold</th>"
       << "<th>accuracy</th><th>sensitivity</th><th>specificity</th><th>F1</th>"
       << "<th>heatmap localisation</th></tr>\n";
  for (const FindingEvaluation& f : e.findings) {
    const OperatingPoint& o = f.atThreshold;
    html << "<tr><td>" << escaped(f.label) << "</td><td>" << f.positiveCases << "</td><td>"
         << number(f.auc) << "</td><td>" << number(o.threshold) << "</td><td>"
         << number(o.accuracy()) << "</td><td>" << number(o.sensitivity()) << "</td><td>"
         << number(o.specificity()) << "</td><td>" << number(o.f1()) << "</td><td>"
         << number(f.localisation()) << " (" << f.localised << '/' << f.withHeatmap
         << ")</td></tr>\n";
  }
  html << "</table>\n<p>Heatmap localisation: the fraction of positive cases whose Grad-CAM "
       << "heatmap peaks inside the finding's ground-truth mask. The dot on each curve is the "
       << "model's operating threshold.</p>\n<div class='curves'>\n";
  for (const FindingEvaluation& f : e.findings) html << rocSvg(f) << '\n';
  html << "</div></body></html>\n";
  return html.str();
}

std::string textSummary(const RadiographEvaluation& e) {
  std::ostringstream text;
  text << e.modelName << ' ' << e.modelVersion << " on " << e.cases << " synthetic radiographs ("
       << e.imageSize << "²), " << number(e.seconds, 0) << " s\n";
  for (const FindingEvaluation& f : e.findings) {
    const OperatingPoint& o = f.atThreshold;
    char line[256];
    std::snprintf(line, sizeof line,
                  "%-17s AUC %s  acc %s  sens %s  spec %s  F1 %s  localisation %s (%d/%d)\n",
                  f.label.c_str(), number(f.auc).c_str(), number(o.accuracy()).c_str(),
                  number(o.sensitivity()).c_str(), number(o.specificity()).c_str(),
                  number(o.f1()).c_str(), number(f.localisation()).c_str(), f.localised,
                  f.withHeatmap);
    text << line;
  }
  return text.str();
}

}  // namespace lumen::inference::evaluation
