// Hostile dataset files (found by fuzzing, tests/fuzz/fuzz_dataset.cpp): each must end in
// nsmlab::Error naming the file, never an internal error or a stack overflow.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "experiments/dataset.h"
#include "util/error.h"

namespace {

std::string error_of(const std::string& bytes) {
  try {
    nsmlab::parse_dataset(bytes, "hostile.json");
  } catch (const nsmlab::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string nested(const std::string& key, size_t depth) {
  return "{\"" + key + "\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
}

}  // namespace

// Was nlohmann's out_of_range 406 escaping as "internal error", with no file named
// (reproducer: tests/fixtures/fuzz-regressions/dataset-number-overflow.json).
TEST(DatasetHostile, NumberOutOfRangeNamesTheFile) {
  const std::string e = error_of(R"({"format": "nsmlab-dataset/1", "name": 1e400})");
  EXPECT_NE(e.find("hostile.json: invalid JSON"), std::string::npos) << e;
  EXPECT_NE(e.find("1e400"), std::string::npos) << e;
}

// Was a stack overflow: the error message dumped the whole 100000-deep "format" value.
TEST(DatasetHostile, DeepNestingIsRefusedWhileParsing) {
  for (const char* key : {"format", "primes", "primitives"}) {
    const std::string e = error_of(nested(key, 100000));
    EXPECT_NE(e.find("hostile.json: JSON nested deeper than"), std::string::npos) << key << ": " << e;
  }
}

TEST(DatasetHostile, ErrorsShowBoundedExcerptsOfContainers) {
  const std::string e = error_of(R"({"format": [1, [2, [3]]]})");
  EXPECT_NE(e.find("unsupported dataset format [1, [2, [3]]]"), std::string::npos) << e;
  // A long value is cut, not dumped whole.
  const std::string big = error_of([] {
    std::string items;
    for (int i = 0; i < 50000; ++i) items += "1,";
    return "{\"format\": [" + items + "1]}";
  }());
  EXPECT_LT(big.size(), 400u) << big.substr(0, 400);
}

// Every dataset reproducer the fuzzer left, replayed from its committed bytes.
TEST(DatasetHostile, FuzzReproducersEndInErrors) {
  const std::string dir = std::string(NSMLAB_FIXTURES_DIR) + "/fuzz-regressions/";
  for (const char* name : {"dataset-number-overflow.json"}) {
    const std::string path = dir + name;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(error_of(bytes).rfind("hostile.json: ", 0), 0u) << name << ": " << error_of(bytes);
  }
}
