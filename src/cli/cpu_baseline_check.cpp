// The binary is compiled for x86-64-v3 (AVX2 + FMA): on an older CPU say so and stop, before any
// other code of ours runs, instead of dying with SIGILL. This file alone is compiled for the
// x86-64 baseline (CMakeLists.txt). A -march=native build may need more than AVX2: not checked.
#include <cstdio>
#include <cstdlib>

namespace {

__attribute__((constructor(101))) void refuse_a_cpu_without_avx2() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return;
  std::fputs("nsmlab: this CPU lacks AVX2 or FMA (x86-64-v3), which this build of nsmlab needs\n", stderr);
  std::_Exit(1);
}

}  // namespace
