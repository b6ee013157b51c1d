// The engine against an independent float64 PyTorch forward pass on tiny random models
// of every supported family (see tools/fixtures/make_tiny_models.py).
#include "nn/sentence_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fixture_batches.h"
#include "reference.h"

namespace nsmlab {
namespace {

using testing::models_dir;
using testing::recorded_batches;
using testing::single_sequence;

void expect_rows_close(const Matrix& got, const Matrix& want, double tol, const std::string& what) {
  ASSERT_EQ(got.rows, want.rows) << what;
  ASSERT_EQ(got.cols, want.cols) << what;
  for (size_t r = 0; r < got.rows; ++r) {
    double max_diff = 0;
    for (size_t c = 0; c < got.cols; ++c) max_diff = std::max(max_diff, double(std::fabs(got(r, c) - want(r, c))));
    EXPECT_LE(max_diff, tol) << what << " row " << r;
    EXPECT_GE(test::cosine(got.row(r), want.row(r), got.cols), 0.99999) << what << " row " << r;
  }
}

class TinyModel : public ::testing::TestWithParam<std::string> {};

TEST_P(TinyModel, MatchesReferenceEmbeddings) {
  const std::string name = GetParam();
  auto model = SentenceModel::load(models_dir() + "/" + name);
  Json expected = load_json(models_dir() + "/" + name + "/expected.json");
  EXPECT_EQ(model->dimension(), expected["dimension"].get<size_t>());
  EXPECT_EQ(model->parameter_count(), expected["parameters"].get<size_t>());
  EXPECT_EQ(model->architecture(), expected["architecture"].get<std::string>());
  for (const auto& b : recorded_batches(name)) {
    Matrix got = model->embed(b.tokens);
    expect_rows_close(got, b.expected, 1e-5, name);
  }
}

TEST_P(TinyModel, PaddingDoesNotChangeEmbeddings) {
  const std::string name = GetParam();
  auto model = SentenceModel::load(models_dir() + "/" + name);
  for (const auto& b : recorded_batches(name)) {
    Matrix batched = model->embed(b.tokens);
    for (size_t r = 0; r < b.tokens.batch; ++r) {
      Matrix alone = model->embed(single_sequence(b.tokens, r));
      ASSERT_EQ(alone.rows, 1u);
      // A row's products may run in a different row tile alone than batched (another summation
      // order inside oneDNN's kernels): equal to a few float roundings of the row's largest value.
      float scale = 1.f;
      for (size_t c = 0; c < alone.cols; ++c) scale = std::max(scale, std::abs(alone(0, c)));
      for (size_t c = 0; c < alone.cols; ++c)
        EXPECT_NEAR(alone(0, c), batched(r, c), 2e-6 * scale) << name << " row " << r;
    }
  }
}

TEST_P(TinyModel, RepeatedCallsWithChangingShapesAgree) {
  const std::string name = GetParam();
  auto model = SentenceModel::load(models_dir() + "/" + name);
  auto batches = recorded_batches(name);
  Matrix first = model->embed(batches[0].tokens);
  model->embed(batches[1].tokens);
  model->embed(single_sequence(batches[0].tokens, 1));
  Matrix again = model->embed(batches[0].tokens);
  ASSERT_EQ(first.data.size(), again.data.size());
  for (size_t i = 0; i < first.data.size(); ++i) EXPECT_EQ(first.data[i], again.data[i]);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TinyModel, ::testing::ValuesIn(testing::tiny_model_names()),
                         [](const auto& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });

TEST(SentenceModel, LastHiddenStateMatchesReference) {
  auto model = SentenceModel::load(models_dir() + "/bert-mean");
  auto b = recorded_batches("bert-mean")[0];
  ASSERT_FALSE(b.hidden_npy.empty());
  Matrix want = read_npy_matrix(b.hidden_npy);
  Matrix got = model->token_embeddings(b.tokens);
  ASSERT_EQ(got.rows, want.rows);
  ASSERT_EQ(got.cols, want.cols);
  double max_diff = 0;
  for (size_t i = 0; i < got.data.size(); ++i)
    max_diff = std::max(max_diff, double(std::fabs(got.data[i] - want.data[i])));
  EXPECT_LE(max_diff, 1e-5);
}

TEST(SentenceModel, ReportsFolderDetails) {
  auto model = SentenceModel::load(models_dir() + "/labse-like-cls-dense");
  EXPECT_EQ(model->hidden_size(), 32u);
  EXPECT_EQ(model->dimension(), 24u);
  EXPECT_TRUE(model->folder().normalize);
  ASSERT_TRUE(model->folder().dense.has_value());
  auto model2 = SentenceModel::load(models_dir() + "/bert-v5-prompt");
  EXPECT_FALSE(model2->folder().pooling.include_prompt);
  EXPECT_EQ(model2->folder().default_prompt_name, "query");
  EXPECT_EQ(model2->folder().prompts.at("query"), "query: ");
}

TEST(SentenceModel, PromptExclusionChangesOnlyWhatItShould) {
  // include_prompt=false must drop the prompt tokens from the mean; without prompt_len all count.
  auto model = SentenceModel::load(models_dir() + "/bert-v5-prompt");
  auto b = recorded_batches("bert-v5-prompt")[0];
  TokenBatch no_prompt = b.tokens;
  no_prompt.prompt_len.clear();
  Matrix with = model->embed(b.tokens), without = model->embed(no_prompt);
  double diff = 0;
  for (size_t i = 0; i < with.data.size(); ++i) diff = std::max(diff, double(std::fabs(with.data[i] - without.data[i])));
  EXPECT_GT(diff, 1e-3);
}

TEST(SentenceModel, EmptyBatchAndEmptySequence) {
  auto model = SentenceModel::load(models_dir() + "/xlm-roberta-mean-normalize");
  TokenBatch empty;
  Matrix m = model->embed(empty);
  EXPECT_EQ(m.rows, 0u);
  EXPECT_EQ(m.cols, model->dimension());
  TokenBatch none;  // one sequence, all padding: a zero vector, no NaN
  none.batch = 1;
  none.seq_len = 3;
  none.ids = {1, 1, 1};
  none.mask = {0, 0, 0};
  Matrix z = model->embed(none);
  for (float v : z.data) EXPECT_EQ(v, 0.0f);
}

TEST(SentenceModel, BadTokenInputsAreErrors) {
  auto model = SentenceModel::load(models_dir() + "/bert-mean");
  TokenBatch b;
  b.batch = 1;
  b.seq_len = 3;
  b.ids = {2, 500, 3};
  b.mask = {1, 1, 1};
  try {
    model->embed(b);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("500"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("vocabulary"), std::string::npos) << e.what();
  }
  TokenBatch long_one;  // 41 tokens > 40 position embeddings
  long_one.batch = 1;
  long_one.seq_len = 41;
  long_one.ids.assign(41, 7);
  long_one.mask.assign(41, 1);
  EXPECT_THROW(model->embed(long_one), Error);
  TokenBatch wrong;
  wrong.batch = 2;
  wrong.seq_len = 3;
  wrong.ids = {1, 2, 3};
  wrong.mask = {1, 1, 1};
  EXPECT_THROW(model->embed(wrong), Error);
}

}  // namespace
}  // namespace nsmlab
