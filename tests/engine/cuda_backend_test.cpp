// The CUDA backend on a real GPU against the CPU fp32 path, on every fixture model: fp32
// (no TF32) within 1e-5, fp16 and bf16 with cosine >= 0.999 per sentence; and end to end
// against sentence-transformers' own embeddings. Skips, with one line saying why, where the
// plugin was not built or no GPU is visible (tools/device/cuda-check.sh runs it on a GPU).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstdlib>
#include <random>

#include "engine/cuda_backend.h"
#include "engine/gpu_plugin.h"
#include "engine/neural_encoder.h"
#include "model/model_folder.h"
#include "nn/sentence_model.h"
#include "util/json_file.h"
#include "util/npy.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

// The plugin this build made, unless NSMLAB_CUDA_PLUGIN names another (a bundle on the GPU
// machine).
std::string plugin_file() {
  const char* env = std::getenv("NSMLAB_CUDA_PLUGIN");
  return env && *env ? env : NSMLAB_CUDA_PLUGIN_FILE;
}

struct RealGpu {
  std::unique_ptr<GpuPlugin> plugin;
  std::string why_not;
  RealGpu() {
    const std::string file = plugin_file();
    if (file.empty()) {
      why_not = "this build has no CUDA plugin (no CUDA toolkit at build time)";
      return;
    }
    plugin = GpuPlugin::load(file, why_not);
    if (plugin && plugin->devices().empty()) why_not = plugin->why_no_device();
  }
  bool usable() const { return plugin && !plugin->devices().empty(); }
};

const RealGpu& real_gpu() {
  static const RealGpu g;
  return g;
}

#define REQUIRE_GPU()                                                                     \
  do {                                                                                    \
    if (!real_gpu().usable()) GTEST_SKIP() << "no GPU visible: " << real_gpu().why_not; \
  } while (0)

std::vector<std::string> fixture_models() {
  std::vector<std::string> dirs;
  for (const char* sub : {"models", "models_hf"}) {
    const fs::path root = fs::path(NSMLAB_FIXTURES_DIR) / sub;
    if (!fs::is_directory(root)) continue;
    for (const auto& e : fs::directory_iterator(root))
      if (fs::exists(e.path() / "config.json")) dirs.push_back(e.path().string());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// Sequences of every interesting length: one token, around the attention kernel's query
// blocks and key tiles (32, 64), and the longest the model takes; random ids, type ids and
// prompt lengths.
PackedBatch random_batch(const TransformerConfig& c, unsigned seed) {
  std::mt19937 rng(seed);
  const size_t longest = std::min<size_t>(c.max_sequence_positions(), 300);
  PackedBatch b;
  for (size_t len : {1, 2, 3, 7, 16, 31, 32, 33, 64, 65, 100, 129, 300}) {
    len = std::min(len, longest);
    std::vector<int32_t> ids(len), types(len);
    for (auto& id : ids) id = int32_t(rng() % c.vocab_size);
    for (auto& t : types) t = (c.type_vocab_size > 1 && c.family != ModelFamily::MPNet) ? int32_t(rng() % 2) : 0;
    b.add(ids.data(), types.data(), len, int32_t(rng() % 3));
  }
  return b;
}

double max_abs(const Matrix& m) {
  double v = 0;
  for (float x : m.data) v = std::max(v, double(std::abs(x)));
  return v;
}

void expect_close(const Matrix& got, const Matrix& ref, Precision p, const std::string& what) {
  ASSERT_EQ(got.rows, ref.rows) << what;
  ASSERT_EQ(got.cols, ref.cols) << what;
  const double scale = std::max(1.0, max_abs(ref));
  for (size_t r = 0; r < ref.rows; ++r) {
    double dot = 0, na = 0, nb = 0, diff = 0;
    for (size_t j = 0; j < ref.cols; ++j) {
      const double a = got(r, j), b = ref(r, j);
      ASSERT_TRUE(std::isfinite(a)) << what << " row " << r;
      dot += a * b, na += a * a, nb += b * b;
      diff = std::max(diff, std::abs(a - b));
    }
    const double cosine = (na > 0 && nb > 0) ? dot / std::sqrt(na * nb) : (na == nb ? 1.0 : 0.0);
    if (p == Precision::Fp32) {
      EXPECT_LE(diff, 1e-5 * scale) << what << " row " << r;
    } else {
      EXPECT_GE(cosine, 0.999) << what << " row " << r;
    }
  }
}

std::string label(const std::string& dir) { return fs::path(dir).parent_path().filename().string() + "/" + fs::path(dir).filename().string(); }

}  // namespace

class CudaFixtureModel : public ::testing::TestWithParam<std::string> {};

TEST_P(CudaFixtureModel, MatchesTheCpuInEveryPrecision) {
  REQUIRE_GPU();
  const std::string dir = GetParam();
  const auto cpu = SentenceModel::load(dir, Precision::Fp32);
  const PackedBatch batch = random_batch(cpu->folder().config, 7);
  const Matrix ref = cpu->embed(batch);
  const Matrix ref_states = cpu->token_states(batch);
  const GpuDevice& dev = real_gpu().plugin->devices()[0];
  for (Precision p : {Precision::Fp32, Precision::Fp16, Precision::Bf16}) {
    if (p == Precision::Bf16 && !dev.has_bf16()) continue;
    CudaBackend gpu(dir, *real_gpu().plugin, 0, p);
    const std::string what = label(dir) + " " + std::string(precision_name(p));
    expect_close(gpu.embed(batch), ref, p, what + " embeddings");
    if (p == Precision::Fp32) expect_close(gpu.token_states(batch), ref_states, p, what + " token states");
    // The buffers are reused: a second, smaller batch must not see the first one's data.
    PackedBatch small;
    small.add(batch.ids.data(), batch.type_ids.data(), 3);
    expect_close(gpu.embed(small), cpu->embed(small), p, what + " second batch");
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CudaFixtureModel, ::testing::ValuesIn(fixture_models()),
                         [](const auto& info) {
                           std::string n = label(info.param);
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

// Text in, embedding out, on the GPU in fp32, against sentence-transformers' own numbers.
TEST(CudaEndToEnd, MatchesSentenceTransformersInFp32) {
  REQUIRE_GPU();
  // The factory looks the plugin up once per process: point it at this one first. (Not for the
  // whole program: the other engine tests keep their CPU default.)
  setenv("NSMLAB_CUDA_PLUGIN", plugin_file().c_str(), 0);
  if (!gpu_plugin() || gpu_plugin()->devices().empty())
    GTEST_SKIP() << "the factory's plugin lookup already ran in this process without "
                 << plugin_file() << " (" << gpu_plugin_why_not() << "): run this test alone";
  for (const std::string& dir : fixture_models()) {
    if (!fs::exists(fs::path(dir) / "expected.npy")) continue;
    const Json ref = load_json(dir + "/ids.json");
    const auto sentences = ref["sentences"].get<std::vector<std::string>>();
    const Matrix expected = read_npy_matrix(dir + "/expected.npy");
    BackendOptions o;
    o.device = parse_device_request("cuda:0", "--backend");
    o.precision = Precision::Fp32;
    NeuralEncoder enc(dir, o);
    ASSERT_EQ(enc.backend_description().device, DeviceKind::Cuda) << label(dir);
    EncodeOptions opt;
    opt.prompt = enc.default_prompt();
    opt.batch_tokens = 200;
    opt.progress = false;
    expect_close(enc.encode(sentences, opt), expected, Precision::Fp32, label(dir) + " end to end");
  }
}

// Out of memory, with the plugin's memory capped (NSMLAB_CUDA_MEMORY_LIMIT_MB): the batch
// that does not fit throws OutOfDeviceMemory (the encoder halves it), the backend stays
// usable, and the encoder's halving gives the same embeddings as one batch.
TEST(CudaOutOfMemory, ABatchOverTheLimitFailsAndSmallerOnesRun) {
  REQUIRE_GPU();
  const std::string dir = (fs::path(NSMLAB_FIXTURES_DIR) / "models_hf" / "bert_mean").string();
  const auto cpu = SentenceModel::load(dir, Precision::Fp32);
  const TransformerConfig& c = cpu->folder().config;
  CudaBackend gpu(dir, *real_gpu().plugin, 0, Precision::Fp32);
  PackedBatch small = random_batch(c, 3);
  // Activations take about tokens * (5 hidden + intermediate) values: make them 4x the cap.
  const size_t cap_mb = 8, per_token = (5 * c.hidden_size + c.intermediate_size) * sizeof(float);
  const size_t len = std::min<size_t>(c.max_sequence_positions(), 64);
  PackedBatch big;
  std::vector<int32_t> ids(len, 5);
  while (big.tokens() * per_token < 4 * (cap_mb << 20)) big.add(ids.data(), nullptr, len);
  setenv("NSMLAB_CUDA_MEMORY_LIMIT_MB", std::to_string(cap_mb).c_str(), 1);
  EXPECT_THROW(gpu.embed(big), OutOfDeviceMemory);
  Matrix after;
  EXPECT_NO_THROW(after = gpu.embed(small));
  unsetenv("NSMLAB_CUDA_MEMORY_LIMIT_MB");
  expect_close(after, cpu->embed(small), Precision::Fp32, "after out of memory");
  expect_close(gpu.embed(big), cpu->embed(big), Precision::Fp32, "without the cap");
}
