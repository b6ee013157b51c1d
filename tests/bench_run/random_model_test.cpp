// A random-weight model written from a config loads through the real loader, has the config's
// parameter count, embeds, and its temporary folder is removed afterwards.
#include <gtest/gtest.h>

#include <filesystem>

#include "advise/bench_results.h"
#include "advise/model_shapes.h"
#include "bench_run/random_model.h"
#include "bench_run/workloads.h"
#include "nn/sentence_model.h"
#include "tokenizer/tokenizer.h"

using namespace nsmlab;

namespace {

ModelShape tiny(const std::string& model_type) {
  ModelShape s;
  s.name = "tiny-" + model_type;
  s.config = Json::parse(R"({"vocab_size": 300, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
                             "intermediate_size": 64, "max_position_embeddings": 130})");
  s.config["model_type"] = model_type;
  if (model_type != "bert") s.config["pad_token_id"] = 1;
  s.config_origin = "test";
  s.work = work_model_from_json(s.config, s.name, "test");
  return s;
}

}  // namespace

TEST(RandomModel, LoadsEmbedsAndIsRemoved) {
  const auto workloads = guide_workloads(builtin_dataset(), "fr");
  for (const char* type : {"bert", "xlm-roberta", "mpnet"}) {
    std::string path;
    {
      const ModelShape shape = tiny(type);
      TemporaryModel m = write_random_model(shape, workloads[2].texts);  // the corpus
      path = m.path();
      EXPECT_NE(m.tokenizer_note.find("synthetic"), std::string::npos);
      auto model = SentenceModel::load(path);
      EXPECT_NEAR(double(model->parameter_count()), shape.work.parameters(), shape.work.hidden * 40.0) << type;
      const Tokenizer tok = Tokenizer::load(path + "/tokenizer.json");
      const Encoding e = tok.encode(workloads[2].texts[0], 128);
      // Word-level: about one token per word, [CLS] and [SEP] around.
      EXPECT_GE(e.ids.size(), 4u);
      EXPECT_LT(e.ids.size(), 40u);
      PackedBatch b;
      b.add(e.ids.data(), nullptr, e.ids.size());
      const Matrix out = model->embed(b);
      EXPECT_EQ(out.rows, 1u);
      EXPECT_EQ(out.cols, 32u);
    }
    EXPECT_FALSE(std::filesystem::exists(path)) << "temporary model left behind: " << path;
  }
}

TEST(BenchWorkloads, TheGuidesSizes) {
  const auto w = guide_workloads(builtin_dataset(), "fr");
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].name, kBatchOverheadWorkload);  // first: its calls are row counts nothing made before
  EXPECT_EQ(w[0].batch_sizes, (std::vector<size_t>{1, 2, 3}));
  EXPECT_EQ(w[0].texts.size(), 6u);
  EXPECT_EQ(w[1].texts.size(), 65u);
  EXPECT_EQ(w[2].texts.size(), 104u);
  EXPECT_EQ(w[3].texts.size(), 1000u);
}
