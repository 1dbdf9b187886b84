#pragma once

namespace lumen::widgets {

/// What a left drag does in a slice view. Whatever the tool, the right button adjusts the window
/// (zooms in the Zoom tool), the middle button pans and the wheel scrolls.
enum class ReadingTool {
  Navigate,     ///< click or drag moves the linked cursor: the other views follow
  WindowLevel,  ///< horizontal drag: width; vertical drag: level
  Zoom,         ///< vertical drag zooms about the point pressed
  Pan,
  Distance,
  Angle,  ///< drag the first arm to the vertex, then click the end of the second arm
  Ellipse,
  Rectangle,
  Brush,    ///< paints the active label: a disc of the brush's radius on the slice, along the drag
  Eraser,   ///< the same, clearing labels
  Outline,  ///< drag a closed outline: the active label fills it on the slice (Shift: clears it)
  Box,      ///< drag a box for detection data on the slice; Shift+click removes one
  Point,    ///< click a point for detection data; Shift+click removes one
};

}  // namespace lumen::widgets
