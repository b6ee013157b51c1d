// Model names resolve to shapes: known repo ids and short names, folders, config files.
#include <gtest/gtest.h>

#include "advise/model_shapes.h"
#include "util/error.h"

using namespace nsmlab;

TEST(ModelShapes, KnownIdsAndShortNames) {
  const ModelShape x = resolve_model_shape("sentence-transformers/paraphrase-multilingual-mpnet-base-v2");
  EXPECT_NEAR(x.work.parameters() / 1e6, 277.45, 0.01);
  EXPECT_EQ(resolve_model_shape("mpnet-multilingual").name, x.name);  // known_models' short name
  const ModelShape e5 = resolve_model_shape("intfloat/e5-large-v2");
  EXPECT_EQ(e5.work.layers, 24u);
  EXPECT_EQ(e5.work.hidden, 1024u);
  EXPECT_NEAR(e5.work.parameters() / 1e6, 335, 1);  // the model card's 335M
  EXPECT_NEAR(resolve_model_shape("BAAI/bge-m3").work.parameters() / 1e6 + 1.05, 568, 0.5);  // + its unused pooler
  EXPECT_NEAR(resolve_model_shape("LaBSE").work.parameters() / 1e6, 471, 1);
}

TEST(ModelShapes, ReferenceConfigPreferredWhenPresent) {
  const ModelShape m = resolve_model_shape("sentence-transformers/all-MiniLM-L6-v2");
  if (shared_dir().empty()) GTEST_SKIP() << "no ../shared here";
  EXPECT_NE(m.config_origin.find("all-MiniLM-L6-v2/config.json"), std::string::npos);
  EXPECT_NE(m.tokenizer_json.find("tokenizer.json"), std::string::npos);
  EXPECT_EQ(m.work.layers, 6u);
}

TEST(ModelShapes, FolderAndErrors) {
  const ModelShape f = resolve_model_shape(NSMLAB_FIXTURES_DIR "/models/bert-mean");
  EXPECT_GT(f.work.hidden, 0u);
  EXPECT_FALSE(f.tokenizer_json.empty());
  // A sentence-transformers folder whose transformer lives in 0_Transformer/ (modules.json).
  const ModelShape st = resolve_model_shape(NSMLAB_FIXTURES_DIR "/models/camembert-multi-pooling");
  EXPECT_GT(st.work.layers, 0u);
  EXPECT_NE(st.config_origin.find("0_Transformer/config.json"), std::string::npos) << st.config_origin;
  EXPECT_NE(st.tokenizer_json.find("0_Transformer/tokenizer.json"), std::string::npos) << st.tokenizer_json;
  try {
    resolve_model_shape("nobody/nothing");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'nobody/nothing' is neither a model folder"), std::string::npos);
  }
}
