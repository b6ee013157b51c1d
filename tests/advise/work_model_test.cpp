// The work model against sums done by hand for two real shapes.
#include <gtest/gtest.h>

#include "advise/work_model.h"

using namespace nsmlab;

namespace {

WorkModel shape(size_t h, size_t layers, size_t heads, size_t inter, size_t vocab, size_t positions, size_t types) {
  WorkModel w;
  w.name = "test";
  w.hidden = h;
  w.layers = layers;
  w.heads = heads;
  w.intermediate = inter;
  w.vocab = vocab;
  w.positions = positions;
  w.type_vocab = types;
  return w;
}

}  // namespace

TEST(WorkModel, MiniLmL12ByHand) {
  // paraphrase-multilingual-MiniLM-L12-v2: H=384, 12 layers, I=1536, vocab 250037.
  const WorkModel w = shape(384, 12, 12, 1536, 250037, 512, 2);
  // Per layer 4·384² + 2·384·1536 = 589,824 + 1,179,648 = 1,769,472; × 12.
  EXPECT_DOUBLE_EQ(w.linear_parameters(), 21233664.0);
  EXPECT_DOUBLE_EQ(w.linear_flops_per_token(), 42467328.0);
  // Attention at L = 16: 12 · 4 · 16 · 384.
  EXPECT_DOUBLE_EQ(w.attention_flops_per_token(16), 294912.0);
  EXPECT_DOUBLE_EQ(w.flops_per_sentence(LengthProfile::from_mean(16)), 16 * (42467328.0 + 294912.0));
  // Embeddings (250037 + 512 + 2) · 384; the model card says 118M parameters in all.
  EXPECT_DOUBLE_EQ(w.embedding_parameters(), 96211584.0);
  EXPECT_NEAR(w.parameters() / 1e6, 117.5, 0.2);
  EXPECT_DOUBLE_EQ(w.weight_bytes(Precision::Fp32), 4 * 21233664.0);
  EXPECT_DOUBLE_EQ(w.weight_bytes(Precision::Int8), 21233664.0);
}

TEST(WorkModel, XlmRobertaBaseByHand) {
  // paraphrase-multilingual-mpnet-base-v2 (the guide's "278M" model).
  const WorkModel w = shape(768, 12, 12, 3072, 250002, 514, 1);
  // Per layer 4·768² + 2·768·3072 = 2,359,296 + 4,718,592 = 7,077,888; × 12.
  EXPECT_DOUBLE_EQ(w.linear_parameters(), 84934656.0);
  EXPECT_DOUBLE_EQ(w.linear_flops_per_token(), 169869312.0);
  EXPECT_DOUBLE_EQ(w.embedding_parameters(), (250002.0 + 514 + 1) * 768);
  // Without the unused pooler (590k) the count is 277.45M; the model card's 278M includes it.
  EXPECT_NEAR(w.parameters() / 1e6, 277.45, 0.01);
  // fp32 resident: every parameter in 4 bytes; bf16: 2 bytes each.
  EXPECT_DOUBLE_EQ(w.resident_weight_bytes(Precision::Fp32), 4 * w.parameters());
  EXPECT_DOUBLE_EQ(w.resident_weight_bytes(Precision::Bf16), 2 * w.parameters());
  // Lengths 10 and 20: mean 15, mean square 250 (not 225).
  const LengthProfile l = LengthProfile::from_lengths({10, 20});
  EXPECT_DOUBLE_EQ(l.mean_tokens, 15);
  EXPECT_DOUBLE_EQ(l.mean_square_tokens, 250);
  EXPECT_DOUBLE_EQ(w.flops_per_sentence(l), 15 * 169869312.0 + 12 * 4 * 250 * 768.0);
}

TEST(WorkModel, FromConfig) {
  TransformerConfig c;
  c.hidden_size = 384;
  c.num_hidden_layers = 6;
  c.num_attention_heads = 12;
  c.intermediate_size = 1536;
  c.vocab_size = 30522;
  c.max_position_embeddings = 512;
  c.type_vocab_size = 2;
  const WorkModel w = work_model_from_config(c, "minilm-l6");
  EXPECT_EQ(w.name, "minilm-l6");
  // all-MiniLM-L6-v2: 22.71M on its model card, of which the unused pooler is 0.148M.
  EXPECT_NEAR(w.parameters() / 1e6 + 0.147840, 22.71, 0.01);
}
