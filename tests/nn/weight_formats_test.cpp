// Whole models whose weights are pytorch_model.bin (zip, legacy, with a 2_Dense of its own)
// or sharded safetensors (tools/fixtures/make_torch_checkpoints.py): their embeddings are
// the independent PyTorch forward's, and bit for bit those of the model.safetensors folder
// they were made from.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "fixture_batches.h"
#include "nn/sentence_model.h"

namespace nsmlab {
namespace {

using testing::models_dir;
using testing::recorded_batches;

struct Variant {
  const char* folder;  // under tests/fixtures/weights
  const char* source;  // under tests/fixtures/models
};

class WeightFormat : public ::testing::TestWithParam<Variant> {};

TEST_P(WeightFormat, SameEmbeddingsAsTheSafetensorsModel) {
  const Variant v = GetParam();
  const std::string rel = std::string("../weights/") + v.folder;  // recorded_batches reads models_dir()/<name>
  auto model = SentenceModel::load(models_dir() + "/" + rel);
  auto original = SentenceModel::load(models_dir() + "/" + v.source);
  const Json expected = load_json(models_dir() + "/" + rel + "/expected.json");
  EXPECT_EQ(model->parameter_count(), expected["parameters"].get<size_t>());
  EXPECT_EQ(model->dimension(), expected["dimension"].get<size_t>());
  for (const auto& b : recorded_batches(rel)) {
    const Matrix got = model->embed(b.tokens);
    const Matrix same = original->embed(b.tokens);
    ASSERT_EQ(got.data.size(), b.expected.data.size());
    EXPECT_EQ(std::memcmp(got.data.data(), same.data.data(), got.data.size() * sizeof(float)), 0) << v.folder;
    for (size_t i = 0; i < got.data.size(); ++i) EXPECT_NEAR(got.data[i], b.expected.data[i], 1e-5) << v.folder << " " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, WeightFormat,
                         ::testing::Values(Variant{"bert-mean-zip", "bert-mean"},
                                           Variant{"labse-like-legacy", "labse-like-cls-dense"},
                                           Variant{"xlm-roberta-bf16-sharded", "xlm-roberta-bf16"}),
                         [](const auto& info) {
                           std::string n = info.param.folder;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace nsmlab
