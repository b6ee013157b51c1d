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
  const Json doc = parse_json_text(bytes, origin);  // depth-bounded; errors give byte and line
  if (!doc.is_object()) fail("{}: (top level): expected a JSON object", origin);

  Dataset d;
  if (doc.contains("format")) {
    const Json& f = doc["format"];
    if (!f.is_string() || f.get<std::string>() != kNativeDatasetFormat)
      fail("{}: format: unsupported dataset format {} (this nsmlab reads \"{}\")", origin, json_excerpt(f),
           kNativeDatasetFormat);
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
