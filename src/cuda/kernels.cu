#include "cuda/kernels.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include "backend/gpu_plugin_abi.h"
#include "cuda/numeric.cuh"

namespace nsmlab::cuda {

namespace {

constexpr int kRowThreads = 256;

unsigned blocks_for(size_t n, int threads) {
  const size_t b = (n + threads - 1) / threads;
  return static_cast<unsigned>(b < 65535u * 32u ? b : 65535u * 32u);  // grid-stride loops cover the rest
}

template <class T>
__global__ void convert_kernel(const void* src, int32_t dtype, T* dst, size_t n) {
  for (size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x; i < n; i += size_t(gridDim.x) * blockDim.x) {
    float v;
    if (dtype == NSMLAB_GPU_F32) v = static_cast<const float*>(src)[i];
    else if (dtype == NSMLAB_GPU_F16) v = __half2float(static_cast<const __half*>(src)[i]);
    else v = __bfloat162float(static_cast<const __nv_bfloat16*>(src)[i]);
    dst[i] = from_float<T>(v);
  }
}

// LayerNorm of one row held in shared memory (fp32), written to out as T. Two passes, the
// mean removed before squaring, as the CPU path does (src/nn/kernels_impl.inc).
template <class T>
__device__ void normalize_shared_row(const float* row, int n, const float* gamma, const float* beta, float eps, T* out,
                                     float* scratch) {
  float s = 0.f;
  for (int i = threadIdx.x; i < n; i += blockDim.x) s += row[i];
  const float mean = block_sum(s, scratch) / float(n);
  float q = 0.f;
  for (int i = threadIdx.x; i < n; i += blockDim.x) {
    const float d = row[i] - mean;
    q += d * d;
  }
  const float inv = rsqrtf(block_sum(q, scratch) / float(n) + eps);
  for (int i = threadIdx.x; i < n; i += blockDim.x) out[i] = from_float<T>((row[i] - mean) * inv * gamma[i] + beta[i]);
}

template <class T>
__global__ void embeddings_kernel(const T* word, const T* position, const T* type, const float* gamma,
                                  const float* beta, const int32_t* ids, const int32_t* types,
                                  const int32_t* positions, int hidden, float eps, T* x) {
  extern __shared__ float row[];
  __shared__ float scratch[32];
  const size_t t = blockIdx.x;
  const T* w = word + size_t(ids[t]) * hidden;
  const T* p = position + size_t(positions[t]) * hidden;
  const T* ty = type ? type + size_t(types ? types[t] : 0) * hidden : nullptr;
  for (int i = threadIdx.x; i < hidden; i += blockDim.x) {
    float v = to_float(w[i]) + (ty ? to_float(ty[i]) : 0.f);
    row[i] = v + to_float(p[i]);  // word + type + position, the CPU's order of sums
  }
  __syncthreads();
  normalize_shared_row(row, hidden, gamma, beta, eps, x + t * hidden, scratch);
}

template <class T>
__global__ void layer_norm_kernel(T* x, const float* gamma, const float* beta, int hidden, float eps) {
  extern __shared__ float row[];
  __shared__ float scratch[32];
  T* r = x + size_t(blockIdx.x) * hidden;
  for (int i = threadIdx.x; i < hidden; i += blockDim.x) row[i] = to_float(r[i]);
  __syncthreads();
  normalize_shared_row(row, hidden, gamma, beta, eps, r, scratch);
}

__device__ __forceinline__ float apply(float v, int32_t a) {
  switch (a) {
    case NSMLAB_GPU_GELU_ERF: return 0.5f * v * (1.f + erff(v * 0.70710678118654752f));
    case NSMLAB_GPU_GELU_TANH: return 0.5f * v * (1.f + tanhf(0.79788456080286536f * (v + 0.044715f * v * v * v)));
    case NSMLAB_GPU_RELU: return v > 0.f ? v : 0.f;
    case NSMLAB_GPU_SILU: return v / (1.f + expf(-v));
    case NSMLAB_GPU_TANH: return tanhf(v);
    default: return v;
  }
}

template <class T>
__global__ void activate_kernel(T* x, size_t n, int32_t a) {
  for (size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x; i < n; i += size_t(gridDim.x) * blockDim.x)
    x[i] = from_float<T>(apply(to_float(x[i]), a));
}

// One thread per (sequence, dimension): every enabled mode in one pass over the tokens.
// Sums in double, as the CPU path (src/nn/pooling.cpp).
template <class T>
__global__ void pool_kernel(const T* h, int hidden, const int32_t* offset, const int32_t* column,
                            const int32_t* prompt_len, PoolingModes m, float* out) {
  const int b = blockIdx.x;  // x: sequences can outnumber grid.y's 65535
  const int i = blockIdx.y * blockDim.x + threadIdx.x;
  if (i >= hidden) return;
  const int begin = offset[b], end = offset[b + 1];
  const int skip = (!m.include_prompt && prompt_len) ? prompt_len[b] : 0;
  float mx = -1e9f;  // sentence-transformers' value for masked tokens
  double sum = 0, count = 0, wsum = 0, weight = 0;
  int last = -1;
  for (int t = begin; t < end; ++t) {
    if (column[t] < skip) continue;
    const float v = to_float(h[size_t(t) * hidden + i]);
    mx = fmaxf(mx, v);
    sum += v;
    count += 1;
    const double w = column[t] + 1;
    wsum += w * v;
    weight += w;
    last = t;
  }
  if (last < 0 && begin < end) last = begin;
  const int modes = m.cls + m.max + m.mean + m.mean_sqrt_len + m.weighted_mean + m.last_token;
  float* o = out + size_t(b) * modes * hidden + i;
  int slot = 0;
  if (m.cls) o[size_t(slot++) * hidden] = begin < end ? to_float(h[size_t(begin) * hidden + i]) : 0.f;
  if (m.max) o[size_t(slot++) * hidden] = mx;
  count = count > 1e-9 ? count : 1e-9;
  if (m.mean) o[size_t(slot++) * hidden] = float(sum / count);
  if (m.mean_sqrt_len) o[size_t(slot++) * hidden] = float(sum / sqrt(count));
  weight = weight > 1e-9 ? weight : 1e-9;
  if (m.weighted_mean) o[size_t(slot++) * hidden] = float(wsum / weight);
  if (m.last_token) o[size_t(slot++) * hidden] = last >= 0 ? to_float(h[size_t(last) * hidden + i]) : 0.f;
}

__global__ void l2_normalize_kernel(float* x, int cols) {
  __shared__ float scratch[32];
  float* r = x + size_t(blockIdx.x) * cols;
  float s = 0.f;
  for (int i = threadIdx.x; i < cols; i += blockDim.x) s += r[i] * r[i];
  const float norm = sqrtf(block_sum(s, scratch));
  const float inv = 1.f / (norm < 1e-12f ? 1e-12f : norm);
  for (int i = threadIdx.x; i < cols; i += blockDim.x) r[i] *= inv;
}

template <class T>
__global__ void widen_kernel(const T* src, float* dst, size_t n) {
  for (size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x; i < n; i += size_t(gridDim.x) * blockDim.x)
    dst[i] = to_float(src[i]);
}

int row_threads(int hidden) { return hidden >= kRowThreads ? kRowThreads : ((hidden + 31) / 32) * 32; }

}  // namespace

template <class T>
void convert(const void* src, int32_t dtype, T* dst, size_t n, cudaStream_t s) {
  if (n) convert_kernel<T><<<blocks_for(n, 256), 256, 0, s>>>(src, dtype, dst, n);
}

template <class T>
void embeddings_layer_norm(const EmbeddingTables& e, const int32_t* ids, const int32_t* types,
                           const int32_t* positions, int tokens, int hidden, float eps, T* x, cudaStream_t s) {
  if (tokens <= 0) return;
  embeddings_kernel<T><<<tokens, row_threads(hidden), hidden * sizeof(float), s>>>(
      static_cast<const T*>(e.word), static_cast<const T*>(e.position), static_cast<const T*>(e.type), e.gamma,
      e.beta, ids, types, positions, hidden, eps, x);
}

template <class T>
void layer_norm(T* x, const float* gamma, const float* beta, int rows, int hidden, float eps, cudaStream_t s) {
  if (rows > 0) layer_norm_kernel<T><<<rows, row_threads(hidden), hidden * sizeof(float), s>>>(x, gamma, beta, hidden, eps);
}

template <class T>
void activate(T* x, size_t n, int32_t activation, cudaStream_t s) {
  if (n && activation != NSMLAB_GPU_IDENTITY) activate_kernel<T><<<blocks_for(n, 256), 256, 0, s>>>(x, n, activation);
}

template <class T>
void pool(const T* h, int hidden, const int32_t* offset, const int32_t* column, const int32_t* prompt_len,
          int sequences, PoolingModes modes, float* out, cudaStream_t s) {
  if (sequences <= 0) return;
  const dim3 grid(sequences, (hidden + 127) / 128);
  pool_kernel<T><<<grid, 128, 0, s>>>(h, hidden, offset, column, prompt_len, modes, out);
}

void l2_normalize(float* x, int rows, int cols, cudaStream_t s) {
  if (rows > 0) l2_normalize_kernel<<<rows, row_threads(cols), 0, s>>>(x, cols);
}

template <class T>
void widen(const T* src, float* dst, size_t n, cudaStream_t s) {
  if (n) widen_kernel<T><<<blocks_for(n, 256), 256, 0, s>>>(src, dst, n);
}

#define NSMLAB_INSTANTIATE(T)                                                                                    \
  template void convert<T>(const void*, int32_t, T*, size_t, cudaStream_t);                                      \
  template void embeddings_layer_norm<T>(const EmbeddingTables&, const int32_t*, const int32_t*, const int32_t*, \
                                         int, int, float, T*, cudaStream_t);                                     \
  template void layer_norm<T>(T*, const float*, const float*, int, int, float, cudaStream_t);                    \
  template void activate<T>(T*, size_t, int32_t, cudaStream_t);                                                  \
  template void pool<T>(const T*, int, const int32_t*, const int32_t*, const int32_t*, int, PoolingModes, float*, \
                        cudaStream_t);                                                                           \
  template void widen<T>(const T*, float*, size_t, cudaStream_t);
NSMLAB_INSTANTIATE(float)
NSMLAB_INSTANTIATE(__half)
NSMLAB_INSTANTIATE(__nv_bfloat16)

}  // namespace nsmlab::cuda
