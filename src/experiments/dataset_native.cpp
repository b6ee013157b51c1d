// nsmlab's own dataset format, "nsmlab-dataset/1" (docs/DATASET.md): reading with a
// check of every field, and writing in a fixed key order so that files diff cleanly.
#include <algorithm>
#include <cctype>

#include "experiments/dataset_formats.h"
#include "experiments/dataset_schema.h"

namespace nsmlab {

using dataset_schema::Node;
using dataset_schema::read_isotopy_targets;

namespace {

bool is_hex_colour(const std::string& s) {
  return s.size() == 7 && s[0] == '#' &&
         std::all_of(s.begin() + 1, s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

void read_categories(const Node& root, Dataset& d) {
  const Node cats = root.at("categories");
  if (cats.size() == 0) cats.fail_expected("a non-empty array of categories");
  for (size_t i = 0; i < cats.size(); ++i) {
    const Node c = cats.at(i);
    c.reject_unknown_keys({"id", "color"});
    const Node id_node = c.at("id");
    const std::string id = id_node.string();
    if (std::find(d.categories.begin(), d.categories.end(), id) != d.categories.end())
      fail("{}: {}: duplicate category id '{}'", c.file, id_node.path, id);
    d.categories.push_back(id);
    if (c.has("color")) {
      const Node colour = c.at("color");
      const std::string value = colour.string_or_empty();
      if (!is_hex_colour(value)) colour.fail_expected("a colour written \"#RRGGBB\"");
      d.category_colors[id] = value;
    }
  }
}

void read_primes(const Node& root, Dataset& d) {
  const Node primes = root.at("primes");
  if (primes.size() == 0) primes.fail_expected("a non-empty array of primes");
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < primes.size(); ++i) {
    const Node p = primes.at(i);
    p.reject_unknown_keys({"id", "category", "exponents", "variants"});
    Prime prime;
    const Node id_node = p.at("id");
    prime.id = id_node.string();
    if (auto [it, fresh] = seen.emplace(prime.id, i); !fresh)
      fail("{}: {}: duplicate prime id '{}' (already used by primes[{}])", p.file, id_node.path, prime.id, it->second);
    const Node cat = p.at("category");
    prime.category = cat.string();
    if (std::find(d.categories.begin(), d.categories.end(), prime.category) == d.categories.end())
      fail("{}: {}: category '{}' is not declared in \"categories\"", p.file, cat.path, prime.category);
    const Node ex = p.at("exponents");
    ex.require_object();
    if (ex.value.empty()) ex.fail_expected("an object mapping a language code to its forms, e.g. {\"en\": [\"good\"]}");
    for (auto it = ex.value.begin(); it != ex.value.end(); ++it) {
      if (it.key().empty()) fail("{}: {}: empty language code", p.file, ex.path);
      prime.exponents[it.key()] = ex.at(it.key()).string_list();
    }
    if (p.has("variants")) {
      const Node var = p.at("variants");
      var.require_object();
      for (auto it = var.value.begin(); it != var.value.end(); ++it) {
        if (it.key().empty()) fail("{}: {}: empty language code", p.file, var.path);
        prime.variants[it.key()] = var.at(it.key()).string_list();
      }
    }
    d.primes.push_back(std::move(prime));
  }
}

void read_squares(const Node& root, Dataset& d) {
  if (!root.has("squares")) return;
  const Node squares = root.at("squares");
  for (size_t i = 0; i < squares.size(); ++i) {
    const Node s = squares.at(i);
    s.reject_unknown_keys({"name", "s1", "s2", "non_s1", "non_s2", "rationale", "strength", "note"});
    Square sq;
    sq.name = s.at("name").string();
    sq.s1 = s.at("s1").string();
    sq.s2 = s.at("s2").string();
    sq.non_s1 = s.at("non_s1").string();
    sq.non_s2 = s.at("non_s2").string();
    if (s.has("rationale")) sq.rationale = s.at("rationale").string_or_empty();
    if (s.has("strength")) {
      const Node strength = s.at("strength");
      sq.strength = strength.string_or_empty();
      if (std::find(std::begin(kSquareStrengths), std::end(kSquareStrengths), sq.strength) == std::end(kSquareStrengths))
        strength.fail_expected("\"sound\" or \"weak\"");
    }
    if (s.has("note")) sq.note = s.at("note").string_or_empty();
    d.squares.push_back(std::move(sq));
  }
}

void read_corpora(const Node& root, Dataset& d) {
  if (!root.has("corpora")) return;
  const Node corpora = root.at("corpora");
  corpora.require_object();
  for (auto it = corpora.value.begin(); it != corpora.value.end(); ++it) {
    const Node sentences = corpora.at(it.key());
    auto& out = d.corpora[it.key()];
    for (size_t i = 0; i < sentences.size(); ++i) {
      const Node s = sentences.at(i);
      s.reject_unknown_keys({"text", "isotopy_group"});
      out.push_back({s.at("text").string(), s.at("isotopy_group").string()});
    }
  }
}

// isotopy_lexicons or isotopy_synonyms: language -> target (listed in isotopy_targets) -> forms.
void read_lexicons(const Node& root, const std::string& key, const Dataset& d,
                   std::map<std::string, std::map<std::string, std::vector<std::string>>>& out) {
  if (!root.has(key)) return;
  const Node lexicons = root.at(key);
  lexicons.require_object();
  for (auto lang = lexicons.value.begin(); lang != lexicons.value.end(); ++lang) {
    const Node lexicon = lexicons.at(lang.key());
    lexicon.require_object();
    for (auto target = lexicon.value.begin(); target != lexicon.value.end(); ++target) {
      const Node forms = lexicon.at(target.key());
      if (std::find(d.isotopy_targets.begin(), d.isotopy_targets.end(), target.key()) == d.isotopy_targets.end())
        fail("{}: {}: '{}' is not listed in \"isotopy_targets\"", forms.file, forms.path, target.key());
      out[lang.key()][target.key()] = forms.string_list();
    }
  }
}

void read_isotopies(const Node& root, Dataset& d) {
  if (root.has("isotopy_targets")) read_isotopy_targets(root.at("isotopy_targets"), d.isotopy_targets);
  read_lexicons(root, "isotopy_lexicons", d, d.isotopy_lexicons);
  read_lexicons(root, "isotopy_synonyms", d, d.isotopy_synonyms);
}

}  // namespace

Dataset read_native_dataset(const Json& doc, const std::string& file) {
  const Node root{doc, "", file};
  root.reject_unknown_keys({"format", "name", "description", "categories", "primes", "squares", "corpora",
                            "isotopy_targets", "isotopy_lexicons", "isotopy_synonyms"});
  Dataset d;
  d.name = root.at("name").string();
  if (root.has("description")) d.description = root.at("description").string_or_empty();
  read_categories(root, d);
  read_primes(root, d);
  read_squares(root, d);
  read_corpora(root, d);
  read_isotopies(root, d);
  return d;
}

namespace {

using OJson = nlohmann::ordered_json;

// One array element per line: readable and diffable, yet compact for 65 primes.
void append_array(std::string& out, const std::string& key, const std::vector<OJson>& items, const char* indent,
                  bool last) {
  out += std::string(indent) + OJson(key).dump() + ": [";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ",\n" : "\n") + std::string(indent) + "  " + items[i].dump();
  out += items.empty() ? "]" : "\n" + std::string(indent) + "]";
  out += last ? "\n" : ",\n";
}

// language -> target -> forms, targets in the order of isotopy_targets so the lexicon
// reads like the list above it.
void append_lexicons(std::string& out, const std::string& key,
                     const std::map<std::string, std::map<std::string, std::vector<std::string>>>& lexicons,
                     const std::vector<std::string>& targets, bool last) {
  out += "  " + OJson(key).dump() + ": {";
  size_t n = 0;
  for (const auto& [lang, lexicon] : lexicons) {
    out += (n++ ? ",\n    " : "\n    ") + OJson(lang).dump() + ": {";
    size_t m = 0;
    for (const std::string& target : targets) {
      auto it = lexicon.find(target);
      if (it == lexicon.end()) continue;
      out += (m++ ? ",\n      " : "\n      ") + OJson(target).dump() + ": " + OJson(it->second).dump();
    }
    out += m ? "\n    }" : "}";
  }
  out += lexicons.empty() ? "}" : "\n  }";
  out += last ? "\n" : ",\n";
}

}  // namespace

std::string dataset_to_json(const Dataset& d) {
  std::string out = "{\n";
  out += "  \"format\": " + OJson(kNativeDatasetFormat).dump() + ",\n";
  out += "  \"name\": " + OJson(d.name).dump() + ",\n";
  out += "  \"description\": " + OJson(d.description).dump() + ",\n";

  std::vector<OJson> cats;
  for (const std::string& c : d.categories) {
    OJson j;
    j["id"] = c;
    if (auto it = d.category_colors.find(c); it != d.category_colors.end()) j["color"] = it->second;
    cats.push_back(std::move(j));
  }
  append_array(out, "categories", cats, "  ", false);

  std::vector<OJson> primes;
  for (const Prime& p : d.primes) {
    OJson j;
    j["id"] = p.id;
    j["category"] = p.category;
    j["exponents"] = OJson::object();
    for (const auto& [lang, forms] : p.exponents) j["exponents"][lang] = forms;
    if (!p.variants.empty()) {
      j["variants"] = OJson::object();
      for (const auto& [lang, forms] : p.variants) j["variants"][lang] = forms;
    }
    primes.push_back(std::move(j));
  }
  append_array(out, "primes", primes, "  ", false);

  std::vector<OJson> squares;
  for (const Square& s : d.squares) {
    OJson j;
    j["name"] = s.name;
    j["s1"] = s.s1;
    j["s2"] = s.s2;
    j["non_s1"] = s.non_s1;
    j["non_s2"] = s.non_s2;
    j["rationale"] = s.rationale;
    if (!s.strength.empty()) j["strength"] = s.strength;
    if (!s.note.empty()) j["note"] = s.note;
    squares.push_back(std::move(j));
  }
  append_array(out, "squares", squares, "  ", false);

  out += "  \"corpora\": {";
  size_t n = 0;
  for (const auto& [lang, sentences] : d.corpora) {
    std::vector<OJson> items;
    for (const CorpusSentence& s : sentences) {
      OJson j;
      j["text"] = s.text;
      j["isotopy_group"] = s.isotopy_group;
      items.push_back(std::move(j));
    }
    out += n++ ? "" : "\n";
    append_array(out, lang, items, "    ", n == d.corpora.size());
  }
  out += d.corpora.empty() ? "},\n" : "  },\n";

  out += "  \"isotopy_targets\": " + OJson(d.isotopy_targets).dump() + ",\n";
  append_lexicons(out, "isotopy_lexicons", d.isotopy_lexicons, d.isotopy_targets, d.isotopy_synonyms.empty());
  if (!d.isotopy_synonyms.empty()) append_lexicons(out, "isotopy_synonyms", d.isotopy_synonyms, d.isotopy_targets, true);
  out += "}\n";
  return out;
}

}  // namespace nsmlab
