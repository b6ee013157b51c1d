// nsmlab convert's copy: every pytorch_model.bin or sharded index becomes model.safetensors
// with the same tensors, bit for bit; the sources are left out of the copy; other files come along.
#include "model/convert_folder.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/tensor_archive.h"
#include "safetensors_writer.h"

namespace nsmlab {
namespace {

namespace fs = std::filesystem;
using testing::error_of;
using testing::temp_dir;

using testing::weights_dir;
using testing::models_dir;

void expect_same(const std::string& got_path, const std::string& want_path) {
  const TensorArchive got(got_path), want(want_path);
  ASSERT_EQ(got.tensors().size(), want.tensors().size());
  for (const auto& [name, w] : want.tensors()) {
    const StoredTensor* g = got.find(name);
    ASSERT_NE(g, nullptr) << name;
    EXPECT_EQ(g->dtype_name, w.dtype_name);
    EXPECT_EQ(g->view.shape, w.view.shape);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(g->view.data), g->view.bytes),
              std::string(reinterpret_cast<const char*>(w.view.data), w.view.bytes))
        << name;
  }
}

TEST(ConvertFolder, LegacyBinAndItsDenseBecomeSafetensors) {
  const std::string out = temp_dir("convert_labse");
  const auto done = convert_to_safetensors(weights_dir() + "/labse-like-legacy", out);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_FALSE(fs::exists(out + "/pytorch_model.bin"));
  EXPECT_FALSE(fs::exists(out + "/2_Dense/pytorch_model.bin"));
  EXPECT_TRUE(fs::exists(out + "/tokenizer.json"));
  EXPECT_TRUE(fs::exists(out + "/2_Dense/config.json"));
  expect_same(out + "/model.safetensors", models_dir() + "/labse-like-cls-dense/model.safetensors");
  expect_same(out + "/2_Dense/model.safetensors", models_dir() + "/labse-like-cls-dense/2_Dense/model.safetensors");
}

TEST(ConvertFolder, ShardsMergeIntoOneFile) {
  const std::string out = temp_dir("convert_shards");
  convert_to_safetensors(weights_dir() + "/xlm-roberta-bf16-sharded", out);
  EXPECT_FALSE(fs::exists(out + "/model.safetensors.index.json"));
  EXPECT_FALSE(fs::exists(out + "/model-00001-of-00002.safetensors"));
  expect_same(out + "/model.safetensors", models_dir() + "/xlm-roberta-bf16/model.safetensors");
}

TEST(ConvertFolder, RefusesHostileWeightsAndWritesNoSafetensors) {
  const std::string src = temp_dir("convert_evil_src"), out = temp_dir("convert_evil_out");
  fs::copy_file(weights_dir() + "/evil_eval.bin", src + "/pytorch_model.bin");
  EXPECT_NE(error_of([&] { convert_to_safetensors(src, out); }).find("__builtin__.eval"), std::string::npos);
  EXPECT_FALSE(fs::exists(out + "/model.safetensors"));
  EXPECT_NE(error_of([&] { convert_to_safetensors(out, temp_dir("convert_empty")); }).find("no weights"),
            std::string::npos);
}

}  // namespace
}  // namespace nsmlab
