#include "report/plots.h"

#include <gtest/gtest.h>

#include "report/text_escape.h"
#include "report_test_support.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::decode_png;
using testing::has_png_signature;
using testing::sample_h1;
using testing::sample_h2;
using testing::sample_h3;
using testing::sample_results;

void expect_png(const std::string& png, int width, int min_height) {
  ASSERT_TRUE(has_png_signature(png));
  const auto info = decode_png(png);
  ASSERT_TRUE(info.ok);
  EXPECT_EQ(info.width, width);
  EXPECT_GE(info.height, min_height);
}

TEST(Plots, TsnePngDecodesToTheFigureSize) {
  const std::string png = plot_tsne_png(sample_h1(), "my-model");
  expect_png(png, 1600, 1200);
  EXPECT_EQ(decode_png(png).height, 1200);
}

TEST(Plots, SquaresAndIsotopiesPngDecode) {
  const std::string squares = plot_squares_png(sample_h2());  // wider than 1700 px when its names need it
  ASSERT_TRUE(decode_png(squares).ok);
  EXPECT_GE(decode_png(squares).width, 1700);
  EXPECT_LE(decode_png(squares).width, 1700 + 600);
  EXPECT_GE(decode_png(squares).height, 1200);
  expect_png(plot_isotopies_png(sample_h3()), 1600, 800);
}

TEST(Plots, TsneSvgCarriesEveryLabelAsEscapedText) {
  const Json r = sample_results();
  const std::string svg = plot_tsne_svg(sample_h1(), "my-model");
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
  const std::string tsne = plot_tsne_svg(sample_h1(), fr);
  EXPECT_NE(tsne.find(">moi (" + html_escape(id) + ")</text>"), std::string::npos);
  EXPECT_NE(tsne.find(">Catégorie</text>"), std::string::npos);
  EXPECT_EQ(tsne.find(">Category</text>"), std::string::npos);
  FigureContext en("my-model");
  en.exponents[id] = id;  // an English exponent equal to its prime: the prime alone
  EXPECT_EQ(plot_tsne_svg(sample_h1(), en).find("(" + html_escape(id) + ")</text>"), std::string::npos);

  const Json& square = r["h2"]["squares"][0];
  for (const char* role : {"s1", "s2", "non_s1", "non_s2"}) fr.exponents[square[role]] = std::string("mot-") + role;
  const std::string squares = plot_squares_svg(sample_h2(), fr);
  EXPECT_NE(squares.find(">mot-s1 · mot-s2 · mot-non_s1 · mot-non_s2</text>"), std::string::npos);
  EXPECT_NE(squares.find(">contraires</text>"), std::string::npos);
  const std::string isotopies = plot_isotopies_svg(sample_h3(), fr);
  EXPECT_NE(isotopies.find(">écartée (2 occurrences)</text>"), std::string::npos);
  EXPECT_NE(isotopies.find(">moi (" + html_escape(id) + ")</text>"), std::string::npos);  // the isotopy JE, with its word
  EXPECT_EQ(isotopies.find(">" + html_escape(id) + "</text>"), std::string::npos);
}

TEST(Plots, SquaresSvgNamesTheSquaresAndIsotopiesSvgTheSkippedOne) {
  const std::string squares = plot_squares_svg(sample_h2());
  EXPECT_NE(squares.find(">SAVOIR_PENSER</text>"), std::string::npos);
  EXPECT_NE(squares.find(">contraries</text>"), std::string::npos);
  const std::string isotopies = plot_isotopies_svg(sample_h3());
  EXPECT_NE(isotopies.find(">skipped (2 occurrences)</text>"), std::string::npos);
  EXPECT_NE(isotopies.find(">PC10</text>"), std::string::npos);
  EXPECT_NE(isotopies.find(">-0.74</text>"), std::string::npos);  // JE's best r, printed in its cell
}

TEST(Plots, UsesCategoryPaletteWhenColoursAreMissing) {
  H1Result h1 = sample_h1();
  h1.category_colors.clear();
  EXPECT_TRUE(decode_png(plot_tsne_png(h1)).ok);
}

TEST(Plots, EmptyResultsStillDraw) {
  EXPECT_TRUE(decode_png(plot_tsne_png(H1Result{})).ok);
  EXPECT_TRUE(decode_png(plot_squares_png(H2Result{})).ok);
  EXPECT_TRUE(decode_png(plot_isotopies_png(H3Result{})).ok);
}

// The squares crowd near (1, 1): on the scatter each is a number, the number of its heatmap
// row (and of the report's table), never a name that could sit beside another square's point.
TEST(Plots, SquaresScatterNumbersItsMarkers) {
  const H2Result h2 = sample_h2();
  const std::string svg = plot_squares_svg(h2);
  for (size_t i = 1; i <= h2.squares.size(); ++i) {
    size_t count = 0;
    const std::string number = ">" + std::to_string(i) + "</text>";
    for (size_t at = svg.find(number); at != std::string::npos; at = svg.find(number, at + 1)) ++count;
    EXPECT_GE(count, 2u) << "square " << i << ": its number on the heatmap and on the scatter";
  }
}

}  // namespace
}  // namespace nsmlab
