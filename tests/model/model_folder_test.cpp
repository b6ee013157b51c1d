#include "model/model_folder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "model/transformer_weights.h"
#include "model/weight_store.h"
#include "safetensors_writer.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::error_of;
using testing::expect_contains;
using testing::edit_json;

const std::string kShared = std::string(NSMLAB_SHARED_DIR) + "/reference/tokenizers";
const std::string kModels = std::string(NSMLAB_FIXTURES_DIR) + "/models";

TEST(ModelFolder, RealAllMiniLM) {
  ModelFolder f = load_model_folder(kShared + "/all-MiniLM-L6-v2");
  EXPECT_EQ(f.config.family, ModelFamily::Bert);
  EXPECT_EQ(f.config.hidden_size, 384u);
  EXPECT_EQ(f.config.num_hidden_layers, 6u);
  EXPECT_EQ(f.config.num_attention_heads, 12u);
  EXPECT_EQ(f.config.intermediate_size, 1536u);
  EXPECT_EQ(f.config.vocab_size, 30522u);
  EXPECT_EQ(f.config.type_vocab_size, 2u);
  EXPECT_DOUBLE_EQ(f.config.layer_norm_eps, 1e-12);
  EXPECT_EQ(f.config.hidden_act, Activation::GeluErf);
  EXPECT_TRUE(f.pooling.mean);
  EXPECT_FALSE(f.pooling.cls);
  EXPECT_TRUE(f.pooling.include_prompt);
  EXPECT_TRUE(f.normalize);
  EXPECT_FALSE(f.dense.has_value());
  EXPECT_EQ(f.max_seq_length, 256u);
  EXPECT_FALSE(f.do_lower_case);
  EXPECT_EQ(f.prompts.size(), 2u);
  EXPECT_EQ(f.default_prompt_name, "");
  EXPECT_EQ(f.tokenizer_json, kShared + "/all-MiniLM-L6-v2/tokenizer.json");
  EXPECT_EQ(f.weights_path, kShared + "/all-MiniLM-L6-v2/model.safetensors");
  EXPECT_EQ(output_dimension(f), 384u);
  EXPECT_EQ(f.config.architecture(), "BertModel");
}

TEST(ModelFolder, RealAllMpnet) {
  ModelFolder f = load_model_folder(kShared + "/all-mpnet-base-v2");
  EXPECT_EQ(f.config.family, ModelFamily::MPNet);
  EXPECT_EQ(f.config.vocab_size, 30527u);
  EXPECT_EQ(f.config.hidden_size, 768u);
  EXPECT_EQ(f.config.relative_attention_num_buckets, 32u);
  EXPECT_EQ(f.config.max_position_embeddings, 514u);
  EXPECT_EQ(f.config.position_padding_idx(), 1);
  EXPECT_EQ(f.config.max_sequence_positions(), 512u);
  EXPECT_DOUBLE_EQ(f.config.layer_norm_eps, 1e-5);
  EXPECT_TRUE(f.pooling.mean);
  EXPECT_TRUE(f.normalize);
  EXPECT_EQ(f.max_seq_length, 384u);
  EXPECT_EQ(f.config.architecture(), "MPNetModel");
}

TEST(ModelFolder, RealMultilingualV5Format) {
  ModelFolder f = load_model_folder(kShared + "/paraphrase-multilingual-MiniLM-L12-v2-config");
  EXPECT_EQ(f.config.vocab_size, 250037u);
  EXPECT_EQ(f.config.num_hidden_layers, 12u);
  EXPECT_EQ(f.pooling.word_embedding_dimension, 384u);
  EXPECT_TRUE(f.pooling.mean);
  EXPECT_EQ(f.pooling.mode_count(), 1u);
  EXPECT_FALSE(f.normalize);
  EXPECT_GT(f.max_seq_length, 0u);
  EXPECT_LE(f.max_seq_length, 512u);
}

TEST(ModelFolder, RealCamembertConfig) {
  TransformerConfig c = parse_transformer_config(kShared + "/camembert-base-tokenizer/config.json");
  EXPECT_EQ(c.family, ModelFamily::Roberta);
  EXPECT_EQ(c.pad_token_id, 1);
  EXPECT_EQ(c.type_vocab_size, 1u);
  EXPECT_EQ(c.architecture(), "CamembertModel");
}

TEST(ModelFolder, FixtureLayouts) {
  ModelFolder plain = load_model_folder(kModels + "/bert-f16-plain");  // no modules.json
  EXPECT_TRUE(plain.pooling.mean);
  EXPECT_EQ(plain.pooling.mode_count(), 1u);
  EXPECT_FALSE(plain.normalize);
  EXPECT_EQ(plain.max_seq_length, 40u);  // the position table's limit

  ModelFolder cam = load_model_folder(kModels + "/camembert-multi-pooling");  // Transformer in 0_Transformer/
  EXPECT_EQ(cam.weights_path, kModels + "/camembert-multi-pooling/0_Transformer/model.safetensors");
  EXPECT_EQ(cam.tokenizer_json, kModels + "/camembert-multi-pooling/0_Transformer/tokenizer.json");
  EXPECT_TRUE(cam.pooling.mean_sqrt_len && cam.pooling.weighted_mean && cam.pooling.last_token);
  EXPECT_FALSE(cam.pooling.mean);
  EXPECT_EQ(output_dimension(cam), 96u);
  EXPECT_EQ(cam.max_seq_length, 30u);
  EXPECT_EQ(cam.config.hidden_act, Activation::Relu);

  ModelFolder labse = load_model_folder(kModels + "/labse-like-cls-dense");
  ASSERT_TRUE(labse.dense.has_value());
  EXPECT_EQ(labse.dense->in_features, 32u);
  EXPECT_EQ(labse.dense->out_features, 24u);
  EXPECT_EQ(labse.dense->activation, Activation::Tanh);
  EXPECT_TRUE(labse.pooling.cls);
  EXPECT_TRUE(labse.normalize);
  EXPECT_EQ(output_dimension(labse), 24u);

  ModelFolder v5 = load_model_folder(kModels + "/bert-v5-prompt");
  EXPECT_FALSE(v5.pooling.include_prompt);
  EXPECT_EQ(v5.max_seq_length, 24u);  // from tokenizer_config.json's model_max_length
  EXPECT_EQ(v5.default_prompt_name, "query");
  EXPECT_EQ(v5.prompts.at("query"), "query: ");
  EXPECT_EQ(v5.pooling.describe(), "mean (prompt excluded)");
}

TEST(ModelFolder, EveryFixtureWeightFileValidates) {
  for (const char* name : {"bert-mean", "labse-like-cls-dense", "xlm-roberta-mean-normalize", "camembert-multi-pooling",
                           "roberta-max", "mpnet-mean-normalize", "bert-f16-plain", "xlm-roberta-bf16", "bert-v5-prompt"}) {
    ModelFolder f = load_model_folder(kModels + "/" + name);
    WeightStore store(f.weights_path, anchor_tensor_name());
    TransformerWeights w = load_transformer_weights(store, f.config);
    EXPECT_EQ(w.layers.size(), 2u) << name;
    EXPECT_GT(w.parameter_count, 10000u) << name;
  }
}

// ---- corrupt inputs: each error names the file and the field or tensor ----

TransformerWeights load_weights(const std::string& dir) {
  ModelFolder f = load_model_folder(dir);
  static std::unique_ptr<WeightStore> keep;  // the tensors point into the store's mapping
  keep = std::make_unique<WeightStore>(f.weights_path, anchor_tensor_name());
  return load_transformer_weights(*keep, f.config);
}

TEST(ModelFolderErrors, UnknownModelType) {
  std::string dir = testing::copy_fixture("bert-mean", "unknown_type");
  edit_json(dir + "/config.json", [](Json& j) { j["model_type"] = "gpt2"; });
  std::string msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, dir + "/config.json");
  expect_contains(msg, "model_type");
  expect_contains(msg, "gpt2");
  expect_contains(msg, "bert, camembert, mpnet, roberta, xlm-roberta");
}

TEST(ModelFolderErrors, ConfigShapeDisagreesWithWeights) {
  std::string dir = testing::copy_fixture("bert-mean", "wrong_shape");
  edit_json(dir + "/config.json", [](Json& j) { j["intermediate_size"] = 48; });
  std::string msg = error_of([&] { load_weights(dir); });
  expect_contains(msg, dir + "/model.safetensors");
  expect_contains(msg, "encoder.layer.0.intermediate.dense.weight");
  expect_contains(msg, "[37, 32]");
  expect_contains(msg, "[48, 32]");
}

TEST(ModelFolderErrors, MissingTensor) {
  std::string dir = testing::copy_fixture("mpnet-mean-normalize", "missing");
  edit_json(dir + "/config.json", [](Json& j) { j["num_hidden_layers"] = 3; });
  std::string msg = error_of([&] { load_weights(dir); });
  expect_contains(msg, dir + "/model.safetensors");
  expect_contains(msg, "missing tensor 'encoder.layer.2.attention.attn.q.weight'");
  expect_contains(msg, "[32, 32]");
}

TEST(ModelFolderErrors, IntegerWeightsAreRefusedByName) {
  std::string dir = testing::temp_dir("i64_weights");
  std::filesystem::copy(kModels + "/bert-mean/config.json", dir + "/config.json");
  testing::RawTensor t{"embeddings.word_embeddings.weight", "I64", {99, 32}, std::string(99 * 32 * 8, '\0')};
  write_file_atomic(dir + "/model.safetensors", testing::safetensors_bytes({t}));
  std::string msg = error_of([&] { load_weights(dir); });
  expect_contains(msg, dir + "/model.safetensors");
  expect_contains(msg, "embeddings.word_embeddings.weight");
  expect_contains(msg, "I64");
}

TEST(ModelFolderErrors, TruncatedWeights) {
  std::string dir = testing::copy_fixture("bert-mean", "truncated");
  std::string bytes = read_file(dir + "/model.safetensors");
  write_file_atomic(dir + "/model.safetensors", bytes.substr(0, bytes.size() / 2));
  std::string msg = error_of([&] { load_weights(dir); });
  expect_contains(msg, dir + "/model.safetensors");
  expect_contains(msg, "outside the data section");
}

TEST(ModelFolderErrors, BadModulesAndPooling) {
  std::string dir = testing::copy_fixture("bert-mean", "bad_modules");
  edit_json(dir + "/modules.json", [](Json& j) { j[1]["type"] = "sentence_transformers.models.CNN"; });
  std::string msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, dir + "/modules.json");
  expect_contains(msg, "CNN");

  dir = testing::copy_fixture("bert-v5-prompt", "bad_pooling");
  edit_json(dir + "/1_Pooling/config.json", [](Json& j) { j["pooling_mode"] = "median"; });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, dir + "/1_Pooling/config.json");
  expect_contains(msg, "pooling_mode");
  expect_contains(msg, "median");

  dir = testing::copy_fixture("bert-mean", "pool_dim");
  edit_json(dir + "/1_Pooling/config.json", [](Json& j) { j["word_embedding_dimension"] = 64; });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "64");
  expect_contains(msg, "hidden_size");

  dir = testing::copy_fixture("labse-like-cls-dense", "dense_dim");
  edit_json(dir + "/2_Dense/config.json", [](Json& j) { j["in_features"] = 31; });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "2_Dense/config.json");
  expect_contains(msg, "in_features");

  dir = testing::copy_fixture("labse-like-cls-dense", "dense_act");
  edit_json(dir + "/2_Dense/config.json", [](Json& j) { j["activation_function"] = "torch.nn.modules.activation.Mish"; });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "activation_function");
  expect_contains(msg, "Mish");
}

TEST(ModelFolderErrors, BadConfigValues) {
  std::string dir = testing::copy_fixture("bert-mean", "bad_heads");
  edit_json(dir + "/config.json", [](Json& j) { j["num_attention_heads"] = 5; });
  std::string msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "num_attention_heads");
  edit_json(dir + "/config.json", [](Json& j) {
    j["num_attention_heads"] = 4;
    j["hidden_act"] = "mish";
  });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "hidden_act");
  expect_contains(msg, "mish");
  edit_json(dir + "/config.json", [](Json& j) {
    j["hidden_act"] = "gelu";
    j.erase("hidden_size");
  });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "hidden_size");
  EXPECT_THROW(load_model_folder(kModels + "/no-such-model"), Error);
}

}  // namespace
}  // namespace nsmlab
