// Hostile .npy headers (found by fuzzing, tests/fuzz/fuzz_npy.cpp): each must end in
// nsmlab::Error naming the field, never a crash, an internal error or a wrong array.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "util/error.h"
#include "util/npy.h"

namespace {

// A version-2 .npy file (4-byte header length) with `dict` as its header and `data` after it.
std::string write_npy_v2(const std::string& name, const std::string& dict, const std::string& data) {
  auto dir = std::filesystem::temp_directory_path() / ("nsmlab-npy-hostile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string header = dict + "\n";
  std::string bytes("\x93NUMPY\x02\x00", 8);
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>((header.size() >> (8 * i)) & 0xFF));
  bytes += header + data;
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string npy_error(const std::string& path) {
  try {
    nsmlab::read_npy(path);
  } catch (const nsmlab::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

// Was std::out_of_range from std::stoull: "internal error" with no file named.
TEST(NpyHostile, DimensionTooLargeForSize) {
  auto path = write_npy_v2("digits.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999,), }", "");
  EXPECT_NE(npy_error(path).find("field 'shape': dimension too large"), std::string::npos) << npy_error(path);
}

// The product of the dimensions wrapped: (2^61+1) x 8 doubles read as 8 values (a wrong array),
// and 2^62+1 floats passed the size check and asked for 2^62 values of memory.
TEST(NpyHostile, ShapeProductOverflowIsRefused) {
  auto wrong = write_npy_v2("wrap.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693953, 8), }",
                            std::string(64, 'a'));
  EXPECT_NE(npy_error(wrong).find("field 'shape'"), std::string::npos) << npy_error(wrong);
  auto huge = write_npy_v2("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387905,), }",
                           std::string(64, 'a'));
  EXPECT_NE(npy_error(huge).find("data truncated"), std::string::npos) << npy_error(huge);
}

// std::regex recursed once per character of the shape and overflowed the stack (SIGSEGV).
TEST(NpyHostile, LongHeaderIsReadWithoutRecursion) {
  auto path = write_npy_v2("long.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1," + std::string(200000, ' ') + "), }",
                           std::string(4, '\0'));
  nsmlab::NpyArray a = nsmlab::read_npy(path);
  EXPECT_EQ(a.shape, std::vector<size_t>{1});
  EXPECT_EQ(a.values.size(), 1u);
}

TEST(NpyHostile, MalformedFieldsNameTheField) {
  EXPECT_NE(npy_error(write_npy_v2("d.npy", "{'descr': '>f4', 'shape': (1,), }", "0000")).find("field 'descr'"), std::string::npos);
  EXPECT_NE(npy_error(write_npy_v2("s.npy", "{'descr': '<f4', 'shape': (1;2), }", "0000")).find("field 'shape'"), std::string::npos);
  EXPECT_NE(npy_error(write_npy_v2("n.npy", "{'descr': '<f4', 'shape': (-1,), }", "0000")).find("field 'shape'"), std::string::npos);
  EXPECT_NE(npy_error(write_npy_v2("f.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", "0000")).find("fortran_order"),
            std::string::npos);
}
