// The plugin's own element-wise and row kernels (everything but the matrix products and
// attention): weight conversion, embeddings + LayerNorm, LayerNorm, activations, pooling,
// L2 normalisation. Each runs on the given stream; T is float, __half or __nv_bfloat16.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

namespace nsmlab::cuda {

// dst[i] = src[i] (dtype: nsmlab_gpu_dtype) converted to T, for i < n.
template <class T>
void convert(const void* src, int32_t dtype, T* dst, size_t n, cudaStream_t s);

struct EmbeddingTables {
  const void* word;      // [vocab, H] in T
  const void* position;  // [positions, H]
  const void* type;      // [types, H] or nullptr (MPNet)
  const float* gamma;
  const float* beta;
};

// x[t] = LayerNorm(word[ids[t]] + position[positions[t]] + type[types[t]]); types may be null (0).
template <class T>
void embeddings_layer_norm(const EmbeddingTables& e, const int32_t* ids, const int32_t* types,
                           const int32_t* positions, int tokens, int hidden, float eps, T* x, cudaStream_t s);

// x[r] = LayerNorm(x[r]) for each of `rows` rows of `hidden` values (statistics in fp32).
template <class T>
void layer_norm(T* x, const float* gamma, const float* beta, int rows, int hidden, float eps, cudaStream_t s);

// x = act(x), act an nsmlab_gpu_activation; GELU is the exact erf form.
template <class T>
void activate(T* x, size_t n, int32_t activation, cudaStream_t s);

struct PoolingModes {
  bool cls, max, mean, mean_sqrt_len, weighted_mean, last_token, include_prompt;
  int count() const { return cls + max + mean + mean_sqrt_len + weighted_mean + last_token; }
};

// out: [sequences][modes * hidden] fp32, the modes concatenated in sentence-transformers' order.
template <class T>
void pool(const T* hidden_states, int hidden, const int32_t* offset, const int32_t* column, const int32_t* prompt_len,
          int sequences, PoolingModes modes, float* out, cudaStream_t s);

// Each of `rows` rows of `cols` fp32 values divided by its L2 norm (at least 1e-12, as torch).
void l2_normalize(float* x, int rows, int cols, cudaStream_t s);

// dst = src converted to fp32 (token states back to the host).
template <class T>
void widen(const T* src, float* dst, size_t n, cudaStream_t s);

}  // namespace nsmlab::cuda
