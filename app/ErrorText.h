#pragma once

#include <QString>

#include "core/Error.h"

namespace lumen::app {

/// A translated headline for an error code, for message boxes and the status bar.
QString errorHeadline(ErrorCode code);

/// Headline and details of `error` for the user, e.g. "The file type is not supported.\n<detail>".
QString describeError(const Error& error);

}  // namespace lumen::app
