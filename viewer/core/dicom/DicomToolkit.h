#pragma once

namespace lumen::core {

/// Prepares DCMTK once per process: registers its JPEG and RLE decoders (JPEG-LS goes to CharLS,
/// JPEG 2000 to OpenJPEG) and silences its own logger (every problem it reports reaches the user as
/// a rejection reason instead). Thread-safe.
void initializeDicomToolkit();

}  // namespace lumen::core
