#include "backend/cpu_precision_support.h"
#include "nn/linear_kernel.h"
#include "nn/onednn_common.h"
#include "util/error.h"

namespace nsmlab {

size_t row_bucket(size_t rows) {
  if (rows < 16) return 16;
  const size_t step = row_step(rows);
  return (rows + step - 1) / step * step;
}

// Only kernels that say bf16_activations() / s8_activations() are ever asked for these
// (TransformerEncoder checks).
void LinearKernel::forward_to_bf16(const float*, size_t, uint16_t*) const {
  fail("internal error: this {}x{} product has no bf16 output", in_features(), out_features());
}
void LinearKernel::forward_from_bf16(const uint16_t*, size_t, float*, bool) const {
  fail("internal error: this {}x{} product has no bf16 input", in_features(), out_features());
}
void LinearKernel::forward_to_s8(const float*, size_t, int8_t*, float*) const {
  fail("internal error: this {}x{} product has no int8 output", in_features(), out_features());
}
void LinearKernel::forward_from_s8(const int8_t*, const float*, size_t, float*, bool) const {
  fail("internal error: this {}x{} product has no int8 input", in_features(), out_features());
}

std::unique_ptr<LinearKernel> make_linear_kernel(const LinearSpec& spec, Precision precision) {
  const PrecisionSupport s = cpu_precision_support(precision);
  if (!s.runs) fail("precision {} cannot run on this CPU: {}", precision_name(precision), s.why_not);
  switch (precision) {
    case Precision::Fp32: return make_linear_fp32(spec);
    case Precision::Bf16: return make_linear_bf16(spec);
    case Precision::Int8: return make_linear_int8(spec);
    case Precision::Fp16: break;
  }
  fail("precision {} has no CPU kernel", precision_name(precision));
}

}  // namespace nsmlab
