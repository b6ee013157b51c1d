// A model folder with random weights in the exact names and shapes of a config, for
// benchmarking a model that is not on this machine (speed does not depend on the values).
// Written into a fresh temporary folder nsmlab owns and removed when the object goes away.
#pragma once
#include <string>
#include <vector>

#include "advise/model_shapes.h"

namespace nsmlab {

class TemporaryModel {
 public:
  TemporaryModel() = default;
  TemporaryModel(TemporaryModel&& o) noexcept;
  TemporaryModel& operator=(TemporaryModel&&) = delete;
  ~TemporaryModel();  // removes the folder it created, nothing else
  const std::string& path() const { return path_; }
  std::string tokenizer_note;  // which tokenizer the folder holds
  double weights_bytes = 0;

 private:
  friend TemporaryModel write_random_model(const ModelShape&, const std::vector<std::string>&, unsigned);
  std::string path_;
};

// config.json (the shape's), model.safetensors (fp32, N(0, 0.02)-like values, LayerNorm gains 1,
// biases 0), mean pooling, max_seq_length 128 (the notebook's), and the shape's tokenizer when
// one is known here, else a word-level synthetic tokenizer whose vocabulary is the words of
// `texts` (about one token per word, as a real subword tokenizer gives for common words).
TemporaryModel write_random_model(const ModelShape& shape, const std::vector<std::string>& texts, unsigned seed = 0);

// The safetensors tensor names and shapes of an encoder config (what the loader expects).
std::vector<std::pair<std::string, std::vector<size_t>>> encoder_tensor_shapes(const Json& config);

}  // namespace nsmlab
