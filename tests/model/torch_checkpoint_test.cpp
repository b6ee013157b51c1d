// pytorch_model.bin and sharded safetensors against the files they were made from
// (tools/fixtures/make_torch_checkpoints.py, Debian's python3-torch): every tensor's
// bytes equal, bit for bit; the zip format used in place, the legacy format and
// non-row-major tensors copied; hostile archives refused naming the file.
#include "model/torch_checkpoint.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "model/tensor_archive.h"
#include "model/weight_store.h"
#include "safetensors_writer.h"
#include "util/json_file.h"

namespace nsmlab {
namespace {

using testing::error_of;
using testing::temp_dir;

using testing::weights_dir;
using testing::models_dir;

std::string bytes_of(const TensorView& v) { return std::string(reinterpret_cast<const char*>(v.data), v.bytes); }

// Same names, dtypes, shapes and bytes.
void expect_same_tensors(const TensorArchive& got, const TensorArchive& want) {
  ASSERT_EQ(got.tensors().size(), want.tensors().size()) << got.path();
  for (const auto& [name, w] : want.tensors()) {
    const StoredTensor* g = got.find(name);
    ASSERT_NE(g, nullptr) << got.path() << ": " << name;
    EXPECT_EQ(g->dtype_name, w.dtype_name) << name;
    EXPECT_EQ(g->view.shape, w.view.shape) << name;
    EXPECT_EQ(bytes_of(g->view), bytes_of(w.view)) << name;
  }
}

class Zoo : public ::testing::TestWithParam<std::string> {};

TEST_P(Zoo, EveryDtypeAndLayoutEqualsTheContiguousCopy) {
  const TensorArchive zoo(weights_dir() + "/" + GetParam());
  const TensorArchive expected(weights_dir() + "/zoo_expected.safetensors");
  for (const auto& [name, w] : expected.tensors()) {
    const StoredTensor* g = zoo.find(name);
    ASSERT_NE(g, nullptr) << name;
    EXPECT_EQ(g->dtype_name, w.dtype_name) << name;
    EXPECT_EQ(g->view.shape, w.view.shape) << name;
    EXPECT_EQ(bytes_of(g->view), bytes_of(w.view)) << GetParam() << ": " << name;
  }
  const Json ints = load_json(weights_dir() + "/zoo_expected_int.json");
  const StoredTensor* i32 = zoo.find("i32");
  ASSERT_NE(i32, nullptr);
  EXPECT_EQ(i32->dtype_name, "I32");
  std::vector<int32_t> v(4);
  std::memcpy(v.data(), i32->view.data, 16);
  EXPECT_EQ(v, ints["i32"].get<std::vector<int32_t>>());
  const StoredTensor* u8 = zoo.find("u8");
  ASSERT_NE(u8, nullptr);
  EXPECT_EQ(u8->dtype_name, "U8");
  EXPECT_EQ(std::vector<int>(u8->view.data, u8->view.data + 6), ints["u8"].get<std::vector<int>>());
  EXPECT_EQ(zoo.find("scalar")->view.shape, std::vector<size_t>{});
  EXPECT_EQ(zoo.find("empty")->view.bytes, 0u);
  // Row-major tensors are used where the file's mapping has them; the transposed one is a copy.
  EXPECT_EQ(zoo.find("f32")->view.residence, Residence::HostMapping);
  EXPECT_EQ(zoo.find("view_a")->view.residence, Residence::HostMapping);  // offset 2 into its storage
  EXPECT_EQ(zoo.find("column")->view.residence, Residence::HostOwned);   // stride (5, 1): every fifth element
  EXPECT_EQ(zoo.find("transposed")->view.residence, Residence::HostOwned);
  // view_a and view_b share one storage: two ranges of the same bytes.
  EXPECT_EQ(zoo.find("view_b")->view.data - zoo.find("view_a")->view.data, 8 * 4);
}

INSTANTIATE_TEST_SUITE_P(Formats, Zoo, ::testing::Values("zoo_zip.pt", "zoo_legacy.pt", "zoo_unaligned.pt"));

TEST(TorchCheckpoint, ZipRecordsAreAlignedAndUsedInPlace) {
  // torch.save aligns every record to 64 bytes: F32 tensors are read from the mapping, no copy.
  WeightStore store(weights_dir() + "/bert-mean-zip/pytorch_model.bin", "embeddings.word_embeddings.weight");
  const FloatTensor w = store.require("embeddings.word_embeddings.weight", {99, 32});
  EXPECT_EQ(reinterpret_cast<uintptr_t>(w.data) % 64, 0u);
  EXPECT_EQ(store.converted_bytes(), 0u);
  EXPECT_FALSE(TorchCheckpoint(weights_dir() + "/bert-mean-zip/pytorch_model.bin").legacy_format());
}

TEST(TorchCheckpoint, MisalignedRecordsAreCopiedOnce) {
  // Python's zipfile does not align: a misaligned F32 tensor is widened into an aligned copy.
  WeightStore store(weights_dir() + "/zoo_unaligned.pt", "f32");
  const TensorView v = store.view("f32", {3, 4});
  const FloatTensor f = store.require("f32", {3, 4});
  EXPECT_EQ(reinterpret_cast<uintptr_t>(f.data) % alignof(float), 0u);
  EXPECT_EQ(std::memcmp(f.data, v.data, 48), 0);
  EXPECT_EQ(store.converted_bytes(), reinterpret_cast<uintptr_t>(v.data) % 4 ? 48u : 0u);
}

TEST(TorchCheckpoint, ZipModelEqualsItsSafetensorsBitForBit) {
  expect_same_tensors(TensorArchive(weights_dir() + "/bert-mean-zip/pytorch_model.bin"),
                      TensorArchive(models_dir() + "/bert-mean/model.safetensors"));
}

TEST(TorchCheckpoint, LegacyModelAndItsDenseEqualTheirSafetensorsBitForBit) {
  EXPECT_TRUE(TorchCheckpoint(weights_dir() + "/labse-like-legacy/pytorch_model.bin").legacy_format());
  expect_same_tensors(TensorArchive(weights_dir() + "/labse-like-legacy/pytorch_model.bin"),
                      TensorArchive(models_dir() + "/labse-like-cls-dense/model.safetensors"));
  expect_same_tensors(TensorArchive(weights_dir() + "/labse-like-legacy/2_Dense/pytorch_model.bin"),
                      TensorArchive(models_dir() + "/labse-like-cls-dense/2_Dense/model.safetensors"));
}

TEST(TorchCheckpoint, HostileArchivesAreRefusedNamingTheFile) {
  for (const auto& [file, words] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"evil_os_system.bin", {"posix.system", "refusing"}},
           {"evil_eval.bin", {"__builtin__.eval", "refusing"}},  // protocol 2 spells builtins so
           {"evil_short_storage.bin", {"data/0", "holds 8 bytes"}},
           {"evil_missing_storage.bin", {"data/0", "missing"}}}) {
    const std::string path = weights_dir() + "/" + file;
    const std::string msg = error_of([&] { TorchCheckpoint c(path); });
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    for (const std::string& w : words) EXPECT_NE(msg.find(w), std::string::npos) << "missing '" << w << "' in " << msg;
  }
  EXPECT_FALSE(std::filesystem::exists("/tmp/nsmlab-pwned"));
}

TEST(TorchCheckpoint, TruncatedAndForeignFilesAreRefused) {
  const std::string dir = temp_dir("torch_trunc");
  for (const char* name : {"zoo_zip.pt", "zoo_legacy.pt"}) {
    const std::string bytes = read_file(weights_dir() + "/" + name);
    for (size_t cut : {size_t(3), size_t(40), bytes.size() / 2, bytes.size() - 1}) {
      const std::string path = dir + "/cut.bin";
      write_file_atomic(path, bytes.substr(0, cut));
      const std::string msg = error_of([&] { TorchCheckpoint c(path); });
      EXPECT_NE(msg.find(path), std::string::npos) << name << " cut at " << cut << ": " << msg;
    }
  }
  write_file_atomic(dir + "/text.bin", "hello, not a checkpoint");
  EXPECT_NE(error_of([&] { TorchCheckpoint c(dir + "/text.bin"); }).find("not a PyTorch checkpoint"), std::string::npos);
}

TEST(ShardedSafetensors, EveryShardMappedAndEqualToTheSingleFile) {
  const TensorArchive sharded(weights_dir() + "/xlm-roberta-bf16-sharded/model.safetensors.index.json");
  EXPECT_EQ(sharded.file_count(), 2u);
  expect_same_tensors(sharded, TensorArchive(models_dir() + "/xlm-roberta-bf16/model.safetensors"));
}

TEST(ShardedSafetensors, BadIndexesNameTheFieldAndTheShard) {
  const std::string src = weights_dir() + "/xlm-roberta-bf16-sharded";
  const std::string dir = temp_dir("shards");
  for (const char* f : {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"})
    std::filesystem::copy_file(src + "/" + f, dir + "/" + f);
  const Json good = load_json(src + "/model.safetensors.index.json");
  auto refusal = [&](const Json& index) {
    write_file_atomic(dir + "/model.safetensors.index.json", index.dump());
    return error_of([&] { TensorArchive a(dir + "/model.safetensors.index.json"); });
  };
  Json j = good;
  j["weight_map"]["roberta.embeddings.word_embeddings.weight"] = "../../etc/passwd";
  EXPECT_NE(refusal(j).find("no folders"), std::string::npos);
  j = good;
  j["weight_map"]["roberta.embeddings.word_embeddings.weight"] = "model-00009-of-00009.safetensors";
  EXPECT_NE(refusal(j).find("model-00009-of-00009.safetensors"), std::string::npos);
  j = good;
  j["weight_map"]["no.such.tensor"] = "model-00001-of-00002.safetensors";
  EXPECT_NE(refusal(j).find("'no.such.tensor'"), std::string::npos);
  j = good;
  j["weight_map"]["roberta.embeddings.word_embeddings.weight"] = 3;
  EXPECT_NE(refusal(j).find("shard file name"), std::string::npos);
  EXPECT_NE(refusal(Json::object()).find("weight_map"), std::string::npos);
  EXPECT_EQ(refusal(good), "(no error)");
}

}  // namespace
}  // namespace nsmlab
