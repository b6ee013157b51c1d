// The catalogues: French is complete, typographically French, and a French report carries
// no English sentence from the catalogue.
#include "report/messages.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "report/report.h"
#include "report/text_escape.h"
#include "report_test_support.h"
#include "util/error.h"

namespace nsmlab {
namespace {

std::set<std::string> keys(std::span<const Message> messages) {
  std::set<std::string> out;
  for (const Message& m : messages) EXPECT_TRUE(out.insert(std::string(m.key)).second) << "duplicate key " << m.key;
  return out;
}

TEST(Messages, EveryEnglishKeyHasAFrenchTranslationAndNoOther) {
  const std::set<std::string> en = keys(english_messages()), fr = keys(french_messages());
  for (const std::string& k : en) EXPECT_TRUE(fr.count(k)) << "no French for " << k;
  for (const std::string& k : fr) EXPECT_TRUE(en.count(k)) << "French key without English: " << k;
}

TEST(Messages, PlaceholdersMatchBetweenLanguages) {
  const Messages en(ReportLanguage::en), fr(ReportLanguage::fr);
  const std::regex placeholder(R"(\{[^}]*\})");
  for (const Message& m : english_messages()) {
    const std::string e = en(m.key), f = fr(m.key);
    const auto count = [&](const std::string& s) {
      return std::distance(std::sregex_iterator(s.begin(), s.end(), placeholder), std::sregex_iterator());
    };
    EXPECT_EQ(count(e), count(f)) << m.key;
  }
}

TEST(Messages, FrenchTypography) {
  EXPECT_EQ(french_typography("Verdict : oui ; « non » ?"), "Verdict\u00A0: oui\u202F; «\u00A0non\u00A0»\u202F?");
  EXPECT_EQ(french_typography("{:.0e} a:b"), "{:.0e} a:b");  // placeholders and colons without a space stay
  const Messages fr(ReportLanguage::fr);
  for (const Message& m : french_messages()) {
    const std::string& text = fr(m.key);
    for (const char* bad : {" :", " ;", " ?", " !", "« ", " »", "'"})
      EXPECT_EQ(text.find(bad), std::string::npos) << m.key << ": '" << bad << "' in " << text;
  }
}

TEST(Messages, FrenchPercentSign) {
  EXPECT_EQ(Messages(ReportLanguage::fr).format("p.value_with_p", "47.4%", "0.010"), "47.4\u202F% (p 0.010)");
  EXPECT_EQ(Messages(ReportLanguage::fr).numbers(Messages(ReportLanguage::fr).numbers("5%")), "5\u202F%");  // idempotent
  EXPECT_EQ(Messages(ReportLanguage::en).format("p.value_with_p", "47.4%", "0.010"), "47.4% (p 0.010)");
}

TEST(Messages, ResolveLanguage) {
  EXPECT_EQ(resolve_report_language("auto", "fr"), ReportLanguage::fr);
  EXPECT_EQ(resolve_report_language("auto", "en"), ReportLanguage::en);
  EXPECT_EQ(resolve_report_language("auto", "de"), ReportLanguage::en);
  EXPECT_EQ(resolve_report_language("en", "fr"), ReportLanguage::en);
  EXPECT_EQ(resolve_report_language("fr", "en"), ReportLanguage::fr);
  EXPECT_THROW(resolve_report_language("de", "fr"), Error);
  EXPECT_THROW(Messages()("no.such.key"), Error);
}

// The pieces of an English text between its placeholders that read as English words: at
// least two words and not the same in French (book titles, "Permutations" ...).
std::vector<std::string> english_fragments(std::string_view key) {
  const std::string en = Messages(ReportLanguage::en)(key), fr = Messages(ReportLanguage::fr)(key);
  std::vector<std::string> out;
  const std::regex split(R"(\{[^}]*\})");
  for (std::sregex_token_iterator it(en.begin(), en.end(), split, -1), end; it != end; ++it) {
    std::string piece = *it;
    piece.erase(0, piece.find_first_not_of(" ,.;:()"));
    piece.erase(piece.find_last_not_of(" ,.;:()") + 1);
    if (piece.find(' ') == std::string::npos || fr.find(piece) != std::string::npos) continue;
    out.push_back(piece);
  }
  return out;
}

// Every branch of the document: lexical notice, skipped items, ties, no permutations.
std::vector<Json> documents() {
  Json plain = testing::sample_results();
  Json lexical = plain;
  lexical["metadata"]["model"]["kind"] = "lexical";
  lexical["notice"] = "LEXICAL BASELINE";
  for (Json& row : lexical["synthesis"]) row["verdict"] = "not_applicable";
  lexical["h2"]["squares"][0]["decision"] = "tie";
  for (const char* h : {"h1", "h2", "h3"}) lexical[h]["significance"]["permutations"] = 0;
  return {plain, lexical};
}

TEST(Messages, FrenchReportHasNoEnglishSentenceFromTheCatalogue) {
  for (const Json& doc : documents()) {
    const std::string html = render_report_html(doc, {{"tsne.png", "x"}}, ReportLanguage::fr);
    const std::string md = render_report_md(doc, ReportLanguage::fr);
    EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(html.find("Sommaire"), std::string::npos);
    for (const Message& m : english_messages()) {
      for (const std::string& piece : english_fragments(m.key)) {
        EXPECT_EQ(html.find(html_escape(piece)), std::string::npos) << m.key << ": \"" << piece << "\" in report.html";
        EXPECT_EQ(md.find(markdown_escape(piece)), std::string::npos) << m.key << ": \"" << piece << "\" in report.md";
      }
    }
  }
  // And the check has teeth: the English report does contain them.
  const std::string english = render_report_html(testing::sample_results(), {}, ReportLanguage::en);
  EXPECT_NE(english.find(html_escape(english_fragments("h2.null").front())), std::string::npos);
}

}  // namespace
}  // namespace nsmlab
