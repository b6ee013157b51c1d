// Typed access to the JSON of a dataset file with errors that name the file and the
// JSON path ("data.json: primes[12].exponents.fr: expected ..."), shared by both readers.
#pragma once
#include <string>
#include <vector>

#include "util/json_file.h"

namespace nsmlab::dataset_schema {

// A short description of a value for error messages ("an array of 3 items", "\"abc\"", 42).
std::string excerpt(const Json& value);

// A JSON value together with where it sits, so every error can say which field is wrong.
struct Node {
  const Json& value;
  std::string path;  // "" for the document root
  const std::string& file;

  [[noreturn]] void fail_expected(const std::string& what) const;
  bool has(const std::string& key) const;
  Node at(const std::string& key) const;  // required member of an object
  Node at(size_t index) const;            // element of an array
  size_t size() const;                    // of an array (checked)
  void require_object() const;
  void require_array() const;
  void reject_unknown_keys(const std::vector<std::string>& allowed) const;
  std::string string() const;                           // a non-blank string
  std::string string_or_empty() const;                  // any string
  std::vector<std::string> string_list() const;         // a non-empty array of non-blank strings
  std::string child_path(const std::string& key) const;
};

// The "isotopy_targets" array, shared by both formats: non-blank, unique ids.
void read_isotopy_targets(const Node& targets, std::vector<std::string>& out);

}  // namespace nsmlab::dataset_schema
