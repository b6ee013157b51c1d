#include "experiments/dataset_schema.h"

#include <algorithm>

namespace nsmlab::dataset_schema {

namespace {
bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}
}  // namespace

std::string excerpt(const Json& value) {
  // Containers are described, not dumped: dump() recurses once per level of nesting.
  if (value.is_array()) return fmt::format("an array of {} items", value.size());
  if (value.is_object()) return fmt::format("an object with {} fields", value.size());
  std::string got = value.dump();
  if (got.size() > 60) got = got.substr(0, 57) + "...";
  return got;
}

void Node::fail_expected(const std::string& what) const {
  const std::string got = excerpt(value);
  fail("{}: {}: expected {}, got {}", file, path.empty() ? "(top level)" : path, what, got);
}

std::string Node::child_path(const std::string& key) const { return path.empty() ? key : path + "." + key; }

void Node::require_object() const {
  if (!value.is_object()) fail_expected("an object");
}

void Node::require_array() const {
  if (!value.is_array()) fail_expected("an array");
}

bool Node::has(const std::string& key) const {
  require_object();
  auto it = value.find(key);
  return it != value.end() && !it->is_null();
}

Node Node::at(const std::string& key) const {
  require_object();
  auto it = value.find(key);
  if (it == value.end() || it->is_null()) fail("{}: {}: missing required field", file, child_path(key));
  return Node{*it, child_path(key), file};
}

Node Node::at(size_t index) const {
  require_array();
  return Node{value.at(index), path + "[" + std::to_string(index) + "]", file};
}

size_t Node::size() const {
  require_array();
  return value.size();
}

void Node::reject_unknown_keys(const std::vector<std::string>& allowed) const {
  require_object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      fail("{}: {}: unknown field (a typo? allowed: {})", file, child_path(it.key()), fmt::join(allowed, ", "));
  }
}

std::string Node::string() const {
  if (!value.is_string() || is_blank(value.get_ref<const std::string&>())) fail_expected("a non-empty string");
  return value.get<std::string>();
}

std::string Node::string_or_empty() const {
  if (!value.is_string()) fail_expected("a string");
  return value.get<std::string>();
}

std::vector<std::string> Node::string_list() const {
  const bool ok = value.is_array() && !value.empty() && std::all_of(value.begin(), value.end(), [](const Json& v) {
                    return v.is_string() && !is_blank(v.get_ref<const std::string&>());
                  });
  if (!ok) fail_expected("a non-empty array of non-empty strings");
  return value.get<std::vector<std::string>>();
}

void read_isotopy_targets(const Node& targets, std::vector<std::string>& out) {
  for (size_t i = 0; i < targets.size(); ++i) {
    const Node t = targets.at(i);
    std::string id = t.string();
    if (std::find(out.begin(), out.end(), id) != out.end())
      fail("{}: {}: duplicate isotopy target '{}'", t.file, t.path, id);
    out.push_back(std::move(id));
  }
}

}  // namespace nsmlab::dataset_schema
