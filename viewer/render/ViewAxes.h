#pragma once

#include <array>
#include <string>

#include "core/Volume.h"

namespace lumen::render {

/// The three planes a radiologist reads in, each shown in radiological convention: axial seen
/// from the feet, coronal from the front (patient's left on screen right in both), sagittal from
/// the patient's left (anterior on screen left). Superior is up in coronal and sagittal.
enum class SliceOrientation { Axial, Coronal, Sagittal };

/// Screen axes of a view as LPS unit vectors: right, up, and into the screen
/// (right = into × up, as VTK's camera has it).
struct ViewAxes {
  core::Vec3 right;
  core::Vec3 up;
  core::Vec3 into;
};

/// The textbook axes of an orientation, for a volume aligned with the patient.
ViewAxes viewAxes(SliceOrientation orientation);

/// The axes a view of `volume` uses: each screen axis is the volume axis (±) closest to the
/// textbook one, so every slice shown is a plane of voxels as acquired (an oblique series is
/// shown in its own planes; a feet-first or left-right flipped series still appears the textbook
/// way round). A single image (one slice along k) is shown as acquired in every orientation:
/// rows left to right, the first row at the top.
ViewAxes viewAxes(SliceOrientation orientation, const core::Volume& volume);

/// Letters of the patient direction an LPS vector points to (L/R, P/A, S/I), the dominant one
/// first, then others whose component is at least 0.25 of the vector's length: "L", "LA", "SPL".
std::string orientationLetters(const core::Vec3& direction);

/// The letters at the left, right, top and bottom edges of a view with `axes`.
std::array<std::string, 4> edgeLetters(const ViewAxes& axes);

}  // namespace lumen::render
