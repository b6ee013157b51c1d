// A text the tokenizer refuses inside the parallel tokenization: the error reaches the
// caller as an nsmlab::Error naming the text (an exception leaving an OpenMP region used
// to call std::terminate: SIGABRT with no message).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/neural_encoder.h"
#include "util/json_file.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

// The bert_mean fixture with a BPE tokenizer that has no unknown token.
std::string model_without_unknown_token() {
  fs::path dir = fs::temp_directory_path() / ("nsmlab_omp_err_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(NSMLAB_FIXTURES_DIR) / "models_hf" / "bert_mean", dir, fs::copy_options::recursive);
  Json tok = {{"model", {{"type", "BPE"}, {"vocab", {{"[PAD]", 0}, {"a", 1}, {"b", 2}}}, {"merges", Json::array()}}},
              {"pre_tokenizer", {{"type", "WhitespaceSplit"}}}};
  std::ofstream(dir / "tokenizer.json") << tok.dump();
  return dir.string();
}

TEST(NeuralEncoder, TokenizerErrorInsideTheParallelRegionIsReported) {
  const std::string dir = model_without_unknown_token();
  BackendOptions four;
  four.threads = 4;
  NeuralEncoder enc(dir, four);
  std::vector<std::string> texts(100, "a b");
  texts[40] = "a z";  // 'z' needs the unknown token
  texts[70] = "zz";
  EncodeOptions opt;
  opt.progress = false;
  try {
    enc.encode(texts, opt);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("text 41"), std::string::npos) << m;  // the first failing text, whatever the threads did
    EXPECT_NE(m.find("unk_token"), std::string::npos) << m;
  }
  texts[40] = texts[70] = "b a";
  EXPECT_EQ(enc.encode(texts, opt).rows, 100u);
  fs::remove_all(dir);
}

}  // namespace
