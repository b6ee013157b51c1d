#include "experiments/dataset.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <fstream>
#include <regex>
#include <set>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/sha256.h"

namespace nsmlab {
namespace {

namespace fs = std::filesystem;

const std::string kPanini = NSMLAB_SHARED_DIR "/reference/panini_reference_data.json";

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whole-word, case-insensitive, with regex \b semantics: a form ending in an apostrophe
// (French j', n') must be followed by a word.
bool contains_word(const std::string& text, const std::string& form) {
  const std::string t = lower_ascii(text), f = lower_ascii(form);
  for (size_t p = t.find(f); p != std::string::npos; p = t.find(f, p + 1)) {
    const bool before = p == 0 ? false : is_word_byte(t[p - 1]);
    const bool after = p + f.size() >= t.size() ? false : is_word_byte(t[p + f.size()]);
    if (before != is_word_byte(f.front()) && after != is_word_byte(f.back())) return true;
  }
  return false;
}

TEST(WholeWord, MatchesLikeRegexWordBoundaries) {
  EXPECT_TRUE(contains_word("J'ai faim", "j'"));
  EXPECT_TRUE(contains_word("Il ne vient pas", "pas"));
  EXPECT_FALSE(contains_word("Il passe", "pas"));
  EXPECT_FALSE(contains_word("bonjour", "bon"));
  EXPECT_TRUE(contains_word("I know.", "i"));
}

TEST(BuiltinDataset, HasAllSixtyFivePrimesInSixteenCategories) {
  const Dataset d = builtin_dataset();
  EXPECT_EQ(d.origin, "builtin");
  EXPECT_EQ(d.primes.size(), 65u);
  ASSERT_EQ(d.categories.size(), 16u);
  std::set<std::string> used, ids;
  for (const Prime& p : d.primes) {
    used.insert(p.category);
    ids.insert(p.id);
    ASSERT_EQ(p.exponents.count("en"), 1u) << p.id;
    ASSERT_EQ(p.exponents.count("fr"), 1u) << p.id;
  }
  EXPECT_EQ(used.size(), 16u);
  EXPECT_EQ(ids.size(), 65u);
  EXPECT_EQ(d.languages(), (std::vector<std::string>{"en", "fr"}));
  // A few primes of the chart, with their category and allolexes.
  ASSERT_NE(d.find_prime("DONT_WANT"), nullptr);
  EXPECT_EQ(d.find_prime("DONT_WANT")->category, "MENTAL_PREDICATES");
  EXPECT_EQ(d.find_prime("TOUCH")->category, "PLACE");
  EXPECT_EQ(d.find_prime("I")->exponents.at("fr"), (std::vector<std::string>{"je", "me", "moi"}));
  EXPECT_EQ(d.find_prime("SOMETHING")->exponents.at("en").front(), "something");
  EXPECT_EQ(d.find_prime("LIKE")->category, "SIMILARITY");
  EXPECT_EQ(d.find_prime("NO_SUCH_PRIME"), nullptr);
  // Distinct, valid colours for every category.
  std::set<std::string> colours;
  for (const std::string& c : d.categories) {
    ASSERT_EQ(d.category_colors.count(c), 1u) << c;
    EXPECT_TRUE(std::regex_match(d.category_colors.at(c), std::regex("#[0-9a-fA-F]{6}")));
    colours.insert(d.category_colors.at(c));
  }
  EXPECT_EQ(colours.size(), 16u);
  // The sha256 is that of the shipped file.
  EXPECT_EQ(d.sha256, sha256_file_hex(NSMLAB_SOURCE_DIR "/data/nsm-dataset.json"));
}

TEST(BuiltinDataset, SquaresNameKnownDistinctPrimes) {
  const Dataset d = builtin_dataset();
  EXPECT_GE(d.squares.size(), 20u);
  std::set<std::string> names;
  for (const Square& s : d.squares) {
    names.insert(s.name);
    const std::set<std::string> roles{s.s1, s.s2, s.non_s1, s.non_s2};
    EXPECT_EQ(roles.size(), 4u) << s.name;
    for (const std::string& r : roles) EXPECT_NE(d.find_prime(r), nullptr) << s.name << ": " << r;
    EXPECT_FALSE(s.rationale.empty()) << s.name;
  }
  EXPECT_EQ(names.size(), d.squares.size());
}

// Issue 10's corrections: the squares' roles, their ratings, the French chart forms.
TEST(BuiltinDataset, SquaresRatedAndCorrected) {
  const Dataset d = builtin_dataset();
  std::set<std::string> sound;
  for (const Square& s : d.squares) {
    EXPECT_TRUE(s.strength == "sound" || s.strength == "weak") << s.name;
    EXPECT_FALSE(s.note.empty()) << s.name;
    if (s.strength == "sound") sound.insert(s.name);
    if (s.name == "ALL_NONE") {  // SOME contradicts none (NOT); PART stands in for "not all"
      EXPECT_EQ(s.non_s2, "SOME");
      EXPECT_EQ(s.non_s1, "PART");
    }
    if (s.name == "KNOW_MAYBE") {
      EXPECT_EQ(s.non_s1, "MAYBE");  // uncertainty contradicts certainty
    }
  }
  // The second reading (docs/DATASET-REVIEW.md) found no square sound without stand-ins.
  EXPECT_TRUE(sound.empty());
}

TEST(BuiltinDataset, FrenchMainFormsOfTheChartAndOlderVariants) {
  const Dataset d = builtin_dataset();
  const std::map<std::string, std::string> main = {{"KIND", "type"}, {"SOME", "certains"}, {"GOOD", "bien"},
      {"BAD", "mal"}, {"MOMENT", "en un instant"}, {"BELOW", "au-dessous"}, {"INSIDE", "dans"}};
  for (const auto& [id, form] : main) EXPECT_EQ(d.find_prime(id)->exponents.at("fr").at(0), form) << id;
  EXPECT_EQ(d.find_prime("KIND")->variants.at("fr"), (std::vector<std::string>{"sorte", "espèce"}));
  const auto& when = d.find_prime("WHEN")->exponents.at("fr");
  EXPECT_NE(std::find(when.begin(), when.end(), "moment"), when.end());
  // Lexicons hold exponents and inflections; synonyms are apart, never in both.
  for (const auto& [lang, targets] : d.isotopy_synonyms)
    for (const auto& [target, forms] : targets)
      for (const std::string& f : forms) {
        const auto& lex = d.isotopy_lexicons.at(lang).at(target);
        EXPECT_EQ(std::find(lex.begin(), lex.end(), f), lex.end()) << lang << " " << target << " " << f;
      }
  const auto& know = d.isotopy_synonyms.at("fr").at("KNOW");
  EXPECT_NE(std::find(know.begin(), know.end(), "connais"), know.end());
}

TEST(BuiltinDataset, CorporaAreLabelledAndEveryTargetOccursThreeTimes) {
  const Dataset d = builtin_dataset();
  const Dataset ref = load_dataset(kPanini);
  std::set<std::string> reference;
  for (const CorpusSentence& s : ref.corpora.at("fr")) reference.insert(s.text);
  ASSERT_FALSE(d.isotopy_targets.empty());
  for (const std::string lang : {"en", "fr"}) {
    ASSERT_EQ(d.corpora.count(lang), 1u);
    const auto& corpus = d.corpora.at(lang);
    EXPECT_GE(corpus.size(), 100u) << lang;
    for (const CorpusSentence& s : corpus) {
      EXPECT_FALSE(s.isotopy_group.empty());
      EXPECT_EQ(reference.count(s.text), 0u) << "copied from the reference corpus: " << s.text;
    }
    const auto& lexicon = d.isotopy_lexicons.at(lang);
    for (const std::string& target : d.isotopy_targets) {
      ASSERT_EQ(lexicon.count(target), 1u) << lang << " " << target;
      int occurrences = 0;
      for (const CorpusSentence& s : corpus) {
        bool hit = false;
        for (const std::string& form : lexicon.at(target)) hit = hit || contains_word(s.text, form);
        auto syn = d.isotopy_synonyms.find(lang);
        if (syn != d.isotopy_synonyms.end() && syn->second.count(target))
          for (const std::string& form : syn->second.at(target)) hit = hit || contains_word(s.text, form);
        occurrences += hit;
      }
      EXPECT_GE(occurrences, 3) << lang << " " << target;
    }
  }
  // French elisions are written with the ASCII apostrophe, as the matcher expects.
  const auto& je = d.isotopy_lexicons.at("fr").at("I");
  EXPECT_NE(std::find(je.begin(), je.end(), "j'"), je.end());
}

TEST(PaniniImport, LoadsTheOriginalData) {
  const Dataset d = load_dataset(kPanini);
  EXPECT_EQ(d.origin, kPanini);
  EXPECT_EQ(d.sha256, sha256_file_hex(kPanini));
  EXPECT_EQ(d.primes.size(), 54u);
  EXPECT_EQ(d.categories.size(), 11u);
  EXPECT_EQ(d.categories.front(), "SUBSTANTIFS");
  EXPECT_EQ(d.category_colors.at("SUBSTANTIFS"), "#FF6B6B");
  EXPECT_EQ(d.category_colors.count("TEMPS"), 0u);  // declared colour, but no primitive uses it
  EXPECT_EQ(d.squares.size(), 20u);
  EXPECT_EQ(d.corpora.at("fr").size(), 105u);
  EXPECT_EQ(d.isotopy_targets.size(), 7u);
  EXPECT_EQ(d.languages(), std::vector<std::string>{"fr"});
  EXPECT_EQ(d.find_prime("QUELQU_UN")->exponents.at("fr"), std::vector<std::string>{"quelqu'un"});
  EXPECT_EQ(d.isotopy_lexicons.at("fr").at("JE").at(1), "j'");
  // The unknown prime APRES is kept: H2 reports and skips it.
  bool apres = false;
  for (const Square& s : d.squares) apres = apres || s.non_s2 == "APRES";
  EXPECT_TRUE(apres);
  EXPECT_EQ(d.find_prime("APRES"), nullptr);
  EXPECT_EQ(d.squares.front().name, "SAVOIR_PENSER");
  EXPECT_EQ(d.corpora.at("fr").front().isotopy_group, "SAVOIR/CONNAISSANCE");
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("nsmlab_dataset_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  fs::path dir_;
};

void expect_same(const Dataset& a, const Dataset& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.categories, b.categories);
  EXPECT_EQ(a.category_colors, b.category_colors);
  ASSERT_EQ(a.primes.size(), b.primes.size());
  for (size_t i = 0; i < a.primes.size(); ++i) {
    EXPECT_EQ(a.primes[i].id, b.primes[i].id);
    EXPECT_EQ(a.primes[i].category, b.primes[i].category);
    EXPECT_EQ(a.primes[i].exponents, b.primes[i].exponents);
  }
  ASSERT_EQ(a.squares.size(), b.squares.size());
  for (size_t i = 0; i < a.squares.size(); ++i) {
    const Square &x = a.squares[i], &y = b.squares[i];
    EXPECT_EQ(std::tie(x.name, x.s1, x.s2, x.non_s1, x.non_s2, x.rationale),
              std::tie(y.name, y.s1, y.s2, y.non_s1, y.non_s2, y.rationale));
  }
  ASSERT_EQ(a.corpora.size(), b.corpora.size());
  for (const auto& [lang, sentences] : a.corpora) {
    ASSERT_EQ(b.corpora.at(lang).size(), sentences.size());
    for (size_t i = 0; i < sentences.size(); ++i) {
      EXPECT_EQ(sentences[i].text, b.corpora.at(lang)[i].text);
      EXPECT_EQ(sentences[i].isotopy_group, b.corpora.at(lang)[i].isotopy_group);
    }
  }
  EXPECT_EQ(a.isotopy_targets, b.isotopy_targets);
  EXPECT_EQ(a.isotopy_lexicons, b.isotopy_lexicons);
  EXPECT_EQ(a.isotopy_synonyms, b.isotopy_synonyms);
  for (size_t i = 0; i < a.primes.size() && i < b.primes.size(); ++i) EXPECT_EQ(a.primes[i].variants, b.primes[i].variants);
  for (size_t i = 0; i < a.squares.size() && i < b.squares.size(); ++i) {
    EXPECT_EQ(a.squares[i].strength, b.squares[i].strength);
    EXPECT_EQ(a.squares[i].note, b.squares[i].note);
  }
}

using RoundTrip = TempDir;

TEST_F(RoundTrip, BuiltinAndPaniniSurviveWriteAndReload) {
  for (const Dataset& original : {builtin_dataset(), load_dataset(kPanini)}) {
    const std::string json = dataset_to_json(original);
    EXPECT_EQ(json, dataset_to_json(original));  // deterministic
    const std::string path = write(original.name + ".json", json);
    const Dataset again = load_dataset(path);
    expect_same(original, again);
    EXPECT_EQ(again.origin, path);
    EXPECT_EQ(again.sha256, sha256_hex(json));
    EXPECT_EQ(dataset_to_json(again), json);  // a fixed point
  }
}

// A minimal valid native file; each error case breaks one thing in it.
const char* kMinimal = R"({
  "format": "nsmlab-dataset/1", "name": "mini",
  "categories": [{"id": "EVALUATORS", "color": "#00ff00"}, {"id": "LOGIC"}],
  "primes": [
    {"id": "GOOD", "category": "EVALUATORS", "exponents": {"en": ["good"], "fr": ["bon", "bien"]}},
    {"id": "BAD", "category": "EVALUATORS", "exponents": {"en": ["bad"], "fr": ["mauvais"]}},
    {"id": "NOT", "category": "LOGIC", "exponents": {"en": ["not"]}}
  ],
  "squares": [{"name": "GB", "s1": "GOOD", "s2": "BAD", "non_s1": "NOT", "non_s2": "UNKNOWN"}],
  "corpora": {"en": [{"text": "It is good.", "isotopy_group": "GOOD"}]},
  "isotopy_targets": ["GOOD"],
  "isotopy_lexicons": {"en": {"GOOD": ["good"]}}
})";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const size_t p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return s.replace(p, from.size(), to);
}

using SchemaErrors = TempDir;

TEST_F(SchemaErrors, MinimalFileLoads) {
  const Dataset d = load_dataset(write("mini.json", kMinimal));
  EXPECT_EQ(d.primes.size(), 3u);
  EXPECT_EQ(d.languages(), std::vector<std::string>{"en"});  // NOT has no French form
  EXPECT_EQ(d.category_colors.size(), 1u);
  EXPECT_EQ(d.squares.at(0).non_s2, "UNKNOWN");  // not the loader's business
  EXPECT_EQ(d.squares.at(0).rationale, "");
}

struct BadCase {
  std::string name, from, to, path, expected;
};

TEST_F(SchemaErrors, EachProblemNamesFileAndJsonPath) {
  const std::vector<BadCase> cases = {
      {"empty_forms", R"("fr": ["mauvais"])", R"("fr": [])", "primes[1].exponents.fr", "non-empty array of non-empty strings"},
      {"blank_form", R"("fr": ["mauvais"])", R"("fr": ["  "])", "primes[1].exponents.fr", "non-empty array"},
      {"duplicate_id", R"("id": "BAD")", R"("id": "GOOD")", "primes[1].id", "duplicate prime id 'GOOD'"},
      {"undeclared_category", R"("category": "LOGIC")", R"("category": "LOGICAL")", "primes[2].category",
       "'LOGICAL' is not declared"},
      {"missing_role", R"("non_s1": "NOT", )", "", "squares[0].non_s1", "missing"},
      {"wrong_type", R"("s2": "BAD")", R"("s2": 3)", "squares[0].s2", "non-empty string"},
      {"bad_colour", R"("#00ff00")", R"("green")", "categories[0].color", "#RRGGBB"},
      {"unknown_field", R"("name": "mini")", R"("name": "mini", "nmae": 1)", "nmae", "unknown field"},
      {"missing_primes", R"("primes": [)", R"("primez": [)", "primez", "unknown field"},
      {"empty_text", R"("text": "It is good.")", R"("text": "")", "corpora.en[0].text", "non-empty string"},
      {"lexicon_target", R"({"GOOD": ["good"]})", R"({"BAD": ["bad"]})", "isotopy_lexicons.en.BAD",
       "not listed in \"isotopy_targets\""},
      {"format", R"("nsmlab-dataset/1")", R"("nsmlab-dataset/9")", "format", "unsupported dataset format"},
      {"strength", R"("non_s2": "UNKNOWN")", R"("non_s2": "UNKNOWN", "strength": "strong")", "squares[0].strength",
       "\"sound\" or \"weak\""},
      {"variants", R"("fr": ["mauvais"]})", R"("fr": ["mauvais"]}, "variants": {"fr": []})", "primes[1].variants.fr",
       "non-empty array"},
      {"synonym_target", R"("isotopy_targets": ["GOOD"],)", R"("isotopy_targets": ["GOOD"], "isotopy_synonyms": {"en": {"BAD": ["evil"]}},)",
       "isotopy_synonyms.en.BAD", "not listed in \"isotopy_targets\""},
  };
  for (const BadCase& c : cases) {
    const std::string path = write(c.name + ".json", replaced(kMinimal, c.from, c.to));
    try {
      load_dataset(path);
      ADD_FAILURE() << c.name << ": no error";
    } catch (const Error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(path + ": "), std::string::npos) << c.name << ": " << msg;
      EXPECT_NE(msg.find(c.path + ":"), std::string::npos) << c.name << ": " << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << c.name << ": " << msg;
    }
  }
}

TEST_F(SchemaErrors, InvalidUtf8SyntaxAndUnknownFormat) {
  auto message = [&](const std::string& name, const std::string& content) {
    const std::string path = write(name, content);
    try {
      load_dataset(path);
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(path + ": "), std::string::npos) << e.what();
      return std::string(e.what());
    }
    ADD_FAILURE() << name << ": no error";
    return std::string();
  };
  EXPECT_NE(message("latin1.json", replaced(kMinimal, "mauvais", "mauva\xefs")).find("invalid UTF-8 at byte"),
            std::string::npos);
  EXPECT_NE(message("syntax.json", "{\"format\": ").find("invalid JSON"), std::string::npos);
  EXPECT_NE(message("other.json", "{\"foo\": 1}").find("not a dataset"), std::string::npos);
  EXPECT_NE(message("array.json", "[1, 2]").find("expected a JSON object"), std::string::npos);
  EXPECT_THROW(load_dataset((dir_ / "missing.json").string()), Error);
}

TEST_F(SchemaErrors, PaniniProblemsNameTheirPath) {
  const std::string good =
      R"({"primitives": [{"name": "JE", "fr": "je", "category": "S"}, {"name": "TOI", "fr": "toi", "category": "S"}],
          "squares": [{"name": "X", "S1": "JE", "S2": "TOI", "non_S1": "APRES", "non_S2": "JE"}],
          "corpus": [{"text": "Je suis.", "isotopy_group": "JE"}],
          "isotopy_targets": ["JE"], "isotopy_lexicon_fr": {"JE": ["je", "j'"]}})";
  const Dataset d = load_dataset(write("p.json", good));
  EXPECT_EQ(d.categories, std::vector<std::string>{"S"});
  EXPECT_TRUE(d.category_colors.empty());
  const std::vector<BadCase> cases = {
      {"p_dup", R"("name": "TOI")", R"("name": "JE")", "primitives[1].name", "duplicate"},
      {"p_fr", R"("fr": "toi")", R"("fr": "")", "primitives[1].fr", "non-empty string"},
      {"p_role", R"(, "non_S2": "JE")", "", "squares[0].non_S2", "missing"},
      {"p_lex", R"(["je", "j'"])", "[]", "isotopy_lexicon_fr.JE", "non-empty array"},
  };
  for (const BadCase& c : cases) {
    const std::string path = write(c.name + ".json", replaced(good, c.from, c.to));
    try {
      load_dataset(path);
      ADD_FAILURE() << c.name << ": no error";
    } catch (const Error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(path + ": " + c.path + ":"), std::string::npos) << c.name << ": " << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << c.name << ": " << msg;
    }
  }
}

}  // namespace
}  // namespace nsmlab
