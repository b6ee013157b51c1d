// Hostile safetensors headers: every size is checked arithmetic, every tensor owns its
// bytes alone, and nothing past the mapping can ever be read.
#include <gtest/gtest.h>

#include <cstring>

#include "model/safetensors.h"
#include "safetensors_writer.h"
#include "util/atomic_file.h"

namespace nsmlab {
namespace {

using testing::error_of;
using testing::expect_contains;

// A file from a header written by hand (duplicate keys cannot go through Json) and data.
std::string raw_file(const std::string& header, const std::string& data) {
  uint64_t n = header.size();
  std::string out(8, '\0');
  std::memcpy(out.data(), &n, 8);
  return out + header + data;
}

std::string error_for(const std::string& name, const std::string& header, const std::string& data = std::string(16, '\0')) {
  const std::string path = testing::temp_dir("st_hostile") + "/" + name + ".safetensors";
  write_file_atomic(path, raw_file(header, data));
  return error_of([&] { SafetensorsFile f(path); });
}

TEST(SafetensorsHostile, ElementCountOverflowIsRefused) {
  // 2^59 x 32 floats = 2^66 bytes, which wrapped to 0 and matched empty data_offsets; with a
  // matching vocab_size the embedding lookup then read outside the mapping.
  const std::string msg = error_for(
      "overflow", R"({"embeddings.word_embeddings.weight": {"dtype": "F32", "shape": [576460752303423488, 32], "data_offsets": [0, 0]}})");
  expect_contains(msg, "overflow.safetensors");
  expect_contains(msg, "embeddings.word_embeddings.weight");
  // Elements that fit but bytes that do not (2^62 floats).
  expect_contains(error_for("bytes", R"({"x": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 0]}})"),
                  "'x'");
}

TEST(SafetensorsHostile, DuplicateNamesAreRefused) {
  const std::string msg = error_for("dup", R"({"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                                                "x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}})");
  expect_contains(msg, "dup.safetensors");
  expect_contains(msg, "\"x\" appears twice");
}

TEST(SafetensorsHostile, OverlappingTensorsAreRefused) {
  const std::string msg = error_for("overlap", R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                                    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})");
  expect_contains(msg, "overlap.safetensors");
  expect_contains(msg, "'a' [0, 8] and 'b' [4, 12] overlap");
  // Adjacent tensors and empty tensors anywhere are fine.
  EXPECT_EQ(error_for("adjacent", R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                      "e": {"dtype": "F32", "shape": [0], "data_offsets": [4, 4]},
                                      "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}})"),
            "(no error)");
}

TEST(SafetensorsHostile, OffsetsMustBeNonNegativeIntegers) {
  for (const char* off : {"[0.5, 4.5]", "[-4, 0]", "[0, 1e3]", "[\"0\", \"4\"]", "[0]", "[0, 4, 8]", "{}"}) {
    const std::string msg =
        error_for("offsets", std::string(R"({"x": {"dtype": "F32", "shape": [1], "data_offsets": )") + off + "}}");
    expect_contains(msg, "offsets.safetensors");
    expect_contains(msg, "'x'");
    expect_contains(msg, "data_offsets");
  }
  // 2^64-1 was reported as "negative data_offsets".
  const std::string msg =
      error_for("huge", R"({"x": {"dtype": "F32", "shape": [1], "data_offsets": [18446744073709551615, 18446744073709551615]}})");
  expect_contains(msg, "18446744073709551615");
  expect_contains(msg, "outside the data section");
  EXPECT_EQ(msg.find("negative"), std::string::npos) << msg;
}

TEST(SafetensorsHostile, ShapesMustBeArraysOfNonNegativeIntegers) {
  for (const char* shape : {"[-1]", "[2.5]", "[true]", "\"4\"", "[1e20]"}) {
    const std::string msg =
        error_for("shape", std::string(R"({"x": {"dtype": "F32", "shape": )") + shape + R"(, "data_offsets": [0, 4]}})");
    expect_contains(msg, "'x'");
    expect_contains(msg, "shape");
  }
}

TEST(SafetensorsHostile, MalformedHeadersNameTheProblem) {
  expect_contains(error_for("array", "[1, 2]"), "header must be a JSON object, got an array");
  expect_contains(error_for("entry", R"({"x": 3})"), "tensor 'x' must be an object, got an integer");
  expect_contains(error_for("missing", R"({"x": {"dtype": "F32", "shape": [1]}})"), "missing 'data_offsets'");
  expect_contains(error_for("dtype", R"({"x": {"dtype": 4, "shape": [1], "data_offsets": [0, 4]}})"),
                  "'dtype' must be a string");
  expect_contains(error_for("meta", R"({"__metadata__": {"format": 3}})"), "'__metadata__' field \"format\" must be a string");
  expect_contains(error_for("deep", std::string(5000, '[') + std::string(5000, ']')), "nested deeper than 128");
  expect_contains(error_for("num", R"({"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 1e999]}})"),
                  "invalid JSON");
  // A header length beyond the file.
  const std::string path = testing::temp_dir("st_hostile_len") + "/len.safetensors";
  std::string bytes = raw_file("{}", "");
  const uint64_t len = ~uint64_t(0);
  std::memcpy(bytes.data(), &len, 8);
  write_file_atomic(path, bytes);
  expect_contains(error_of([&] { SafetensorsFile f(path); }), "runs past the end of the file");
}

}  // namespace
}  // namespace nsmlab
