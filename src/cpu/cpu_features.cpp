#include "cpu/cpu_features.h"

#include <cpuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>

namespace nsmlab::cpu {

namespace {

bool bit(unsigned v, int b) { return (v >> b) & 1u; }

uint64_t xcr0() {
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t(hi) << 32) | lo;
}

// Linux (5.16+) hands out AMX tile data only on request; ask whether it is supported at all,
// without requesting it (oneDNN requests it itself when it uses AMX).
bool os_offers_amx_tiles() {
  constexpr int kArchGetXcompSupp = 0x1021, kXfeatureTileData = 18;
  uint64_t supported = 0;
  if (syscall(SYS_arch_prctl, kArchGetXcompSupp, &supported) != 0) return false;
  return bit(static_cast<unsigned>(supported >> kXfeatureTileData), 0);
}

Features detect() {
  Features f;
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  const bool osxsave = bit(c, 27), avx = bit(c, 28), fma = bit(c, 12);
  if (!osxsave || !avx) return f;
  const uint64_t x = xcr0();
  const bool os_ymm = (x & 0x6) == 0x6, os_zmm = os_ymm && (x & 0xe0) == 0xe0, os_tiles = (x & 0x60000) == 0x60000;
  if (!os_ymm) return f;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return f;
  const unsigned max_sub = a;
  f.avx2 = bit(b, 5);
  f.fma = fma;
  if (os_zmm) {
    f.avx512f = bit(b, 16);
    f.avx512dq = bit(b, 17);
    f.avx512bw = bit(b, 30);
    f.avx512vl = bit(b, 31);
    f.avx512_vnni = bit(c, 11);
  }
  f.amx_bf16 = bit(d, 22);
  f.amx_tile = bit(d, 24);
  f.amx_int8 = bit(d, 25);
  f.amx_os = f.amx_tile && os_tiles && os_offers_amx_tiles();
  if (max_sub >= 1 && __get_cpuid_count(7, 1, &a, &b, &c, &d)) {
    f.avx_vnni = bit(a, 4);
    f.avx512_bf16 = os_zmm && bit(a, 5);
  }
  return f;
}

}  // namespace

std::vector<std::pair<std::string, bool>> Features::list() const {
  return {{"avx2", avx2},         {"fma", fma},           {"avx512f", avx512f},   {"avx512bw", avx512bw},
          {"avx512vl", avx512vl}, {"avx512dq", avx512dq}, {"avx512_bf16", avx512_bf16},
          {"avx512_vnni", avx512_vnni}, {"avx_vnni", avx_vnni}, {"amx_tile", amx_tile},
          {"amx_bf16", amx_bf16}, {"amx_int8", amx_int8}, {"amx_usable", amx_os}};
}

const Features& features() {
  static const Features f = detect();
  return f;
}

}  // namespace nsmlab::cpu
