#include "cuda/gemm.h"

#include <string>

#include "cuda/device_error.h"

namespace nsmlab::cuda {

namespace {

constexpr size_t kWorkspace = 32u << 20;  // what cuBLASLt's fastest Hopper kernels ask for

// Descriptors freed on every path out (an exception included).
struct Layouts {
  cublasLtMatmulDesc_t op = nullptr;
  cublasLtMatrixLayout_t a = nullptr, b = nullptr, c = nullptr;
  ~Layouts() {
    if (c) cublasLtMatrixLayoutDestroy(c);
    if (b) cublasLtMatrixLayoutDestroy(b);
    if (a) cublasLtMatrixLayoutDestroy(a);
    if (op) cublasLtMatmulDescDestroy(op);
  }
};

}  // namespace

Gemm::Gemm(cudaDataType_t type, cudaStream_t stream) : type_(type), stream_(stream) {
  check_cublas(cublasLtCreate(&handle_), "cublasLtCreate");
  check_cuda(cudaMalloc(&workspace_, kWorkspace), "cuBLASLt workspace");
  workspace_bytes_ = kWorkspace;
}

Gemm::~Gemm() {
  if (workspace_) cudaFree(workspace_);
  if (handle_) cublasLtDestroy(handle_);
}

cublasLtMatmulAlgo_t Gemm::algorithm(const Key& key, cublasLtMatmulDesc_t op, cublasLtMatrixLayout_t a,
                                     cublasLtMatrixLayout_t b, cublasLtMatrixLayout_t c) {
  auto it = algorithms_.find(key);
  if (it != algorithms_.end()) return it->second;
  cublasLtMatmulPreference_t pref = nullptr;
  check_cublas(cublasLtMatmulPreferenceCreate(&pref), "cublasLtMatmulPreferenceCreate");
  cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspace_bytes_,
                                       sizeof(workspace_bytes_));
  cublasLtMatmulHeuristicResult_t result{};
  int found = 0;
  const cublasStatus_t s = cublasLtMatmulAlgoGetHeuristic(handle_, op, a, b, c, c, pref, 1, &result, &found);
  cublasLtMatmulPreferenceDestroy(pref);
  check_cublas(s, "cublasLtMatmulAlgoGetHeuristic");
  if (found == 0)
    invalid("cuBLASLt has no algorithm for a " + std::to_string(std::get<0>(key)) + "x" +
            std::to_string(std::get<1>(key)) + " by " + std::to_string(std::get<2>(key)) + " product");
  algorithms_.emplace(key, result.algo);
  return result.algo;
}

void Gemm::linear(const void* x, int rows, int in, const void* weight, int out, const void* bias, void* y,
                  bool accumulate) {
  if (rows <= 0) return;
  // Column-major view: Y^T [out, rows] = W [in, out]^T (op T) * X^T [in, rows].
  Layouts d;
  const cublasComputeType_t compute = CUBLAS_COMPUTE_32F;  // fp32 accumulation; never TF32
  check_cublas(cublasLtMatmulDescCreate(&d.op, compute, CUDA_R_32F), "cublasLtMatmulDescCreate");
  const cublasOperation_t trans = CUBLAS_OP_T, none = CUBLAS_OP_N;
  cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSA, &trans, sizeof(trans));
  cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSB, &none, sizeof(none));
  if (bias) {
    const cublasLtEpilogue_t epilogue = CUBLASLT_EPILOGUE_BIAS;
    cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_EPILOGUE, &epilogue, sizeof(epilogue));
    cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &bias, sizeof(bias));
    const cudaDataType_t bias_type = type_;  // biases are stored in the compute type
    cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE, &bias_type, sizeof(bias_type));
  }
  check_cublas(cublasLtMatrixLayoutCreate(&d.a, type_, in, out, in), "cublasLtMatrixLayoutCreate");
  check_cublas(cublasLtMatrixLayoutCreate(&d.b, type_, in, rows, in), "cublasLtMatrixLayoutCreate");
  check_cublas(cublasLtMatrixLayoutCreate(&d.c, type_, out, rows, out), "cublasLtMatrixLayoutCreate");
  const cublasLtMatmulAlgo_t algo = algorithm(Key{rows, in, out, accumulate, bias != nullptr}, d.op, d.a, d.b, d.c);
  const float alpha = 1.f, beta = accumulate ? 1.f : 0.f;
  check_cublas(cublasLtMatmul(handle_, d.op, &alpha, weight, d.a, x, d.b, &beta, y, d.c, y, d.c, &algo, workspace_,
                              workspace_bytes_, stream_),
               "cublasLtMatmul");
}

}  // namespace nsmlab::cuda
