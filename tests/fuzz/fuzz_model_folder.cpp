// A sentence-transformers folder's small configs: modules.json, the Pooling and Dense
// configs, sentence_bert_config.json, config_sentence_transformers.json, tokenizer_config.json
// and config.json. The folder is the labse-like fixture (Transformer, CLS pooling, Dense,
// Normalize); the first input byte picks which of its files the rest of the input replaces.
#include <array>
#include <fstream>
#include <sstream>

#include "fuzz_support.h"
#include "model/model_folder.h"

namespace {

constexpr std::array<const char*, 7> kFiles = {"modules.json", "config.json", "1_Pooling/config.json", "2_Dense/config.json",
                                               "sentence_bert_config.json", "config_sentence_transformers.json",
                                               "tokenizer_config.json"};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fixture's configs, copied once into this process's scratch folder.
const std::array<std::string, kFiles.size()>& originals() {
  static const auto files = [] {
    std::array<std::string, kFiles.size()> f;
    const std::string src = nsmlab::fuzz::fixture("models/labse-like-cls-dense/");
    for (size_t i = 0; i < kFiles.size(); ++i) {
      f[i] = std::string(kFiles[i]) == "tokenizer_config.json" ? R"({"model_max_length": 512})" : slurp(src + kFiles[i]);
      nsmlab::fuzz::write_scratch(std::string("folder/") + kFiles[i], f[i]);
    }
    nsmlab::fuzz::write_scratch("folder/model.safetensors", "");
    nsmlab::fuzz::write_scratch("folder/2_Dense/model.safetensors", "");
    nsmlab::fuzz::write_scratch("folder/tokenizer.json", "{}");
    return f;
  }();
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  if (size == 0) return 0;
  const auto& base = originals();
  const size_t which = data[0] % kFiles.size();
  const std::string rel = std::string("folder/") + kFiles[which];
  fuzz::write_scratch(rel, fuzz::as_view(data + 1, size - 1));
  fuzz::expect_clean_errors([&] {
    ModelFolder f = load_model_folder((fuzz::scratch_dir() / "folder").string());
    volatile size_t sink = output_dimension(f) + f.pooling.describe().size();
    (void)sink;
  });
  fuzz::write_scratch(rel, base[which]);
  return 0;
}
