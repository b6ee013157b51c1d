// comparison.json's metadata as a type (compare/comparison_metadata.h): its writer and strict
// reader agree, and every key missing or mistyped is an error naming it.
#include "compare/comparison_metadata.h"

#include <gtest/gtest.h>

#include <functional>

#include "support/error_message.h"

namespace nsmlab {
namespace {

using test_support::error_of;

ComparisonMetadata sample_comparison_metadata() {
  ComparisonMetadata m;
  m.nsmlab_version = "0.1.0";
  m.created = "2026-11-28T10:47:17Z";
  m.dataset = {"nsmlab-nsm-v1", "builtin", std::string(64, 'b')};
  m.language = "fr";
  m.parameters.language = "fr";
  m.parameters.report_language = "fr";
  m.parameters.batch_tokens = 8192;
  m.parameters.significance.permutations = 5;
  m.concurrency = {"auto", 2, "auto: two fit in MemAvailable", 2};
  m.memory = {"Peak RSS", "twice the weight files plus 256 MiB", 47136768, "sampled", 20819968, 24525520896u};
  m.total_seconds = 1.5;
  return m;
}

TEST(ComparisonMetadata, RoundTrips) {
  ComparisonMetadata m = sample_comparison_metadata();
  for (int unknown_memory = 0; unknown_memory < 2; ++unknown_memory) {
    if (unknown_memory) m.memory.mem_available_bytes.reset();
    const Json j = comparison_metadata_json(m);
    EXPECT_EQ(j["memory"]["mem_available_bytes"].is_null(), unknown_memory == 1);
    const ComparisonMetadata back = parse_comparison_metadata(j);
    EXPECT_EQ(comparison_metadata_json(back).dump(), j.dump());
    EXPECT_EQ(back.memory, m.memory);
    EXPECT_EQ(back.concurrency, m.concurrency);
    EXPECT_EQ(back.dataset, m.dataset);
    EXPECT_EQ(back.parameters.significance.permutations, 5);
    EXPECT_EQ(back.total_seconds, 1.5);
  }
}

// Every key, at any depth: removed, it is "missing field '<key>'"; given an object (or a text
// for an object), an error naming it.
TEST(ComparisonMetadata, EveryMissingOrMistypedKeyIsAnErrorNamingIt) {
  const Json written = comparison_metadata_json(sample_comparison_metadata());
  std::vector<Json::json_pointer> keys;
  std::function<void(const Json&, const Json::json_pointer&)> collect = [&](const Json& j, const Json::json_pointer& at) {
    if (!j.is_object()) return;
    for (const auto& [key, value] : j.items()) {
      keys.push_back(at / key);
      collect(value, at / key);
    }
  };
  collect(written, Json::json_pointer());
  ASSERT_GT(keys.size(), 40u);
  for (const Json::json_pointer& key : keys) {
    const std::string name = key.back();
    Json missing = written;
    missing[key.parent_pointer()].erase(name);
    const std::string e1 = error_of([&] { parse_comparison_metadata(missing); });
    EXPECT_NE(e1.find("missing field '" + name + "'"), std::string::npos) << key.to_string() << ": " << e1;
    EXPECT_EQ(e1.rfind("comparison.json: metadata", 0), 0u) << e1;
    Json mistyped = written;
    mistyped[key] = mistyped[key].is_object() ? Json("text") : Json::object();
    const std::string e2 = error_of([&] { parse_comparison_metadata(mistyped); });
    EXPECT_NE(e2.find("'" + name + "'"), std::string::npos) << key.to_string() << ": " << e2;
  }
}

}  // namespace
}  // namespace nsmlab
