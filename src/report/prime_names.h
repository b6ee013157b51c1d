// How a prime reads in the report's tables and figures: the text that was embedded with
// the prime it encodes, "je (I)"; the prime alone when the two are the same words
// ("I", "DONT_WANT" for "don't want").
#pragma once
#include <map>
#include <string>

#include "util/json_file.h"

namespace nsmlab {

std::string prime_display_name(const std::string& id, const std::string& text);

// Prime id -> text embedded, from results.json rows.primes (empty when the document has no
// rows). Throws nsmlab::Error for a row without its id or text.
std::map<std::string, std::string> prime_exponents(const Json& results);

}  // namespace nsmlab
