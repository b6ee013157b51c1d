#include "report/results_access.h"

#include <cmath>

namespace nsmlab {
namespace {

const Json* find_present(const Json& obj, const std::string& key, const std::string& where) {
  require_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

void require_object(const Json& value, const std::string& where) {
  if (!value.is_object()) fail("{}: expected a JSON object, got {}", where, json_excerpt(value));
}

std::optional<double> optional_number(const Json& obj, const std::string& key, const std::string& where) {
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) fail("{}: field '{}' should be a number, got {}", where, key, json_excerpt(*v));
  const double d = v->get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

double require_number(const Json& obj, const std::string& key, const std::string& where) {
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) fail("{}: missing number field '{}'", where, key);
  if (!v->is_number()) fail("{}: field '{}' should be a number, got {}", where, key, json_excerpt(*v));
  return v->get<double>();
}

std::string optional_string(const Json& obj, const std::string& key, const std::string& where,
                            const std::string& fallback) {
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) return fallback;
  if (!v->is_string()) fail("{}: field '{}' should be a string, got {}", where, key, json_excerpt(*v));
  return v->get<std::string>();
}

std::string require_string(const Json& obj, const std::string& key, const std::string& where) {
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) fail("{}: missing string field '{}'", where, key);
  if (!v->is_string()) fail("{}: field '{}' should be a string, got {}", where, key, json_excerpt(*v));
  return v->get<std::string>();
}

bool optional_bool(const Json& obj, const std::string& key, const std::string& where, bool fallback) {
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) fail("{}: field '{}' should be true or false, got {}", where, key, json_excerpt(*v));
  return v->get<bool>();
}

const Json& optional_array(const Json& obj, const std::string& key, const std::string& where) {
  static const Json empty = Json::array();
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) return empty;
  if (!v->is_array()) fail("{}: field '{}' should be an array, got {}", where, key, json_excerpt(*v));
  return *v;
}

const Json& optional_object(const Json& obj, const std::string& key, const std::string& where) {
  static const Json empty = Json::object();
  const Json* v = find_present(obj, key, where);
  if (v == nullptr) return empty;
  if (!v->is_object()) fail("{}: field '{}' should be an object, got {}", where, key, json_excerpt(*v));
  return *v;
}

}  // namespace nsmlab
