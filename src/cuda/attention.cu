#include "cuda/attention.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "cuda/numeric.cuh"

namespace nsmlab::cuda {

namespace {

constexpr int kWarps = 4;

template <int D> struct Shape;  // keys per shared tile, queries per warp: fits 48 KB of shared memory
template <> struct Shape<32> { static constexpr int keys = 64, queries = 8; };
template <> struct Shape<64> { static constexpr int keys = 64, queries = 8; };
template <> struct Shape<128> { static constexpr int keys = 32, queries = 4; };

// Block = 4 warps over kWarps * QW queries of one (sequence, head); each warp keeps its queries'
// running max, sum and output in registers while the block streams the sequence's keys and
// values through shared memory, one tile at a time (online softmax: no score matrix stored).
template <class T, int D>
__global__ void __launch_bounds__(kWarps * 32) attention_kernel(AttentionArgs a, float scale) {
  constexpr int KT = Shape<D>::keys, QW = Shape<D>::queries, PER_LANE = D / 32;
  __shared__ float ks[KT][D + 1];  // +1: lanes reading different keys hit different banks
  __shared__ float vs[KT][D];
  __shared__ float qs[kWarps][QW][D];
  __shared__ float ps[kWarps][KT];
  __shared__ int cs[KT];

  const AttentionItem item = a.items[blockIdx.x];
  const int h = blockIdx.y, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int base = a.offset[item.sequence], L = a.offset[item.sequence + 1] - base;
  const int d = a.hidden / a.heads;
  const size_t ld = size_t(3) * a.hidden;
  const T* qkv = static_cast<const T*>(a.qkv);
  const int bias_row = 2 * a.span - 1;
  const float* bias = a.bias ? a.bias + size_t(h) * bias_row + (a.span - 1) : nullptr;

  // This warp's queries into shared memory (zero past d, so the dot products can run to D).
  for (int j = 0; j < QW; ++j) {
    const int q = item.first + warp * QW + j;
    for (int c = lane; c < D; c += 32)
      qs[warp][j][c] = (q < L && c < d) ? to_float(qkv[size_t(base + q) * ld + size_t(h) * d + c]) : 0.f;
  }
  float m[QW], l[QW], acc[QW][PER_LANE];
  int qcol[QW];
#pragma unroll
  for (int j = 0; j < QW; ++j) {
    m[j] = -INFINITY;
    l[j] = 0.f;
    const int q = item.first + warp * QW + j;
    qcol[j] = q < L ? a.column[base + q] : 0;
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) acc[j][c] = 0.f;
  }

  for (int k0 = 0; k0 < L; k0 += KT) {
    const int n = min(KT, L - k0);
    __syncthreads();  // the previous tile is no longer read
    for (int e = threadIdx.x; e < KT * D; e += blockDim.x) {
      const int r = e / D, c = e % D;
      const bool in = r < n && c < d;
      const size_t at = size_t(base + k0 + r) * ld + size_t(h) * d + c;
      ks[r][c] = in ? to_float(qkv[at + a.hidden]) : 0.f;
      vs[r][c] = in ? to_float(qkv[at + 2 * size_t(a.hidden)]) : 0.f;
    }
    for (int r = threadIdx.x; r < KT; r += blockDim.x) cs[r] = r < n ? a.column[base + k0 + r] : 0;
    __syncthreads();

#pragma unroll
    for (int j = 0; j < QW; ++j) {
      if (item.first + warp * QW + j >= L) break;  // warp-uniform
      float s[KT / 32];
      float tile_max = -INFINITY;
#pragma unroll
      for (int r = 0; r < KT / 32; ++r) {
        const int key = lane + 32 * r;
        float dot = 0.f;
#pragma unroll 8
        for (int c = 0; c < D; ++c) dot += qs[warp][j][c] * ks[key][c];
        float v = dot * scale;
        if (bias) v += __ldg(bias + cs[key] - qcol[j]);
        s[r] = key < n ? v : -INFINITY;
        tile_max = fmaxf(tile_max, s[r]);
      }
      for (int o = 16; o > 0; o >>= 1) tile_max = fmaxf(tile_max, __shfl_xor_sync(0xffffffffu, tile_max, o));
      const float m_new = fmaxf(m[j], tile_max);
      const float correction = expf(m[j] - m_new);  // 0 on the first tile
      float tile_sum = 0.f;
#pragma unroll
      for (int r = 0; r < KT / 32; ++r) {
        const float p = expf(s[r] - m_new);
        ps[warp][lane + 32 * r] = p;
        tile_sum += p;
      }
      for (int o = 16; o > 0; o >>= 1) tile_sum += __shfl_xor_sync(0xffffffffu, tile_sum, o);
      l[j] = l[j] * correction + tile_sum;
      m[j] = m_new;
      __syncwarp();
#pragma unroll
      for (int c = 0; c < PER_LANE; ++c) acc[j][c] *= correction;
      for (int key = 0; key < n; ++key) {
        const float p = ps[warp][key];
#pragma unroll
        for (int c = 0; c < PER_LANE; ++c) acc[j][c] += p * vs[key][lane + 32 * c];
      }
      __syncwarp();  // ps is rewritten by the next query
    }
  }

  T* out = static_cast<T*>(a.context);
#pragma unroll
  for (int j = 0; j < QW; ++j) {
    const int q = item.first + warp * QW + j;
    if (q >= L) break;
    const float inv = 1.f / l[j];
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) {
      const int col = lane + 32 * c;
      if (col < d) out[size_t(base + q) * a.hidden + size_t(h) * d + col] = from_float<T>(acc[j][c] * inv);
    }
  }
}

// The same computation with the inner loops register-tiled: a warp scores all its queries
// against a key at once (each key row read once as float4 per 4 columns, each query column as a
// broadcast float4), and the P.V loop reads each value row once for all its queries and four
// probabilities per broadcast. About a quarter of the simple kernel's shared-memory traffic per
// multiply-add, which is what bounds both. NSMLAB_CUDA_ATTENTION=simple selects the simple
// kernel (attention_kernel above) instead: a reference when this one is in doubt.
template <int D> struct Tiled;
template <> struct Tiled<32> { static constexpr int keys = 64, queries = 8; };
template <> struct Tiled<64> { static constexpr int keys = 32, queries = 8; };
template <> struct Tiled<128> { static constexpr int keys = 32, queries = 4; };

template <class T, int D>
__global__ void __launch_bounds__(kWarps * 32) tiled_attention_kernel(AttentionArgs a, float scale) {
  constexpr int KT = Tiled<D>::keys, QW = Tiled<D>::queries, KPL = KT / 32, PER_LANE = D / 32;
  static_assert(QW == Shape<D>::queries, "both kernels cover the same queries per block");
  __shared__ __align__(16) float ks[KT][D + 4];  // +4: 16-byte rows starting 4 banks apart
  __shared__ __align__(16) float vs[KT][D];
  __shared__ __align__(16) float qs[kWarps][QW][D];
  __shared__ __align__(16) float ps[kWarps][QW][KT];
  __shared__ int cs[KT];

  const AttentionItem item = a.items[blockIdx.x];
  const int h = blockIdx.y, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int base = a.offset[item.sequence], L = a.offset[item.sequence + 1] - base;
  const int d = a.hidden / a.heads;
  const size_t ld = size_t(3) * a.hidden;
  const T* qkv = static_cast<const T*>(a.qkv);
  const int bias_row = 2 * a.span - 1;
  const float* bias = a.bias ? a.bias + size_t(h) * bias_row + (a.span - 1) : nullptr;

  for (int j = 0; j < QW; ++j) {
    const int q = item.first + warp * QW + j;
    for (int c = lane; c < D; c += 32)
      qs[warp][j][c] = (q < L && c < d) ? to_float(qkv[size_t(base + q) * ld + size_t(h) * d + c]) : 0.f;
  }
  float m[QW], l[QW], acc[QW][PER_LANE];
  int qcol[QW];
#pragma unroll
  for (int j = 0; j < QW; ++j) {
    m[j] = -INFINITY;
    l[j] = 0.f;
    const int q = item.first + warp * QW + j;
    qcol[j] = q < L ? a.column[base + q] : 0;
#pragma unroll
    for (int c = 0; c < PER_LANE; ++c) acc[j][c] = 0.f;
  }

  for (int k0 = 0; k0 < L; k0 += KT) {
    const int n = min(KT, L - k0);
    __syncthreads();  // the previous tile is no longer read
    for (int e = threadIdx.x; e < KT * D; e += blockDim.x) {
      const int r = e / D, c = e % D;
      const bool in = r < n && c < d;
      const size_t at = size_t(base + k0 + r) * ld + size_t(h) * d + c;
      ks[r][c] = in ? to_float(qkv[at + a.hidden]) : 0.f;
      vs[r][c] = in ? to_float(qkv[at + 2 * size_t(a.hidden)]) : 0.f;
    }
    for (int r = threadIdx.x; r < KT; r += blockDim.x) cs[r] = r < n ? a.column[base + k0 + r] : 0;
    __syncthreads();

    // Scores of this warp's QW queries against the lane's KPL keys.
    float s[QW][KPL];
#pragma unroll
    for (int j = 0; j < QW; ++j)
#pragma unroll
      for (int r = 0; r < KPL; ++r) s[j][r] = 0.f;
#pragma unroll 4
    for (int c = 0; c < D; c += 4) {
      float4 kv[KPL];
#pragma unroll
      for (int r = 0; r < KPL; ++r) kv[r] = *reinterpret_cast<const float4*>(&ks[lane + 32 * r][c]);
#pragma unroll
      for (int j = 0; j < QW; ++j) {
        const float4 q = *reinterpret_cast<const float4*>(&qs[warp][j][c]);
#pragma unroll
        for (int r = 0; r < KPL; ++r) {
          float t = s[j][r];
          t = fmaf(q.x, kv[r].x, t);
          t = fmaf(q.y, kv[r].y, t);
          t = fmaf(q.z, kv[r].z, t);
          s[j][r] = fmaf(q.w, kv[r].w, t);
        }
      }
    }
    // Online softmax per query; probabilities to shared memory for the P.V loop.
#pragma unroll
    for (int j = 0; j < QW; ++j) {
      float tile_max = -INFINITY;
#pragma unroll
      for (int r = 0; r < KPL; ++r) {
        const int key = lane + 32 * r;
        float v = s[j][r] * scale;
        if (bias) v += __ldg(bias + cs[key] - qcol[j]);
        s[j][r] = key < n ? v : -INFINITY;
        tile_max = fmaxf(tile_max, s[j][r]);
      }
      for (int o = 16; o > 0; o >>= 1) tile_max = fmaxf(tile_max, __shfl_xor_sync(0xffffffffu, tile_max, o));
      const float m_new = fmaxf(m[j], tile_max);
      const float correction = expf(m[j] - m_new);  // 0 on the first tile
      float tile_sum = 0.f;
#pragma unroll
      for (int r = 0; r < KPL; ++r) {
        const float p = expf(s[j][r] - m_new);  // 0 for keys past the sequence
        ps[warp][j][lane + 32 * r] = p;
        tile_sum += p;
      }
      for (int o = 16; o > 0; o >>= 1) tile_sum += __shfl_xor_sync(0xffffffffu, tile_sum, o);
      l[j] = l[j] * correction + tile_sum;
      m[j] = m_new;
#pragma unroll
      for (int c = 0; c < PER_LANE; ++c) acc[j][c] *= correction;
    }
    __syncwarp();
    // acc += P V: four keys per step (rows past n are zero, and so are their probabilities).
    const int n4 = (n + 3) & ~3;
    for (int key = 0; key < n4; key += 4) {
      float v[4][PER_LANE];
#pragma unroll
      for (int u = 0; u < 4; ++u)
#pragma unroll
        for (int c = 0; c < PER_LANE; ++c) v[u][c] = vs[key + u][lane + 32 * c];
#pragma unroll
      for (int j = 0; j < QW; ++j) {
        const float4 p = *reinterpret_cast<const float4*>(&ps[warp][j][key]);
#pragma unroll
        for (int c = 0; c < PER_LANE; ++c) {
          float t = acc[j][c];
          t = fmaf(p.x, v[0][c], t);
          t = fmaf(p.y, v[1][c], t);
          t = fmaf(p.z, v[2][c], t);
          acc[j][c] = fmaf(p.w, v[3][c], t);
        }
      }
    }
    __syncwarp();  // ps is rewritten by the next tile
  }

  T* out = static_cast<T*>(a.context);
#pragma unroll
  for (int j = 0; j < QW; ++j) {
    const int q = item.first + warp * QW + j;
    if (q < L) {
      const float inv = 1.f / l[j];
#pragma unroll
      for (int c = 0; c < PER_LANE; ++c) {
        const int col = lane + 32 * c;
        if (col < d) out[size_t(base + q) * a.hidden + size_t(h) * d + col] = from_float<T>(acc[j][c] * inv);
      }
    }
  }
}

template <class T, int D>
void launch(const AttentionArgs& a, cudaStream_t s) {
  const float scale = static_cast<float>(1.0 / std::sqrt(double(a.hidden / a.heads)));
  const char* choice = std::getenv("NSMLAB_CUDA_ATTENTION");
  if (choice && std::string(choice) == "simple")
    attention_kernel<T, D><<<dim3(a.item_count, a.heads), kWarps * 32, 0, s>>>(a, scale);
  else
    tiled_attention_kernel<T, D><<<dim3(a.item_count, a.heads), kWarps * 32, 0, s>>>(a, scale);
}

}  // namespace

int attention_block_queries(int head_dim) {
  if (head_dim <= 32) return kWarps * Shape<32>::queries;
  if (head_dim <= 64) return kWarps * Shape<64>::queries;
  return kWarps * Shape<128>::queries;
}

template <class T>
bool varlen_attention(const AttentionArgs& a, cudaStream_t s) {
  const int d = a.hidden / a.heads;
  if (a.item_count <= 0) return true;
  if (d <= 32) launch<T, 32>(a, s);
  else if (d <= 64) launch<T, 64>(a, s);
  else if (d <= 128) launch<T, 128>(a, s);
  else return false;
  return true;
}

template bool varlen_attention<float>(const AttentionArgs&, cudaStream_t);
template bool varlen_attention<__half>(const AttentionArgs&, cudaStream_t);
template bool varlen_attention<__nv_bfloat16>(const AttentionArgs&, cudaStream_t);

}  // namespace nsmlab::cuda
