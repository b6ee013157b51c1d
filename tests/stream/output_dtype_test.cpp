// The stored bytes of each --output-dtype, against values worked out by hand (and, for binary,
// numpy.packbits / sentence-transformers' quantize_embeddings as documented in output_dtype.h).
#include <gtest/gtest.h>

#include <cstring>

#include "stream/output_dtype.h"
#include "util/error.h"

using namespace nsmlab;

namespace {
Matrix row(std::initializer_list<float> v) {
  Matrix m(1, v.size());
  std::copy(v.begin(), v.end(), m.data.begin());
  return m;
}
}  // namespace

TEST(OutputDtype, Float16RoundsToNearestEven) {
  std::string out;
  append_converted(row({1.0f, -2.0f, 0.1f, 65504.0f, 1.0f + 1.0f / 2048}), OutputDtype::float16, out);
  ASSERT_EQ(out.size(), 10u);
  uint16_t h[5];
  std::memcpy(h, out.data(), 10);
  EXPECT_EQ(h[0], 0x3C00);
  EXPECT_EQ(h[1], 0xC000);
  EXPECT_EQ(h[2], 0x2E66);  // 0.1 -> 0.0999755859375
  EXPECT_EQ(h[3], 0x7BFF);
  EXPECT_EQ(h[4], 0x3C00);  // exactly half way between 1 and 1 + 2^-10: to the even one
}

TEST(OutputDtype, Int8Is127xRoundedAndClamped) {
  std::string out;
  const size_t saturated = append_converted(row({0.0f, 1.0f, -1.0f, 0.5f, -0.5f, 1.5f, -3.0f, 0.3f}), OutputDtype::int8, out);
  const std::vector<int8_t> want = {0, 127, -127, 64, -64, 127, -127, 38};  // 63.5 -> 64 (even), 38.1 -> 38
  ASSERT_EQ(out.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(static_cast<int8_t>(out[i]), want[i]) << i;
  EXPECT_EQ(saturated, 2u);
}

TEST(OutputDtype, BinaryPacksMostSignificantBitFirst) {
  // x > 0 bits: 1 0 0 0 0 0 0 1 | 1 1 (padded with zeros) -> 0x81, 0xC0
  const Matrix m = row({0.5f, 0.0f, -1.0f, -0.1f, 0.0f, -2.0f, -0.5f, 3.0f, 1e-9f, 2.0f});
  std::string u, b;
  append_converted(m, OutputDtype::ubinary, u);
  append_converted(m, OutputDtype::binary, b);
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(static_cast<uint8_t>(u[0]), 0x81);
  EXPECT_EQ(static_cast<uint8_t>(u[1]), 0xC0);
  EXPECT_EQ(static_cast<int8_t>(b[0]), 0x81 - 128);
  EXPECT_EQ(static_cast<int8_t>(b[1]), 0xC0 - 128);
  EXPECT_EQ(output_columns(OutputDtype::binary, 10), 2u);
  EXPECT_EQ(output_columns(OutputDtype::binary, 384), 48u);
}

TEST(OutputDtype, NamesAndRefusal) {
  EXPECT_EQ(std::string(npy_descr(parse_output_dtype("float16"))), "<f2");
  EXPECT_EQ(std::string(npy_descr(parse_output_dtype("int8"))), "|i1");
  EXPECT_EQ(std::string(npy_descr(parse_output_dtype("ubinary"))), "|u1");
  EXPECT_THROW(parse_output_dtype("bf16"), Error);
}
