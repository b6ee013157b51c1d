#include "report/plots.h"

#include <gtest/gtest.h>

#include "report/text_escape.h"
#include "report_test_support.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::decode_png;
using testing::has_png_signature;
using testing::sample_results;

void expect_png(const std::string& png, int width, int min_height) {
  ASSERT_TRUE(has_png_signature(png));
  const auto info = decode_png(png);
  ASSERT_TRUE(info.ok);
  EXPECT_EQ(info.width, width);
  EXPECT_GE(info.height, min_height);
}

TEST(Plots, TsnePngDecodesToTheFigureSize) {
  const std::string png = plot_tsne_png(sample_results()["h1"], "my-model");
  expect_png(png, 1600, 1200);
  EXPECT_EQ(decode_png(png).height, 1200);
}

TEST(Plots, SquaresAndIsotopiesPngDecode) {
  const Json r = sample_results();
  const std::string squares = plot_squares_png(r["h2"]);  // wider than 1700 px when its names need it
  ASSERT_TRUE(decode_png(squares).ok);
  EXPECT_GE(decode_png(squares).width, 1700);
  EXPECT_LE(decode_png(squares).width, 1700 + 600);
  EXPECT_GE(decode_png(squares).height, 1200);
  expect_png(plot_isotopies_png(r["h3"]), 1600, 800);
}

TEST(Plots, TsneSvgCarriesEveryLabelAsEscapedText) {
  const Json r = sample_results();
  const std::string svg = plot_tsne_svg(r["h1"], "my-model");
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  for (const Json& p : r["h1"]["points"]) {
    const std::string label = p["label"];
    EXPECT_NE(svg.find(">" + html_escape(label) + "</text>"), std::string::npos) << label;
  }
  EXPECT_NE(svg.find(">si &lt;&amp;&gt; alors</text>"), std::string::npos);
  EXPECT_EQ(svg.find("si <&> alors"), std::string::npos);  // never raw in XML
  EXPECT_NE(svg.find("my-model"), std::string::npos);      // title
  EXPECT_NE(svg.find("quelqu&#39;un"), std::string::npos);
}

// The words embedded show beside the prime ids, "je (I)" (the sample's ids are French words), and a French run's figures are French.
TEST(Plots, LabelsShowTheEmbeddedExponentsAndTheRunsLanguage) {
  const Json r = sample_results();
  FigureContext fr("my-model");
  fr.language = ReportLanguage::fr;
  const Json& point = r["h1"]["points"][0];
  const std::string id = point["id"];
  fr.exponents[id] = "moi";
  const std::string tsne = plot_tsne_svg(r["h1"], fr);
  EXPECT_NE(tsne.find(">moi (" + html_escape(id) + ")</text>"), std::string::npos);
  EXPECT_NE(tsne.find(">Catégorie</text>"), std::string::npos);
  EXPECT_EQ(tsne.find(">Category</text>"), std::string::npos);
  FigureContext en("my-model");
  en.exponents[id] = id;  // an English exponent equal to its prime: the prime alone
  EXPECT_EQ(plot_tsne_svg(r["h1"], en).find("(" + html_escape(id) + ")</text>"), std::string::npos);

  const Json& square = r["h2"]["squares"][0];
  for (const char* role : {"s1", "s2", "non_s1", "non_s2"}) fr.exponents[square[role]] = std::string("mot-") + role;
  const std::string squares = plot_squares_svg(r["h2"], fr);
  EXPECT_NE(squares.find(">mot-s1 · mot-s2 · mot-non_s1 · mot-non_s2</text>"), std::string::npos);
  EXPECT_NE(squares.find(">contraires</text>"), std::string::npos);
  EXPECT_NE(plot_isotopies_svg(r["h3"], fr).find(">écartée (2 occurrences)</text>"), std::string::npos);
}

TEST(Plots, SquaresSvgNamesTheSquaresAndIsotopiesSvgTheSkippedOne) {
  const Json r = sample_results();
  const std::string squares = plot_squares_svg(r["h2"]);
  EXPECT_NE(squares.find(">SAVOIR_PENSER</text>"), std::string::npos);
  EXPECT_NE(squares.find(">contraries</text>"), std::string::npos);
  const std::string isotopies = plot_isotopies_svg(r["h3"]);
  EXPECT_NE(isotopies.find(">skipped (2 occurrences)</text>"), std::string::npos);
  EXPECT_NE(isotopies.find(">PC10</text>"), std::string::npos);
  EXPECT_NE(isotopies.find(">-0.74</text>"), std::string::npos);  // JE's best r, printed in its cell
}

TEST(Plots, UsesCategoryPaletteWhenColoursAreMissing) {
  Json h1 = sample_results()["h1"];
  h1.erase("category_colors");
  EXPECT_TRUE(decode_png(plot_tsne_png(h1)).ok);
}

TEST(Plots, EmptyFragmentsStillDraw) {
  const Json empty = Json::object();
  EXPECT_TRUE(decode_png(plot_tsne_png(empty)).ok);
  EXPECT_TRUE(decode_png(plot_squares_png(empty)).ok);
  EXPECT_TRUE(decode_png(plot_isotopies_png(empty)).ok);
}

TEST(Plots, BadFieldsAreErrorsNamingThem) {
  Json h1 = sample_results()["h1"];
  h1["points"][3]["x"] = "left";
  try {
    plot_tsne_png(h1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("h1.points[3]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'x'"), std::string::npos) << e.what();
  }
  Json h3 = sample_results()["h3"];
  h3["isotopies"][0]["r"][2] = "high";
  EXPECT_THROW(plot_isotopies_svg(h3), Error);
  EXPECT_THROW(plot_squares_png(Json::array()), Error);
}

}  // namespace
}  // namespace nsmlab
