// The original experiment's data file (Panini-Research, donnees_nsm.py dumped to JSON):
// "primitives" [{name, fr, category}], "category_colors", "squares" [{name, S1, S2, non_S1,
// non_S2}], "corpus" [{text, isotopy_group}], "isotopy_targets", "isotopy_lexicon_<lang>".
// Everything in it is French, so it maps to a Dataset whose only language is "fr".
#include <algorithm>

#include "experiments/dataset_formats.h"
#include "experiments/dataset_schema.h"

namespace nsmlab {

using dataset_schema::Node;
using dataset_schema::read_isotopy_targets;

namespace {

constexpr const char* kLexiconPrefix = "isotopy_lexicon_";

void read_primitives(const Node& root, Dataset& d) {
  const Node primitives = root.at("primitives");
  if (primitives.size() == 0) primitives.fail_expected("a non-empty array of primitives");
  std::map<std::string, size_t> seen;
  std::vector<std::string> used;  // categories in order of first use
  for (size_t i = 0; i < primitives.size(); ++i) {
    const Node p = primitives.at(i);
    Prime prime;
    const Node name = p.at("name");
    prime.id = name.string();
    if (auto [it, fresh] = seen.emplace(prime.id, i); !fresh)
      fail("{}: {}: duplicate primitive name '{}' (already used by primitives[{}])", p.file, name.path, prime.id,
           it->second);
    prime.category = p.at("category").string();
    prime.exponents["fr"] = {p.at("fr").string()};
    if (std::find(used.begin(), used.end(), prime.category) == used.end()) used.push_back(prime.category);
    d.primes.push_back(std::move(prime));
  }
  // Only categories some primitive uses are kept, since H1's k is the number of categories.
  if (root.has("category_colors")) {
    const Node colours = root.at("category_colors");
    colours.require_object();
    for (auto it = colours.value.begin(); it != colours.value.end(); ++it) {
      const std::string value = colours.at(it.key()).string();
      if (std::find(used.begin(), used.end(), it.key()) != used.end()) d.category_colors[it.key()] = value;
    }
  }
  // The file has no category list, and nlohmann::json sorts the colour table's keys; the
  // order of first use among the primitives is the chart order the original author wrote.
  d.categories = used;
}

void read_panini_squares(const Node& root, Dataset& d) {
  if (!root.has("squares")) return;
  const Node squares = root.at("squares");
  for (size_t i = 0; i < squares.size(); ++i) {
    const Node s = squares.at(i);
    Square sq;
    sq.s1 = s.at("S1").string();
    sq.s2 = s.at("S2").string();
    sq.non_s1 = s.at("non_S1").string();
    sq.non_s2 = s.at("non_S2").string();
    sq.name = s.has("name") ? s.at("name").string() : sq.s1 + "_" + sq.s2;
    d.squares.push_back(std::move(sq));
  }
}

void read_corpus(const Node& root, Dataset& d) {
  if (!root.has("corpus")) return;
  const Node corpus = root.at("corpus");
  auto& out = d.corpora["fr"];
  for (size_t i = 0; i < corpus.size(); ++i) {
    const Node s = corpus.at(i);
    out.push_back({s.at("text").string(), s.at("isotopy_group").string()});
  }
}

void read_panini_isotopies(const Node& root, Dataset& d) {
  if (root.has("isotopy_targets")) read_isotopy_targets(root.at("isotopy_targets"), d.isotopy_targets);
  for (auto it = root.value.begin(); it != root.value.end(); ++it) {
    if (it.key().rfind(kLexiconPrefix, 0) != 0) continue;
    const std::string lang = it.key().substr(std::string(kLexiconPrefix).size());
    const Node lexicon = root.at(it.key());
    if (lang.empty()) lexicon.fail_expected("a language code after \"isotopy_lexicon_\"");
    lexicon.require_object();
    for (auto target = lexicon.value.begin(); target != lexicon.value.end(); ++target) {
      const Node forms = lexicon.at(target.key());
      if (std::find(d.isotopy_targets.begin(), d.isotopy_targets.end(), target.key()) == d.isotopy_targets.end())
        fail("{}: {}: '{}' is not listed in \"isotopy_targets\"", forms.file, forms.path, target.key());
      d.isotopy_lexicons[lang][target.key()] = forms.string_list();
    }
  }
}

}  // namespace

Dataset read_panini_dataset(const Json& doc, const std::string& file) {
  const Node root{doc, "", file};
  Dataset d;
  d.name = "panini-reference";
  if (root.has("source")) d.description = root.at("source").string_or_empty();
  read_primitives(root, d);
  read_panini_squares(root, d);
  read_corpus(root, d);
  read_panini_isotopies(root, d);
  return d;
}

}  // namespace nsmlab
