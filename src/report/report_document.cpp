#include "report/report_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "experiments/metadata_result.h"
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

bool not_computed(int permutations) { return permutations <= 0; }

// "0.612 (p 0.003)"; "(p not computed)" when no permutation was drawn.
std::string with_p(const Messages& m, const std::string& value, std::optional<double> p, int permutations) {
  if (not_computed(permutations)) return m.format("p.value_not_computed", value);
  return p ? m.format("p.value_with_p", value, format_p_value(p)) : value;
}

std::string p_text(const Messages& m, std::optional<double> p, int permutations) {
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

// "AMD EPYC 9R14, oneDNN 2.6.3, avx512_core_bf16 (AVX512_BF16)" from metadata.backend_detail.
std::string backend_device(const BackendDescription& d) {
  std::string out = d.device_name;
  for (const auto& [lib, version] : d.libraries) out += ", " + lib + " " + version;
  if (!d.instruction_set.empty()) out += ", " + d.instruction_set;
  return out;
}

void add_header(ReportDocument& doc, const Json& results, const RunMetadata& meta, const Messages& m) {
  const ModelMetadata& model = meta.model;
  doc.title = m.format("header.title", model.name);
  doc.blocks.push_back(heading(1, doc.title));
  Facts f;
  f.add(m("header.model"), model.name);
  // Which files exactly (hub id, commit, folder): metadata.model.revision and .path.
  if (!model.path.empty())
    f.add(m("header.model_files"), model.revision.empty() ? model.path : m.format("header.revision", model.revision, model.path));
  f.add(m("header.kind"), model.kind)
      .add(m("header.backend"), m.format("header.backend_value", meta.backend, meta.precision, std::to_string(meta.threads)))
      .add(m("header.device"), backend_device(meta.backend_detail))
      .add(m("header.dataset"), fmt::format("{} ({})", meta.dataset.name, meta.dataset.origin))
      .add(m("header.language"), meta.language)
      .add(m("header.date"), meta.created);
  doc.blocks.push_back(f.block);
  // Fallbacks and halved batches: what the reader must know about how the numbers were made.
  // These notes and the notice come from the run (English): the report says so in French.
  for (const std::string& n : meta.backend_detail.notes)
    doc.blocks.push_back(paragraph(m.format("header.backend_note", n), Block::Kind::notice));
  const std::string notice = optional_string(results, "notice", kDoc);
  if (!notice.empty()) doc.blocks.push_back(paragraph(m.format("header.run_notice", notice), Block::Kind::notice));
  // Texts longer than the model reads (runner: metadata.long_text, from --long-text).
  for (const auto& [what, lt] : meta.long_text)
    if (!lt.summary.empty()) doc.blocks.push_back(paragraph(m.format("header.long_texts", what, lt.summary), Block::Kind::notice));
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

// The experiments' fragments, read once with their strict readers (experiments/h*_result.h);
// an experiment the run did not do is empty.
struct ReportFragments {
  std::optional<H1Result> h1;
  std::optional<H2Result> h2;
  std::optional<H3Result> h3;
};

ReportFragments read_report_fragments(const Json& results) {
  ReportFragments f;
  if (results.contains("h1") && !results["h1"].is_null()) f.h1 = parse_h1_result(results["h1"]);
  if (results.contains("h2") && !results["h2"].is_null()) f.h2 = parse_h2_result(results["h2"]);
  if (results.contains("h3") && !results["h3"].is_null()) f.h3 = parse_h3_result(results["h3"]);
  return f;
}

// The key metric of an experiment, in the report's words, from its fragment; the row's own
// metric (the terminal's English text) only when the fragment is missing.
std::string synthesis_metric(const Messages& m, const SynthesisRow& row, const ReportFragments& f) {
  if (row.experiment == "H1" && f.h1)
    return m.format("synthesis.metric_h1", format_number(f.h1->purity, 2), format_number(f.h1->silhouette, 2));
  if (row.experiment == "H2" && f.h2) {
    std::string metric = m.format("synthesis.metric_h2", f.h2->valid, f.h2->analysed, format_percent(f.h2->rate, 0));
    if (f.h2->ties > 0) metric += m.format("synthesis.metric_h2_ties", f.h2->ties);
    return metric;
  }
  if (row.experiment == "H3" && f.h3)
    return m.format("synthesis.metric_h3", f.h3->converging, f.h3->targets, format_number(f.h3->threshold_r, 2),
                    format_percent(f.h3->rate, 0));
  return row.metric;
}

void add_synthesis(ReportDocument& doc, const Json& results, const ReportFragments& fragments, const Context& c) {
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
                      Cell{synthesis_metric(m, row, fragments)},
                      Cell{p_text(m, row.p_value, row.permutations)}, verdict_cell(m, row.verdict)});
  }
  doc.blocks.push_back(t);
  if (c.lexical) doc.blocks.push_back(paragraph(m("synthesis.lexical")));
}

// ---- H1 ------------------------------------------------------------------------------------

void add_h1(ReportDocument& doc, const H1Result& h1, const Context& c) {
  const Messages& m = c.m;
  const H1Significance& sig = h1.significance;
  const Verdict verdict = verdict_of(h1.validated, c.lexical);
  const int perms = sig.permutations;
  const std::string level = format_percent(h1.ci.level, 0);
  doc.blocks.push_back(heading(2, m("h1.heading"), "h1"));
  doc.blocks.push_back(paragraph(m.format("h1.rule", h1.k, h1.n, format_number(h1.purity_threshold, 2),
                                          format_number(h1.silhouette_threshold, 2), verdict_text(m, verdict))));
  // The interval's method from whether it was computed (the run's "method" text is English).
  Facts f;
  f.add(m("h1.purity"), with_p(m, format_number(h1.purity), sig.purity_p, perms))
      .add(m.format("h1.purity_ci", level), format_interval(h1.ci.purity))
      .add(m("h1.silhouette"), with_p(m, format_number(h1.silhouette), sig.silhouette_p, perms))
      .add(m.format("h1.silhouette_ci", level), format_interval(h1.ci.silhouette))
      .add(m("h1.ari"), with_p(m, format_number(h1.ari), sig.ari_p, perms))
      .add(m("h1.nmi"), with_p(m, format_number(h1.nmi), sig.nmi_p, perms))
      .add(m("h1.inertia"), format_number(h1.inertia))
      .add(m("common.permutations"), std::to_string(perms))
      .add(m("h1.ci_method"), m(h1.ci.computed ? "h1.ci_jackknife" : "h1.ci_not_computed"))
      .add(m("h1.perplexity"), format_number(h1.tsne.perplexity_used, 2))
      .add(m("h1.trustworthiness"), format_number(h1.tsne.trustworthiness))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h1", true));
  doc.blocks.push_back(figure("tsne.png", "tsne.svg", m("h1.caption")));

  std::map<std::string, std::string> label_of;  // members are ids; readers know the labels
  for (const H1Point& p : h1.points) label_of[p.id] = c.names.count(p.id) ? c.prime(p.id) : p.label;
  if (h1.clusters.empty()) return;
  doc.blocks.push_back(heading(3, m("h1.clusters")));
  Block t = table({m("h1.cluster"), m("h1.size"), m("h1.majority"), m("h1.matched"), m("h1.members")});
  for (const H1Cluster& cluster : h1.clusters) {
    std::string members;
    for (const std::string& id : cluster.members) {
      if (!members.empty()) members += ", ";
      members += label_of.count(id) ? label_of[id] : id;
    }
    const std::string majority = cluster.majority_category.value_or("");
    const std::string matched = cluster.matched_category.value_or("");
    t.rows.push_back({Cell{std::to_string(cluster.cluster)}, Cell{std::to_string(cluster.size)}, Cell{majority},
                      Cell{matched, matched == majority ? Tone::good : Tone::plain}, Cell{members}});
  }
  doc.blocks.push_back(t);
}

// ---- H2 ------------------------------------------------------------------------------------

void add_squares_table(ReportDocument& doc, const H2Result& h2, const Context& c) {
  const Messages& m = c.m;
  doc.blocks.push_back(heading(3, m("h2.squares")));
  Block t = table({"#", m("h2.square"), "S1", "S2", "non-S1", "non-S2", "d(S1, S2)", "d(S1, non-S1)", "d(S2, non-S2)",
                   m("h2.margin"), m("h2.decision")});
  t.compact = true;  // eleven columns, "je (I)" names and ten-decimal ties: must fit a 1400 px window
  for (size_t i = 0; i < h2.squares.size(); ++i) {
    const H2Square& s = h2.squares[i];
    const bool tie = s.decision == "tie";
    // A tie shows the digits that decide it: ten decimals and the margin in scientific notation.
    const int digits = tie ? 10 : 3;
    const std::string margin = !s.margin                  ? std::string(kMissing)
                               : std::abs(*s.margin) < 1e-3 ? fmt::format("{:+.1e}", *s.margin)
                                                            : fmt::format("{:+.3f}", *s.margin);
    // "#": the number of the square's marker on the figure's scatter (the same order).
    t.rows.push_back({Cell{std::to_string(i + 1)}, Cell{s.name}, Cell{c.prime(s.s1)}, Cell{c.prime(s.s2)},
                      Cell{c.prime(s.non_s1)}, Cell{c.prime(s.non_s2)}, Cell{format_number(s.contraries, digits)},
                      Cell{format_number(s.contradictory_s1, digits)}, Cell{format_number(s.contradictory_s2, digits)},
                      Cell{margin},
                      Cell{m("h2.decision_" + s.decision), s.decision == "valid" ? Tone::good : tie ? Tone::muted : Tone::bad}});
  }
  doc.blocks.push_back(t);
  // Why each square is a square, and how sound the dataset judges it (the reviewed dataset
  // rates every square; an unrated one, as the notebook's data, has strength ""). The
  // rationale is the dataset's own text.
  const bool rated = std::any_of(h2.squares.begin(), h2.squares.end(), [](const H2Square& s) { return !s.strength.empty(); });
  Block why = rated ? table({m("h2.square"), m("h2.strength"), m("h2.rationale")}) : table({m("h2.square"), m("h2.rationale")});
  for (const H2Square& s : h2.squares) {
    std::string rationale = s.rationale;
    if (!s.note.empty()) rationale += (rationale.empty() ? "" : " — ") + s.note;
    std::vector<Cell> row = {Cell{s.name}};
    if (rated) {
      const bool known = s.strength == "sound" || s.strength == "weak";
      row.push_back(Cell{known ? m("h2.strength_" + s.strength) : s.strength.empty() ? std::string(kMissing) : s.strength,
                         s.strength == "weak" ? Tone::muted : Tone::plain});
    }
    row.push_back(Cell{rationale});
    why.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(heading(3, m("h2.why")));
  doc.blocks.push_back(why);
}

void add_h2(ReportDocument& doc, const H2Result& h2, const Context& c) {
  const Messages& m = c.m;
  const Verdict verdict = verdict_of(h2.validated, c.lexical);
  const int perms = h2.significance.permutations;
  doc.blocks.push_back(heading(2, m("h2.heading"), "h2"));
  doc.blocks.push_back(paragraph(m.format("h2.rule", fmt::format("{:.0e}", h2.tie_tolerance), format_percent(h2.threshold, 0),
                                          verdict_text(m, verdict))));
  Facts f;
  f.add(m("h2.analysed"), std::to_string(h2.analysed))
      .add(m("h2.valid"), std::to_string(h2.valid))
      .add(m("h2.ties"), std::to_string(h2.ties))
      .add(m("common.rate"), with_p(m, m.numbers(format_percent(h2.rate)), h2.significance.p_value, perms))
      .add(m.format("h2.rate_ci", format_percent(h2.ci.level, 0)), format_interval(h2.ci.rate))
      .add(m("common.permutations"), std::to_string(perms))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h2", true));
  doc.blocks.push_back(figure("squares.png", "squares.svg", m("h2.caption")));
  if (!h2.squares.empty()) add_squares_table(doc, h2, c);
  if (!h2.skipped.empty()) {
    doc.blocks.push_back(heading(3, m("h2.skipped")));
    Block t = table({m("h2.square"), m("common.reason")});
    for (const H2Skipped& s : h2.skipped) t.rows.push_back({Cell{s.name}, Cell{s.reason, Tone::muted}});
    doc.blocks.push_back(t);
  }
}

// ---- H3 ------------------------------------------------------------------------------------

// Why an isotopy was skipped, from its numbers (the run's "reason" is English text; it is
// kept only for a case these numbers do not explain).
std::string skip_reason(const Messages& m, const H3Isotopy& isotopy, const H3Result& h3) {
  if (isotopy.forms.empty()) return m("h3.skip_no_forms");
  if (isotopy.occurrences < h3.min_occurrences)
    return m.format("h3.skip_rare", isotopy.occurrences, h3.min_occurrences);
  if (isotopy.occurrences >= h3.n_sentences) return m("h3.skip_everywhere");
  return isotopy.reason;
}

void add_h3(ReportDocument& doc, const H3Result& h3, const Context& c) {
  const Messages& m = c.m;
  const Verdict verdict = verdict_of(h3.validated, c.lexical);
  const int perms = h3.significance.permutations;
  doc.blocks.push_back(heading(2, m("h3.heading"), "h3"));
  doc.blocks.push_back(paragraph(m.format("h3.rule", format_number(h3.threshold_r, 2), format_percent(h3.threshold_rate, 0),
                                          verdict_text(m, verdict))));
  std::string explained;
  for (const std::optional<double>& v : h3.explained_variance_ratio) {
    if (!explained.empty()) explained += ", ";
    explained += m.numbers(format_percent(v));
  }
  Facts f;
  f.add(m("header.language"), h3.language)
      .add(m("h3.sentences"), std::to_string(h3.n_sentences))
      .add(m("h3.components"), std::to_string(h3.n_components))
      .add(m("h3.explained"), explained.empty() ? kMissing : explained)
      .add(m("h3.analysed"), std::to_string(h3.analysed))
      .add(m("h3.converging"), std::to_string(h3.converging))
      .add(m("common.rate"), with_p(m, m.numbers(format_percent(h3.rate)), h3.significance.p_value, perms))
      .add(m("common.permutations"), std::to_string(perms))
      .add(m("common.verdict"), verdict_cell(m, verdict).text, verdict_cell(m, verdict).tone);
  doc.blocks.push_back(f.block);
  doc.blocks.push_back(test_explanation(m, "h3", false));
  doc.blocks.push_back(figure("isotopies.png", "isotopies.svg", m("h3.caption")));

  if (h3.isotopies.empty()) return;
  doc.blocks.push_back(heading(3, m("h3.isotopies")));
  Block t = table({m("h3.isotopy"), m("h3.forms"), m("h3.occurrences"), m("h3.best_component"), m("h3.best_r"),
                   m("synthesis.p_value"), m("h3.result")});
  for (const H3Isotopy& s : h3.isotopies) {
    std::string forms;
    for (const std::string& form : s.forms) forms += (forms.empty() ? "" : ", ") + form;
    Cell result = s.skipped ? Cell{m.format("h3.skipped", skip_reason(m, s, h3)), Tone::muted}
                            : Cell{m(s.converges ? "h3.converges" : "h3.diverges"), s.converges ? Tone::good : Tone::bad};
    t.rows.push_back({Cell{c.prime(s.target)}, Cell{forms}, Cell{std::to_string(s.occurrences)},
                      Cell{s.best_component ? fmt::format("PC{}", *s.best_component) : kMissing},  // already 1-based
                      Cell{format_number(s.best_r)}, Cell{p_text(m, s.p_value, perms)}, result});
  }
  doc.blocks.push_back(t);
}

// ---- metadata and timings ------------------------------------------------------------------

// Field names stay as results.json spells them; yes/no in the report's words. An object
// (cpu.features, parameters.h1, ...) as "name: value, ..." so that its line wraps in the page.
std::string metadata_value(const Messages& m, const Json& value) {
  if (value.is_boolean()) return m(value.get<bool>() ? "common.yes" : "common.no");
  // e.g. embedding_cache: no cache used; a long-text summary with nothing to say
  if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) return m("common.none");
  if (value.is_object()) {
    std::string out;
    for (const auto& [key, v] : value.items()) out += (out.empty() ? "" : ", ") + key + ": " + metadata_value(m, v);
    return out;
  }
  return format_json_value(value);
}

// Every key as the results contract writes it (experiments/metadata_result.h), parameters and
// timings in tables of their own.
void add_metadata(ReportDocument& doc, const RunMetadata& metadata, const Messages& m) {
  const Json meta = run_metadata_json(metadata);
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
  doc.blocks.push_back(heading(3, m("metadata.parameters")));
  Facts p;
  for (const auto& [key, value] : meta["parameters"].items()) p.add(key, metadata_value(m, value));
  doc.blocks.push_back(p.block);
  const std::map<std::string, double>& timings = metadata.timings_s;
  if (!timings.empty()) {
    doc.blocks.push_back(heading(3, m("metadata.timings")));
    Block t = table({m("metadata.stage"), m("metadata.seconds")});
    // Pipeline order first (the map is sorted by name), then any other stage.
    std::vector<std::string> stages = {"load_model", "encode_primes", "encode_corpus",
                                       "h1",         "h2",            "h3",           "plots_and_report"};
    for (const auto& [stage, seconds] : timings) {
      if (std::find(stages.begin(), stages.end(), stage) == stages.end() && stage != "total") stages.push_back(stage);
    }
    stages.push_back("total");
    for (const std::string& stage : stages) {
      const std::optional<double> seconds = metadata.timing(stage);
      if (!seconds) continue;
      const bool total = stage == "total";
      t.rows.push_back({Cell{stage, total ? Tone::muted : Tone::plain}, Cell{format_number(seconds, 3)}});
    }
    doc.blocks.push_back(t);
  }
}

}  // namespace

ReportDocument build_report_document(const Json& results, ReportLanguage language) {
  require_object(results, kDoc);
  const std::string schema = json_require<std::string>(results, "schema", kDoc);  // required, like every key of the contract
  if (schema != "nsmlab.results/1") fail("{}: field 'schema' is '{}', expected 'nsmlab.results/1'", kDoc, schema);
  const Messages m(language);
  // The metadata through its strict reader: a missing or renamed key is an error naming it.
  const RunMetadata meta = parse_results_metadata(results, kDoc);
  // A lexical baseline's numbers say nothing about the hypotheses (see synthesis.h).
  const Context c{m, meta.model.lexical(), prime_names(results)};
  const ReportFragments fragments = read_report_fragments(results);
  ReportDocument doc;
  doc.language = language;
  add_header(doc, results, meta, m);
  const size_t contents_at = doc.blocks.size();
  add_introduction(doc, m);
  add_synthesis(doc, results, fragments, c);
  if (fragments.h1) add_h1(doc, *fragments.h1, c);
  if (fragments.h2) add_h2(doc, *fragments.h2, c);
  if (fragments.h3) add_h3(doc, *fragments.h3, c);
  add_metadata(doc, meta, m);
  doc.blocks.insert(doc.blocks.begin() + static_cast<std::ptrdiff_t>(contents_at), table_of_contents(doc));
  return doc;
}

}  // namespace nsmlab
