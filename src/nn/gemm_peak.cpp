#include "nn/gemm_peak.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "backend/cpu_precision_support.h"
#include "nn/onednn_common.h"
#include "util/error.h"

namespace nsmlab {

namespace {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

// The source and weight type nsmlab's kernels use for each precision (linear_*.cpp).
dt input_type(Precision p) {
  switch (p) {
    case Precision::Fp32: return dt::f32;
    case Precision::Bf16: return dt::bf16;
    case Precision::Int8: return dt::s8;
    case Precision::Fp16: break;
  }
  fail("precision {} has no CPU matrix product", precision_name(p));
}

// A memory of `md` filled with a small constant of its type (speed does not depend on values;
// a plain constant keeps denormals and NaN out).
dnnl::memory filled(const dnnl::memory::desc& md, dt type) {
  dnnl::memory m(md, cpu_engine());
  std::vector<uint8_t> plain(md.get_size());
  const size_t n = plain.size() / dnnl::memory::data_type_size(type);
  if (type == dt::f32) std::fill_n(reinterpret_cast<float*>(plain.data()), n, 0.01f);
  if (type == dt::bf16) std::fill_n(reinterpret_cast<uint16_t*>(plain.data()), n, uint16_t(0x3C24));  // ~0.01
  if (type == dt::s8) std::fill_n(reinterpret_cast<int8_t*>(plain.data()), n, int8_t(3));
  std::copy(plain.begin(), plain.end(), static_cast<uint8_t*>(m.get_data_handle()));
  return m;
}

}  // namespace

double measure_gemm_peak_gflops(Precision p, double seconds) {
  const PrecisionSupport s = cpu_precision_support(p);
  if (!s.runs) fail("cannot measure the {} peak on this CPU: {}", precision_name(p), s.why_not);
  const dt in = input_type(p);
  const dnnl::memory::dim M = GemmPeakShape::M, K = GemmPeakShape::K, N = GemmPeakShape::N;
  const dnnl::memory::desc src_md({M, K}, in, tag::ab), dst_md({M, N}, dt::f32, tag::ab);
  dnnl::matmul::primitive_desc pd(
      dnnl::matmul::desc(src_md, dnnl::memory::desc({K, N}, in, tag::any), dst_md), cpu_engine());
  // Weights straight in the packed layout (a constant needs no reorder; int8's compensation
  // is then wrong, which changes no timing).
  dnnl::memory src = filled(src_md, in), wei = filled(pd.weights_desc(), in), dst(dst_md, cpu_engine());
  dnnl::matmul mm(pd);
  const std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DST, dst}};
  execute(mm, args);  // warm-up: code generation, caches
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  double best = 1e30;
  for (int i = 0; i < 3 || std::chrono::duration<double>(clock::now() - start).count() < seconds; ++i) {
    const auto t0 = clock::now();
    execute(mm, args);
    best = std::min(best, std::chrono::duration<double>(clock::now() - t0).count());
  }
  return 2.0 * double(M) * double(N) * double(K) / best / 1e9;
}

}  // namespace nsmlab
