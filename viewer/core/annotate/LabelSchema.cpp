#include "core/annotate/LabelSchema.h"

#include <set>

#include "core/CaseFold.h"
#include "core/Error.h"

namespace lumen::core {
namespace {

void requireComplete(const std::optional<CodedConcept>& concept, const std::string& where) {
  if (concept && (concept->scheme.empty() || concept->code.empty() || concept->meaning.empty())) {
    throw Error(ErrorCode::InvalidArgument,
                where + ": a coded concept needs a scheme, a code and a meaning");
  }
}

}  // namespace

void LabelSchema::validate() const {
  std::set<int> values;
  std::set<std::string> names;
  for (const LabelDefinition& l : labels) {
    const std::string where = "label \"" + l.name + "\"";
    if (l.value == 0) throw Error(ErrorCode::InvalidArgument, where + ": value 0 is unlabelled");
    if (!values.insert(l.value).second) {
      throw Error(ErrorCode::InvalidArgument,
                  where + ": value " + std::to_string(l.value) + " is used twice");
    }
    if (l.name.empty()) throw Error(ErrorCode::InvalidArgument, "a label without a name");
    if (!names.insert(foldCaseUtf8(l.name)).second) {
      throw Error(ErrorCode::InvalidArgument, where + ": the name is used twice");
    }
    requireComplete(l.category, where);
    requireComplete(l.type, where);
  }
  std::set<std::string> tagNames;
  for (const TagDefinition& t : tags) {
    if (t.name.empty()) throw Error(ErrorCode::InvalidArgument, "a tag without a name");
    if (!tagNames.insert(foldCaseUtf8(t.name)).second) {
      throw Error(ErrorCode::InvalidArgument, "tag \"" + t.name + "\": the name is used twice");
    }
  }
}

const LabelDefinition* LabelSchema::label(std::uint8_t value) const {
  for (const LabelDefinition& l : labels) {
    if (l.value == value) return &l;
  }
  return nullptr;
}

}  // namespace lumen::core
