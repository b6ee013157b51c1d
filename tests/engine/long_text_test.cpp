// --long-text: the windows over a long text's tokens, their mean, and the encoder end to end
// against an independent float64 PyTorch reference (tools/fixtures/make_long_text_fixture.py).
#include "engine/long_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "engine/neural_encoder.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/npy.h"

using namespace nsmlab;

namespace {

const std::string kModels = std::string(NSMLAB_FIXTURES_DIR) + "/models/";
const std::string kLong = std::string(NSMLAB_FIXTURES_DIR) + "/long_text/";

std::vector<TokenWindow> W(std::initializer_list<std::pair<size_t, size_t>> l) {
  std::vector<TokenWindow> out;
  for (auto [b, e] : l) out.push_back({b, e});
  return out;
}

// n whole-word tokens of the tiny models' vocabulary ("w5" is token 5).
std::string words(size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) s += (k ? " w" : "w") + std::to_string(k % 2 ? 7 : 8);
  return s;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST(TokenWindows, ExactlyOneWindowWide) { EXPECT_EQ(token_windows(28, 28, 0), W({{0, 28}})); }

TEST(TokenWindows, OneTokenOver) {
  EXPECT_EQ(token_windows(29, 28, 0), W({{0, 28}, {28, 29}}));
  EXPECT_EQ(token_windows(29, 28, 5), W({{0, 28}, {23, 29}}));
}

TEST(TokenWindows, EmptyTextHasOneEmptyWindow) { EXPECT_EQ(token_windows(0, 28, 3), W({{0, 0}})); }

TEST(TokenWindows, OverlapMustLeaveProgress) {
  EXPECT_THROW(token_windows(100, 28, 28), Error);
  EXPECT_THROW(token_windows(100, 28, 40), Error);
  EXPECT_THROW(token_windows(5, 0, 0), Error);
  EXPECT_EQ(token_windows(30, 28, 27).size(), 3u);  // 27 shared, one new token per window
}

TEST(TokenWindows, CoverEveryTokenWithinTheWidth) {
  for (size_t n : {1u, 27u, 28u, 29u, 55u, 56u, 57u, 500u})
    for (size_t overlap : {0u, 1u, 5u, 27u}) {
      const auto ws = token_windows(n, 28, overlap);
      EXPECT_EQ(ws.front().begin, 0u);
      EXPECT_EQ(ws.back().end, n);
      for (size_t k = 0; k < ws.size(); ++k) {
        EXPECT_LE(ws[k].end - ws[k].begin, 28u);
        EXPECT_GT(ws[k].end, ws[k].begin);
        if (k > 0) {
          EXPECT_EQ(ws[k].begin, ws[k - 1].begin + 28 - overlap);  // a fixed stride
          EXPECT_LT(ws[k - 1].end, n);                             // no window after the end was reached
        }
      }
    }
}

TEST(MeanOfWindows, WeightedByTokensAndRenormalised) {
  Matrix w(3, 2);
  w(0, 0) = 1, w(0, 1) = 0;  // text 0: one window, kept bit for bit
  w(1, 0) = 1, w(1, 1) = 0;  // text 1: weights 3 and 1
  w(2, 0) = 0, w(2, 1) = 1;
  Matrix m = mean_of_windows(w, {0, 1, 1}, {7, 3, 1}, 2, false);
  EXPECT_EQ(m(0, 0), 1.0f);
  EXPECT_FLOAT_EQ(m(1, 0), 0.75f);
  EXPECT_FLOAT_EQ(m(1, 1), 0.25f);
  Matrix n = mean_of_windows(w, {0, 1, 1}, {7, 3, 1}, 2, true);
  EXPECT_FLOAT_EQ(n(1, 0), 0.75f / std::sqrt(0.625f));
  EXPECT_THROW(mean_of_windows(w, {1, 0, 1}, {1, 1, 1}, 2, false), Error);  // windows out of text order
}

TEST(LongTextEncoder, WindowsAreTheTokenizersSequences) {
  NeuralEncoder enc(kModels + "bert-mean", {});  // max_seq_length 30: 28 text tokens and [CLS] [SEP]
  EncodeOptions o;
  o.long_text = LongTextMode::chunk;
  o.chunk_overlap = 5;
  auto t = enc.tokenize({words(29), words(28), ""}, o, 1);
  ASSERT_EQ(t.encodings.size(), 4u);
  EXPECT_EQ(t.window_text, (std::vector<uint32_t>{0, 0, 1, 2}));
  EXPECT_EQ(t.window_weight, (std::vector<uint32_t>{28, 6, 1, 1}));
  EXPECT_EQ(t.encodings[0].ids.size(), 30u);
  EXPECT_EQ(t.encodings[1].ids.size(), 8u);
  EXPECT_EQ(t.encodings[1].ids.front(), 2);  // [CLS]
  EXPECT_EQ(t.encodings[1].ids.back(), 3);   // [SEP]
  EXPECT_EQ(t.encodings[1].ids[1], 7);       // text token 23 (w7), 5 shared with the first window
  EXPECT_EQ(t.encodings[3].ids, (std::vector<int32_t>{2, 3}));  // empty text: only the special tokens
  EXPECT_EQ(t.count.texts, 3u);
  EXPECT_EQ(t.count.over, 1u);
  EXPECT_EQ(t.count.longest, 31u);
  EXPECT_EQ(t.count.windows, 4u);
  const LongTextCount c = enc.count_long_texts({words(29), words(28), ""}, o);
  EXPECT_EQ(c.over, 1u);
  EXPECT_EQ(c.longest, 31u);
  EXPECT_EQ(c.windows, 4u);

  o.chunk_overlap = 28;
  EXPECT_THROW(enc.tokenize({words(3)}, o, 1), Error);
  o.chunk_overlap = 0;
  o.prompt = words(28);  // no room left for the text
  EXPECT_THROW(enc.window_text_tokens(o), Error);
}

TEST(LongTextEncoder, TruncateCountsWhatItCuts) {
  NeuralEncoder enc(kModels + "bert-mean", {});
  EncodeOptions o;
  o.progress = false;
  enc.encode({words(28), words(29), words(100)}, o);
  const LongTextCount c = enc.take_long_text_count();
  EXPECT_EQ(c.texts, 3u);
  EXPECT_EQ(c.over, 2u);
  EXPECT_EQ(c.longest, 102u);
  EXPECT_EQ(enc.take_long_text_count().texts, 0u);  // taken
}

TEST(LongTextEncoder, ChunkEqualsTruncateBitForBitWhenEverythingFits) {
  NeuralEncoder enc(kModels + "mpnet-mean-normalize", {});
  EncodeOptions o;
  o.progress = false;
  const std::vector<std::string> texts = {words(28), words(3), ""};
  Matrix a = enc.encode(texts, o);
  o.long_text = LongTextMode::chunk;
  Matrix b = enc.encode(texts, o);
  EXPECT_EQ(a.data, b.data);
}

TEST(LongTextEncoder, MatchesTheTorchReference) {
  const Json index = load_json(kLong + "expected.json");
  const auto texts = read_lines(kLong + index["texts"].get<std::string>());
  for (const Json& c : index["cases"]) {
    SCOPED_TRACE(c.dump());
    NeuralEncoder enc(kModels + c["model"].get<std::string>(), {});
    EncodeOptions o;
    o.progress = false;
    o.long_text = LongTextMode::chunk;
    o.chunk_overlap = c["overlap"].get<size_t>();
    auto t = enc.tokenize(texts, o, 1);  // the windows the reference chose
    size_t k = 0;
    for (size_t i = 0; i < texts.size(); ++i)
      for (const Json& span : c["windows"][i]) {
        ASSERT_LT(k, t.encodings.size());
        EXPECT_EQ(t.encodings[k].ids.size(), span[1].get<size_t>() - span[0].get<size_t>() + 2);
        ++k;
      }
    EXPECT_EQ(k, t.encodings.size());
    const Matrix got = enc.encode(texts, o);
    const Matrix want = read_npy_matrix(kLong + c["expected"].get<std::string>());
    ASSERT_EQ(got.rows, want.rows);
    ASSERT_EQ(got.cols, want.cols);
    for (size_t j = 0; j < got.data.size(); ++j) EXPECT_NEAR(got.data[j], want.data[j], 2e-5) << "value " << j;
  }
}
