/* The C interface between nsmlab and its CUDA plugin (libnsmlab_cuda.so), loaded with dlopen
 * at run time (src/engine/gpu_plugin.h) so that the nsmlab binary never links CUDA and runs
 * on machines without it. Plain C types only: the plugin is built by nvcc, the core by g++,
 * and neither sees the other's C++ library. Every call reports errors as a status code and
 * a message written into a caller-owned buffer; nothing throws across this line.
 *
 * Bump NSMLAB_GPU_ABI_VERSION on any change to a struct or a function below: the loader
 * refuses a plugin whose version differs (the message names both). */
#ifndef NSMLAB_GPU_PLUGIN_ABI_H
#define NSMLAB_GPU_PLUGIN_ABI_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NSMLAB_GPU_ABI_VERSION 1u
#define NSMLAB_GPU_ENTRY "nsmlab_gpu_plugin" /* the one exported symbol */

enum nsmlab_gpu_status {
  NSMLAB_GPU_OK = 0,
  NSMLAB_GPU_OUT_OF_MEMORY = 1, /* the batch did not fit: the caller splits it (OutOfDeviceMemory) */
  NSMLAB_GPU_FAILURE = 2,       /* any other device or driver error (BackendFailure) */
  NSMLAB_GPU_NO_DRIVER = 3,     /* libcuda.so.1 missing, or the driver too old for this plugin */
  NSMLAB_GPU_NO_DEVICE = 4      /* the driver sees no GPU (or not the one asked for) */
};

enum nsmlab_gpu_dtype { NSMLAB_GPU_F32 = 0, NSMLAB_GPU_F16 = 1, NSMLAB_GPU_BF16 = 2 };
enum nsmlab_gpu_precision { NSMLAB_GPU_FP32 = 0, NSMLAB_GPU_FP16 = 1, NSMLAB_GPU_BF16_COMPUTE = 2 };
enum nsmlab_gpu_family { NSMLAB_GPU_BERT = 0, NSMLAB_GPU_ROBERTA = 1, NSMLAB_GPU_MPNET = 2 };
/* Same order as nsmlab::Activation (src/model/transformer_config.h). */
enum nsmlab_gpu_activation {
  NSMLAB_GPU_IDENTITY = 0, NSMLAB_GPU_GELU_ERF = 1, NSMLAB_GPU_GELU_TANH = 2,
  NSMLAB_GPU_RELU = 3, NSMLAB_GPU_SILU = 4, NSMLAB_GPU_TANH = 5
};

/* A tensor in host memory, as the weight file stores it (possibly unaligned). */
typedef struct {
  int32_t dtype; /* nsmlab_gpu_dtype */
  const void* data;
  uint64_t numel;
} nsmlab_gpu_tensor;

typedef struct {
  nsmlab_gpu_tensor weight; /* [out, in], PyTorch nn.Linear layout */
  nsmlab_gpu_tensor bias;   /* [out]; data may be NULL (no bias) */
  uint64_t out, in;
} nsmlab_gpu_linear;

typedef struct {
  nsmlab_gpu_linear query, key, value, attention_output, intermediate, output;
  nsmlab_gpu_tensor attention_norm_gamma, attention_norm_beta, output_norm_gamma, output_norm_beta;
} nsmlab_gpu_layer;

typedef struct {
  uint32_t struct_size; /* sizeof(nsmlab_gpu_model): checked by the plugin */
  int32_t family;       /* nsmlab_gpu_family */
  uint64_t hidden, heads, intermediate, layers, vocab, max_positions, type_vocab;
  float layer_norm_eps;
  int32_t hidden_act; /* nsmlab_gpu_activation */
  nsmlab_gpu_tensor word_embeddings, position_embeddings, token_type_embeddings; /* type: numel 0 for MPNet */
  nsmlab_gpu_tensor embedding_norm_gamma, embedding_norm_beta;
  const nsmlab_gpu_layer* layer; /* [layers] */
  /* Pooling (sentence-transformers' order: cls, max, mean, mean_sqrt_len, weightedmean, lasttoken). */
  int32_t pool_cls, pool_max, pool_mean, pool_mean_sqrt_len, pool_weighted_mean, pool_last_token;
  int32_t include_prompt;
  /* Dense module after pooling (has_dense 0: none), then Normalize (L2) when normalize != 0. */
  int32_t has_dense;
  nsmlab_gpu_linear dense;
  int32_t dense_activation; /* nsmlab_gpu_activation */
  int32_t normalize;
} nsmlab_gpu_model;

/* One packed batch (src/backend/packed_batch.h), positions already resolved by the core
 * (the RoBERTa/MPNet rule lives in one place) and MPNet's bias table already looked up. */
typedef struct {
  uint32_t struct_size;
  int32_t sequences, tokens;
  const int32_t* ids;        /* [tokens] */
  const int32_t* type_ids;   /* [tokens] or NULL (all 0) */
  const int32_t* column;     /* [tokens]: position of the token in its sequence */
  const int32_t* position;   /* [tokens]: row of the position embedding */
  const int32_t* offset;     /* [sequences + 1] */
  const int32_t* prompt_len; /* [sequences] or NULL */
  const float* relative_bias; /* MPNet: [heads][2*span - 1], indexed by column_k - column_q + span - 1; else NULL */
  int32_t span;
} nsmlab_gpu_batch;

typedef struct {
  char name[256];
  int32_t cc_major, cc_minor, multiprocessors;
  uint64_t memory_free, memory_total;
  int32_t driver_version;  /* CUDA version the driver supports, e.g. 13000 */
  int32_t runtime_version; /* CUDA runtime the plugin was built with */
} nsmlab_gpu_device_info;

typedef struct {
  uint32_t abi_version; /* NSMLAB_GPU_ABI_VERSION of the plugin */
  uint32_t struct_size; /* sizeof(nsmlab_gpu_api) */
  /* "CUDA runtime 13.0, cuBLASLt 130000, sm_75 sm_80 sm_89 sm_90" */
  const char* (*build_info)(void);
  int32_t (*device_count)(int32_t* count, char* error, size_t error_size);
  int32_t (*device_info)(int32_t device, nsmlab_gpu_device_info* info, char* error, size_t error_size);
  /* Uploads and converts the weights; they may be unmapped once this returns. */
  int32_t (*open)(const nsmlab_gpu_model* model, int32_t device, int32_t precision, void** handle, char* error,
                  size_t error_size);
  /* out: [sequences][dimension] fp32 in host memory (pooled, Dense, Normalize). */
  int32_t (*embed)(void* handle, const nsmlab_gpu_batch* batch, float* out, uint64_t out_floats, char* error,
                   size_t error_size);
  /* out: [tokens][hidden] fp32, the last hidden state of every token. */
  int32_t (*token_states)(void* handle, const nsmlab_gpu_batch* batch, float* out, uint64_t out_floats,
                          char* error, size_t error_size);
  uint64_t (*dimension)(void* handle);
  uint64_t (*device_bytes)(void* handle); /* weights resident on the GPU */
  void (*close)(void* handle);
} nsmlab_gpu_api;

typedef const nsmlab_gpu_api* (*nsmlab_gpu_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif
