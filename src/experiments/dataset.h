// The NSM dataset an experiment runs on: semantic primes with their exponents per
// language, Greimas squares built from them, and test corpora with isotopy lexicons.
// Two file formats are read: nsmlab's own ("format": "nsmlab-dataset/1", docs/DATASET.md)
// and the original experiment's panini JSON, so the published numbers can be reproduced.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab {

struct Prime {
  std::string id;
  std::string category;
  std::map<std::string, std::vector<std::string>> exponents;  // language ("en","fr") -> forms, first is the main one
  // Older attested forms no longer on the current chart: kept for reference, never encoded.
  std::map<std::string, std::vector<std::string>> variants;
};

// How well a square's four primes play Greimas & Courtés' roles (docs/DATASET.md):
// "sound", "weak" or "" (not rated, e.g. the original's squares). H2 reports every square
// and, separately, the sound ones.
inline constexpr const char* kSquareStrengths[] = {"sound", "weak"};

struct Square {
  std::string name, s1, s2, non_s1, non_s2, rationale;  // prime ids
  std::string strength, note;  // note: what is weak or stretched in it
};

struct CorpusSentence {
  std::string text;
  std::string isotopy_group;
};

struct Dataset {
  std::string name, description, origin;  // origin: "builtin" or the file path
  std::string sha256;                     // of the file bytes
  std::vector<std::string> categories;    // in chart order
  std::map<std::string, std::string> category_colors;  // category -> "#RRGGBB" (may be empty: plots pick a palette)
  std::vector<Prime> primes;
  std::vector<Square> squares;  // may name unknown primes: H2 reports and skips them
  std::map<std::string, std::vector<CorpusSentence>> corpora;  // language -> sentences
  std::vector<std::string> isotopy_targets;
  // language -> target -> forms: the target's exponents and their inflections ...
  std::map<std::string, std::map<std::string, std::vector<std::string>>> isotopy_lexicons;
  // ... and, apart, synonyms and related words that are not exponents (connaître for KNOW).
  // H3 detects a target by both lists; the split says which detection is the NSM one.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> isotopy_synonyms;

  const Prime* find_prime(std::string_view id) const;  // nullptr if unknown
  std::vector<std::string> languages() const;          // languages with exponents for every prime
};

// Reads a native nsmlab dataset or an original panini file (auto-detected). Throws
// nsmlab::Error naming the file and the JSON path of the first problem found.
Dataset load_dataset(const std::string& path);

// data/nsm-dataset.json as compiled into the binary (origin "builtin").
Dataset builtin_dataset();

// The native format (what `nsmlab import` writes); deterministic, reloads to the same Dataset.
std::string dataset_to_json(const Dataset& d);

// Parses dataset file bytes; `origin` names the source in errors and becomes Dataset::origin.
Dataset parse_dataset(std::string_view bytes, const std::string& origin);

}  // namespace nsmlab
