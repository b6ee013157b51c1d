// JSON files with errors that say which file and which field went wrong. Every JSON
// nsmlab reads is untrusted: parsing bounds the nesting depth (deeper documents would
// overflow the stack in nlohmann's recursive dump and copy), and conversions check types
// and ranges instead of converting 32.7 or true to an integer.
#pragma once
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "util/error.h"

namespace nsmlab {

using Json = nlohmann::json;

// Deeper than any real config, tokenizer or dataset (tokenizer.json needs under 10).
inline constexpr size_t kMaxJsonDepth = 128;

// Parses JSON text read from `origin`; syntax errors, numbers out of range and nesting
// deeper than kMaxJsonDepth are errors naming origin and the byte offset. With
// refuse_duplicate_keys, an object holding the same key twice is an error too.
Json parse_json_text(std::string_view text, const std::string& origin, bool refuse_duplicate_keys = false);

// Reads (a regular file only) and parses a JSON file.
Json load_json(const std::string& path);

// At most about max_chars of a value's JSON text, built without recursion, for error messages.
std::string json_excerpt(const Json& value, size_t max_chars = 60);

// "a string", "an integer", "a number", "a boolean", "an array", "an object", "null".
const char* json_type_name(const Json& value);

namespace json_detail {

template <typename T>
std::string expected_name() {
  if constexpr (std::is_same_v<T, bool>) return "a boolean (true or false)";
  else if constexpr (std::is_integral_v<T>)
    return fmt::format("an integer from {} to {}", std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  else if constexpr (std::is_floating_point_v<T>) return "a number";
  else if constexpr (std::is_same_v<T, std::string>) return "a string";
  else return "a value of another type";
}

[[noreturn]] void fail_type(const Json& value, const std::string& field, const std::string& file,
                            const std::string& expected);

// value converted to T: integers only from integral numbers in T's range, booleans only
// from booleans, strings only from strings, floating point only from numbers.
template <typename T>
T convert(const Json& value, const std::string& field, const std::string& file) {
  if constexpr (std::is_same_v<T, bool>) {
    if (value.is_boolean()) return value.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    using L = std::numeric_limits<T>;
    if (value.is_number_unsigned()) {
      const uint64_t v = value.get<uint64_t>();
      if (v <= static_cast<uint64_t>(L::max())) return static_cast<T>(v);
    } else if (value.is_number_integer()) {
      const int64_t v = value.get<int64_t>();
      if (v >= static_cast<int64_t>(L::min()) && (v < 0 || static_cast<uint64_t>(v) <= static_cast<uint64_t>(L::max())))
        return static_cast<T>(v);
    } else if (value.is_number_float()) {  // 512.0 is an integer; 32.7, 1e30 and NaN are not
      const double v = value.get<double>();
      if (std::floor(v) == v && v >= static_cast<double>(L::min()) && v < std::ldexp(1.0, L::digits))
        return static_cast<T>(v);
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    if (value.is_number()) return value.get<T>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (value.is_string()) return value.get<std::string>();
  } else {
    try {
      return value.get<T>();
    } catch (const nlohmann::json::exception&) {
    }
  }
  fail_type(value, field, file, expected_name<T>());
}

}  // namespace json_detail

// A required field of an object, converted to T; errors name file, field and expected type.
template <typename T>
T json_require(const Json& obj, const std::string& field, const std::string& file) {
  if (!obj.is_object())
    fail("{}: expected a JSON object holding field '{}', got {}", file, field, json_type_name(obj));
  auto it = obj.find(field);
  if (it == obj.end()) fail("{}: missing field '{}'", file, field);
  return json_detail::convert<T>(*it, field, file);
}

// An optional field with a default; a present field of the wrong type is still an error.
template <typename T>
T json_optional(const Json& obj, const std::string& field, const std::string& file, T fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return fallback;
  return json_detail::convert<T>(*it, field, file);
}

}  // namespace nsmlab
