#include "model/pickle_value.h"

#include <fmt/format.h>

namespace nsmlab {

std::string describe(const PickleValue& v) {
  switch (v.kind) {
    case PickleKind::None: return "None";
    case PickleKind::Bool: return v.integer ? "True" : "False";
    case PickleKind::Int: return fmt::format("the integer {}", v.integer);
    case PickleKind::BigInt: return fmt::format("a {}-byte integer", v.text.size());
    case PickleKind::Float: return "a float";
    case PickleKind::String: return fmt::format("the string '{}'", v.text.substr(0, 60));
    case PickleKind::Bytes: return fmt::format("{} bytes", v.text.size());
    case PickleKind::Tuple: return fmt::format("a tuple of {}", v.items.size());
    case PickleKind::List: return fmt::format("a list of {}", v.items.size());
    case PickleKind::Dict: return fmt::format("a dict of {}", v.entries.size());
    case PickleKind::Global: return fmt::format("the global {}.{}", v.text, v.name);
    case PickleKind::Object: return "an object";
  }
  return "a value";
}

}  // namespace nsmlab
