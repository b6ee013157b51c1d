#include "util/json_file.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "util/regular_file.h"

namespace nsmlab {

namespace {

// 1-based line of a byte offset, so a user can jump to it in an editor.
size_t line_of(std::string_view text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n');
}

// Byte offset where the nesting first goes deeper than `limit` (error path only).
size_t offset_of_depth(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// nlohmann's DOM builder behind a SAX front that counts depth, optionally refuses
// duplicate keys, and turns every parse error into an nsmlab::Error with the byte offset.
class BoundedSax {
 public:
  using DomParser = nlohmann::detail::json_sax_dom_parser<Json>;
  BoundedSax(Json& root, std::string_view text, const std::string& origin, bool unique_keys)
      : dom_(root), text_(text), origin_(origin), unique_keys_(unique_keys) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const std::string& s) { return dom_.number_float(v, s); }
  bool string(std::string& v) { return dom_.string(v); }
  bool binary(Json::binary_t& v) { return dom_.binary(v); }
  bool start_object(size_t n) {
    enter();
    if (unique_keys_) keys_.emplace_back();
    return dom_.start_object(n);
  }
  bool key(std::string& k) {
    if (unique_keys_ && !keys_.back().insert(k).second)
      fail("{}: key {} appears twice in the same JSON object", origin_, json_excerpt(Json(k), 80));
    return dom_.key(k);
  }
  bool end_object() {
    --depth_;
    if (unique_keys_) keys_.pop_back();
    return dom_.end_object();
  }
  bool start_array(size_t n) {
    enter();
    if (unique_keys_) keys_.emplace_back();
    return dom_.start_array(n);
  }
  bool end_array() {
    --depth_;
    if (unique_keys_) keys_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(size_t position, const std::string& /*token*/, const nlohmann::detail::exception& e) {
    // e.what() starts with "[json.exception.parse_error.101] "; the rest is the useful part.
    std::string what = e.what();
    if (auto p = what.find("] "); what.rfind("[json.exception.", 0) == 0 && p != std::string::npos)
      what = what.substr(p + 2);
    fail("{}: invalid JSON at byte {} (line {}): {}", origin_, position, line_of(text_, position ? position - 1 : 0),
         what);
  }

 private:
  void enter() {
    if (++depth_ > kMaxJsonDepth) {
      const size_t at = offset_of_depth(text_, kMaxJsonDepth);
      fail("{}: JSON nested deeper than {} levels at byte {} (line {})", origin_, kMaxJsonDepth, at,
           line_of(text_, at));
    }
  }

  DomParser dom_;
  std::string_view text_;
  const std::string& origin_;
  bool unique_keys_;
  size_t depth_ = 0;
  std::vector<std::unordered_set<std::string>> keys_;
};

}  // namespace

Json parse_json_text(std::string_view text, const std::string& origin, bool refuse_duplicate_keys) {
  Json root;
  BoundedSax sax(root, text, origin, refuse_duplicate_keys);
  Json::sax_parse(text.begin(), text.end(), &sax);
  return root;
}

Json load_json(const std::string& path) { return parse_json_text(read_regular_file(path), path); }

const char* json_type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::binary: return "binary data";
    case Json::value_t::discarded: break;
  }
  return "an invalid value";
}

std::string json_excerpt(const Json& value, size_t max_chars) {
  std::string out;
  struct Frame {
    const Json* container;
    Json::const_iterator next;
  };
  std::vector<Frame> stack;
  auto append = [&](const Json& v) {
    if (v.is_object() || v.is_array()) {
      out += v.is_object() ? '{' : '[';
      stack.push_back({&v, v.cbegin()});
    } else if (v.is_string()) {  // only the start of a long string; invalid UTF-8 is replaced
      const std::string& s = v.get_ref<const std::string&>();
      out += Json(s.substr(0, max_chars + 1)).dump(-1, ' ', false, Json::error_handler_t::replace);
    } else {
      out += v.dump();
    }
  };
  append(value);
  while (!stack.empty() && out.size() <= max_chars) {
    Frame& f = stack.back();
    const Json& c = *f.container;
    if (f.next == c.cend()) {
      out += c.is_object() ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (f.next != c.cbegin()) out += ", ";
    if (c.is_object()) out += Json(f.next.key().substr(0, max_chars + 1)).dump(-1, ' ', false, Json::error_handler_t::replace) + ": ";
    const Json& child = *f.next;
    ++f.next;  // before append, which may grow the stack and move f
    append(child);
  }
  if (out.size() > max_chars) {
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters only
    out = out.substr(0, cut) + "...";
  }
  return out;
}

namespace json_detail {

void fail_type(const Json& value, const std::string& field, const std::string& file, const std::string& expected) {
  fail("{}: field '{}' must be {}, got {} {}", file, field, expected, json_type_name(value), json_excerpt(value));
}

}  // namespace json_detail

}  // namespace nsmlab
