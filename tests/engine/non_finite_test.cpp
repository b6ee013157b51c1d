// NaN weights used to give NaN embeddings with exit status 0.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <filesystem>

#include "engine/neural_encoder.h"
#include "model/safetensors.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace nsmlab;

TEST(NeuralEncoder, NonFiniteWeightsAreRefusedNamingTheModel) {
  const fs::path dir = fs::temp_directory_path() / ("nsmlab-nan-model-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(NSMLAB_FIXTURES_DIR) / "models" / "bert-mean", dir, fs::copy_options::recursive);
  const std::string weights = (dir / "model.safetensors").string();
  std::string bytes = read_file(weights);
  size_t offset = 0;
  {
    SafetensorsFile f(weights);
    const TensorInfo* bias = nullptr;
    for (const auto& [name, t] : f.tensors())
      if (name.find("embeddings.LayerNorm.bias") != std::string::npos ||
          name.find("embeddings.LayerNorm.beta") != std::string::npos)
        bias = &t;
    ASSERT_NE(bias, nullptr);
    ASSERT_EQ(bias->dtype, TensorDtype::F32);
    uint64_t header_len = 0;
    std::memcpy(&header_len, bytes.data(), 8);
    offset = 8 + header_len + bias->begin;
  }
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(bytes.data() + offset, &nan, 4);  // one NaN in the embeddings' LayerNorm bias
  write_file_atomic(weights, bytes);

  NeuralEncoder enc(dir.string());
  EncodeOptions options;
  options.progress = false;
  std::string msg = "(no error)";
  try {
    enc.encode({"a sentence", "another one"}, options);
  } catch (const Error& e) {
    msg = e.what();
  }
  EXPECT_NE(msg.find(dir.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("non-finite"), std::string::npos) << msg;
  fs::remove_all(dir);
}
