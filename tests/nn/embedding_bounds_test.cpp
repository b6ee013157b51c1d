// Token ids index the embedding table: an id the tokenizer hands out beyond the table's
// rows must be an error, never a read outside the mapped weights.
#include <gtest/gtest.h>

#include "nn/sentence_model.h"
#include "util/error.h"

using namespace nsmlab;

TEST(SentenceModel, TokenIdsOutsideTheEmbeddingTableAreRefused) {
  auto model = SentenceModel::load(std::string(NSMLAB_FIXTURES_DIR) + "/models/bert-mean");
  const int32_t rows = static_cast<int32_t>(model->folder().config.vocab_size);
  for (int32_t bad : {rows, rows + 1000000, -1}) {
    TokenBatch tb;
    tb.batch = 1;
    tb.seq_len = 3;
    tb.ids = {1, bad, 2};
    tb.type_ids = {0, 0, 0};
    tb.mask = {1, 1, 1};
    tb.prompt_len = {0};
    std::string msg = "(no error)";
    try {
      model->embed(tb);
    } catch (const Error& e) {
      msg = e.what();
    }
    EXPECT_NE(msg.find("outside the vocabulary of " + std::to_string(rows)), std::string::npos) << msg;
  }
}
