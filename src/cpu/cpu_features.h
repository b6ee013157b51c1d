// What this CPU and its operating system let a program use, read once with cpuid/xgetbv.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace nsmlab::cpu {

struct Features {
  bool avx2 = false, fma = false;                                      // x86-64-v3 (with the OS saving ymm)
  bool avx512f = false, avx512bw = false, avx512vl = false, avx512dq = false;  // x86-64-v4 (OS saves zmm)
  bool avx512_bf16 = false, avx512_vnni = false, avx_vnni = false;
  bool amx_tile = false, amx_bf16 = false, amx_int8 = false;  // cpuid says so
  bool amx_os = false;  // and the OS enables tile state (XCR0) and offers it (ARCH_GET_XCOMP_SUPP)

  bool has_avx2_set() const { return avx2 && fma; }
  bool has_avx512_set() const { return avx512f && avx512bw && avx512vl && avx512dq; }
  // name -> present, in a fixed order (for results.json and error messages).
  std::vector<std::pair<std::string, bool>> list() const;
};

// This machine's features (computed once).
const Features& features();
// The CPU's model name from /proc/cpuinfo ("AMD EPYC 9R14"), "unknown" when it says none.
std::string model_name();

}  // namespace nsmlab::cpu
