#include "report/report_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "experiments/h2_squares.h"
#include "experiments/synthesis.h"
#include "report/results_access.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

const std::string kDoc = "results.json";

Block heading(int level, std::string text, std::string anchor = "") {
  Block b;
  b.kind = Block::Kind::heading;
  b.level = level;
  b.text = std::move(text);
  b.anchor = std::move(anchor);
  return b;
}

Block paragraph(std::string text, Block::Kind kind = Block::Kind::paragraph) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

Block figure(std::string png, std::string svg, std::string caption) {
  Block b;
  b.kind = Block::Kind::figure;
  b.image = std::move(png);
  b.vector_image = std::move(svg);
  b.text = std::move(caption);
  return b;
}

struct Facts {
  Block block;
  Facts() { block.kind = Block::Kind::facts; }
  Facts& add(std::string name, std::string value, Tone tone = Tone::plain) {
    block.rows.push_back({Cell{std::move(name)}, Cell{std::move(value), tone}});
    return *this;
  }
};

// A lexical baseline's numbers say nothing about the hypotheses (see synthesis.h).
bool is_lexical_baseline(const Json& results) {
  const Json& model = optional_object(optional_object(results, "metadata", kDoc), "model", kDoc + ": metadata");
  return optional_string(model, "kind", kDoc + ": metadata.model") == "lexical";
}

std::string verdict_text(Verdict v) {
  return v == Verdict::validated ? "validated" : v == Verdict::refuted ? "refuted" : "n/a (lexical baseline)";
}

Cell verdict_cell(Verdict v) {
  return {verdict_text(v), v == Verdict::validated ? Tone::good : v == Verdict::refuted ? Tone::bad : Tone::muted};
}

// "0.612 (p 0.003)"; "(p not computed)" when no permutation was drawn.
std::string with_p(const std::string& value, std::optional<double> p, std::optional<double> permutations) {
  if (permutations && *permutations <= 0) return value + " (p not computed)";
  return p ? fmt::format("{} (p {})", value, format_p_value(p)) : value;
}

std::string p_text(std::optional<double> p, std::optional<double> permutations) {
  if (permutations && *permutations <= 0) return "not computed";
  return format_p_value(p);
}

// The same three questions for every test, one sentence each: what the null hypothesis is,
// what the p-value and the interval measure, and why "significant" and "refuted" can both hold.
Block test_explanation(const std::string& null_hypothesis, const std::string& p_value, const std::string& interval,
                       const std::string& significant_but_refuted) {
  Facts f;
  f.add("Null hypothesis", null_hypothesis).add("p-value", p_value);
  if (!interval.empty()) f.add("Interval", interval);
  f.add("Significant but refuted?", significant_but_refuted);
  return f.block;
}

// ---- header and synthesis ------------------------------------------------------------------

// "AMD EPYC 9R14, oneDNN 2.6.3, avx512_core_bf16 (AVX512_BF16)" from metadata.backend_detail
// (older results have only metadata.device).
std::string backend_device(const Json& meta, const std::string& where) {
  const Json& d = optional_object(meta, "backend_detail", where);
  std::string out = optional_string(d, "device_name", where + ".backend_detail", optional_string(meta, "device", where, kMissing));
  if (d.contains("libraries") && d["libraries"].is_object())
    for (const auto& [lib, version] : d["libraries"].items())
      if (version.is_string()) out += ", " + lib + " " + version.get<std::string>();
  const std::string isa = optional_string(d, "instruction_set", where + ".backend_detail", "");
  if (!isa.empty()) out += ", " + isa;
  return out;
}

void add_header(ReportDocument& doc, const Json& results) {
  const std::string where = kDoc + ": metadata";
  const Json& meta = optional_object(results, "metadata", kDoc);
  const Json& model = optional_object(meta, "model", where);
  const Json& dataset = optional_object(meta, "dataset", where);
  const std::string model_name = optional_string(model, "name", where + ".model", "(unknown model)");
  doc.title = "nsmlab report — " + model_name;
  doc.blocks.push_back(heading(1, doc.title));
  Facts f;
  f.add("Model", model_name);
  // Which files exactly (hub id, commit, folder): metadata.model.revision and .path.
  const std::string model_path = optional_string(model, "path", where + ".model", "");
  const std::string revision = optional_string(model, "revision", where + ".model", "");
  if (!model_path.empty()) f.add("Model files", revision.empty() ? model_path : fmt::format("revision {}, {}", revision, model_path));
  f
      .add("Kind", optional_string(model, "kind", where + ".model", kMissing))
      .add("Backend", fmt::format("{} ({}, {} threads)", optional_string(meta, "backend", where, kMissing),
                                  optional_string(meta, "precision", where, kMissing),
                                  format_number(optional_number(meta, "threads", where), 0)))
      .add("Device", backend_device(meta, where))
      .add("Dataset", fmt::format("{} ({})", optional_string(dataset, "name", where + ".dataset", kMissing),
                                  optional_string(dataset, "origin", where + ".dataset", kMissing)))
      .add("Language", optional_string(meta, "language", where, kMissing))
      .add("Date", optional_string(meta, "created", where, kMissing));
  doc.blocks.push_back(f.block);
  // Fallbacks and halved batches: what the reader must know about how the numbers were made.
  const Json& detail = optional_object(meta, "backend_detail", where);
  if (detail.contains("notes") && detail["notes"].is_array())
    for (const Json& n : detail["notes"])
      if (n.is_string()) doc.blocks.push_back(paragraph("Backend: " + n.get<std::string>(), Block::Kind::notice));
  const std::string notice = optional_string(results, "notice", kDoc);
  if (!notice.empty()) doc.blocks.push_back(paragraph(notice, Block::Kind::notice));
  // Texts longer than the model reads (runner: metadata.long_text, from --long-text).
  if (meta.contains("long_text") && meta["long_text"].is_object())
    for (const auto& [what, lt] : meta["long_text"].items())
      if (lt.is_object() && lt.value("summary", "") != "")
        doc.blocks.push_back(paragraph("Long texts (" + what + "): " + lt.value("summary", ""), Block::Kind::notice));
}

// What the three hypotheses are, with where they come from, before any number.
void add_introduction(ReportDocument& doc) {
  doc.blocks.push_back(heading(2, "The three hypotheses", "introduction"));
  doc.blocks.push_back(paragraph(
      "H1: the semantic primes of Natural Semantic Metalanguage (Wierzbicka 1996; Goddard & Wierzbicka 2014), "
      "embedded by the model, group by the categories of the NSM chart (k-means against the categories)."));
  doc.blocks.push_back(paragraph(
      "H2: Greimas's semiotic square (Greimas & Courtés 1979, \"Carré sémiotique\") is visible in the geometry: "
      "the two contraries S1 and S2 lie closer to each other than each lies to its contradictory (non-S1, non-S2)."));
  doc.blocks.push_back(paragraph(
      "H3: isotopies, the recurrences of a semantic feature that make a text cohere (Greimas 1966; Rastier 1987), "
      "line up with principal components of the corpus sentences' embeddings."));
  doc.blocks.push_back(paragraph(
      "References: A. Wierzbicka, Semantics: Primes and Universals, Oxford University Press, 1996. "
      "C. Goddard & A. Wierzbicka, Words and Meanings, Oxford University Press, 2014. "
      "A. J. Greimas, Sémantique structurale, Larousse, 1966. "
      "A. J. Greimas & J. Courtés, Sémiotique. Dictionnaire raisonné de la théorie du langage, Hachette, 1979. "
      "F. Rastier, Sens et textualité, Hachette, 1987."));
}

// "je (I)": the exponent that was embedded, with the prime it encodes (rows.primes of the
// run; documents without rows show the id alone).
using PrimeNames = std::map<std::string, std::string>;
PrimeNames prime_names(const Json& results) {
  PrimeNames names;
  const Json& rows = optional_array(optional_object(results, "rows", kDoc), "primes", kDoc + ": rows");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string at = fmt::format("{}: rows.primes[{}]", kDoc, i);
    const std::string id = require_string(rows[i], "id", at), text = require_string(rows[i], "text", at);
    names[id] = text == id ? id : text + " (" + id + ")";
  }
  return names;
}

std::string prime_name(const PrimeNames& names, const std::string& id) {
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

// A list of the level-2 headings, placed after the header.
Block table_of_contents(const ReportDocument& doc) {
  Block c;
  c.kind = Block::Kind::contents;
  for (const Block& b : doc.blocks)
    if (b.kind == Block::Kind::heading && b.level == 2 && !b.anchor.empty()) c.rows.push_back({Cell{b.anchor}, Cell{b.text}});
  return c;
}

void add_synthesis(ReportDocument& doc, const Json& results) {
  const Json& rows = optional_array(results, "synthesis", kDoc);
  if (rows.empty()) return;
  doc.blocks.push_back(heading(2, "Synthesis", "synthesis"));
  Block t;
  t.kind = Block::Kind::table;
  t.header = {"Experiment", "Hypothesis", "Metric", "p-value", "Verdict"};
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string at = fmt::format("{}: synthesis[{}]", kDoc, i);
    t.rows.push_back({Cell{optional_string(rows[i], "experiment", at)}, Cell{optional_string(rows[i], "hypothesis", at)},
                      Cell{optional_string(rows[i], "metric", at)},
                      Cell{p_text(optional_number(rows[i], "p_value", at), optional_number(rows[i], "permutations", at))},
                      verdict_cell(parse_verdict(require_string(rows[i], "verdict", at), at))});
  }
  doc.blocks.push_back(t);
}

// ---- H1 ------------------------------------------------------------------------------------

void add_h1(ReportDocument& doc, const Json& h1, bool lexical, const PrimeNames& names) {
  const std::string where = kDoc + ": h1";
  require_object(h1, where);
  const Json& sig = optional_object(h1, "significance", where);
  const Json& ci = optional_object(h1, "ci", where);
  const Json& thr = optional_object(h1, "thresholds", where);
  const Json& tsne = optional_object(h1, "tsne", where);
  const Verdict verdict = verdict_of(optional_bool(h1, "validated", where), lexical);
  const auto perms = optional_number(sig, "permutations", where);
  const std::string level = format_percent(optional_number(ci, "level", where + ".ci"), 0);
  doc.blocks.push_back(heading(2, "H1 — Do the primes cluster by category?", "h1"));
  doc.blocks.push_back(paragraph(fmt::format(
      "k-means with k = {} on {} primes; H1 holds if purity > {} and silhouette > {}. Verdict: {}.",
      format_number(optional_number(h1, "k", where), 0), format_number(optional_number(h1, "n", where), 0),
      format_number(optional_number(thr, "purity", where), 2), format_number(optional_number(thr, "silhouette", where), 2),
      verdict_text(verdict))));
  Facts f;
  f.add("Purity", with_p(format_number(optional_number(h1, "purity", where)), optional_number(sig, "purity_p", where), perms))
      .add(fmt::format("Purity {} CI", level), format_interval(ci.value("purity", Json())))
      .add("Silhouette",
           with_p(format_number(optional_number(h1, "silhouette", where)), optional_number(sig, "silhouette_p", where), perms))
      .add(fmt::format("Silhouette {} CI", level), format_interval(ci.value("silhouette", Json())))
      .add("Adjusted Rand index", with_p(format_number(optional_number(h1, "ari", where)), optional_number(sig, "ari_p", where), perms))
      .add("Normalized mutual information",
           with_p(format_number(optional_number(h1, "nmi", where)), optional_number(sig, "nmi_p", where), perms))
      .add("k-means inertia", format_number(optional_number(h1, "inertia", where)))
      .add("Permutations", format_number(optional_number(sig, "permutations", where), 0))
      .add("Confidence intervals", require_string(ci, "method", where + ".ci"))
      .add("t-SNE perplexity used", format_number(optional_number(tsne, "perplexity_used", where), 2))
      .add("t-SNE trustworthiness", format_number(optional_number(tsne, "trustworthiness", where)))
      .add("Verdict", verdict_cell(verdict).text, verdict_cell(verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(
      "the categories are unrelated to the geometry: the category labels are shuffled over the primes while the "
      "k-means clusters stay fixed.",
      "the share of shuffles whose purity (ARI, NMI) is at least the observed one; the silhouette's p-value tests the "
      "silhouette of the true categories, since the k-means silhouette does not depend on the labels.",
      "a jackknife interval (leave one prime out, normal approximation): how much the score rests on single primes; "
      "it says nothing about other choices of primes or models.",
      "yes: a small p-value says the clusters match the categories better than chance, while the verdict asks whether "
      "purity and silhouette pass fixed thresholds, so a weak but real structure is both."));
  doc.blocks.push_back(figure("tsne.png", "tsne.svg", "t-SNE of the primes, coloured by category"));

  std::map<std::string, std::string> label_of;  // members are ids; readers know the labels
  const Json& points = optional_array(h1, "points", where);
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string at = fmt::format("{}.points[{}]", where, i);
    const std::string id = optional_string(points[i], "id", at);
    label_of[id] = names.count(id) ? prime_name(names, id) : optional_string(points[i], "label", at, id);
  }
  const Json& clusters = optional_array(h1, "clusters", where);
  if (clusters.empty()) return;
  doc.blocks.push_back(heading(3, "Clusters"));
  Block t;
  t.kind = Block::Kind::table;
  t.header = {"Cluster", "Size", "Majority category", "Matched category", "Members"};
  for (size_t i = 0; i < clusters.size(); ++i) {
    const std::string at = fmt::format("{}.clusters[{}]", where, i);
    std::string members;
    for (const Json& m : optional_array(clusters[i], "members", at)) {
      const std::string id = m.is_string() ? m.get<std::string>() : m.dump();
      if (!members.empty()) members += ", ";
      members += label_of.count(id) ? label_of[id] : id;
    }
    const std::string majority = optional_string(clusters[i], "majority_category", at);
    const std::string matched = optional_string(clusters[i], "matched_category", at);
    t.rows.push_back({Cell{format_number(optional_number(clusters[i], "cluster", at), 0)},
                      Cell{format_number(optional_number(clusters[i], "size", at), 0)}, Cell{majority},
                      Cell{matched, matched == majority ? Tone::good : Tone::plain}, Cell{members}});
  }
  doc.blocks.push_back(t);
}

// ---- H2 ------------------------------------------------------------------------------------

void add_h2(ReportDocument& doc, const Json& h2, bool lexical, const PrimeNames& names) {
  const std::string where = kDoc + ": h2";
  require_object(h2, where);
  const Json& sig = optional_object(h2, "significance", where);
  const Json& ci = optional_object(h2, "ci", where);
  const Verdict verdict = verdict_of(optional_bool(h2, "validated", where), lexical);
  const auto perms = optional_number(sig, "permutations", where);
  const std::string tolerance = fmt::format("{:.0e}", optional_number(h2, "tie_tolerance", where).value_or(kSquareTieTolerance));
  doc.blocks.push_back(heading(2, "H2 — Are Greimas squares geometric?", "h2"));
  doc.blocks.push_back(paragraph(fmt::format(
      "A square is valid if d(S1, S2) < d(S1, non-S1) and d(S1, S2) < d(S2, non-S2) (cosine distances), that is if "
      "its margin min(d(S1, non-S1), d(S2, non-S2)) − d(S1, S2) is positive. A margin within ±{} is a tie: float32 "
      "embeddings do not resolve it, and a tie does not count as valid. "
      "H2 holds if more than {} of the analysed squares are valid. Verdict: {}.",
      tolerance, format_percent(optional_number(h2, "threshold", where), 0), verdict_text(verdict))));
  Facts f;
  f.add("Analysed squares", format_number(optional_number(h2, "analysed", where), 0))
      .add("Valid squares", format_number(optional_number(h2, "valid", where), 0))
      .add("Ties (not counted valid)", format_number(optional_number(h2, "ties", where), 0))
      .add("Rate", with_p(format_percent(optional_number(h2, "rate", where)), optional_number(sig, "p_value", where), perms))
      .add(fmt::format("Rate {} CI", format_percent(optional_number(ci, "level", where + ".ci"), 0)),
           format_interval(ci.value("rate", Json())))
      .add("Permutations", format_number(optional_number(sig, "permutations", where), 0))
      .add("Verdict", verdict_cell(verdict).text, verdict_cell(verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(
      "the roles carry no geometry: within each square the four primes are dealt to the four roles at random.",
      "the share of such deals whose valid rate is at least the observed one.",
      "a bootstrap percentile interval of the valid rate over squares: how much the rate rests on the particular "
      "squares of the dataset.",
      "yes: beating random role assignment (small p) is a much weaker claim than more than the threshold's share "
      "of squares being valid."));
  doc.blocks.push_back(figure("squares.png", "squares.svg", "Distances per square; contraries vs the nearer contradictory"));

  const Json& squares = optional_array(h2, "squares", where);
  if (!squares.empty()) {
    doc.blocks.push_back(heading(3, "Squares"));
    Block t;
    t.kind = Block::Kind::table;
    t.header = {"Square", "S1", "S2", "non-S1", "non-S2", "d(S1, S2)", "d(S1, non-S1)", "d(S2, non-S2)", "Margin",
                "Decision"};
    for (size_t i = 0; i < squares.size(); ++i) {
      const Json& s = squares[i];
      const std::string at = fmt::format("{}.squares[{}]", where, i);
      const std::string decision = require_string(s, "decision", at);
      const bool tie = decision == "tie";
      // A tie shows the digits that decide it: ten decimals and the margin in scientific notation.
      const int digits = tie ? 10 : 3;
      const double margin = require_number(s, "margin", at);
      t.rows.push_back({Cell{optional_string(s, "name", at)}, Cell{prime_name(names, require_string(s, "s1", at))},
                        Cell{prime_name(names, require_string(s, "s2", at))},
                        Cell{prime_name(names, require_string(s, "non_s1", at))},
                        Cell{prime_name(names, require_string(s, "non_s2", at))},
                        Cell{format_number(require_number(s, "contraries", at), digits)},
                        Cell{format_number(require_number(s, "contradictory_s1", at), digits)},
                        Cell{format_number(require_number(s, "contradictory_s2", at), digits)},
                        Cell{std::abs(margin) < 1e-3 ? fmt::format("{:+.1e}", margin) : fmt::format("{:+.3f}", margin)},
                        Cell{decision, decision == "valid" ? Tone::good : tie ? Tone::muted : Tone::bad}});
    }
    doc.blocks.push_back(t);
    // Why each square is a square, and how sound the dataset judges it (strength and note
    // come with the reviewed dataset; older results have only the rationale).
    Block why;
    why.kind = Block::Kind::table;
    const bool strength = std::any_of(squares.begin(), squares.end(), [](const Json& s) { return s.contains("strength"); });
    why.header = strength ? std::vector<std::string>{"Square", "Strength", "Rationale"}
                          : std::vector<std::string>{"Square", "Rationale"};
    for (size_t i = 0; i < squares.size(); ++i) {
      const Json& s = squares[i];
      const std::string at = fmt::format("{}.squares[{}]", where, i);
      std::string rationale = optional_string(s, "rationale", at);
      const std::string note = optional_string(s, "note", at);
      if (!note.empty()) rationale += (rationale.empty() ? "" : " — ") + note;
      std::vector<Cell> row = {Cell{optional_string(s, "name", at)}};
      if (strength) {
        const std::string st = optional_string(s, "strength", at, kMissing);
        row.push_back(Cell{st, st == "strong" || st == "sound" ? Tone::plain : Tone::muted});
      }
      row.push_back(Cell{rationale});
      why.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(heading(3, "Why each square"));
    doc.blocks.push_back(why);
  }
  const Json& skipped = optional_array(h2, "skipped", where);
  if (!skipped.empty()) {
    doc.blocks.push_back(heading(3, "Skipped squares"));
    Block t;
    t.kind = Block::Kind::table;
    t.header = {"Square", "Reason"};
    for (size_t i = 0; i < skipped.size(); ++i) {
      const std::string at = fmt::format("{}.skipped[{}]", where, i);
      t.rows.push_back({Cell{optional_string(skipped[i], "name", at)}, Cell{optional_string(skipped[i], "reason", at), Tone::muted}});
    }
    doc.blocks.push_back(t);
  }
}

// ---- H3 ------------------------------------------------------------------------------------

void add_h3(ReportDocument& doc, const Json& h3, bool lexical) {
  const std::string where = kDoc + ": h3";
  require_object(h3, where);
  const Json& sig = optional_object(h3, "significance", where);
  const Verdict verdict = verdict_of(optional_bool(h3, "validated", where), lexical);
  const auto perms = optional_number(sig, "permutations", where);
  doc.blocks.push_back(heading(2, "H3 — Are isotopies visible in the corpus geometry?", "h3"));
  doc.blocks.push_back(paragraph(fmt::format(
      "Each isotopy converges if its presence vector correlates with a principal component at |r| > {}; "
      "H3 holds if more than {} of the target isotopies converge. Verdict: {}.",
      format_number(optional_number(h3, "threshold_r", where), 2),
      format_percent(optional_number(h3, "threshold_rate", where), 0), verdict_text(verdict))));
  std::string explained;
  for (const Json& v : optional_array(h3, "explained_variance_ratio", where)) {
    if (!explained.empty()) explained += ", ";
    explained += format_percent(v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt);
  }
  Facts f;
  f.add("Language", optional_string(h3, "language", where, kMissing))
      .add("Sentences", format_number(optional_number(h3, "n_sentences", where), 0))
      .add("Principal components", format_number(optional_number(h3, "n_components", where), 0))
      .add("Explained variance", explained.empty() ? kMissing : explained)
      .add("Analysed isotopies", format_number(optional_number(h3, "analysed", where), 0))
      .add("Converging isotopies", format_number(optional_number(h3, "converging", where), 0))
      .add("Rate", with_p(format_percent(optional_number(h3, "rate", where)), optional_number(sig, "p_value", where), perms))
      .add("Permutations", format_number(optional_number(sig, "permutations", where), 0))
      .add("Verdict", verdict_cell(verdict).text, verdict_cell(verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(
      "the isotopies are unrelated to the corpus geometry: the sentences are shuffled against the principal "
      "components (one shuffle for all isotopies, so that their co-occurrences are kept).",
      "the share of shuffles whose converging rate is at least the observed one; each isotopy's own p-value compares "
      "its best |r| with the best |r| of its shuffled presence vector.",
      "",
      "yes: correlations far above chance (small p) can still stay under the |r| threshold that defines "
      "convergence."));
  doc.blocks.push_back(figure("isotopies.png", "isotopies.svg", "Pearson r per isotopy and principal component"));

  const Json& isotopies = optional_array(h3, "isotopies", where);
  if (isotopies.empty()) return;
  doc.blocks.push_back(heading(3, "Isotopies"));
  Block t;
  t.kind = Block::Kind::table;
  t.header = {"Isotopy", "Forms", "Occurrences", "Best component", "Best r", "p-value", "Result"};
  for (size_t i = 0; i < isotopies.size(); ++i) {
    const Json& s = isotopies[i];
    const std::string at = fmt::format("{}.isotopies[{}]", where, i);
    std::string forms;
    for (const Json& form : optional_array(s, "forms", at)) {
      if (!forms.empty()) forms += ", ";
      forms += form.is_string() ? form.get<std::string>() : form.dump();
    }
    const bool skipped = optional_bool(s, "skipped", at);
    const bool converges = optional_bool(s, "converges", at);
    const auto best = optional_number(s, "best_component", at);
    Cell result = skipped ? Cell{"skipped: " + optional_string(s, "reason", at), Tone::muted}
                          : Cell{converges ? "converges" : "does not converge", converges ? Tone::good : Tone::bad};
    t.rows.push_back({Cell{optional_string(s, "target", at)}, Cell{forms},
                      Cell{format_number(optional_number(s, "occurrences", at), 0)},
                      Cell{best ? fmt::format("PC{}", static_cast<long>(*best)) : kMissing},  // already 1-based
                      Cell{format_number(optional_number(s, "best_r", at))},
                      Cell{p_text(optional_number(s, "p_value", at), perms)}, result});
  }
  doc.blocks.push_back(t);
}

// ---- metadata and timings ------------------------------------------------------------------

void add_metadata(ReportDocument& doc, const Json& results) {
  const std::string where = kDoc + ": metadata";
  const Json& meta = optional_object(results, "metadata", kDoc);
  if (meta.empty()) return;
  doc.blocks.push_back(heading(2, "Run metadata", "metadata"));
  Facts f;
  for (const auto& [key, value] : meta.items()) {
    if (key == "parameters" || key == "timings_s") continue;
    if (value.is_object()) {  // model, dataset: one line per field
      for (const auto& [sub, v] : value.items()) f.add(key + "." + sub, format_json_value(v));
    } else {
      f.add(key, format_json_value(value));
    }
  }
  doc.blocks.push_back(f.block);
  const Json& params = optional_object(meta, "parameters", where);
  if (!params.empty()) {
    doc.blocks.push_back(heading(3, "Parameters"));
    Facts p;
    for (const auto& [key, value] : params.items()) p.add(key, format_json_value(value));
    doc.blocks.push_back(p.block);
  }
  const Json& timings = optional_object(meta, "timings_s", where);
  if (!timings.empty()) {
    doc.blocks.push_back(heading(3, "Timings"));
    Block t;
    t.kind = Block::Kind::table;
    t.header = {"Stage", "Seconds"};
    // Pipeline order first (JSON objects come back sorted by name), then any other stage.
    std::vector<std::string> stages = {"load_model", "encode_primes", "encode_corpus", "h1", "h2", "h3", "plots"};
    for (const auto& [stage, seconds] : timings.items()) {
      if (std::find(stages.begin(), stages.end(), stage) == stages.end() && stage != "total") stages.push_back(stage);
    }
    stages.push_back("total");
    for (const std::string& stage : stages) {
      if (!timings.contains(stage)) continue;
      const bool total = stage == "total";
      t.rows.push_back({Cell{stage, total ? Tone::muted : Tone::plain},
                        Cell{format_number(optional_number(timings, stage, where + ".timings_s"), 3)}});
    }
    doc.blocks.push_back(t);
  }
}

}  // namespace

ReportDocument build_report_document(const Json& results) {
  require_object(results, kDoc);
  const std::string schema = optional_string(results, "schema", kDoc, "nsmlab.results/1");
  if (schema != "nsmlab.results/1") fail("{}: field 'schema' is '{}', expected 'nsmlab.results/1'", kDoc, schema);
  ReportDocument doc;
  add_header(doc, results);
  const size_t contents_at = doc.blocks.size();
  add_introduction(doc);
  add_synthesis(doc, results);
  const bool lexical = is_lexical_baseline(results);
  const PrimeNames names = prime_names(results);
  if (results.contains("h1") && !results["h1"].is_null()) add_h1(doc, results["h1"], lexical, names);
  if (results.contains("h2") && !results["h2"].is_null()) add_h2(doc, results["h2"], lexical, names);
  if (results.contains("h3") && !results["h3"].is_null()) add_h3(doc, results["h3"], lexical);
  add_metadata(doc, results);
  doc.blocks.insert(doc.blocks.begin() + static_cast<std::ptrdiff_t>(contents_at), table_of_contents(doc));
  return doc;
}

}  // namespace nsmlab
