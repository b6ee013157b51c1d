// The accuracy bounds for the low-precision products, on every tiny fixture model:
// each sentence's embedding against the fp32 engine's, cosine >= 0.999 (bf16) and >= 0.99
// (int8). Skipped, with the reason, where this CPU (or NSMLAB_CPU_ISA) cannot run the precision.
// The same bound on real-size models when NSMLAB_ACCURACY_MODELS lists their folders
// (colon-separated; tools/bench/make-models.sh makes random-weight ones).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>
#include <tuple>

#include "backend/cpu_precision_support.h"
#include "fixture_batches.h"
#include "nn/sentence_model.h"
#include "reference.h"

namespace nsmlab {
namespace {

using testing::models_dir;
using testing::recorded_batches;

double min_cosine(Precision p) { return p == Precision::Bf16 ? 0.999 : 0.99; }

using Case = std::tuple<Precision, std::string>;

class LowPrecisionAccuracy : public ::testing::TestWithParam<Case> {};

TEST_P(LowPrecisionAccuracy, EverySentenceStaysCloseToFp32) {
  const auto& [precision, name] = GetParam();
  const PrecisionSupport s = cpu_precision_support(precision);
  if (!s.runs) GTEST_SKIP() << precision_name(precision) << ": " << s.why_not;
  auto fp32 = SentenceModel::load(models_dir() + "/" + name);
  auto low = SentenceModel::load(models_dir() + "/" + name, precision);
  EXPECT_EQ(low->precision(), precision);
  EXPECT_EQ(low->dimension(), fp32->dimension());
  EXPECT_LT(low->packed_bytes(), fp32->packed_bytes());
  double worst = 1;
  for (const auto& b : recorded_batches(name)) {
    const Matrix want = fp32->embed(b.tokens), got = low->embed(b.tokens);
    ASSERT_EQ(got.rows, want.rows);
    ASSERT_EQ(got.cols, want.cols);
    for (size_t r = 0; r < got.rows; ++r) {
      const double c = test::cosine(got.row(r), want.row(r), got.cols);
      EXPECT_GE(c, min_cosine(precision)) << name << " sentence " << r;
      worst = std::min(worst, c);
    }
  }
  RecordProperty("worst_cosine", std::to_string(worst));
}

// 16 sequences of 8..64 random ids (padded on the right), as a corpus batch looks.
TokenBatch random_batch(size_t vocab, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> id(5, int32_t(vocab) - 1);
  std::uniform_int_distribution<size_t> len(8, 64);
  TokenBatch b;
  b.batch = 16;
  b.seq_len = 64;
  for (size_t r = 0; r < b.batch; ++r) {
    const size_t n = len(rng);
    for (size_t c = 0; c < b.seq_len; ++c) {
      b.ids.push_back(c < n ? id(rng) : 1);
      b.mask.push_back(c < n);
      b.type_ids.push_back(0);
    }
  }
  return b;
}

TEST(LowPrecisionAccuracyRealSize, ModelsNamedByTheEnvironment) {
  const char* list = std::getenv("NSMLAB_ACCURACY_MODELS");
  if (!list || !*list) GTEST_SKIP() << "set NSMLAB_ACCURACY_MODELS to real-size model folders (colon-separated)";
  std::stringstream dirs(list);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto fp32 = SentenceModel::load(dir);
    const TokenBatch batch = random_batch(fp32->folder().config.vocab_size, 11);
    const Matrix want = fp32->embed(batch);
    for (Precision p : {Precision::Bf16, Precision::Int8}) {
      if (!cpu_precision_support(p).runs) continue;
      const Matrix got = SentenceModel::load(dir, p)->embed(batch);
      double worst = 1;
      for (size_t r = 0; r < got.rows; ++r) worst = std::min(worst, test::cosine(got.row(r), want.row(r), got.cols));
      EXPECT_GE(worst, min_cosine(p)) << dir << " " << precision_name(p);
      std::cout << dir << " " << precision_name(p) << ": worst cosine to fp32 " << worst << "\n";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LowPrecisionAccuracy,
                         ::testing::Combine(::testing::Values(Precision::Bf16, Precision::Int8),
                                            ::testing::ValuesIn(testing::tiny_model_names())),
                         [](const auto& info) {
                           std::string s = std::string(precision_name(std::get<0>(info.param))) + "_" +
                                           std::get<1>(info.param);
                           for (char& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });

}  // namespace
}  // namespace nsmlab
