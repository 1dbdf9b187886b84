#pragma once

#include <string>

namespace lumen::app {

/// What `lumen export` asks for.
struct ExportRequest {
  std::string project;  ///< an annotation project's folder
  std::string format;   ///< "nifti", "seg" or "tables"
  std::string out;      ///< the folder to write into (created)
  /// Where to write the mapping from exported cases and pseudonyms back to studies and patients;
  /// "" writes none (the default: the export alone identifies nobody).
  std::string mapping;
  std::string dataFolder;  ///< the study database's folder; "" for the user's
};

/// What `lumen export` printed and how it ends.
struct ExportReport {
  std::string text;   ///< a line per case, then what was written
  std::string error;  ///< problems, one per line
  int exitCode = 0;   ///< 0; 1 when the project cannot be read or a case could not be exported
};

/// `lumen export PROJECT --format nifti|seg|tables --out DIR`: exports the project's label maps,
/// boxes, points and tags as training data, de-identified. Cases are numbered case_0001… in the
/// order of their volume keys; their images are found through the study database (DICOM) or
/// their file. nifti: the nnU-Net v2 / MONAI layout (writeNiftiDataset). seg: per case the
/// series' images and a DICOM SEG, both de-identified with one Deidentifier so that the SEG
/// still references its images. tables: tags, boxes and points as CSV and JSON.
ExportReport runExport(const ExportRequest& request);

}  // namespace lumen::app
