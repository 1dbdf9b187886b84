#pragma once
// dciodvfy (dicom3tools, installed by packaging/install-deps.sh) as tests run it.

#include <cstdio>
#include <sstream>
#include <string>

namespace lumen::test {

/// The lines in which dciodvfy reports an error about `file` ("" when it finds none; warnings
/// are allowed), or why it could not run.
inline std::string dciodvfyErrors(const std::string& file) {
  FILE* run = ::popen(("dciodvfy '" + file + "' 2>&1").c_str(), "r");
  if (!run) return "cannot run dciodvfy";
  std::ostringstream errors;
  std::ostringstream all;
  char line[4096];
  while (std::fgets(line, sizeof line, run)) {
    all << line;
    if (std::string(line).rfind("Error", 0) == 0) errors << line;
  }
  const int status = ::pclose(run);
  if (status == 127 << 8) {
    return "dciodvfy is not installed (packaging/install-deps.sh installs dicom3tools)";
  }
  return errors.str();
}

}  // namespace lumen::test
