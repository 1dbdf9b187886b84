#include "Version.h"

#include <QtGlobal>

#include "core/Toolkits.h"
#include "inference/Runtime.h"

namespace lumen::app {

QString libraryVersions() {
  return QStringLiteral("Qt %1, %2, %3")
      .arg(QString::fromLatin1(qVersion()), QString::fromStdString(core::toolkitVersions()),
           QString::fromStdString(inference::describeRuntime(inference::runtimeInfo())));
}

}  // namespace lumen::app
