// Reading the loosely specified parts of a results.json document (schema nsmlab.results/1):
// its metadata and rows, and comparison.json. The h1/h2/h3 fragments and the synthesis rows
// are not read here but by their strict typed readers (experiments/h1_result.h, ...,
// synthesis.h). Optional values (missing, null, or NaN written as null) come back empty and
// are shown as "—"; a value of the wrong type is an nsmlab::Error naming the field.
#pragma once
#include <optional>
#include <string>

#include "util/json_file.h"

namespace nsmlab {

// `where` names the place in the document for error messages, e.g. "results.json: h1.points[3]".
std::optional<double> optional_number(const Json& obj, const std::string& key, const std::string& where);
double require_number(const Json& obj, const std::string& key, const std::string& where);
std::string optional_string(const Json& obj, const std::string& key, const std::string& where,
                            const std::string& fallback = "");
std::string require_string(const Json& obj, const std::string& key, const std::string& where);
bool optional_bool(const Json& obj, const std::string& key, const std::string& where, bool fallback = false);
// The array at `key`, or an empty array when missing or null.
const Json& optional_array(const Json& obj, const std::string& key, const std::string& where);
// The object at `key`, or an empty object when missing or null.
const Json& optional_object(const Json& obj, const std::string& key, const std::string& where);
// Throws unless `value` is a JSON object.
void require_object(const Json& value, const std::string& where);

}  // namespace nsmlab
