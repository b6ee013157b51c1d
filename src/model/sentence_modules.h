// The sentence-transformers modules after the Transformer: Pooling (1_Pooling/config.json,
// classic and v5 formats), Dense (2_Dense) and Normalize.
#pragma once
#include <cstddef>
#include <string>

#include "model/transformer_config.h"

namespace nsmlab {

// Several modes may be on at once: their outputs are concatenated in the order
// cls, max, mean, mean_sqrt_len, weightedmean, lasttoken (as sentence-transformers does).
struct PoolingConfig {
  size_t word_embedding_dimension = 0;
  bool cls = false;
  bool max = false;
  bool mean = true;
  bool mean_sqrt_len = false;
  bool weighted_mean = false;
  bool last_token = false;
  bool include_prompt = true;  // false: the first prompt_len tokens are left out of pooling

  size_t mode_count() const;
  size_t output_dimension() const { return mode_count() * word_embedding_dimension; }
  std::string describe() const;  // "mean", "cls+max", ...
};

// Mean pooling over `hidden` dimensions: what a plain transformers folder gets.
PoolingConfig default_pooling(size_t hidden);
PoolingConfig parse_pooling_config(const std::string& path);

struct DenseConfig {
  size_t in_features = 0;
  size_t out_features = 0;
  bool bias = true;
  Activation activation = Activation::Tanh;
  std::string activation_name;  // as written in the config
  std::string weights_path;     // <module>/model.safetensors or another locate_weights file (linear.weight, linear.bias)
};

// Reads <dir>/config.json and locates the module's weights (model/tensor_archive.h: locate_weights).
DenseConfig parse_dense_config(const std::string& dir);

}  // namespace nsmlab
