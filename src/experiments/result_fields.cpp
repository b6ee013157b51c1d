#include "experiments/result_fields.h"

#include <cmath>

namespace nsmlab {
namespace {

const Json& result_field(const Json& obj, const char* key, const std::string& where) {
  require_result_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end()) fail("{}: missing field '{}'", where, key);
  return *it;
}

[[noreturn]] void fail_result_type(const Json& value, const std::string& key, const std::string& where,
                                   const char* expected) {
  fail("{}: field '{}' must be {}, got {} {}", where, key, expected, json_type_name(value), json_excerpt(value));
}

std::optional<double> nullable_number_value(const Json& v, const std::string& key, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) fail_result_type(v, key, where, "a number or null");
  return v.get<double>();
}

}  // namespace

Json result_number_json(std::optional<double> value) {
  return value && std::isfinite(*value) ? Json(*value) : Json(nullptr);
}

Json result_numbers_json(const std::vector<std::optional<double>>& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(result_number_json(v));
  return out;
}

Json result_interval_json(const ResultInterval& interval) {
  return Json::array({result_number_json(interval.low), result_number_json(interval.high)});
}

Json permutation_summary_json(const PermutationSummary& s) {
  return {{"permutations", s.permutations}, {"null", s.null_hypothesis}, {"p_value", result_number_json(s.p_value)}};
}

void require_result_object(const Json& value, const std::string& where) {
  if (!value.is_object()) fail("{}: expected an object, got {} {}", where, json_type_name(value), json_excerpt(value));
}

const Json& result_object(const Json& obj, const char* key, const std::string& where) {
  const Json& v = result_field(obj, key, where);
  if (!v.is_object()) fail_result_type(v, key, where, "an object");
  return v;
}

const Json& result_array(const Json& obj, const char* key, const std::string& where) {
  const Json& v = result_field(obj, key, where);
  if (!v.is_array()) fail_result_type(v, key, where, "an array");
  return v;
}

std::optional<double> result_nullable_number(const Json& obj, const char* key, const std::string& where) {
  return nullable_number_value(result_field(obj, key, where), key, where);
}

std::optional<int> result_nullable_integer(const Json& obj, const char* key, const std::string& where) {
  const Json& v = result_field(obj, key, where);
  if (v.is_null()) return std::nullopt;
  return json_detail::convert<int>(v, key, where);
}

std::optional<std::string> result_nullable_string(const Json& obj, const char* key, const std::string& where) {
  const Json& v = result_field(obj, key, where);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) fail_result_type(v, key, where, "a string or null");
  return v.get<std::string>();
}

std::vector<std::string> result_strings(const Json& obj, const char* key, const std::string& where) {
  std::vector<std::string> out;
  for (const Json& v : result_array(obj, key, where)) {
    if (!v.is_string()) fail_result_type(v, key, where, "an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<std::optional<double>> result_nullable_numbers(const Json& obj, const char* key, const std::string& where) {
  std::vector<std::optional<double>> out;
  for (const Json& v : result_array(obj, key, where)) {
    if (!v.is_null() && !v.is_number()) fail_result_type(v, key, where, "an array of numbers (or nulls)");
    out.push_back(nullable_number_value(v, key, where));
  }
  return out;
}

ResultInterval result_interval(const Json& obj, const char* key, const std::string& where) {
  const Json& v = result_field(obj, key, where);
  if (v.is_null()) return {};
  if (!v.is_array() || v.size() != 2) fail_result_type(v, key, where, "an interval [low, high] or null");
  return {nullable_number_value(v[0], key, where), nullable_number_value(v[1], key, where)};
}

PermutationSummary permutation_summary(const Json& obj, const char* key, const std::string& where) {
  const Json& s = result_object(obj, key, where);
  const std::string at = where + "." + key;
  PermutationSummary out;
  out.permutations = json_require<int>(s, "permutations", at);
  if (out.permutations < 0) fail("{}: field 'permutations' must be a whole number from 0, got {}", at, out.permutations);
  out.null_hypothesis = json_require<std::string>(s, "null", at);
  out.p_value = result_nullable_number(s, "p_value", at);
  return out;
}

}  // namespace nsmlab
