// nsmlab._native's experiments on any matrix: H1, H2 and H3 as the runner calls them, over a
// dataset built from what Python passes (labels, square tuples, sentences and lexicons), and
// the dataset itself as plain Python data so a notebook can encode it with any model.
#include <pybind11/stl.h>

#include <set>

#include "bindings.h"
#include "experiment_options.h"
#include "experiments/dataset.h"
#include "experiments/h1_clustering.h"
#include "experiments/h2_squares.h"
#include "experiments/h3_isotopies.h"
#include "experiments/synthesis.h"
#include "numpy_matrix.h"
#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

namespace {

using Strings = std::vector<std::string>;

void require_rows(const Matrix& m, size_t n, const char* what, const char* per) {
  if (m.rows != n) fail("embeddings: {} rows for {} {} (expected one row per {})", m.rows, n, what, per);
}

// Primes named ids[i] (default "0", "1", ...) with labels[i] as their category.
Dataset primes_dataset(size_t n, const Strings& ids, const Strings& labels) {
  if (!ids.empty() && ids.size() != n) fail("ids: {} ids for {} embeddings (expected one per row)", ids.size(), n);
  Dataset d;
  d.name = "python";
  d.origin = "python";
  std::set<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    Prime p;
    p.id = ids.empty() ? std::to_string(i) : ids[i];
    if (!seen.insert(p.id).second) fail("ids: '{}' appears twice (each row needs its own id)", p.id);
    if (!labels.empty()) p.category = labels[i];
    d.primes.push_back(std::move(p));
  }
  return d;
}

std::vector<const Prime*> pointers(const Dataset& d) {
  std::vector<const Prime*> out;
  for (const Prime& p : d.primes) out.push_back(&p);
  return out;
}

py::object h1(const py::handle& embeddings, const Strings& labels, const Strings& categories, const Strings& ids,
              const std::map<std::string, std::string>& category_colors, const py::dict& options) {
  Matrix m = numpy_to_matrix(embeddings, "embeddings");
  if (labels.size() != m.rows) fail("labels: {} labels for {} embeddings (expected one category per row)", labels.size(), m.rows);
  Dataset d = primes_dataset(m.rows, ids, labels);
  d.categories = categories;
  d.category_colors = category_colors;
  H1Options h;
  SignificanceOptions s;
  OptionReader r(options, "h1");
  r.read(s);
  r.read("seed", h.seed);
  r.read("n_init", h.n_init);
  r.read("tsne_perplexity", h.tsne_perplexity);
  r.read("tsne_iter", h.tsne_iter);
  r.read("purity_threshold", h.purity_threshold);
  r.read("silhouette_threshold", h.silhouette_threshold);
  r.finish();
  if (h.n_init < 1) fail("h1: option 'n_init' expects at least 1, got {}", h.n_init);
  Json j;
  {
    py::gil_scoped_release release;
    j = run_h1(m, pointers(d), d, h, s);
  }
  return to_python(j);
}

Square square_from(const py::handle& item, size_t index) {
  auto field = [&](const char* key) -> std::string {
    py::object v = py::reinterpret_borrow<py::dict>(item).contains(key) ? item[key] : py::object(py::none());
    if (!py::isinstance<py::str>(v)) fail("squares[{}]: field '{}' expects a prime id (str)", index, key);
    return v.cast<std::string>();
  };
  Square sq;
  if (py::isinstance<py::dict>(item)) {
    sq.s1 = field("s1"), sq.s2 = field("s2"), sq.non_s1 = field("non_s1"), sq.non_s2 = field("non_s2");
    const py::dict dict = py::reinterpret_borrow<py::dict>(item);
    sq.name = dict.contains("name") ? py::str(dict["name"]).cast<std::string>() : std::to_string(index);
    if (dict.contains("rationale")) sq.rationale = py::str(dict["rationale"]).cast<std::string>();
    // The dataset's rating ("sound" | "weak" | ""), so H2 reports the sound squares apart.
    if (dict.contains("strength")) sq.strength = py::str(dict["strength"]).cast<std::string>();
    if (dict.contains("note")) sq.note = py::str(dict["note"]).cast<std::string>();
    return sq;
  }
  Strings t;
  try {
    t = item.cast<Strings>();
  } catch (const py::cast_error&) {
    t.clear();
  }
  if (t.size() != 4 && t.size() != 5)
    fail("squares[{}]: expected a dict with s1, s2, non_s1, non_s2 (and name), or a tuple (s1, s2, non_s1, non_s2[, name])", index);
  sq.s1 = t[0], sq.s2 = t[1], sq.non_s1 = t[2], sq.non_s2 = t[3];
  sq.name = t.size() == 5 ? t[4] : std::to_string(index);
  return sq;
}

py::object h2(const py::handle& embeddings, const Strings& ids, const py::list& squares, const py::dict& options) {
  Matrix m = numpy_to_matrix(embeddings, "embeddings");
  Dataset d = primes_dataset(m.rows, ids, {});
  for (size_t i = 0; i < squares.size(); ++i) d.squares.push_back(square_from(squares[i], i));
  H2Options h;
  SignificanceOptions s;
  OptionReader r(options, "h2");
  r.read(s);
  r.read("rate_threshold", h.rate_threshold);
  r.finish();
  Json j;
  {
    py::gil_scoped_release release;
    j = run_h2(m, pointers(d), d, h, s);
  }
  return to_python(j);
}

py::object h3(const py::handle& embeddings, const Strings& sentences, const std::map<std::string, Strings>& lexicons,
              const std::map<std::string, Strings>& synonyms, const Strings& targets, const Strings& groups, const std::string& language, const py::dict& options) {
  Matrix m = numpy_to_matrix(embeddings, "embeddings");
  require_rows(m, sentences.size(), "sentences", "sentence");
  if (!groups.empty() && groups.size() != sentences.size())
    fail("groups: {} groups for {} sentences (expected one per sentence)", groups.size(), sentences.size());
  Dataset d;
  d.name = d.origin = "python";
  d.isotopy_lexicons[language] = lexicons;
  if (!synonyms.empty()) d.isotopy_synonyms[language] = synonyms;
  d.isotopy_targets = targets;
  if (targets.empty())
    for (const auto& [target, forms] : lexicons) d.isotopy_targets.push_back(target);
  std::vector<CorpusSentence> corpus;
  for (size_t i = 0; i < sentences.size(); ++i) corpus.push_back({sentences[i], groups.empty() ? "" : groups[i]});
  H3Options h;
  SignificanceOptions s;
  OptionReader r(options, "h3");
  r.read(s);
  r.read("max_components", h.max_components);
  r.read("r_threshold", h.r_threshold);
  r.read("rate_threshold", h.rate_threshold);
  r.read("min_occurrences", h.min_occurrences);
  r.finish();
  Json j;
  {
    py::gil_scoped_release release;
    j = run_h3(m, corpus, d, language, h, s);
  }
  return to_python(j);
}

Json from_python(const py::handle& value, const char* what) {
  const std::string text = py::module_::import("json").attr("dumps")(value).cast<std::string>();
  return parse_json_text(text, what);
}

// The synthesis table of three results (any may be None or {}): rows and the text table.
py::dict synthesis(const py::object& h1, const py::object& h2, const py::object& h3) {
  auto section = [](const py::object& v, const char* what) {
    return v.is_none() ? Json::object() : from_python(v, what);
  };
  const Json rows = make_synthesis(section(h1, "h1"), section(h2, "h2"), section(h3, "h3"));
  py::dict out;
  out["rows"] = to_python(rows);
  out["table"] = synthesis_table(rows);
  return out;
}

// The dataset as the runner uses it for `language`: primes with an exponent there (their
// first form is what gets encoded), squares, that language's corpus and isotopy lexicon.
py::dict dataset(const std::string& path, const std::string& language) {
  const Dataset d = path.empty() ? builtin_dataset() : load_dataset(path);
  py::list primes, squares, corpus;
  for (const Prime& p : d.primes) {
    auto it = p.exponents.find(language);
    if (it == p.exponents.end() || it->second.empty()) continue;
    primes.append(py::dict(py::arg("id") = p.id, py::arg("category") = p.category, py::arg("text") = it->second.front()));
  }
  if (primes.empty())
    fail("{}: no prime has an exponent in language '{}'; languages: {}", d.origin, language, fmt::join(d.languages(), ", "));
  for (const Square& s : d.squares)
    squares.append(py::dict(py::arg("name") = s.name, py::arg("s1") = s.s1, py::arg("s2") = s.s2,
                            py::arg("non_s1") = s.non_s1, py::arg("non_s2") = s.non_s2,
                            py::arg("rationale") = s.rationale, py::arg("strength") = s.strength,
                            py::arg("note") = s.note));
  if (auto it = d.corpora.find(language); it != d.corpora.end())
    for (const CorpusSentence& s : it->second)
      corpus.append(py::dict(py::arg("text") = s.text, py::arg("isotopy_group") = s.isotopy_group));
  py::dict out;
  out["name"] = d.name;
  out["origin"] = d.origin;
  out["sha256"] = d.sha256;
  out["language"] = language;
  out["languages"] = d.languages();
  out["categories"] = d.categories;
  out["category_colors"] = d.category_colors;
  out["primes"] = primes;
  out["squares"] = squares;
  out["corpus"] = corpus;
  out["isotopy_targets"] = d.isotopy_targets;
  auto lex = d.isotopy_lexicons.find(language);
  out["lexicon"] = lex == d.isotopy_lexicons.end() ? std::map<std::string, Strings>{} : lex->second;
  auto syn = d.isotopy_synonyms.find(language);
  out["synonyms"] = syn == d.isotopy_synonyms.end() ? std::map<std::string, Strings>{} : syn->second;
  return out;
}

}  // namespace

void bind_experiments(py::module_& m) {
  m.def("h1", &h1, py::arg("embeddings"), py::arg("labels"), py::arg("categories"), py::arg("ids"),
        py::arg("category_colors"), py::arg("options"));
  m.def("h2", &h2, py::arg("embeddings"), py::arg("ids"), py::arg("squares"), py::arg("options"));
  m.def("h3", &h3, py::arg("embeddings"), py::arg("sentences"), py::arg("lexicons"), py::arg("synonyms"), py::arg("targets"),
        py::arg("groups"), py::arg("language"), py::arg("options"));
  m.def("synthesis", &synthesis, py::arg("h1"), py::arg("h2"), py::arg("h3"));
  m.def("dataset", &dataset, py::arg("path"), py::arg("language"));
}

}  // namespace nsmlab::python
