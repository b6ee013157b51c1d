#include "report/messages.h"

#include "util/error.h"

namespace nsmlab {
namespace {

using Table = std::map<std::string, std::string, std::less<>>;

Table load(std::span<const Message> messages, bool french) {
  Table t;
  for (const Message& m : messages) t.emplace(m.key, french ? french_typography(m.text) : std::string(m.text));
  return t;
}

const Table& english_table() {
  static const Table t = load(english_messages(), false);
  return t;
}

const Table& french_table() {
  static const Table t = load(french_messages(), true);
  return t;
}

}  // namespace

ReportLanguage resolve_report_language(const std::string& choice, const std::string& run_language) {
  if (choice == "en") return ReportLanguage::en;
  if (choice == "fr") return ReportLanguage::fr;
  if (choice == "auto") return run_language == "fr" ? ReportLanguage::fr : ReportLanguage::en;
  fail("report language '{}': expected en, fr or auto", choice);
}

const char* report_language_code(ReportLanguage language) { return language == ReportLanguage::fr ? "fr" : "en"; }

std::string french_typography(std::string_view text) {
  constexpr std::string_view kNbsp = "\u00A0", kNarrowNbsp = "\u202F";
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool before_punctuation = c == ' ' && i + 1 < text.size() &&
                                    (text[i + 1] == ':' || text[i + 1] == ';' || text[i + 1] == '?' || text[i + 1] == '!');
    if (before_punctuation) {
      out += text[i + 1] == ':' ? kNbsp : kNarrowNbsp;
    } else if (c == ' ' && text.substr(i + 1, 2) == "»") {
      out += kNbsp;
    } else if (c == ' ' && i >= 2 && text.substr(i - 2, 2) == "«") {
      out += kNbsp;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Messages::numbers(std::string text) const {
  if (language_ != ReportLanguage::fr) return text;
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') out += "\u202F";
    out += text[i];
  }
  return out;
}

Messages::Messages(ReportLanguage language)
    : language_(language),
      texts_(language == ReportLanguage::fr ? &french_table() : &english_table()),
      english_(&english_table()) {}

const std::string& Messages::operator()(std::string_view key) const {
  if (auto it = texts_->find(key); it != texts_->end()) return it->second;
  if (auto it = english_->find(key); it != english_->end()) return it->second;
  fail("report: no message '{}' in the catalogue", key);
}

}  // namespace nsmlab
