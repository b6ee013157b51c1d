#include "experiments/dataset.h"

#include <algorithm>

#include "experiments/dataset_formats.h"
#include "experiments/dataset_schema.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/utf8.h"

namespace nsmlab {

const Prime* Dataset::find_prime(std::string_view id) const {
  for (const Prime& p : primes)
    if (p.id == id) return &p;
  return nullptr;
}

std::vector<std::string> Dataset::languages() const {
  std::vector<std::string> out;
  if (primes.empty()) return out;
  for (const auto& entry : primes.front().exponents) {
    const std::string& lang = entry.first;  // not a structured binding: clang 14 cannot capture those
    const bool everywhere = std::all_of(primes.begin(), primes.end(), [&](const Prime& p) {
      auto it = p.exponents.find(lang);
      return it != p.exponents.end() && !it->second.empty();
    });
    if (everywhere) out.push_back(lang);
  }
  return out;
}

namespace {

constexpr int kMaxDatasetDepth = 32;

// 1-based line of a byte offset, so a user can jump to it in an editor.
size_t line_of(std::string_view bytes, size_t offset) {
  return 1 + std::count(bytes.begin(), bytes.begin() + std::min(offset, bytes.size()), '\n');
}

}  // namespace

Dataset parse_dataset(std::string_view bytes, const std::string& origin) {
  // Checked before parsing so the error says "UTF-8" and where, not a generic JSON error.
  size_t bad = 0;
  if (!is_valid_utf8(bytes, &bad))
    fail("{}: invalid UTF-8 at byte {} (line {}): dataset files must be UTF-8 encoded", origin, bad,
         line_of(bytes, bad));
  Json doc;
  try {
    // A dataset nests a few levels (isotopy_lexicons.<lang>.<target>[]); deeper input is
    // refused while parsing, before anything recursive (copies, dumps) can meet it.
    doc = Json::parse(bytes.begin(), bytes.end(), [&](int depth, nlohmann::json::parse_event_t, Json&) {
      if (depth > kMaxDatasetDepth)
        fail("{}: JSON nested deeper than {} levels: not a dataset", origin, kMaxDatasetDepth);
      return true;
    });
  } catch (const nlohmann::json::parse_error& e) {
    fail("{}: invalid JSON at byte {} (line {}): {}", origin, e.byte, line_of(bytes, e.byte ? e.byte - 1 : 0),
         e.what());
  } catch (const nlohmann::json::exception& e) {  // 406: a number outside the range of a double
    fail("{}: invalid JSON: {}", origin, e.what());
  }
  if (!doc.is_object()) fail("{}: (top level): expected a JSON object", origin);

  Dataset d;
  if (doc.contains("format")) {
    const Json& f = doc["format"];
    if (!f.is_string() || f.get<std::string>() != kNativeDatasetFormat)
      fail("{}: format: unsupported dataset format {} (this nsmlab reads \"{}\")", origin,
           dataset_schema::excerpt(f), kNativeDatasetFormat);
    d = read_native_dataset(doc, origin);
  } else if (doc.contains("primitives")) {
    d = read_panini_dataset(doc, origin);
  } else {
    fail("{}: not a dataset: expected \"format\": \"{}\" (nsmlab) or a \"primitives\" array (original panini data)",
         origin, kNativeDatasetFormat);
  }
  d.origin = origin;
  d.sha256 = sha256_hex(bytes);
  return d;
}

Dataset load_dataset(const std::string& path) {
  const std::string bytes = read_file(path);
  return parse_dataset(bytes, path);
}

}  // namespace nsmlab
