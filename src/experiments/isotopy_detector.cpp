#include "experiments/isotopy_detector.h"

#include <re2/re2.h>

#include "util/error.h"

namespace nsmlab {

namespace {

// Anything a word cannot be glued to: not a letter, digit, combining mark (decomposed
// accents) or '_'.
constexpr const char* kNotWordChar = R"([^\pL\pN\pM_])";
constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // ’ U+2019

// Escapes a form for RE2, letting either apostrophe stand for '.
std::string form_regex(std::string form) {
  for (size_t p = form.find(kRightQuote); p != std::string::npos; p = form.find(kRightQuote, p)) {
    form.replace(p, kRightQuote.size(), "'");
  }
  std::string out;
  size_t start = 0;
  for (size_t p = form.find('\''); ; p = form.find('\'', start)) {
    out += RE2::QuoteMeta(form.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    out += "(?:'|\xE2\x80\x99)";
    start = p + 1;
  }
  return out;
}

bool ends_with_apostrophe(const std::string& form) {
  return (!form.empty() && form.back() == '\'') ||
         (form.size() >= kRightQuote.size() && form.compare(form.size() - kRightQuote.size(), kRightQuote.size(), kRightQuote) == 0);
}

}  // namespace

std::string IsotopyDetector::pattern_for(const std::string& target, const std::vector<std::string>& forms) {
  std::string words, prefixes;
  for (const std::string& f : forms) {
    if (f.find_first_not_of(" \t\n\r") == std::string::npos) {
      fail("isotopy lexicon: target '{}' has an empty form (expected a word or an elided prefix like \"j'\")", target);
    }
    std::string& group = ends_with_apostrophe(f) ? prefixes : words;
    if (!group.empty()) group += '|';
    group += form_regex(f);
  }
  // RE2 has no look-around: the boundaries are consumed, which is fine for a yes/no search.
  std::string alternatives;
  if (!words.empty()) alternatives = "(?:" + words + ")(?:$|" + kNotWordChar + ")";
  if (!prefixes.empty()) alternatives += (alternatives.empty() ? "" : "|") + ("(?:" + prefixes + ")");
  return std::string("(?:^|") + kNotWordChar + ")(?:" + alternatives + ")";
}

IsotopyDetector::IsotopyDetector(const std::map<std::string, std::vector<std::string>>& lexicon) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  for (const auto& [target, forms] : lexicon) {
    if (forms.empty()) {
      patterns_[target] = nullptr;
      continue;
    }
    auto re = std::make_unique<RE2>(pattern_for(target, forms), options);
    if (!re->ok()) fail("isotopy lexicon: target '{}': cannot compile its forms ({})", target, re->error());
    patterns_[target] = std::move(re);
  }
}

IsotopyDetector::~IsotopyDetector() = default;
IsotopyDetector::IsotopyDetector(IsotopyDetector&&) noexcept = default;
IsotopyDetector& IsotopyDetector::operator=(IsotopyDetector&&) noexcept = default;

bool IsotopyDetector::has_target(const std::string& target) const { return patterns_.count(target) != 0; }

bool IsotopyDetector::contains(const std::string& target, std::string_view text) const {
  auto it = patterns_.find(target);
  if (it == patterns_.end()) fail("isotopy detector: target '{}' is not in the lexicon", target);
  if (!it->second) return false;
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *it->second);
}

std::vector<int> IsotopyDetector::presence(const std::string& target, const std::vector<std::string>& texts) const {
  std::vector<int> out;
  out.reserve(texts.size());
  for (const std::string& t : texts) out.push_back(contains(target, t) ? 1 : 0);
  return out;
}

}  // namespace nsmlab
