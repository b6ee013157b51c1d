// The linear layers' products through cuBLASLt: y[rows, out] = x[rows, in] W^T + b, W stored
// [out, in] as PyTorch does, the bias added by cuBLASLt's epilogue and the residual by its
// beta (y += ...). fp16/bf16 inputs accumulate in fp32; fp32 runs in plain fp32 (no TF32), the
// mode the exactness checks use.
#pragma once
#include <cublasLt.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <map>
#include <tuple>

namespace nsmlab::cuda {

class Gemm {
 public:
  // type: CUDA_R_32F, CUDA_R_16F or CUDA_R_16BF (inputs, outputs and bias alike).
  Gemm(cudaDataType_t type, cudaStream_t stream);
  ~Gemm();
  Gemm(const Gemm&) = delete;
  Gemm& operator=(const Gemm&) = delete;

  // accumulate: y += x W^T + b (y read first); else y = x W^T + b. bias may be null.
  void linear(const void* x, int rows, int in, const void* weight, int out, const void* bias, void* y,
              bool accumulate);

 private:
  using Key = std::tuple<int, int, int, bool, bool>;  // rows, in, out, accumulate, bias
  cublasLtMatmulAlgo_t algorithm(const Key& key, cublasLtMatmulDesc_t op, cublasLtMatrixLayout_t a,
                                 cublasLtMatrixLayout_t b, cublasLtMatrixLayout_t c);

  cudaDataType_t type_;
  cudaStream_t stream_;
  cublasLtHandle_t handle_ = nullptr;
  void* workspace_ = nullptr;
  size_t workspace_bytes_ = 0;
  std::map<Key, cublasLtMatmulAlgo_t> algorithms_;  // heuristics asked once per shape
};

}  // namespace nsmlab::cuda
