#pragma once

#include <cstdint>
#include <vector>

namespace lumen::core {

/// One row of PS3.15 Table E.1-1: an attribute and the Basic Profile's action for it (D dummy,
/// Z empty or dummy, X remove, K keep, C clean, U new UID).
struct ProfileRow {
  std::uint16_t group;
  std::uint16_t element;
  char action;
  const char* name;
};

/// The Basic Profile's rows (DeidentificationTable.inc), sorted by tag: what Deidentifier applies.
const std::vector<ProfileRow>& basicProfileRows();

}  // namespace lumen::core
