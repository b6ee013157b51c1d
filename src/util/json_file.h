// JSON files with errors that say which file and which field went wrong.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "util/error.h"

namespace nsmlab {

using Json = nlohmann::json;

// Parses a JSON file; a syntax error names the file and the byte offset.
Json load_json(const std::string& path);

// A required field of an object, converted to T; errors name file, field and expected type.
template <typename T>
T json_require(const Json& obj, const std::string& field, const std::string& file) {
  if (!obj.is_object()) fail("{}: expected a JSON object holding field '{}'", file, field);
  auto it = obj.find(field);
  if (it == obj.end()) fail("{}: missing field '{}'", file, field);
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    fail("{}: field '{}' has the wrong type ({}): got {}", file, field, typeid(T).name(), it->dump().substr(0, 80));
  }
}

// An optional field with a default; a present field of the wrong type is still an error.
template <typename T>
T json_optional(const Json& obj, const std::string& field, const std::string& file, T fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    fail("{}: field '{}' has the wrong type: got {}", file, field, it->dump().substr(0, 80));
  }
}

}  // namespace nsmlab
