#include "model/safetensors.h"

#include <gtest/gtest.h>

#include <functional>

#include "model/weight_store.h"
#include "safetensors_writer.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::f32_tensor;
using testing::RawTensor;
using testing::safetensors_bytes;
using testing::temp_dir;
using testing::error_of;

TEST(Safetensors, ReadsF32InPlaceAndWidensHalfAndBfloat) {
  std::string dir = temp_dir("st_dtypes");
  // 1.5 = 0x3E00 in half, 0x3FC0 in bfloat16; -2 = 0xC000 / 0xC000; a half subnormal 2^-24 = 0x0001.
  const uint16_t half[3] = {0x3E00, 0xC000, 0x0001};
  const uint16_t bf[3] = {0x3FC0, 0xC000, 0x3F80};
  RawTensor h{"model.h", "F16", {3}, std::string(reinterpret_cast<const char*>(half), 6)};
  RawTensor b{"model.b", "BF16", {3}, std::string(reinterpret_cast<const char*>(bf), 6)};
  write_file_atomic(dir + "/w.safetensors",
                    safetensors_bytes({f32_tensor("model.embeddings.word_embeddings.weight", {2, 2}, {1, 2, 3, 4}), h, b}));
  WeightStore store(dir + "/w.safetensors", "embeddings.word_embeddings.weight");
  EXPECT_EQ(store.prefix(), "model.");
  FloatTensor w = store.require("embeddings.word_embeddings.weight", {2, 2});
  EXPECT_EQ(w.data[3], 4.0f);
  EXPECT_EQ(store.converted_bytes(), 0u);  // F32 used in place
  FloatTensor hf = store.require("h", {3});
  EXPECT_EQ(hf.data[0], 1.5f);
  EXPECT_EQ(hf.data[1], -2.0f);
  EXPECT_EQ(hf.data[2], 5.9604644775390625e-08f);
  FloatTensor bb = store.require("b", {3});
  EXPECT_EQ(bb.data[0], 1.5f);
  EXPECT_EQ(bb.data[1], -2.0f);
  EXPECT_EQ(bb.data[2], 1.0f);
  EXPECT_EQ(store.converted_bytes(), 24u);
}

TEST(Safetensors, TruncatedFileNamesTheFile) {
  std::string dir = temp_dir("st_trunc");
  std::string bytes = safetensors_bytes({f32_tensor("x", {4}, {1, 2, 3, 4})});
  write_file_atomic(dir + "/a.safetensors", bytes.substr(0, bytes.size() - 5));
  std::string msg = error_of([&] { SafetensorsFile f(dir + "/a.safetensors"); });
  EXPECT_NE(msg.find("a.safetensors"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'x'"), std::string::npos) << msg;
  write_file_atomic(dir + "/b.safetensors", bytes.substr(0, 20));  // header cut short
  msg = error_of([&] { SafetensorsFile f(dir + "/b.safetensors"); });
  EXPECT_NE(msg.find("b.safetensors"), std::string::npos) << msg;
  EXPECT_NE(msg.find("header"), std::string::npos) << msg;
  write_file_atomic(dir + "/c.safetensors", "abc");
  EXPECT_THROW(SafetensorsFile(dir + "/c.safetensors"), Error);
}

TEST(Safetensors, OffsetsOutsideTheFileAreRefused) {
  std::string dir = temp_dir("st_offsets");
  write_file_atomic(dir + "/a.safetensors", safetensors_bytes({f32_tensor("x", {4}, {1, 2, 3, 4})}, [](Json& h) {
                      h["x"]["data_offsets"] = {0, 4000};
                    }));
  std::string msg = error_of([&] { SafetensorsFile f(dir + "/a.safetensors"); });
  EXPECT_NE(msg.find("'x'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("4000"), std::string::npos) << msg;
  // Offsets inside the file but not matching dtype x shape.
  write_file_atomic(dir + "/b.safetensors", safetensors_bytes({f32_tensor("x", {4}, {1, 2, 3, 4})}, [](Json& h) {
                      h["x"]["shape"] = {5};
                    }));
  msg = error_of([&] { SafetensorsFile f(dir + "/b.safetensors"); });
  EXPECT_NE(msg.find("'x'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[5]"), std::string::npos) << msg;
}

TEST(Safetensors, UnusedIntegerTensorsAreToleratedButCannotBeRead) {
  std::string dir = temp_dir("st_i64");
  RawTensor ids{"position_ids", "I64", {2}, std::string(16, '\0')};
  write_file_atomic(dir + "/a.safetensors", safetensors_bytes({f32_tensor("embeddings.word_embeddings.weight", {1}, {1}), ids}));
  WeightStore store(dir + "/a.safetensors", "embeddings.word_embeddings.weight");
  EXPECT_TRUE(store.contains("position_ids"));
  std::string msg = error_of([&] { store.require("position_ids", {2}); });
  EXPECT_NE(msg.find("position_ids"), std::string::npos) << msg;
  EXPECT_NE(msg.find("I64"), std::string::npos) << msg;
}

TEST(Safetensors, MissingAndMisshapenTensorsNameBothShapes) {
  std::string dir = temp_dir("st_shape");
  write_file_atomic(dir + "/a.safetensors", safetensors_bytes({f32_tensor("bert.embeddings.word_embeddings.weight", {2, 3}, {1, 2, 3, 4, 5, 6})}));
  WeightStore store(dir + "/a.safetensors", "embeddings.word_embeddings.weight");
  std::string msg = error_of([&] { store.require("embeddings.word_embeddings.weight", {3, 2}); });
  EXPECT_NE(msg.find("[2, 3]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[3, 2]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bert.embeddings.word_embeddings.weight"), std::string::npos) << msg;
  msg = error_of([&] { store.require("encoder.layer.0.output.dense.weight", {4, 4}); });
  EXPECT_NE(msg.find("missing tensor 'bert.encoder.layer.0.output.dense.weight'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("a.safetensors"), std::string::npos) << msg;
}

}  // namespace
}  // namespace nsmlab
