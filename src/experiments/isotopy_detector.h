// Whole-word, case-insensitive detection of an isotopy's lexical forms in sentences.
//
// A form matches when it is not glued to a letter, digit, combining mark or underscore
// on either side (Unicode-aware, unlike ASCII \b). A form that ends with an apostrophe
// (French elisions: j', n', l') is a prefix: it needs a boundary on its left only, so
// "j'" matches "j'ai" and "J' ai". The typographic apostrophe ’ (U+2019) counts as '.
// Case folding is RE2's Unicode simple folding (É/é, À/à, Œ/œ).
//
// The original notebook used Python's r'\b' + form + r'\b' with re.IGNORECASE; the two
// rules agree except for elided forms not followed by a word character ("j' ai",
// "j'" at the end of a text) and for ’, which only this detector accepts.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace nsmlab {

class IsotopyDetector {
 public:
  // target -> forms. Each target's forms are compiled once into a single regex.
  explicit IsotopyDetector(const std::map<std::string, std::vector<std::string>>& lexicon);
  ~IsotopyDetector();
  IsotopyDetector(IsotopyDetector&&) noexcept;
  IsotopyDetector& operator=(IsotopyDetector&&) noexcept;

  bool has_target(const std::string& target) const;
  // True if any form of `target` occurs in `text` (UTF-8). Unknown target: nsmlab::Error.
  bool contains(const std::string& target, std::string_view text) const;
  // 1/0 per text.
  std::vector<int> presence(const std::string& target, const std::vector<std::string>& texts) const;

  // The regex built for a list of forms (exposed for tests and diagnostics).
  static std::string pattern_for(const std::string& target, const std::vector<std::string>& forms);

 private:
  std::map<std::string, std::unique_ptr<re2::RE2>> patterns_;  // nullptr: no forms, never matches
};

}  // namespace nsmlab
