#pragma once

namespace lumen::core {

/// Prepares DCMTK once per process: registers its JPEG, JPEG-LS and RLE decoders and silences
/// its own logger (every problem it reports reaches the user as a rejection reason instead).
/// Thread-safe.
void initializeDicomToolkit();

}  // namespace lumen::core
