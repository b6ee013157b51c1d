// The words of the report and the figures, in one catalogue per language
// (messages_en.cpp, messages_fr.cpp): code asks for a key, never for a language.
#pragma once
#include <fmt/format.h>

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace nsmlab {

enum class ReportLanguage { en, fr };

// `choice` is "en", "fr" or "auto" (the run's language when it has a catalogue, else English).
// Throws nsmlab::Error for any other choice.
ReportLanguage resolve_report_language(const std::string& choice, const std::string& run_language);
const char* report_language_code(ReportLanguage language);  // "en", "fr" (html lang)

struct Message {
  std::string_view key, text;
};

// The catalogues as written. In French, a plain space before : ; ? ! and inside « » becomes
// the non-breaking space French typography wants when the catalogue is loaded (see Messages).
std::span<const Message> english_messages();
std::span<const Message> french_messages();

class Messages {
 public:
  explicit Messages(ReportLanguage language = ReportLanguage::en);
  ReportLanguage language() const { return language_; }
  // The text of `key`; English when the language lacks it; nsmlab::Error for an unknown key.
  const std::string& operator()(std::string_view key) const;
  // The text of `key` with its {} placeholders filled in (numbers as in numbers()).
  template <typename... Args>
  std::string format(std::string_view key, Args&&... args) const {
    return numbers(fmt::format(fmt::runtime((*this)(key)), std::forward<Args>(args)...));
  }
  // Formatted numbers in this language's typography: in French a narrow non-breaking
  // space before % ("47.4 %"). Decimals keep their point in both languages.
  std::string numbers(std::string text) const;

 private:
  ReportLanguage language_;
  const std::map<std::string, std::string, std::less<>>* texts_;
  const std::map<std::string, std::string, std::less<>>* english_;
};

// French typography on a catalogue text: non-breaking spaces before : ; ? ! and inside « ».
std::string french_typography(std::string_view text);

}  // namespace nsmlab
