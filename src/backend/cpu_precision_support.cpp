#include "backend/cpu_precision_support.h"

#include "cpu/cpu_features.h"
#include "cpu/isa.h"

namespace nsmlab {

PrecisionSupport cpu_precision_support(Precision p) {
  const cpu::Features& f = cpu::features();
  const bool avx512 = cpu::isa_choice().kernels == cpu::Isa::Avx512;  // false when capped to AVX2
  const bool amx = avx512 && f.amx_os && f.amx_tile;
  PrecisionSupport s;
  switch (p) {
    case Precision::Fp32:
      s.runs = s.native = true;
      s.how = avx512 ? "AVX-512" : "AVX2";
      return s;
    case Precision::Bf16:
      s.runs = f.has_avx512_set() && avx512;  // oneDNN emulates bf16 products on plain AVX-512
      if (amx && f.amx_bf16) {
        s.native = true;
        s.how = "AMX-BF16";
      } else if (avx512 && f.avx512_bf16) {
        s.native = true;
        s.how = "AVX512_BF16";
      } else {
        s.why_not = s.runs ? "this CPU has neither AVX512_BF16 nor AMX-BF16: bf16 products would be emulated, "
                             "slower than fp32 and less accurate"
                           : "this CPU (or NSMLAB_CPU_ISA) offers no AVX-512: oneDNN has no bf16 kernels for it";
      }
      return s;
    case Precision::Int8:
      if (amx && f.amx_int8) {
        s.runs = s.native = true;
        s.how = "AMX-INT8";
      } else if (avx512 && f.avx512_vnni) {
        s.runs = s.native = true;
        s.how = "AVX512-VNNI";
      } else if (f.avx_vnni && cpu::isa_choice().onednn_cap == "none") {
        // oneDNN 2.6 runs it on gemm:jit, not brgemm (that wants AVX512-VNNI): right sums, and with
        // ONEDNN_MAX_CPU_ISA=AVX2_VNNI on a Zen 5 core about 3x the AVX2 fp32 products (270 vs 100 GFLOP/s).
        s.runs = s.native = true;
        s.how = "AVX-VNNI";
      } else if (f.avx512_vnni || f.avx_vnni || f.amx_int8) {
        s.why_not = "NSMLAB_CPU_ISA=" + cpu::isa_choice().requested + " limits oneDNN to " + cpu::isa_choice().onednn_cap +
                    " without VNNI: its u8 x s8 products add pairs in 16 bits and saturate (measured: wrong sums), so "
                    "nsmlab refuses int8 under this limit";
      } else {
        s.why_not = "this CPU has no VNNI (AVX512-VNNI, AVX-VNNI or AMX-INT8): its u8 x s8 products add pairs in 16 "
                    "bits and saturate (the vpmaddubsw problem ONNX Runtime and OpenVINO document), so nsmlab "
                    "refuses int8 here rather than return wrong embeddings";
      }
      return s;
    case Precision::Fp16:
      s.why_not = "fp16 is a GPU precision in nsmlab: CPUs compute it no faster than bf16 (use bf16 on a CPU "
                  "with AVX512_BF16 or AMX)";
      return s;
  }
  return s;
}

}  // namespace nsmlab
