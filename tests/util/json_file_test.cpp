// Untrusted JSON: bounded depth, numbers out of range, plain-language type names and
// checked integer conversions, each error naming the file.
#include "util/json_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "support/error_message.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

std::string temp_file(const std::string& name, const std::string& content) {
  fs::path d = fs::temp_directory_path() / ("nsmlab-json-" + std::to_string(::getpid()));
  fs::create_directories(d);
  const std::string path = (d / name).string();
  write_file_atomic(path, content);
  return path;
}

using test_support::error_of;
using test_support::expect_contains;

}  // namespace

TEST(JsonFile, DeepNestingIsRefusedWithTheFileName) {
  // 100 KB of brackets overflowed the stack in nlohmann's recursive dump and copy.
  const std::string path = temp_file("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  const std::string msg = error_of([&] { load_json(path); });
  expect_contains(msg, path);
  expect_contains(msg, "nested deeper than 128 levels");
  expect_contains(msg, "at byte 128");
  // Objects count too, and the limit itself is fine.
  std::string ok;
  for (size_t i = 0; i < kMaxJsonDepth; ++i) ok += "{\"a\":";
  ok += "1" + std::string(kMaxJsonDepth, '}');
  EXPECT_NO_THROW(parse_json_text(ok, "ok.json"));
  EXPECT_NE(error_of([&] { parse_json_text("{\"a\":" + ok + "}", "deep-object.json"); }).find("deep-object.json"),
            std::string::npos);
}

TEST(JsonFile, NumberOutOfRangeNamesFileAndByte) {
  // Was nlohmann's out_of_range 406, reported as "internal error" without the file.
  const std::string path = temp_file("huge.json", "{\"vocab_size\": 1e999}");
  const std::string msg = error_of([&] { load_json(path); });
  expect_contains(msg, path);
  expect_contains(msg, "byte 20");
  expect_contains(msg, "1e999");
}

TEST(JsonFile, SyntaxErrorNamesFileByteAndLine) {
  const std::string msg = error_of([&] { parse_json_text("{\n\"a\": ]", "broken.json"); });
  expect_contains(msg, "broken.json: invalid JSON at byte 8 (line 2)");
}

TEST(JsonFile, DuplicateKeysOnlyWhenAsked) {
  EXPECT_EQ(parse_json_text("{\"a\": 1, \"a\": 2}", "dup.json")["a"], 2);
  const std::string msg = error_of([&] { parse_json_text("{\"b\": {\"a\": 1, \"a\": 2}}", "dup.json", true); });
  expect_contains(msg, "dup.json");
  expect_contains(msg, "\"a\" appears twice");
  // The same key in two different objects is fine.
  EXPECT_NO_THROW(parse_json_text("{\"x\": {\"a\": 1}, \"y\": {\"a\": 2}, \"z\": [{\"a\": 1}, {\"a\": 1}]}", "ok", true));
}

TEST(JsonFile, TypeErrorsSayWhatWasExpectedInWords) {
  const Json j = Json::parse(R"({"name": 3, "flag": "yes", "list": [1, 2]})");
  std::string msg = error_of([&] { json_require<std::string>(j, "name", "cfg.json"); });
  expect_contains(msg, "cfg.json: field 'name' must be a string, got an integer 3");
  EXPECT_EQ(msg.find("NSt"), std::string::npos) << msg;
  msg = error_of([&] { json_optional<bool>(j, "flag", "cfg.json", false); });
  expect_contains(msg, "field 'flag' must be a boolean");
  expect_contains(msg, "got a string \"yes\"");
  msg = error_of([&] { json_require<int>(j, "list", "cfg.json"); });
  expect_contains(msg, "must be an integer");
  expect_contains(msg, "got an array [1, 2]");
  msg = error_of([&] { json_require<int>(Json::array(), "x", "cfg.json"); });
  expect_contains(msg, "cfg.json: expected a JSON object holding field 'x', got an array");
}

TEST(JsonFile, IntegersMustBeIntegralAndInRange) {
  const Json j = Json::parse(
      R"({"big": 1e30, "frac": 32.7, "yes": true, "neg": -1, "whole": 512.0, "max": 18446744073709551615,
          "int_max": 2147483647, "over_int": 2147483648, "one": 1, "nan_like": 1e308})");
  for (const char* field : {"big", "frac", "yes", "neg", "nan_like"}) {
    const std::string msg = error_of([&] { json_require<size_t>(j, field, "config.json"); });
    expect_contains(msg, "config.json: field '" + std::string(field) + "' must be an integer from 0 to");
  }
  EXPECT_EQ(json_require<size_t>(j, "whole", "c"), 512u);
  EXPECT_EQ(json_require<uint64_t>(j, "max", "c"), 18446744073709551615ull);
  EXPECT_NE(error_of([&] { json_require<int64_t>(j, "max", "c"); }), "(no error)");
  EXPECT_EQ(json_require<int>(j, "int_max", "c"), 2147483647);
  EXPECT_EQ(json_require<int>(j, "neg", "c"), -1);
  expect_contains(error_of([&] { json_require<int>(j, "over_int", "c"); }), "from -2147483648 to 2147483647");
  // Booleans only from booleans, numbers only from numbers.
  EXPECT_NE(error_of([&] { json_require<bool>(j, "one", "c"); }), "(no error)");
  EXPECT_NE(error_of([&] { json_require<double>(j, "yes", "c"); }), "(no error)");
  EXPECT_DOUBLE_EQ(json_require<double>(j, "frac", "c"), 32.7);
  EXPECT_EQ(json_require<bool>(j, "yes", "c"), true);
}

TEST(JsonFile, ExcerptIsBoundedAndDoesNotRecurse) {
  Json deep = Json::array();
  for (int i = 0; i < 200000; ++i) deep = Json::array({std::move(deep)});  // built without recursion
  const std::string e = json_excerpt(deep, 40);
  EXPECT_EQ(e, std::string(40, '[') + "...");
  EXPECT_EQ(json_excerpt(Json::parse(R"({"a": [1, "x"], "b": null})")), R"({"a": [1, "x"], "b": null})");
  EXPECT_EQ(json_excerpt(Json(std::string(1000, 'z')), 10), "\"zzzzzzzzz...");
  EXPECT_EQ(json_excerpt(Json::object()), "{}");
}
