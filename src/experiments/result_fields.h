// Strict reading and writing of the fields of results.json's h1/h2/h3 fragments (the typed
// contract of h1_result.h, h2_result.h, h3_result.h). A missing key or a value of the wrong
// type is an nsmlab::Error naming the place ("results.json: h2.squares[3]"), the key and what
// was expected: a renamed key never becomes an empty cell. NaN is written as null.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "util/json_file.h"

namespace nsmlab {

// A two-sided interval [low, high]; an end the run could not compute is empty (null).
struct ResultInterval {
  std::optional<double> low, high;
  bool operator==(const ResultInterval&) const = default;
};

// A permutation test's summary: how many shuffles, what was shuffled, the p-value (null when
// not computable). permutations 0: not computed.
struct PermutationSummary {
  int permutations = 0;
  std::string null_hypothesis;  // key "null"
  std::optional<double> p_value;
  bool operator==(const PermutationSummary&) const = default;
};

// Writers: empty or non-finite numbers become null.
Json result_number_json(std::optional<double> value);
Json result_numbers_json(const std::vector<std::optional<double>>& values);
Json result_interval_json(const ResultInterval& interval);  // [low, high]
Json permutation_summary_json(const PermutationSummary& summary);

// Readers. Every key is required; "nullable" ones may hold null.
const Json& result_object(const Json& obj, const char* key, const std::string& where);
const Json& result_array(const Json& obj, const char* key, const std::string& where);
std::optional<double> result_nullable_number(const Json& obj, const char* key, const std::string& where);
std::optional<int> result_nullable_integer(const Json& obj, const char* key, const std::string& where);
std::optional<std::string> result_nullable_string(const Json& obj, const char* key, const std::string& where);
std::vector<std::string> result_strings(const Json& obj, const char* key, const std::string& where);
std::vector<std::optional<double>> result_nullable_numbers(const Json& obj, const char* key, const std::string& where);
// [low, high] with null ends; a null interval reads as two empty ends.
ResultInterval result_interval(const Json& obj, const char* key, const std::string& where);
// permutations (a whole number from 0), null (text), p_value (number or null).
PermutationSummary permutation_summary(const Json& obj, const char* key, const std::string& where);
// Throws unless `value` is an object: "<where>: expected an object, got ...".
void require_result_object(const Json& value, const std::string& where);

}  // namespace nsmlab
