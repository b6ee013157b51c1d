#include "report/prime_names.h"

#include <fmt/format.h>

#include <cctype>

#include "report/results_access.h"

namespace nsmlab {
namespace {

// Letters and digits only, lower case: "DONT_WANT" and "don't want" are the same words.
std::string folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (c >= 0x80) out += static_cast<char>(c);  // non-ASCII letters as they are
  return out;
}

}  // namespace

std::string prime_display_name(const std::string& id, const std::string& text) {
  return text.empty() || folded(text) == folded(id) ? id : text + " (" + id + ")";
}

std::map<std::string, std::string> prime_exponents(const Json& results) {
  std::map<std::string, std::string> out;
  const std::string doc = "results.json";
  const Json& rows = optional_array(optional_object(results, "rows", doc), "primes", doc + ": rows");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string at = fmt::format("{}: rows.primes[{}]", doc, i);
    out[require_string(rows[i], "id", at)] = require_string(rows[i], "text", at);
  }
  return out;
}

}  // namespace nsmlab
