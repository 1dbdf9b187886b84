#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/Volume.h"
#include "core/annotate/LabelMap.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

/// One case of a training dataset.
struct TrainingCase {
  std::string id;                       ///< "case_0001": names its files; never patient data
  std::shared_ptr<const Volume> image;  ///< grey, on the label map's grid
  const LabelMap* labels = nullptr;     ///< nullptr for a case without labels (a test case)
};

/// Writes `cases` under `folder` in the layout nnU-Net v2 and MONAI read:
/// - imagesTr/<id>_0000.nii.gz and labelsTr/<id>.nii.gz for cases with labels, imagesTs/ for the
///   others (NIfTI through ITK: RAS in the file, the grid exactly as in Lumen);
/// - label values renumbered 1…N in the schema's order (nnU-Net wants them consecutive);
/// - dataset.json: nnU-Net's "channel_names", "labels" (name → value), "numTraining" and
///   "file_ending", and MONAI's "training" and "test" lists of files.
/// `channel` names the image channel ("CT", "MR"; nnU-Net picks its normalisation by it).
/// Each file appears complete under its name or not at all. Throws Error(InvalidArgument) for an
/// empty or repeated id, a colour image, a label map on another grid, or a label value the schema
/// lacks (naming the case); Error(WriteFailed).
void writeNiftiDataset(const std::string& folder, const std::string& name,
                       const std::string& channel, const LabelSchema& schema,
                       const std::vector<TrainingCase>& cases);

}  // namespace lumen::core
