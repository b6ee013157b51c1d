// What keys a space (the model's files, the settings) and encode_cached: the same rows as
// encode(), bit for bit, with the misses encoded and stored.
#include "cache/cache_space.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "test_files.h"

using namespace nsmlab;
using nsmlab::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(NSMLAB_FIXTURES_DIR) + "/models_hf/xlmr_mean";

std::string copy_fixture(const TempFolder& dir) {
  const std::string to = dir.file("model");
  fs::copy(kFixture, to, fs::copy_options::recursive);
  return to;
}

BackendOptions one_thread() {
  BackendOptions b;
  b.threads = 1;
  return b;
}

}  // namespace

TEST(ModelSha256, FollowsTheFilesTheLoaderReadsOnly) {
  TempFolder dir;
  const std::string m = copy_fixture(dir);
  EmbeddingCache cache(dir.file("c.sqlite"));
  const std::string first = model_sha256(cache, load_model_folder(m));
  EXPECT_EQ(first.size(), 64u);
  EXPECT_EQ(model_sha256(cache, load_model_folder(m)), first);
  // A large file the loader does not read (another format's weights) changes nothing...
  nsmlab::testing::write_bytes(m + "/pytorch_model.bin", std::string((64 << 20) + 1, 'x'));
  EXPECT_EQ(model_sha256(cache, load_model_folder(m)), first);
  // ...a pooling setting does; and the same files elsewhere give the same identity.
  const std::string pooling = nsmlab::testing::read_bytes(m + "/1_Pooling/config.json");
  nsmlab::testing::write_bytes(m + "/1_Pooling/config.json", pooling + " ");
  EXPECT_NE(model_sha256(cache, load_model_folder(m)), first);
  EXPECT_EQ(model_sha256(cache, load_model_folder(kFixture)), first);
}

TEST(CacheSettings, NameWhatChangesAVectorAndNotTheBatch) {
  NeuralEncoder enc(kFixture, one_thread());
  EncodeOptions a, b;
  b.batch_tokens = 16;
  EXPECT_EQ(cache_settings(enc, a), cache_settings(enc, b));
  b.normalize = true;
  EXPECT_NE(cache_settings(enc, a), cache_settings(enc, b));
  b = a;
  b.prompt = "query: ";
  EXPECT_NE(cache_settings(enc, a), cache_settings(enc, b));
  b = a;
  b.max_seq_len = 8;
  EXPECT_NE(cache_settings(enc, a), cache_settings(enc, b));
  EXPECT_EQ(cache_settings(enc, a)["backend"], "cpu-fp32");
}

TEST(EncodeCached, GivesEncodesBitsWhateverWasCached) {
  TempFolder dir;
  NeuralEncoder enc(kFixture, one_thread());
  EncodeOptions o;
  o.progress = false;
  const std::vector<std::string> texts = {"le chat", "une maison verte avec un homme", "tu sais", "le chat", "bien"};
  const Matrix plain = enc.encode(texts, o);
  EmbeddingCache cache(dir.file("c.sqlite"));
  const CacheSpace space = open_cache_space(cache, enc, o);
  CacheCounts counts;
  // Two texts cached first, alone (another batch than below).
  encode_cached(enc, space, {texts[1]}, o, counts);
  encode_cached(enc, space, {texts[4]}, o, counts);
  EXPECT_EQ(counts.encoded, 2u);
  const Matrix mixed = encode_cached(enc, space, texts, o, counts);
  EXPECT_EQ(counts.hits, 2u);
  EXPECT_EQ(counts.encoded, 2u + 3u);
  ASSERT_EQ(mixed.data.size(), plain.data.size());
  EXPECT_EQ(std::memcmp(mixed.data.data(), plain.data.data(), plain.data.size() * sizeof(float)), 0);
  const Matrix all = encode_cached(enc, space, texts, o, counts);
  EXPECT_EQ(counts.hits, 2u + 5u);
  EXPECT_EQ(std::memcmp(all.data.data(), plain.data.data(), plain.data.size() * sizeof(float)), 0);
}
