// bge-m3's three outputs on a tiny random model laid out as BAAI/bge-m3 (pytorch_model.bin
// only, sparse_linear.pt, colbert_linear.pt; tools/fixtures/make_torch_checkpoints.py)
// against an independent float64 PyTorch implementation of FlagEmbedding's heads.
#include "engine/m3_encoder.h"

#include <gtest/gtest.h>

#include <cmath>

#include "util/json_file.h"

namespace nsmlab {
namespace {

const std::string kDir = std::string(NSMLAB_FIXTURES_DIR) + "/weights/bge-m3-tiny";

TEST(M3Encoder, DenseSparseAndColbertMatchTheReference) {
  const Json expected = load_json(kDir + "/m3_expected.json");
  const auto texts = expected["texts"].get<std::vector<std::string>>();
  NeuralEncoder enc(kDir);
  for (size_t i = 0; i < texts.size(); ++i)
    EXPECT_EQ(enc.token_ids(texts[i]), expected["ids"][i].get<std::vector<int32_t>>()) << texts[i];

  EncodeOptions eo;
  const Matrix dense = enc.encode(texts, eo);
  for (size_t i = 0; i < texts.size(); ++i)
    for (size_t d = 0; d < dense.cols; ++d) EXPECT_NEAR(dense(i, d), expected["dense"][i][d].get<double>(), 1e-5);

  M3Encoder m3(enc);
  EXPECT_EQ(m3.excluded_ids(), (std::set<int32_t>{0, 1, 2, 3}));  // <s>, <pad>, </s>, <unk>
  const auto sparse = m3.lexical_weights(texts, "");
  size_t weights = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const Json& want = expected["sparse"][i];
    EXPECT_EQ(sparse[i].size(), want.size()) << texts[i];
    for (const auto& [id, w] : sparse[i]) {
      ASSERT_TRUE(want.contains(std::to_string(id))) << texts[i] << " id " << id;
      EXPECT_NEAR(w, want[std::to_string(id)].get<double>(), 1e-5) << texts[i] << " id " << id;
    }
    weights += sparse[i].size();
  }
  EXPECT_GE(weights, 5u);  // the fixture exercises real weights, not only exclusions

  const auto colbert = m3.colbert_vectors(texts, "");
  for (size_t i = 0; i < texts.size(); ++i) {
    const Json& want = expected["colbert"][i];
    ASSERT_EQ(colbert[i].rows, want.size()) << texts[i];  // every token after <s>, </s> included
    for (size_t r = 0; r < colbert[i].rows; ++r) {
      double norm = 0;
      for (size_t d = 0; d < colbert[i].cols; ++d) {
        EXPECT_NEAR(colbert[i](r, d), want[r][d].get<double>(), 1e-5) << texts[i] << " row " << r;
        norm += double(colbert[i](r, d)) * colbert[i](r, d);
      }
      EXPECT_NEAR(norm, 1.0, 1e-5);
    }
  }
}

TEST(M3Encoder, AModelWithoutHeadsSaysWhichOutputsItHas) {
  NeuralEncoder enc(std::string(NSMLAB_FIXTURES_DIR) + "/models/bert-mean");
  try {
    M3Encoder m3(enc);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("sparse_linear.pt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--output-kind dense"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nsmlab
