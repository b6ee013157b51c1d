#include "report/report_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "experiments/h2_squares.h"
#include "experiments/synthesis.h"
#include "report/prime_names.h"
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

Block table(std::vector<std::string> header) {
  Block t;
  t.kind = Block::Kind::table;
  t.header = std::move(header);
  return t;
}

struct Facts {
  Block block;
  Facts() { block.kind = Block::Kind::facts; }
  Facts& add(std::string name, std::string value, Tone tone = Tone::plain) {
    block.rows.push_back({Cell{std::move(name)}, Cell{std::move(value), tone}});
    return *this;
  }
};

// "je (I)": the exponent that was embedded, with the prime it encodes (rows.primes of the
// run; documents without rows show the id alone).
using PrimeNames = std::map<std::string, std::string>;

// What every section needs: the words, and how to name a prime.
struct Context {
  const Messages& m;
  bool lexical = false;
  PrimeNames names;
  std::string prime(const std::string& id) const {
    auto it = names.find(id);
    return it == names.end() ? id : it->second;
  }
};

// A lexical baseline's numbers say nothing about the hypotheses (see synthesis.h).
bool is_lexical_baseline(const Json& results) {
  const Json& model = optional_object(optional_object(results, "metadata", kDoc), "model", kDoc + ": metadata");
  return optional_string(model, "kind", kDoc + ": metadata.model") == "lexical";
}

PrimeNames prime_names(const Json& results) {
  PrimeNames names;
  for (const auto& [id, text] : prime_exponents(results)) names[id] = prime_display_name(id, text);
  return names;
}

std::string verdict_text(const Messages& m, Verdict v) {
  return m(v == Verdict::validated ? "verdict.validated" : v == Verdict::refuted ? "verdict.refuted" : "verdict.not_applicable");
}

Cell verdict_cell(const Messages& m, Verdict v) {
  return {verdict_text(m, v), v == Verdict::validated ? Tone::good : v == Verdict::refuted ? Tone::bad : Tone::muted};
}

bool not_computed(std::optional<double> permutations) { return permutations && *permutations <= 0; }

// "0.612 (p 0.003)"; "(p not computed)" when no permutation was drawn.
std::string with_p(const Messages& m, const std::string& value, std::optional<double> p, std::optional<double> permutations) {
  if (not_computed(permutations)) return m.format("p.value_not_computed", value);
  return p ? m.format("p.value_with_p", value, format_p_value(p)) : value;
}

std::string p_text(const Messages& m, std::optional<double> p, std::optional<double> permutations) {
  return not_computed(permutations) ? m("p.not_computed") : format_p_value(p);
}

// The same questions for every test, one sentence each: what the null hypothesis is, what
// the p-value and the interval measure, and why "significant" and "refuted" can both hold.
// `section` is "h1", "h2" or "h3": the catalogue's keys <section>.null, .p, .interval, .refuted.
Block test_explanation(const Messages& m, const std::string& section, bool has_interval) {
  Facts f;
  f.add(m("test.null"), m(section + ".null")).add(m("test.p"), m(section + ".p"));
  if (has_interval) f.add(m("test.interval"), m(section + ".interval"));
  f.add(m("test.refuted"), m(section + ".refuted"));
  return f.block;
}

// ---- header and introduction ---------------------------------------------------------------

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

void add_header(ReportDocument& doc, const Json& results, const Messages& m) {
  const std::string where = kDoc + ": metadata";
  const Json& meta = optional_object(results, "metadata", kDoc);
  const Json& model = optional_object(meta, "model", where);
  const Json& dataset = optional_object(meta, "dataset", where);
  const std::string model_name = optional_string(model, "name", where + ".model", m("header.unknown_model"));
  doc.title = m.format("header.title", model_name);
  doc.blocks.push_back(heading(1, doc.title));
  Facts f;
  f.add(m("header.model"), model_name);
  // Which files exactly (hub id, commit, folder): metadata.model.revision and .path.
  const std::string model_path = optional_string(model, "path", where + ".model", "");
  const std::string revision = optional_string(model, "revision", where + ".model", "");
  if (!model_path.empty())
    f.add(m("header.model_files"), revision.empty() ? model_path : m.format("header.revision", revision, model_path));
  f.add(m("header.kind"), optional_string(model, "kind", where + ".model", kMissing))
      .add(m("header.backend"), m.format("header.backend_value", optional_string(meta, "backend", where, kMissing),
                                         optional_string(meta, "precision", where, kMissing),
                                         format_number(optional_number(meta, "threads", where), 0)))
      .add(m("header.device"), backend_device(meta, where))
      .add(m("header.dataset"), fmt::format("{} ({})", optional_string(dataset, "name", where + ".dataset", kMissing),
                                            optional_string(dataset, "origin", where + ".dataset", kMissing)))
      .add(m("header.language"), optional_string(meta, "language", where, kMissing))
      .add(m("header.date"), optional_string(meta, "created", where, kMissing));
  doc.blocks.push_back(f.block);
  // Fallbacks and halved batches: what the reader must know about how the numbers were made.
  // These notes and the notice come from the run (English): the report says so in French.
  const Json& detail = optional_object(meta, "backend_detail", where);
  if (detail.contains("notes") && detail["notes"].is_array())
    for (const Json& n : detail["notes"])
      if (n.is_string()) doc.blocks.push_back(paragraph(m.format("header.backend_note", n.get<std::string>()), Block::Kind::notice));
  const std::string notice = optional_string(results, "notice", kDoc);
  if (!notice.empty()) doc.blocks.push_back(paragraph(m.format("header.run_notice", notice), Block::Kind::notice));
  // Texts longer than the model reads (runner: metadata.long_text, from --long-text).
  if (meta.contains("long_text") && meta["long_text"].is_object())
    for (const auto& [what, lt] : meta["long_text"].items())
      if (lt.is_object() && lt.value("summary", "") != "")
        doc.blocks.push_back(paragraph(m.format("header.long_texts", what, lt.value("summary", "")), Block::Kind::notice));
}

// What the three hypotheses are, with where they come from, before any number.
void add_introduction(ReportDocument& doc, const Messages& m) {
  doc.blocks.push_back(heading(2, m("intro.heading"), "introduction"));
  for (const char* key : {"intro.h1", "intro.h2", "intro.h3", "intro.references"}) doc.blocks.push_back(paragraph(m(key)));
}

// A list of the level-2 headings, placed after the header.
Block table_of_contents(const ReportDocument& doc) {
  Block c;
  c.kind = Block::Kind::contents;
  for (const Block& b : doc.blocks)
    if (b.kind == Block::Kind::heading && b.level == 2 && !b.anchor.empty()) c.rows.push_back({Cell{b.anchor}, Cell{b.text}});
  return c;
}

// ---- synthesis -----------------------------------------------------------------------------

// The key metric of an experiment, in the report's words, from its fragment; the row's own
// metric (the terminal's English text) only when the fragment is missing.
std::string synthesis_metric(const Messages& m, const SynthesisRow& row, const Json& results) {
  const std::string& experiment = row.experiment;
  const std::string section = experiment == "H1" ? "h1" : experiment == "H2" ? "h2" : experiment == "H3" ? "h3" : "";
  if (section.empty() || !results.contains(section) || !results[section].is_object()) return row.metric;
  const Json& f = results[section];
  const std::string where = kDoc + ": " + section;
  if (section == "h1")
    return m.format("synthesis.metric_h1", format_number(optional_number(f, "purity", where), 2),
                    format_number(optional_number(f, "silhouette", where), 2));
  if (section == "h2") {
    std::string metric = m.format("synthesis.metric_h2", format_number(optional_number(f, "valid", where), 0),
                                  format_number(optional_number(f, "analysed", where), 0),
                                  format_percent(optional_number(f, "rate", where), 0));
    const auto ties = optional_number(f, "ties", where);
    if (ties && *ties > 0) metric += m.format("synthesis.metric_h2_ties", format_number(ties, 0));
    return metric;
  }
  const auto targets = optional_number(f, "targets", where);
  return m.format("synthesis.metric_h3", format_number(optional_number(f, "converging", where), 0),
                  targets ? format_number(targets, 0) : std::to_string(optional_array(f, "isotopies", where).size()),
                  format_number(optional_number(f, "threshold_r", where), 2),
                  format_percent(optional_number(f, "rate", where), 0));
}

void add_synthesis(ReportDocument& doc, const Json& results, const Context& c) {
  const Messages& m = c.m;
  if (!results.contains("synthesis")) return;
  const std::vector<SynthesisRow> rows = parse_synthesis(results["synthesis"], kDoc + ": synthesis");
  if (rows.empty()) return;
  doc.blocks.push_back(heading(2, m("synthesis.heading"), "synthesis"));
  Block t = table({m("synthesis.experiment"), m("synthesis.hypothesis"), m("synthesis.metric"), m("synthesis.p_value"),
                   m("synthesis.verdict")});
  for (const SynthesisRow& row : rows) {
    const bool known = row.experiment == "H1" || row.experiment == "H2" || row.experiment == "H3";
    t.rows.push_back({Cell{row.experiment}, Cell{known ? m("synthesis.hypothesis_" + row.experiment) : row.hypothesis},
                      Cell{synthesis_metric(m, row, results)},
                      Cell{p_text(m, row.p_value, static_cast<double>(row.permutations))}, verdict_cell(m, row.verdict)});
  }
  doc.blocks.push_back(t);
  if (c.lexical) doc.blocks.push_back(paragraph(m("synthesis.lexical")));
}

// ---- H1 ------------------------------------------------------------------------------------

void add_h1(ReportDocument& doc, const Json& h1, const Context& c) {
  const Messages& m = c.m;
  const std::string where = kDoc + ": h1";
  require_object(h1, where);
  const Json& sig = optional_object(h1, "significance", where);
  const Json& ci = optional_object(h1, "ci", where);
  const Json& thr = optional_object(h1, "thresholds", where);
  const Json& tsne = optional_object(h1, "tsne", where);
  const Verdict verdict = verdict_of(optional_bool(h1, "validated", where), c.lexical);
  const auto perms = optional_number(sig, "permutations", where);
  const std::string level = format_percent(optional_number(ci, "level", where + ".ci"), 0);
  doc.blocks.push_back(heading(2, m("h1.heading"), "h1"));
  doc.blocks.push_back(paragraph(m.format(
      "h1.rule", format_number(optional_number(h1, "k", where), 0), format_number(optional_number(h1, "n", where), 0),
      format_number(optional_number(thr, "purity", where), 2), format_number(optional_number(thr, "silhouette", where), 2),
      verdict_text(m, verdict))));
  // The interval's method from whether it was computed (the run's "method" text is English).
  const bool ci_computed = optional_bool(ci, "computed", where + ".ci", ci.contains("purity"));
  Facts f;
  f.add(m("h1.purity"), with_p(m, format_number(optional_number(h1, "purity", where)), optional_number(sig, "purity_p", where), perms))
      .add(m.format("h1.purity_ci", level), format_interval(ci.value("purity", Json())))
      .add(m("h1.silhouette"),
           with_p(m, format_number(optional_number(h1, "silhouette", where)), optional_number(sig, "silhouette_p", where), perms))
      .add(m.format("h1.silhouette_ci", level), format_interval(ci.value("silhouette", Json())))
      .add(m("h1.ari"), with_p(m, format_number(optional_number(h1, "ari", where)), optional_number(sig, "ari_p", where), perms))
      .add(m("h1.nmi"), with_p(m, format_number(optional_number(h1, "nmi", where)), optional_number(sig, "nmi_p", where), perms))
      .add(m("h1.inertia"), format_number(optional_number(h1, "inertia", where)))
      .add(m("common.permutations"), format_number(optional_number(sig, "permutations", where), 0))
      .add(m("h1.ci_method"), m(ci_computed ? "h1.ci_jackknife" : "h1.ci_not_computed"))
      .add(m("h1.perplexity"), format_number(optional_number(tsne, "perplexity_used", where), 2))
      .add(m("h1.trustworthiness"), format_number(optional_number(tsne, "trustworthiness", where)))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h1", true));
  doc.blocks.push_back(figure("tsne.png", "tsne.svg", m("h1.caption")));

  std::map<std::string, std::string> label_of;  // members are ids; readers know the labels
  const Json& points = optional_array(h1, "points", where);
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string at = fmt::format("{}.points[{}]", where, i);
    const std::string id = optional_string(points[i], "id", at);
    label_of[id] = c.names.count(id) ? c.prime(id) : optional_string(points[i], "label", at, id);
  }
  const Json& clusters = optional_array(h1, "clusters", where);
  if (clusters.empty()) return;
  doc.blocks.push_back(heading(3, m("h1.clusters")));
  Block t = table({m("h1.cluster"), m("h1.size"), m("h1.majority"), m("h1.matched"), m("h1.members")});
  for (size_t i = 0; i < clusters.size(); ++i) {
    const std::string at = fmt::format("{}.clusters[{}]", where, i);
    std::string members;
    for (const Json& member : optional_array(clusters[i], "members", at)) {
      const std::string id = member.is_string() ? member.get<std::string>() : member.dump();
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

void add_squares_table(ReportDocument& doc, const Json& squares, const Context& c, const std::string& where) {
  const Messages& m = c.m;
  doc.blocks.push_back(heading(3, m("h2.squares")));
  Block t = table({m("h2.square"), "S1", "S2", "non-S1", "non-S2", "d(S1, S2)", "d(S1, non-S1)", "d(S2, non-S2)",
                   m("h2.margin"), m("h2.decision")});
  t.compact = true;  // ten columns, "je (I)" names and ten-decimal ties: must fit a 1400 px window
  for (size_t i = 0; i < squares.size(); ++i) {
    const Json& s = squares[i];
    const std::string at = fmt::format("{}.squares[{}]", where, i);
    const std::string decision = require_string(s, "decision", at);
    if (decision != "valid" && decision != "invalid" && decision != "tie")
      fail("{}: field 'decision' is '{}', expected valid, invalid or tie", at, decision);
    const bool tie = decision == "tie";
    // A tie shows the digits that decide it: ten decimals and the margin in scientific notation.
    const int digits = tie ? 10 : 3;
    const double margin = require_number(s, "margin", at);
    t.rows.push_back({Cell{optional_string(s, "name", at)}, Cell{c.prime(require_string(s, "s1", at))},
                      Cell{c.prime(require_string(s, "s2", at))}, Cell{c.prime(require_string(s, "non_s1", at))},
                      Cell{c.prime(require_string(s, "non_s2", at))},
                      Cell{format_number(require_number(s, "contraries", at), digits)},
                      Cell{format_number(require_number(s, "contradictory_s1", at), digits)},
                      Cell{format_number(require_number(s, "contradictory_s2", at), digits)},
                      Cell{std::abs(margin) < 1e-3 ? fmt::format("{:+.1e}", margin) : fmt::format("{:+.3f}", margin)},
                      Cell{m("h2.decision_" + decision), decision == "valid" ? Tone::good : tie ? Tone::muted : Tone::bad}});
  }
  doc.blocks.push_back(t);
  // Why each square is a square, and how sound the dataset judges it (strength and note
  // come with the reviewed dataset; older results have only the rationale). The rationale
  // is the dataset's own text.
  const bool strength = std::any_of(squares.begin(), squares.end(), [](const Json& s) { return s.contains("strength"); });
  Block why = strength ? table({m("h2.square"), m("h2.strength"), m("h2.rationale")})
                       : table({m("h2.square"), m("h2.rationale")});
  for (size_t i = 0; i < squares.size(); ++i) {
    const Json& s = squares[i];
    const std::string at = fmt::format("{}.squares[{}]", where, i);
    std::string rationale = optional_string(s, "rationale", at);
    const std::string note = optional_string(s, "note", at);
    if (!note.empty()) rationale += (rationale.empty() ? "" : " — ") + note;
    std::vector<Cell> row = {Cell{optional_string(s, "name", at)}};
    if (strength) {
      const std::string st = optional_string(s, "strength", at, kMissing);
      const bool known = st == "sound" || st == "weak";
      row.push_back(Cell{known ? m("h2.strength_" + st) : st, st == "weak" ? Tone::muted : Tone::plain});
    }
    row.push_back(Cell{rationale});
    why.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(heading(3, m("h2.why")));
  doc.blocks.push_back(why);
}

void add_h2(ReportDocument& doc, const Json& h2, const Context& c) {
  const Messages& m = c.m;
  const std::string where = kDoc + ": h2";
  require_object(h2, where);
  const Json& sig = optional_object(h2, "significance", where);
  const Json& ci = optional_object(h2, "ci", where);
  const Verdict verdict = verdict_of(optional_bool(h2, "validated", where), c.lexical);
  const auto perms = optional_number(sig, "permutations", where);
  const std::string tolerance = fmt::format("{:.0e}", optional_number(h2, "tie_tolerance", where).value_or(kSquareTieTolerance));
  doc.blocks.push_back(heading(2, m("h2.heading"), "h2"));
  doc.blocks.push_back(paragraph(
      m.format("h2.rule", tolerance, format_percent(optional_number(h2, "threshold", where), 0), verdict_text(m, verdict))));
  Facts f;
  f.add(m("h2.analysed"), format_number(optional_number(h2, "analysed", where), 0))
      .add(m("h2.valid"), format_number(optional_number(h2, "valid", where), 0))
      .add(m("h2.ties"), format_number(optional_number(h2, "ties", where), 0))
      .add(m("common.rate"), with_p(m, m.numbers(format_percent(optional_number(h2, "rate", where))), optional_number(sig, "p_value", where), perms))
      .add(m.format("h2.rate_ci", format_percent(optional_number(ci, "level", where + ".ci"), 0)),
           format_interval(ci.value("rate", Json())))
      .add(m("common.permutations"), format_number(optional_number(sig, "permutations", where), 0))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h2", true));
  doc.blocks.push_back(figure("squares.png", "squares.svg", m("h2.caption")));
  const Json& squares = optional_array(h2, "squares", where);
  if (!squares.empty()) add_squares_table(doc, squares, c, where);
  const Json& skipped = optional_array(h2, "skipped", where);
  if (!skipped.empty()) {
    doc.blocks.push_back(heading(3, m("h2.skipped")));
    Block t = table({m("h2.square"), m("common.reason")});
    for (size_t i = 0; i < skipped.size(); ++i) {
      const std::string at = fmt::format("{}.skipped[{}]", where, i);
      t.rows.push_back({Cell{optional_string(skipped[i], "name", at)}, Cell{optional_string(skipped[i], "reason", at), Tone::muted}});
    }
    doc.blocks.push_back(t);
  }
}

// ---- H3 ------------------------------------------------------------------------------------

// Why an isotopy was skipped, from its numbers (the run's "reason" is English text; it is
// kept only for a case these numbers do not explain).
std::string skip_reason(const Messages& m, const Json& isotopy, const Json& h3, const std::string& at) {
  const std::string where = kDoc + ": h3";
  const auto occurrences = optional_number(isotopy, "occurrences", at);
  const auto min_occurrences = optional_number(h3, "min_occurrences", where);
  const auto sentences = optional_number(h3, "n_sentences", where);
  if (optional_array(isotopy, "forms", at).empty()) return m("h3.skip_no_forms");
  if (occurrences && min_occurrences && *occurrences < *min_occurrences)
    return m.format("h3.skip_rare", format_number(occurrences, 0), format_number(min_occurrences, 0));
  if (occurrences && sentences && *occurrences >= *sentences) return m("h3.skip_everywhere");
  return optional_string(isotopy, "reason", at);
}

void add_h3(ReportDocument& doc, const Json& h3, const Context& c) {
  const Messages& m = c.m;
  const std::string where = kDoc + ": h3";
  require_object(h3, where);
  const Json& sig = optional_object(h3, "significance", where);
  const Verdict verdict = verdict_of(optional_bool(h3, "validated", where), c.lexical);
  const auto perms = optional_number(sig, "permutations", where);
  doc.blocks.push_back(heading(2, m("h3.heading"), "h3"));
  doc.blocks.push_back(paragraph(m.format("h3.rule", format_number(optional_number(h3, "threshold_r", where), 2),
                                          format_percent(optional_number(h3, "threshold_rate", where), 0),
                                          verdict_text(m, verdict))));
  std::string explained;
  for (const Json& v : optional_array(h3, "explained_variance_ratio", where)) {
    if (!explained.empty()) explained += ", ";
    explained += m.numbers(format_percent(v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt));
  }
  Facts f;
  f.add(m("header.language"), optional_string(h3, "language", where, kMissing))
      .add(m("h3.sentences"), format_number(optional_number(h3, "n_sentences", where), 0))
      .add(m("h3.components"), format_number(optional_number(h3, "n_components", where), 0))
      .add(m("h3.explained"), explained.empty() ? kMissing : explained)
      .add(m("h3.analysed"), format_number(optional_number(h3, "analysed", where), 0))
      .add(m("h3.converging"), format_number(optional_number(h3, "converging", where), 0))
      .add(m("common.rate"), with_p(m, m.numbers(format_percent(optional_number(h3, "rate", where))), optional_number(sig, "p_value", where), perms))
      .add(m("common.permutations"), format_number(optional_number(sig, "permutations", where), 0))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h3", false));
  doc.blocks.push_back(figure("isotopies.png", "isotopies.svg", m("h3.caption")));

  const Json& isotopies = optional_array(h3, "isotopies", where);
  if (isotopies.empty()) return;
  doc.blocks.push_back(heading(3, m("h3.isotopies")));
  Block t = table({m("h3.isotopy"), m("h3.forms"), m("h3.occurrences"), m("h3.best_component"), m("h3.best_r"),
                   m("synthesis.p_value"), m("h3.result")});
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
    Cell result = skipped ? Cell{m.format("h3.skipped", skip_reason(m, s, h3, at)), Tone::muted}
                          : Cell{m(converges ? "h3.converges" : "h3.diverges"), converges ? Tone::good : Tone::bad};
    t.rows.push_back({Cell{optional_string(s, "target", at)}, Cell{forms},
                      Cell{format_number(optional_number(s, "occurrences", at), 0)},
                      Cell{best ? fmt::format("PC{}", static_cast<long>(*best)) : kMissing},  // already 1-based
                      Cell{format_number(optional_number(s, "best_r", at))},
                      Cell{p_text(m, optional_number(s, "p_value", at), perms)}, result});
  }
  doc.blocks.push_back(t);
}

// ---- metadata and timings ------------------------------------------------------------------

// Field names stay as results.json spells them; yes/no in the report's words.
std::string metadata_value(const Messages& m, const Json& value) {
  if (value.is_boolean()) return m(value.get<bool>() ? "common.yes" : "common.no");
  if (value.is_null()) return m("common.none");  // e.g. embedding_cache: no cache used
  return format_json_value(value);
}

void add_metadata(ReportDocument& doc, const Json& results, const Messages& m) {
  const std::string where = kDoc + ": metadata";
  const Json& meta = optional_object(results, "metadata", kDoc);
  if (meta.empty()) return;
  doc.blocks.push_back(heading(2, m("metadata.heading"), "metadata"));
  Facts f;
  for (const auto& [key, value] : meta.items()) {
    if (key == "parameters" || key == "timings_s") continue;
    if (value.is_object()) {  // model, dataset: one line per field
      for (const auto& [sub, v] : value.items()) f.add(key + "." + sub, metadata_value(m, v));
    } else {
      f.add(key, metadata_value(m, value));
    }
  }
  doc.blocks.push_back(f.block);
  const Json& params = optional_object(meta, "parameters", where);
  if (!params.empty()) {
    doc.blocks.push_back(heading(3, m("metadata.parameters")));
    Facts p;
    for (const auto& [key, value] : params.items()) p.add(key, metadata_value(m, value));
    doc.blocks.push_back(p.block);
  }
  const Json& timings = optional_object(meta, "timings_s", where);
  if (!timings.empty()) {
    doc.blocks.push_back(heading(3, m("metadata.timings")));
    Block t = table({m("metadata.stage"), m("metadata.seconds")});
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

ReportDocument build_report_document(const Json& results, ReportLanguage language) {
  require_object(results, kDoc);
  const std::string schema = optional_string(results, "schema", kDoc, "nsmlab.results/1");
  if (schema != "nsmlab.results/1") fail("{}: field 'schema' is '{}', expected 'nsmlab.results/1'", kDoc, schema);
  const Messages m(language);
  const Context c{m, is_lexical_baseline(results), prime_names(results)};
  ReportDocument doc;
  doc.language = language;
  add_header(doc, results, m);
  const size_t contents_at = doc.blocks.size();
  add_introduction(doc, m);
  add_synthesis(doc, results, c);
  if (results.contains("h1") && !results["h1"].is_null()) add_h1(doc, results["h1"], c);
  if (results.contains("h2") && !results["h2"].is_null()) add_h2(doc, results["h2"], c);
  if (results.contains("h3") && !results["h3"].is_null()) add_h3(doc, results["h3"], c);
  add_metadata(doc, results, m);
  doc.blocks.insert(doc.blocks.begin() + static_cast<std::ptrdiff_t>(contents_at), table_of_contents(doc));
  return doc;
}

}  // namespace nsmlab
