#include "compare/comparison_report.h"

#include <fmt/format.h>

#include <map>

#include "compare/comparison_metadata.h"
#include "experiments/result_fields.h"
#include "report/base64.h"
#include "report/plot_heatmap.h"
#include "report/results_access.h"
#include "report/text_escape.h"
#include "report/value_format.h"
#include "util/atomic_file.h"

namespace nsmlab {
namespace {

// comparison.json's metadata through its strict reader: a missing or renamed key is an error
// naming it, not a "?".
ComparisonMetadata comparison_metadata_of(const Json& c) {
  return parse_comparison_metadata(result_object(c, "metadata", "comparison.json"));
}

// The report as a short list of parts, written once as HTML and once as Markdown.
struct Cell {
  std::string text;
  const char* tone = "";  // "good", "bad", "muted" or ""
  std::string href{};     // a link (relative path) for HTML and Markdown
  bool label = false;     // a name, never aligned as a number
};
struct Part {
  enum class Kind { heading, paragraph, notice, table, figure } kind = Kind::paragraph;
  std::string text{};  // heading / paragraph / notice; figure caption
  std::vector<std::string> header{};
  std::vector<std::vector<Cell>> rows{};
  std::string image{}, vector_image{};  // figure files
};

std::optional<double> number(const Json& v) {
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

Cell verdict_cell(const Json& verdict) {
  const std::string v = verdict.is_string() ? verdict.get<std::string>() : "";
  if (v == "validated") return {"validated", "good"};
  if (v == "refuted") return {"refuted", "bad"};
  if (v == "not_applicable") return {"n/a (lexical baseline)", "muted"};
  return {kMissing, "muted"};
}

// A p-value of a run with `permutations` shuffles: "not computed" after none.
Cell p_cell(const Json& p, const Json& permutations) {
  if (permutations.is_number() && permutations.get<double>() == 0) return {"not computed", "muted"};
  return {format_p_value(number(p))};
}

std::string mib(const Json& bytes) {
  const auto b = number(bytes);
  return b ? fmt::format("{:.0f}", *b / (1 << 20)) : std::string(kMissing);
}

std::string seconds(const Json& s) { return format_number(number(s), 2); }

std::vector<std::vector<std::optional<double>>> matrix_values(const Json& m) {
  std::vector<std::vector<std::optional<double>>> out;
  if (!m.is_array()) return out;
  for (const Json& row : m) {
    out.emplace_back();
    if (row.is_array())
      for (const Json& v : row) out.back().push_back(number(v));
  }
  return out;
}

std::vector<std::string> model_labels(const Json& models) {
  std::vector<std::string> labels;
  for (size_t i = 0; i < models.size(); ++i)
    labels.push_back(fmt::format("{}. {}", i + 1, models[i].value("name", std::string("?"))));
  return labels;
}

HeatmapFigure heatmap(const Json& c, const char* key, bool cka) {
  const Json& agreement = optional_object(c, "agreement", "comparison.json");
  HeatmapFigure f;
  const size_t n = agreement.value("n", size_t{0});
  f.title = cka ? "Agreement about the primes — linear CKA" : "Agreement about the primes — RSA (Spearman)";
  f.subtitle = cka ? fmt::format("{} primes · 1 = the same geometry up to rotation and scale, 0 = unrelated", n)
                   : fmt::format("{} primes · Spearman correlation of the {} pairwise cosine distances of each model",
                                 n, n * (n > 0 ? n - 1 : 0) / 2);
  f.footer = "Rows and columns (numbered as the rows): the models of the comparison, in the order of --models.";
  f.value_title = cka ? "CKA" : "Spearman ρ";
  // The repository part of each name (the tables give the full ids).
  for (const Json& m : optional_array(c, "models", "comparison.json")) {
    const std::string name = m.value("name", std::string("?"));
    f.labels.push_back(name.substr(name.find('/') == std::string::npos ? 0 : name.rfind('/') + 1));
  }
  f.values = matrix_values(agreement.contains(key) ? agreement[key] : Json());
  f.low = cka ? 0 : -1;
  f.high = 1;
  f.diverging = !cka;
  return f;
}

Part matrix_table(const Json& c, const char* key) {
  const Json& models = optional_array(c, "models", "comparison.json");
  const auto values = matrix_values(optional_object(c, "agreement", "comparison.json").value(key, Json()));
  Part t{Part::Kind::table};
  t.header.push_back("Model");
  for (size_t j = 0; j < models.size(); ++j) t.header.push_back(std::to_string(j + 1));
  const std::vector<std::string> labels = model_labels(models);
  for (size_t i = 0; i < labels.size(); ++i) {
    std::vector<Cell> row{{labels[i], "", "", true}};
    for (size_t j = 0; j < labels.size(); ++j)
      row.push_back({i < values.size() && j < values[i].size() ? format_number(values[i][j], 3) : kMissing});
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<Part> build_parts(const Json& c) {
  const std::string where = "comparison.json";
  const ComparisonMetadata meta = comparison_metadata_of(c);
  const Json& models = optional_array(c, "models", where);
  const std::string ci = fmt::format("{:.0f}% CI", meta.parameters.significance.level * 100);
  std::vector<Part> p;
  auto heading = [&](std::string text) { p.push_back({Part::Kind::heading, std::move(text)}); };
  auto paragraph = [&](std::string text) { p.push_back({Part::Kind::paragraph, std::move(text)}); };

  paragraph(fmt::format("{} models on dataset {} ({}), language {}; nsmlab {}, {}. Each model ran the usual nsmlab "
                        "run in its own subfolder (its results.json and report are linked below). Scheduling: {}.",
                        models.size(), meta.dataset.name, meta.dataset.origin, meta.language, meta.nsmlab_version,
                        meta.created, meta.concurrency.reason));
  for (const Json& m : models)
    if (m.contains("notice") && m["notice"].is_string())
      p.push_back({Part::Kind::notice, m.value("name", std::string("?")) + ": " + m["notice"].get<std::string>()});

  heading("Models");
  Part t{Part::Kind::table};
  t.header = {"#", "Model", "Revision", "Architecture", "Dimension", "Parameters", "Backend", "Report"};
  for (size_t i = 0; i < models.size(); ++i) {
    const Json& m = models[i];
    const std::string folder = m.value("folder", std::string());
    t.rows.push_back({{std::to_string(i + 1)},
                      {m.value("name", std::string("?"))},
                      {m.value("revision", std::string()).empty() ? "—" : m["revision"].get<std::string>().substr(0, 12)},
                      {format_json_value(m.value("architecture", Json()))},
                      {format_json_value(m.value("dimension", Json()))},
                      {format_json_value(m.value("parameters", Json()))},
                      {format_json_value(m.value("backend", Json()))},
                      {m.value("report", folder), "", m.value("report", folder), true}});
  }
  p.push_back(std::move(t));

  heading("H1 — clustering of the primes");
  t = Part{Part::Kind::table};
  t.header = {"Model", "Purity", ci, "p", "Silhouette", ci, "p", "ARI", "p", "NMI", "p", "Verdict"};
  for (const Json& m : models) {
    const Json h = m.value("h1", Json::object());
    const Json perm = h.value("permutations", Json());
    t.rows.push_back({{m.value("name", std::string("?"))},
                      {format_number(number(h.value("purity", Json())))},
                      {format_interval(h.value("purity_ci", Json()))},
                      p_cell(h.value("purity_p", Json()), perm),
                      {format_number(number(h.value("silhouette", Json())))},
                      {format_interval(h.value("silhouette_ci", Json()))},
                      p_cell(h.value("silhouette_p", Json()), perm),
                      {format_number(number(h.value("ari", Json())))},
                      p_cell(h.value("ari_p", Json()), perm),
                      {format_number(number(h.value("nmi", Json())))},
                      p_cell(h.value("nmi_p", Json()), perm),
                      verdict_cell(h.value("verdict", Json()))});
  }
  p.push_back(std::move(t));
  paragraph("Intervals: jackknife over the primes (normal approximation); p-values: category labels shuffled over "
            "the primes (see each model's report).");

  heading("H2 — Greimas semiotic squares");
  t = Part{Part::Kind::table};
  t.header = {"Model", "Valid rate", ci, "Valid / analysed", "p", "Verdict"};
  for (const Json& m : models) {
    const Json h = m.value("h2", Json::object());
    t.rows.push_back({{m.value("name", std::string("?"))},
                      {format_percent(number(h.value("rate", Json())))},
                      {format_interval(h.value("rate_ci", Json()))},
                      {format_json_value(h.value("valid", Json())) + " / " + format_json_value(h.value("analysed", Json()))},
                      p_cell(h.value("p_value", Json()), h.value("permutations", Json())),
                      verdict_cell(h.value("verdict", Json()))});
  }
  p.push_back(std::move(t));
  paragraph("Interval: bootstrap over the squares; p-value: the four primes of each square dealt to the roles at random.");

  heading("H3 — isotopies");
  t = Part{Part::Kind::table};
  t.header = {"Model", "Converging rate", "Converging / targets", "p", "Verdict"};
  for (const Json& m : models) {
    const Json h = m.value("h3", Json());
    if (!h.is_object()) {
      t.rows.push_back({{m.value("name", std::string("?"))}, {"not run (no corpus)", "muted"}, {"—"}, {"—"}, {"—"}});
      continue;
    }
    t.rows.push_back({{m.value("name", std::string("?"))},
                      {format_percent(number(h.value("rate", Json())))},
                      {format_json_value(h.value("converging", Json())) + " / " + format_json_value(h.value("targets", Json()))},
                      p_cell(h.value("p_value", Json()), h.value("permutations", Json())),
                      verdict_cell(h.value("verdict", Json()))});
  }
  p.push_back(std::move(t));
  paragraph("H3 has no confidence interval; p-value: sentences shuffled against the principal components.");

  heading("Time and memory");
  t = Part{Part::Kind::table};
  t.header = {"Model", "Load (s)", "Embed (s)", "Experiments (s)", "Figures + report (s)", "Run total (s)",
              "Process (s)", "Peak RSS (MiB)", "Estimated (MiB)"};
  for (const Json& m : models) {
    const Json ts = m.value("timings_s", Json::object());
    const Json mem = m.value("memory", Json::object());
    t.rows.push_back({{m.value("name", std::string("?"))},
                      {seconds(ts.value("load", Json()))},
                      {seconds(ts.value("embed", Json()))},
                      {seconds(ts.value("experiments", Json()))},
                      ts.value("report", Json()).is_null() ? Cell{"skipped (--no-plots)", "muted"}
                                                            : Cell{seconds(ts.value("report", Json()))},
                      {seconds(ts.value("total", Json()))},
                      {seconds(ts.value("process", Json()))},
                      {mib(mem.value("peak_rss_bytes", Json()))},
                      {mib(mem.value("estimated_bytes", Json()))}});
  }
  p.push_back(std::move(t));
  paragraph(fmt::format(
      "Load: reading and hashing the model; embed: the primes and the corpus; experiments: H1 + H2 + H3; process: "
      "the model's child process from start to exit, as the comparison saw it. {} Peak of the whole comparison: "
      "{} MiB ({} at a time). Estimated: {}.",
      meta.memory.method, mib(Json(meta.memory.peak_total_rss_bytes)), meta.concurrency.models,
      meta.memory.estimate_method));

  heading("Agreement about the primes");
  const Json& agreement = optional_object(c, "agreement", where);
  paragraph(fmt::format("Both measures compare the models' embeddings of the same {} primes (primes.npy of each "
                        "folder) and ignore their dimensions. Linear CKA: {}. RSA: {}.",
                        format_json_value(agreement.value("n", Json())),
                        optional_string(agreement, "cka_method", where, ""),
                        optional_string(agreement, "rsa_method", where, "")));
  p.push_back({Part::Kind::figure, "Linear CKA between each pair of models", {}, {}, "agreement_cka.png",
               "agreement_cka.svg"});
  p.push_back(matrix_table(c, "cka"));
  p.push_back({Part::Kind::figure, "RSA: Spearman correlation of the pairwise cosine distances", {}, {},
               "agreement_rsa.png", "agreement_rsa.svg"});
  p.push_back(matrix_table(c, "rsa_spearman"));
  return p;
}

constexpr const char* kStyle = R"css(
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0; background: #f6f7f9; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 40px 60px; background: #fff; }
h1 { font-size: 1.7em; margin: 0.4em 0 0.6em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #dde1e6; padding-bottom: 0.25em; margin-top: 1.8em; }
p { line-height: 1.5; }
.notice { border: 2px solid #c77c02; background: #fff6e0; padding: 14px 18px; border-radius: 6px; margin: 1em 0; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #d5d9de; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
tr:nth-child(even) td { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.good { color: #146c2e; font-weight: bold; background: #e7f5ec !important; }
td.bad { color: #b42318; font-weight: bold; background: #fdecea !important; }
.muted { color: #777; }
figure { margin: 1em 0 1.2em; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
figcaption { color: #555; font-size: 0.9em; margin-top: 0.3em; }
.table-scroll { overflow-x: auto; }
)css";

bool looks_numeric(const std::string& s) {
  return !s.empty() && ((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '[' || s[0] == '<' || s == kMissing);
}

std::string html_cell(const Cell& c) {
  std::string cls = c.tone;
  if (!c.label && looks_numeric(c.text)) cls += cls.empty() ? "num" : " num";
  std::string body = html_escape(c.text);
  if (!c.href.empty()) body = "<a href=\"" + html_escape(c.href) + "\">" + body + "</a>";
  return "<td" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + ">" + body + "</td>";
}

std::string render_html(const std::string& title, const std::vector<Part>& parts,
                        const std::map<std::string, std::string>& pngs) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n<h1>" +
                    html_escape(title) + "</h1>\n";
  for (const Part& part : parts) {
    switch (part.kind) {
      case Part::Kind::heading: out += "<h2>" + html_escape(part.text) + "</h2>\n"; break;
      case Part::Kind::paragraph: out += "<p>" + html_escape(part.text) + "</p>\n"; break;
      case Part::Kind::notice:
        out += "<div class=\"notice\" role=\"note\"><strong>Notice.</strong> " + html_escape(part.text) + "</div>\n";
        break;
      case Part::Kind::table:
        out += "<div class=\"table-scroll\"><table>\n<tr>";
        for (const std::string& h : part.header) out += "<th>" + html_escape(h) + "</th>";
        out += "</tr>\n";
        for (const auto& row : part.rows) {
          out += "<tr>";
          for (const Cell& c : row) out += html_cell(c);
          out += "</tr>\n";
        }
        out += "</table></div>\n";
        break;
      case Part::Kind::figure: {
        auto it = pngs.find(part.image);
        if (it == pngs.end()) break;
        out += fmt::format("<figure><img src=\"data:image/png;base64,{}\" alt=\"{}\"><figcaption>{} (vector version: "
                           "{})</figcaption></figure>\n",
                           base64_encode(it->second), html_escape(part.text), html_escape(part.text),
                           html_escape(part.vector_image));
        break;
      }
    }
  }
  return out + "<p class=\"muted\">Generated by nsmlab.</p>\n</main>\n</body>\n</html>\n";
}

std::string md_cell(const Cell& c) {
  std::string text = markdown_escape(c.text);
  if (!c.href.empty()) text = "[" + text + "](" + c.href + ")";
  if (std::string(c.tone) == "good" || std::string(c.tone) == "bad") return "**" + text + "**";
  if (std::string(c.tone) == "muted") return "_" + text + "_";
  return text;
}

std::string render_md(const std::string& title, const std::vector<Part>& parts) {
  std::string out = "# " + markdown_escape(title) + "\n\n";
  for (const Part& part : parts) {
    switch (part.kind) {
      case Part::Kind::heading: out += "## " + markdown_escape(part.text) + "\n\n"; break;
      case Part::Kind::paragraph: out += markdown_escape(part.text) + "\n\n"; break;
      case Part::Kind::notice: out += "> **Notice.** " + markdown_escape(part.text) + "\n\n"; break;
      case Part::Kind::table:
        out += "|";
        for (const std::string& h : part.header) out += " " + markdown_escape(h) + " |";
        out += "\n|";
        for (size_t i = 0; i < part.header.size(); ++i) out += " --- |";
        out += "\n";
        for (const auto& row : part.rows) {
          out += "|";
          for (const Cell& c : row) out += " " + md_cell(c) + " |";
          out += "\n";
        }
        out += "\n";
        break;
      case Part::Kind::figure:
        out += "![" + markdown_escape(part.text) + "](" + part.image + ")\n\n_" + markdown_escape(part.text) +
               " (vector version: " + part.vector_image + ")_\n\n";
        break;
    }
  }
  return out;
}

}  // namespace

void write_comparison_files(const Json& c, const std::string& dir) {
  require_object(c, "comparison.json");
  std::map<std::string, std::string> pngs;
  for (const bool cka : {true, false}) {
    const HeatmapFigure f = heatmap(c, cka ? "cka" : "rsa_spearman", cka);
    const std::string stem = cka ? "agreement_cka" : "agreement_rsa";
    pngs[stem + ".png"] = plot_heatmap_png(f);
    write_file_atomic(dir + "/" + stem + ".png", pngs[stem + ".png"]);
    write_file_atomic(dir + "/" + stem + ".svg", plot_heatmap_svg(f));
  }
  const std::vector<Part> parts = build_parts(c);
  const ComparisonMetadata meta = comparison_metadata_of(c);
  const std::string title = fmt::format("nsmlab comparison — {} models · {} · {}",
                                        optional_array(c, "models", "comparison.json").size(), meta.dataset.name,
                                        meta.language);
  write_file_atomic(dir + "/comparison.html", render_html(title, parts, pngs));
  write_file_atomic(dir + "/comparison.md", render_md(title, parts));
  write_file_atomic(dir + "/comparison.json", c.dump(2) + "\n");
}

}  // namespace nsmlab
