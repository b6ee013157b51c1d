#include "report/report.h"

#include <gtest/gtest.h>

#include "report/base64.h"
#include "report/plots.h"
#include "report_test_support.h"
#include "support/error_message.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::sample_results;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(ReportHtml, ShowsHeaderSynthesisAndEscapedLabels) {
  const std::string html = render_report_html(sample_results(), {});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(contains(html, "sentence-transformers/paraphrase-multilingual-mpnet-base-v2"));
  EXPECT_TRUE(contains(html, "cpu-fp32"));
  EXPECT_TRUE(contains(html, "panini-nsm-fr"));
  EXPECT_TRUE(contains(html, "2024-06-11T14:32:07Z"));
  // Synthesis rows: metric strings and p-values from the fixture, verdicts coloured.
  EXPECT_TRUE(contains(html, "<td>purity 0.63, silhouette 0.09</td>"));
  EXPECT_TRUE(contains(html, "9/19 squares valid (47%)"));
  EXPECT_TRUE(contains(html, ">0.422</td>"));
  EXPECT_TRUE(contains(html, ">0.087</td>"));
  EXPECT_TRUE(contains(html, "<td class=\"bad\">refuted</td>"));
  // Labels and forms are escaped wherever they appear.
  EXPECT_TRUE(contains(html, "si &lt;&amp;&gt; alors"));
  EXPECT_FALSE(contains(html, "si <&> alors"));
  EXPECT_TRUE(contains(html, "quelqu&#39;un"));
  EXPECT_TRUE(contains(html, "le même"));
  // Per-experiment tables and the skipped items.
  EXPECT_TRUE(contains(html, "SAVOIR_PENSER"));
  EXPECT_TRUE(contains(html, "NAITRE_MOURIR"));
  EXPECT_TRUE(contains(html, "unknown prime &#39;NAITRE&#39;"));
  EXPECT_TRUE(contains(html, "skipped: 2 occurrence(s), fewer than the 3 required"));
  EXPECT_TRUE(contains(html, "[0.051, 0.120]"));  // silhouette CI
  EXPECT_TRUE(contains(html, "encode_corpus"));   // timings
  EXPECT_FALSE(contains(html, "class=\"notice\""));
  EXPECT_FALSE(contains(html, "<img"));  // no PNGs given
}

TEST(ReportHtml, EmbedsGivenPngsAsBase64) {
  const Json r = sample_results();
  const std::string png = plot_isotopies_png(parse_h3_result(r["h3"]));
  const std::string html = render_report_html(r, {{"isotopies.png", png}});
  EXPECT_TRUE(contains(html, "<img src=\"data:image/png;base64," + base64_encode(png) + "\""));
  EXPECT_EQ(html.find("<img"), html.rfind("<img"));  // only the one figure given
}

TEST(ReportHtml, ValidatedResultsAreGreen) {
  Json r = sample_results();
  r["synthesis"][1]["verdict"] = "validated";
  EXPECT_TRUE(contains(render_report_html(r, {}), "<td class=\"good\">validated</td>"));
}

TEST(ReportHtml, LexicalBaselineVerdictsAreNotApplicable) {
  Json r = sample_results();
  r["metadata"]["model"]["kind"] = "lexical";
  for (Json& row : r["synthesis"]) row["verdict"] = "not_applicable";
  const std::string html = render_report_html(r, {});
  EXPECT_TRUE(contains(html, "<td class=\"muted\">n/a (lexical baseline)</td>"));
  EXPECT_FALSE(contains(html, ">refuted<"));
  EXPECT_FALSE(contains(html, ">validated<"));
  EXPECT_FALSE(contains(html, "Verdict: refuted"));
  EXPECT_FALSE(contains(render_report_md(r), "**refuted**"));
}

TEST(ReportHtml, NoPermutationsShowsNotComputed) {
  Json r = sample_results();
  for (const char* h : {"h1", "h2", "h3"}) r[h]["significance"]["permutations"] = 0;
  for (Json& row : r["synthesis"]) {
    row["permutations"] = 0;
    row["p_value"] = nullptr;
  }
  const std::string html = render_report_html(r, {});
  EXPECT_TRUE(contains(html, ">not computed</td>"));
  EXPECT_TRUE(contains(html, "(p not computed)"));
  EXPECT_FALSE(contains(html, "(p 0.001)"));
}

TEST(ReportHtml, TiesShowTheirMarginAndEveryTestIsExplained) {
  Json r = sample_results();
  Json& sq = r["h2"]["squares"][0];
  sq["contraries"] = 1.0000000024748217;
  sq["contradictory_s1"] = 1.0000000002109917;
  sq["contradictory_s2"] = 0.999999997316026;
  sq["margin"] = 0.999999997316026 - 1.0000000024748217;
  sq["decision"] = "tie";
  const std::string html = render_report_html(r, {});
  EXPECT_TRUE(contains(html, ">1.0000000025</td>"));
  EXPECT_TRUE(contains(html, ">-5.2e-09</td>"));
  EXPECT_TRUE(contains(html, "<td class=\"muted\">tie</td>"));
  size_t explained = 0;
  for (size_t at = 0; (at = html.find("Null hypothesis", at)) != std::string::npos; ++at) ++explained;
  EXPECT_EQ(explained, 3u);
  EXPECT_TRUE(contains(html, "Significant but refuted?"));
}

TEST(ReportHtml, IntroductionAndContentsLinkEverySection) {
  const std::string html = render_report_html(sample_results(), {});
  for (const char* id : {"introduction", "synthesis", "h1", "h2", "h3", "metadata"}) {
    EXPECT_TRUE(contains(html, std::string("<a href=\"#") + id + "\">")) << id;
    EXPECT_TRUE(contains(html, std::string(" id=\"") + id + "\">")) << id;
  }
  EXPECT_LT(html.find("<nav class=\"contents\">"), html.find("id=\"introduction\""));
  EXPECT_TRUE(contains(html, "Greimas &amp; Courtés 1979"));
  const std::string md = render_report_md(sample_results());
  EXPECT_TRUE(contains(md, "](#h2)"));
  EXPECT_TRUE(contains(md, "<a id=\"h2\"></a>"));
}

TEST(ReportHtml, PrimesShowTheEmbeddedExponent) {
  Json r = sample_results();
  const std::string s1 = r["h2"]["squares"][0]["s1"];
  r["rows"]["primes"] = Json::array({{{"row", 0}, {"id", s1}, {"text", "connaître"}, {"category", "MENTAL"}}});
  EXPECT_TRUE(contains(render_report_html(r, {}), "<td>connaître (" + s1 + ")</td>"));
  r["rows"]["primes"][0].erase("text");
  EXPECT_THROW(render_report_html(r, {}), Error);  // a row without its text is a broken document
}

// The H3 table names each isotopy as the report names primes, in both languages.
TEST(ReportHtml, IsotopyTargetsShowTheirWords) {
  Json r = sample_results();
  r["rows"]["primes"] = Json::array({{{"row", 0}, {"id", "JE"}, {"text", "moi"}, {"category", "SUBSTANTIFS"}},
                                     {{"row", 1}, {"id", "PAS"}, {"text", "ne pas"}, {"category", "LOGIQUE"}}});
  for (ReportLanguage language : {ReportLanguage::en, ReportLanguage::fr}) {
    const std::string html = render_report_html(r, {}, language);
    EXPECT_TRUE(contains(html, "<td>moi (JE)</td><td>je, j&#39;, moi")) << report_language_code(language);
    EXPECT_TRUE(contains(html, "<td>ne pas (PAS)</td>")) << report_language_code(language);
    EXPECT_TRUE(contains(render_report_md(r, language), "| moi (JE) | je, j'")) << report_language_code(language);
  }
}

// The squares table numbers its rows as the figure's scatter numbers its markers.
TEST(ReportHtml, SquaresAreNumberedAsOnTheFigure) {
  const std::string html = render_report_html(sample_results(), {});
  EXPECT_TRUE(contains(html, "<th>#</th>"));
  EXPECT_TRUE(contains(html, "<td class=\"num\">1</td><td>SAVOIR_PENSER</td>"));
}

// best_component is 1-based in results.json: the table and the heatmap say the same PC.
TEST(ReportHtml, IsotopyComponentsAreOneBased) {
  const Json r = sample_results();
  ASSERT_EQ(r["h3"]["isotopies"][2]["best_component"], 7);
  EXPECT_TRUE(contains(render_report_html(r, {}), "<td>PC7</td>"));
  EXPECT_FALSE(contains(render_report_html(r, {}), "<td>PC8</td>"));
}

TEST(ReportHtml, NoticeIsProminentAndEscaped) {
  Json r = sample_results();
  r["notice"] = "Lexical baseline <not a neural model>: run `nsmlab fetch` & retry.";
  const std::string html = render_report_html(r, {});
  const size_t notice = html.find("class=\"notice\"");
  ASSERT_NE(notice, std::string::npos);
  EXPECT_LT(notice, html.find("Synthesis"));  // before the results
  EXPECT_TRUE(contains(html, "Lexical baseline &lt;not a neural model&gt;: run `nsmlab fetch` &amp; retry."));
  EXPECT_TRUE(contains(render_report_md(r), "> **Notice.** Lexical baseline \\<not a neural model\\>"));
}

TEST(ReportHtml, MissingSectionsAreLeftOut) {
  Json r = sample_results();
  r.erase("h2");
  r.erase("h3");
  r["metadata"]["timings_s"] = Json::object();  // no stage timed
  const std::string html = render_report_html(r, {});
  EXPECT_TRUE(contains(html, "H1 — Do the primes cluster"));
  EXPECT_FALSE(contains(html, "H2 — Are Greimas squares"));
  EXPECT_FALSE(contains(html, "H3 — Are isotopies"));
  EXPECT_FALSE(contains(html, "Timings"));
}

// The metadata is read by its strict reader (experiments/metadata_result.h): a document without
// it, or an older one lacking a key, is an error naming the key, not a report full of "—".
TEST(ReportHtml, MissingMetadataIsAnErrorNamingIt) {
  const Json minimal = {{"schema", "nsmlab.results/1"}};
  test_support::expect_contains(test_support::error_of([&] { render_report_html(minimal, {}); }),
                                "results.json: missing field 'metadata'");
  Json old = sample_results();
  old["metadata"]["backend_detail"].erase("device_name");
  test_support::expect_contains(test_support::error_of([&] { render_report_md(old); }),
                                "results.json: metadata.backend_detail: missing field 'device_name'");
  Json renamed = sample_results();
  renamed["metadata"]["model"]["title"] = renamed["metadata"]["model"]["name"];
  renamed["metadata"]["model"].erase("name");
  test_support::expect_contains(test_support::error_of([&] { render_report_html(renamed, {}); }),
                                "results.json: metadata.model: missing field 'name'");
}

TEST(ReportHtml, RejectsOtherDocuments) {
  EXPECT_THROW(render_report_html(Json::array(), {}), Error);
  try {
    render_report_md(Json{{"schema", "something/2"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "schema")) << e.what();
  }
  Json unnamed = sample_results();
  unnamed.erase("schema");
  test_support::expect_contains(test_support::error_of([&] { render_report_html(unnamed, {}); }),
                                "results.json: missing field 'schema'");
  Json r = sample_results();
  r["h2"]["squares"][4]["contraries"] = "far";
  try {
    render_report_html(r, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "h2.squares[4]")) << e.what();
    EXPECT_TRUE(contains(e.what(), "contraries")) << e.what();
  }
}

TEST(ReportMarkdown, SameContentWithImagesByFileName) {
  const std::string md = render_report_md(sample_results());
  EXPECT_EQ(md.rfind("# nsmlab report — sentence-transformers/paraphrase-multilingual-mpnet-base-v2", 0), 0u);
  EXPECT_TRUE(contains(md, "](tsne.png)"));
  EXPECT_TRUE(contains(md, "](squares.png)"));
  EXPECT_TRUE(contains(md, "](isotopies.png)"));
  EXPECT_TRUE(contains(md, "| Experiment | Hypothesis | Metric | p-value | Verdict |"));
  EXPECT_TRUE(contains(md, "| H2 | Greimas squares are geometric | 9/19 squares valid (47%) | 0.422 | **refuted** |"));
  EXPECT_TRUE(contains(md, "si \\<\\&\\> alors"));
  EXPECT_FALSE(contains(md, "data:image"));
  Json r = sample_results();
  r.erase("h1");
  EXPECT_FALSE(contains(render_report_md(r), "tsne.png"));
}

}  // namespace
}  // namespace nsmlab
