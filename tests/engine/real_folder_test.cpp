// The real all-MiniLM-L6-v2 folder from ../shared (config, tokenizer.json, modules, pooling:
// everything but the weights), given random weights in the exact shapes and tensor names
// transformers' BertModel saves, and run end to end through the real loader and engine.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "engine/neural_encoder.h"
#include "util/json_file.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

struct Spec {
  std::string name;
  std::vector<size_t> shape;
  bool ones = false;  // LayerNorm gains
};

// Names and shapes as transformers' BertModel.save_pretrained writes them.
std::vector<Spec> bert_tensors(size_t vocab, size_t hidden, size_t layers, size_t inter, size_t positions, size_t types) {
  std::vector<Spec> t = {{"embeddings.word_embeddings.weight", {vocab, hidden}},
                         {"embeddings.position_embeddings.weight", {positions, hidden}},
                         {"embeddings.token_type_embeddings.weight", {types, hidden}},
                         {"embeddings.LayerNorm.weight", {hidden}, true},
                         {"embeddings.LayerNorm.bias", {hidden}}};
  for (size_t l = 0; l < layers; ++l) {
    std::string p = "encoder.layer." + std::to_string(l) + ".";
    for (const char* m : {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
      t.push_back({p + m + ".weight", {hidden, hidden}});
      t.push_back({p + m + ".bias", {hidden}});
    }
    t.push_back({p + "attention.output.LayerNorm.weight", {hidden}, true});
    t.push_back({p + "attention.output.LayerNorm.bias", {hidden}});
    t.push_back({p + "intermediate.dense.weight", {inter, hidden}});
    t.push_back({p + "intermediate.dense.bias", {inter}});
    t.push_back({p + "output.dense.weight", {hidden, inter}});
    t.push_back({p + "output.dense.bias", {hidden}});
    t.push_back({p + "output.LayerNorm.weight", {hidden}, true});
    t.push_back({p + "output.LayerNorm.bias", {hidden}});
  }
  t.push_back({"pooler.dense.weight", {hidden, hidden}});
  t.push_back({"pooler.dense.bias", {hidden}});
  return t;
}

// A safetensors file (8-byte little-endian header size, JSON header, F32 data), written here
// independently of the loader under test. Returns the number of parameters.
size_t write_random_safetensors(const std::string& path, const std::vector<Spec>& specs) {
  Json header = Json::object();
  size_t offset = 0, params = 0;
  for (const Spec& s : specs) {
    size_t n = 1;
    for (size_t d : s.shape) n *= d;
    header[s.name] = {{"dtype", "F32"}, {"shape", s.shape}, {"data_offsets", {offset, offset + 4 * n}}};
    offset += 4 * n;
    params += n;
  }
  std::string h = header.dump();
  h.append((8 - h.size() % 8) % 8, ' ');
  std::ofstream out(path, std::ios::binary);
  uint64_t hl = h.size();
  out.write(reinterpret_cast<const char*>(&hl), 8);
  out.write(h.data(), static_cast<std::streamsize>(h.size()));
  std::mt19937 rng(1234);
  std::uniform_real_distribution<float> u(-0.08f, 0.08f);
  std::vector<float> buf;
  for (const Spec& s : specs) {
    size_t n = 1;
    for (size_t d : s.shape) n *= d;
    buf.resize(n);
    for (float& v : buf) v = s.ones ? 1.0f + u(rng) : u(rng);
    out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(n * 4));
  }
  return params;
}

class RealMiniLM : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path src = fs::path(NSMLAB_SHARED_DIR) / "reference/tokenizers/all-MiniLM-L6-v2";
    if (!fs::exists(src / "config.json")) return;  // SetUp fails every test: ../shared is required
    dir_ = new std::string((fs::temp_directory_path() / ("nsmlab-minilm-" + std::to_string(::getpid()))).string());
    fs::create_directories(*dir_);
    fs::copy(src, *dir_, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    Json cfg = load_json(*dir_ + "/config.json");
    params_ = write_random_safetensors(
        *dir_ + "/model.safetensors",
        bert_tensors(cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"], cfg["intermediate_size"],
                     cfg["max_position_embeddings"], cfg["type_vocab_size"]));
  }
  static void TearDownTestSuite() {
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(dir_) << NSMLAB_SHARED_DIR "/reference/tokenizers/all-MiniLM-L6-v2/config.json is missing: "
                         "the tests need ../shared beside the repository";
  }
  static std::string* dir_;
  static size_t params_;
};
std::string* RealMiniLM::dir_ = nullptr;
size_t RealMiniLM::params_ = 0;

TEST_F(RealMiniLM, LoadsAndEmbedsEndToEnd) {
  NeuralEncoder enc(*dir_);
  EXPECT_EQ(enc.architecture(), "BertModel");
  EXPECT_EQ(enc.dimension(), 384u);
  EXPECT_EQ(enc.max_seq_length(), 256u);  // sentence_bert_config.json
  // Every encoder tensor counts; the pooler, which sentence-transformers never uses, may not.
  EXPECT_GE(enc.parameter_count(), params_ - 384 * 384 - 384);
  EXPECT_LE(enc.parameter_count(), params_);
  EXPECT_EQ(enc.tokenizer().encode("Hello, world!").ids, (std::vector<int32_t>{101, 7592, 1010, 2088, 999, 102}));

  std::vector<std::string> texts = {"Je sais que tu penses à quelque chose.", "People want to know the truth.",
                                    std::string(3000, 'a') + " long", "x"};
  std::string words400, words300;
  for (int i = 0; i < 400; ++i) words400 += "hello ";
  for (int i = 0; i < 300; ++i) words300 += "hello ";
  EncodeOptions opt;
  opt.progress = false;
  Matrix m = enc.encode(texts, opt);
  ASSERT_EQ(m.rows, 4u);
  for (size_t i = 0; i < m.rows; ++i) {
    double ss = 0;
    for (size_t j = 0; j < m.cols; ++j) {
      ASSERT_TRUE(std::isfinite(m(i, j)));
      ss += double(m(i, j)) * m(i, j);
    }
    EXPECT_NEAR(std::sqrt(ss), 1.0, 1e-5) << "the Normalize module of modules.json";
  }
  // Alone or in a batch with longer sentences: the same embedding.
  Matrix alone = enc.encode({texts[1]}, opt);
  for (size_t j = 0; j < m.cols; ++j) EXPECT_NEAR(alone(0, j), m(1, j), 1e-5);
  // Truncated to max_seq_length: 300 and 400 words keep the same first 256 tokens.
  Matrix longs = enc.encode({words400, words300}, opt);
  // Not bit-equal: oneDNN's matrix products may round a row differently by its place in the
  // batch (its AVX2 kernels do: 5e-7 apart under NSMLAB_CPU_ISA=avx2).
  for (size_t j = 0; j < m.cols; ++j) EXPECT_NEAR(longs(0, j), longs(1, j), 1e-6);
  EXPECT_EQ(enc.tokenizer().encode(words400, enc.max_seq_length()).ids.size(), 256u);
  // Different texts, different embeddings.
  double dot = 0;
  for (size_t j = 0; j < m.cols; ++j) dot += double(m(0, j)) * m(1, j);
  EXPECT_LT(dot, 0.9999);
}

}  // namespace
