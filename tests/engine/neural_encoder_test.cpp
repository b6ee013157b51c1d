// End to end against Hugging Face: tiny random-weight models built with transformers and
// embedded with sentence-transformers (tools/device/hf_reference.py). Text in, embedding out:
// this checks the tokenizer, the network, pooling, Dense, Normalize and prompts together.
#include "engine/neural_encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "util/json_file.h"
#include "util/npy.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

std::vector<std::string> model_dirs() {
  std::vector<std::string> dirs;
  fs::path root = fs::path(NSMLAB_FIXTURES_DIR) / "models_hf";
  if (fs::is_directory(root))
    for (const auto& e : fs::directory_iterator(root))
      if (fs::exists(e.path() / "expected.npy")) dirs.push_back(e.path().string());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

class HuggingFaceModel : public ::testing::TestWithParam<std::string> {};

TEST_P(HuggingFaceModel, MatchesSentenceTransformers) {
  const std::string dir = GetParam();
  Json ref = load_json(dir + "/ids.json");
  auto sentences = ref["sentences"].get<std::vector<std::string>>();
  auto ids = ref["ids"].get<std::vector<std::vector<int32_t>>>();
  Matrix expected = read_npy_matrix(dir + "/expected.npy");

  NeuralEncoder enc(dir);
  const std::string prompt = enc.default_prompt();
  for (size_t i = 0; i < sentences.size(); ++i) {
    auto got = enc.tokenizer().encode(prompt + sentences[i], enc.max_seq_length()).ids;
    EXPECT_EQ(got, ids[i]) << "sentence " << i << ": " << sentences[i];
  }

  EncodeOptions opt;
  opt.prompt = prompt;
  opt.batch_tokens = 200;  // several batches of different lengths
  opt.progress = false;
  Matrix got = enc.encode(sentences, opt);
  ASSERT_EQ(got.rows, expected.rows);
  ASSERT_EQ(got.cols, expected.cols);
  for (size_t i = 0; i < got.rows; ++i) {
    double dot = 0, na = 0, nb = 0, maxdiff = 0;
    for (size_t j = 0; j < got.cols; ++j) {
      dot += double(got(i, j)) * expected(i, j);
      na += double(got(i, j)) * got(i, j);
      nb += double(expected(i, j)) * expected(i, j);
      maxdiff = std::max(maxdiff, std::abs(double(got(i, j)) - expected(i, j)));
    }
    EXPECT_LE(maxdiff, 1e-5) << "sentence " << i << ": " << sentences[i];
    EXPECT_GE(dot / std::sqrt(na * nb), 0.99999) << "sentence " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HuggingFaceModel, ::testing::ValuesIn(model_dirs()),
                         [](const auto& info) { return fs::path(info.param).filename().string(); });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(HuggingFaceModel);

TEST(NeuralEncoder, OrderIsRestoredAndBatchingDoesNotChangeResults) {
  auto dirs = model_dirs();
  ASSERT_FALSE(dirs.empty()) << "the committed fixtures tests/fixtures/models_hf/* are missing";
  NeuralEncoder enc(dirs.front());
  std::vector<std::string> texts = {"a much longer sentence than the others, with several words in it", "short",
                                    "medium length sentence here", "x"};
  EncodeOptions one_batch;
  one_batch.progress = false;
  EncodeOptions tiny_batches = one_batch;
  tiny_batches.batch_tokens = 1;  // every sentence alone
  Matrix a = enc.encode(texts, one_batch), b = enc.encode(texts, tiny_batches);
  for (size_t i = 0; i < a.data.size(); ++i) EXPECT_NEAR(a.data[i], b.data[i], 1e-5);
  Matrix single = enc.encode({texts[2]}, one_batch);
  for (size_t j = 0; j < a.cols; ++j) EXPECT_NEAR(a(2, j), single(0, j), 1e-5);
}

}  // namespace
