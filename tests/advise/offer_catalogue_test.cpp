// The offer catalogue: the shipped file parses, and every kind of bad input is an error
// that names the file, the offer and the field.
#include <gtest/gtest.h>

#include "advise/offer_catalogue.h"
#include "util/error.h"

using namespace nsmlab;

namespace {

// The error message parse_catalogue gives for `text` ("" if it parses).
std::string error_of(const std::string& text) {
  try {
    parse_catalogue(text, "my-offers.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string with_offer(const std::string& offer) {
  return R"({"format": "nsmlab-offers/1", "offers": [)" + offer + "]}";
}

const std::string kGood =
    R"({"id": "t4", "name": "T4", "kind": "gpu", "software": "pytorch", "peak_gflops": {"fp32": 8100, "fp16": 65000},
        "memory_bandwidth_gb_s": 320, "memory_gb": 16, "price_per_hour_usd": 0, "source": "datasheet"})";

std::string good_with(const std::string& field, const std::string& value) {
  std::string s = kGood;
  const size_t at = s.find("\"" + field + "\"");
  if (at == std::string::npos) return s.substr(0, s.size() - 1) + ", \"" + field + "\": " + value + "}";
  const size_t colon = s.find(':', at);
  size_t end = colon + 1;
  int depth = 0;
  for (; end < s.size(); ++end) {
    if (s[end] == '{') ++depth;
    if (s[end] == '}' && depth-- == 0) break;
    if (s[end] == ',' && depth == 0) break;
  }
  return s.substr(0, colon + 1) + " " + value + s.substr(end);
}

}  // namespace

TEST(OfferCatalogue, BuiltinHasTheGuidesOffers) {
  const OfferCatalogue c = builtin_catalogue();
  for (const char* id : {"this-machine", "colab-cpu", "colab-t4", "colab-l4", "colab-a100", "colab-tpu-v2-8"})
    EXPECT_NE(c.find(id), nullptr) << id;
  const Offer* t4 = c.find("colab-t4");
  EXPECT_EQ(t4->kind, OfferKind::Gpu);
  EXPECT_DOUBLE_EQ(t4->peak_gflops.at(Precision::Fp16), 65000);
  EXPECT_EQ(t4->peak_gflops.count(Precision::Bf16), 0u);  // null: Turing has no bf16
  EXPECT_DOUBLE_EQ(t4->memory_bandwidth_gb_s, 320);
  EXPECT_DOUBLE_EQ(c.find("colab-a100")->monthly_fee_usd, 9.99);
  EXPECT_TRUE(c.find("this-machine")->measured);
  EXPECT_TRUE(c.find("colab-cpu")->runs_nsmlab);
  EXPECT_FALSE(c.find("colab-tpu-v2-8")->runs_nsmlab);
  for (const Offer& o : c.offers) EXPECT_FALSE(o.source.empty()) << o.id;
}

TEST(OfferCatalogue, GoodOfferParses) {
  const OfferCatalogue c = parse_catalogue(with_offer(kGood), "x.json");
  ASSERT_EQ(c.offers.size(), 1u);
  EXPECT_EQ(c.offers[0].id, "t4");
  EXPECT_EQ(c.origin, "x.json");
}

TEST(OfferCatalogue, ErrorsNameFileOfferAndField) {
  struct Case {
    std::string text, want;
  };
  const std::vector<Case> cases = {
      {"[]", "my-offers.json: expected a JSON object"},
      {R"({"format": "other", "offers": []})", "field 'format' is 'other'"},
      {R"({"format": "nsmlab-offers/1", "offers": []})", "field 'offers' must be a non-empty array"},
      {R"({"format": "nsmlab-offers/1", "offers": [], "extra": 1})", "field 'extra' is not a known field"},
      {with_offer("3"), "offers[0]: field '' must be an object"},
      {with_offer(good_with("peak_gflops", R"({"fp64": 1})")), "offer 't4' (offers[0]): field 'peak_gflops.fp64' is not a precision"},
      {with_offer(good_with("peak_gflops", R"({"fp32": -5})")), "field 'peak_gflops.fp32' must be a positive number"},
      {with_offer(good_with("peak_gflops", R"({"fp32": "fast"})")), "field 'peak_gflops.fp32' must be a number, got a string"},
      {with_offer(good_with("peak_gflops", R"({"fp32": 1e300})")), "field 'peak_gflops.fp32' must be a positive number up to"},
      {with_offer(good_with("peak_gflops", "{}")), "field 'peak_gflops' is missing or names no precision"},
      {with_offer(good_with("efficiency", R"({"fp16": 1.5})")), "field 'efficiency.fp16' must be at most 1"},
      {with_offer(good_with("memory_gb", "0")), "field 'memory_gb' must be a positive number"},
      {with_offer(good_with("memory_gb", "true")), "field 'memory_gb' must be a number, got a boolean"},
      {with_offer(good_with("price_per_hour_usd", "-1")), "field 'price_per_hour_usd' must be a non-negative number"},
      {with_offer(good_with("kind", R"("fpga")")), "field 'kind' is 'fpga'; expected cpu, gpu or tpu"},
      {with_offer(good_with("id", R"("a b")")), "field 'id' 'a b' may hold only"},
      {with_offer(good_with("speed", "1")), "offer 't4' (offers[0]): field 'speed' is not a known field"},
      {with_offer(good_with("measured", "1")), "field 'measured' must be true or false"},
      {with_offer(kGood + "," + kGood), "offer 't4' (offers[1]): field 'id' 't4' is used by an earlier offer"},
      {R"({"format": "nsmlab-offers/1", "offers": [{"id": "t4", "id": "t5"}]})", "my-offers.json"},
      {with_offer(R"({"id": "x", "name": "x", "kind": "cpu", "software": "s", "source": "s", "price_per_hour_usd": 0})"),
       "offer 'x' (offers[0]): field 'peak_gflops' is missing"},
  };
  for (const Case& c : cases) {
    const std::string e = error_of(c.text);
    EXPECT_NE(e.find(c.want), std::string::npos) << "input: " << c.text << "\nerror: " << e;
    EXPECT_NE(e.find("my-offers.json"), std::string::npos) << e;
  }
}

TEST(OfferCatalogue, MeasuredOfferNeedsNoPeaksButOnlyOne) {
  const std::string m =
      R"({"id": "me", "name": "me", "kind": "cpu", "measured": true, "software": "nsmlab", "source": "bench", "price_per_hour_usd": 0})";
  EXPECT_EQ(error_of(with_offer(m)), "");
  std::string m2 = m;
  m2.replace(m2.find("\"me\""), 4, "\"me2\"");
  EXPECT_NE(error_of(with_offer(m + "," + m2)).find("only one offer is this machine"), std::string::npos);
}
