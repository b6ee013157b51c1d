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

namespace {
const char* row_form_name(RowForm f) { return f == RowForm::Bf16 ? "bf16" : f == RowForm::Int8 ? "int8" : "fp32"; }
}  // namespace

void LinearKernel::require_forms(const ProductInput& x, const ProductOutput& y, RowForm own) const {
  for (RowForm f : {x.form(), y.form()})
    if (f != RowForm::Fp32 && f != own)
      fail("internal error: this {}x{} product reads and writes fp32 and {}, not {}", in_features(), out_features(),
           row_form_name(own), row_form_name(f));
  if (y.accumulate && y.form() != RowForm::Fp32) fail("internal error: only fp32 output accumulates");
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
