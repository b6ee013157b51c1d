#include <gtest/gtest.h>

#include "report/axis_ticks.h"
#include "report/base64.h"
#include "report/color.h"
#include "report/label_placement.h"
#include "report/text_escape.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

TEST(AxisTicks, CoversTheRangeWithRoundSteps) {
  const AxisTicks t = nice_ticks(-47.3, 52.1, 6);
  EXPECT_DOUBLE_EQ(t.step, 20);
  EXPECT_DOUBLE_EQ(t.low, -60);
  EXPECT_DOUBLE_EQ(t.high, 60);
  EXPECT_EQ(t.values.size(), 7u);
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(-20, 20), "-20");
  const AxisTicks flat = nice_ticks(3, 3);
  EXPECT_LT(flat.low, 3);
  EXPECT_GT(flat.high, 3);
}

TEST(LabelPlacement, CoincidentPointsGetLabelsThatDoNotOverlap) {
  std::vector<LabelRequest> labels(4, LabelRequest{500, 500, 80, 18});
  const auto placed = place_labels(labels, 8, Box{0, 0, 1000, 1000});
  ASSERT_EQ(placed.size(), 4u);
  for (size_t i = 0; i < placed.size(); ++i) {
    const Box marker{492, 492, 16, 16};
    EXPECT_FALSE(placed[i].box.overlaps(marker)) << i;
    for (size_t j = i + 1; j < placed.size(); ++j) EXPECT_FALSE(placed[i].box.overlaps(placed[j].box)) << i << "," << j;
  }
  EXPECT_GT(placed[0].box.x, 500);  // first choice: to the right of the marker
}

TEST(LabelPlacement, StaysInsideTheBounds) {
  const auto placed = place_labels({LabelRequest{995, 500, 80, 18}}, 8, Box{0, 0, 1000, 1000});
  EXPECT_LE(placed[0].box.x + placed[0].box.w, 1000);
}

TEST(LabelPlacement, NearbyMarkersAreGroupedByChains) {
  // 0-1-2 chain within 10 px of each other (0 and 2 are 18 apart), 3 alone, 4 on top of 3's neighbour 5.
  const std::vector<LabelRequest> markers = {{100, 100}, {109, 100}, {118, 100}, {300, 300}, {50, 50}, {51, 51}};
  const auto groups = group_nearby_markers(markers, 10);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0], (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(groups[1], (std::vector<size_t>{3}));
  EXPECT_EQ(groups[2], (std::vector<size_t>{4, 5}));
  EXPECT_TRUE(group_nearby_markers({}, 10).empty());
}

TEST(Color, ParsesHexAndFallsBack) {
  const Rgb c = parse_hex_color("#FF8000", Rgb{0, 0, 1});
  EXPECT_DOUBLE_EQ(c.r, 1.0);
  EXPECT_NEAR(c.g, 128 / 255.0, 1e-12);
  EXPECT_DOUBLE_EQ(c.b, 0.0);
  EXPECT_DOUBLE_EQ(parse_hex_color("red", Rgb{0, 0, 1}).b, 1.0);
  EXPECT_DOUBLE_EQ(parse_hex_color("#12345G", Rgb{0, 0, 1}).b, 1.0);
  EXPECT_DOUBLE_EQ(parse_hex_color("#fff", Rgb{}).g, 1.0);
}

TEST(Color, MapsAreOrientedAndTextStaysReadable) {
  EXPECT_GT(diverging_color(1).r, diverging_color(1).b);    // positive: red
  EXPECT_GT(diverging_color(-1).b, diverging_color(-1).r);  // negative: blue
  EXPECT_GT(luminance(sequential_color(0)), luminance(sequential_color(1)));
  EXPECT_DOUBLE_EQ(text_color_on(Rgb{0.05, 0.1, 0.3}).r, 1.0);  // white on dark
  EXPECT_LT(text_color_on(Rgb{1, 0.92, 0.65}).r, 0.5);           // dark on #FFEAA7
}

TEST(TextEscape, HtmlAndMarkdown) {
  EXPECT_EQ(html_escape("si <&> \"l'un\""), "si &lt;&amp;&gt; &quot;l&#39;un&quot;");
  EXPECT_EQ(markdown_escape("a|b *c* <x>"), "a\\|b \\*c\\* \\<x\\>");
}

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\x89PNG", 4)), "iVBORw==");
}

TEST(ValueFormat, NumbersPValuesIntervals) {
  EXPECT_EQ(format_number(0.63, 2), "0.63");
  EXPECT_EQ(format_number(std::nullopt), "—");
  EXPECT_EQ(format_number(-0.0001, 2), "0.00");
  EXPECT_EQ(format_p_value(0.0004), "< 0.001");
  EXPECT_EQ(format_p_value(0.0421), "0.042");
  EXPECT_EQ(format_percent(0.4737), "47.4%");
  EXPECT_EQ(format_interval(Json::array({0.5, 0.75}), 2), "[0.50, 0.75]");
  EXPECT_EQ(format_interval(Json("x")), "—");
  EXPECT_EQ(format_json_value(Json::array({1, "a", true})), "1, a, yes");
}

}  // namespace
}  // namespace nsmlab
