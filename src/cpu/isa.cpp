#include "cpu/isa.h"

#include <dnnl.hpp>

#include <cstdlib>
#include <string_view>

#include "util/error.h"

namespace nsmlab::cpu {

namespace {

std::string missing(const Features& f, bool want_avx512) {
  std::string out;
  for (const auto& [name, present] : f.list()) {
    const bool needed = name == "avx2" || name == "fma" ||
                        (want_avx512 && (name == "avx512f" || name == "avx512bw" || name == "avx512vl" || name == "avx512dq"));
    if (needed && !present) out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

const char* isa_name(Isa isa) { return isa == Isa::Avx512 ? "avx512" : "avx2"; }

IsaChoice choose_isa(const char* requested, const Features& f) {
  const std::string_view want = requested && *requested ? requested : "native";
  IsaChoice c;
  c.requested = std::string(want);
  c.onednn_cap = "none";
  if (want == "native") {
    if (!f.has_avx2_set())
      fail("this CPU lacks {}: nsmlab is built for x86-64-v3 (AVX2 and FMA) and cannot run here", missing(f, false));
    c.kernels = f.has_avx512_set() ? Isa::Avx512 : Isa::Avx2;
  } else if (want == "avx2") {
    if (!f.has_avx2_set()) fail("NSMLAB_CPU_ISA=avx2: this CPU lacks {}", missing(f, false));
    c.kernels = Isa::Avx2;
    c.onednn_cap = "avx2";
  } else if (want == "avx512") {
    if (!f.has_avx512_set())
      fail("NSMLAB_CPU_ISA=avx512: this CPU (or its operating system) lacks {}", missing(f, true));
    c.kernels = Isa::Avx512;
  } else {
    fail("NSMLAB_CPU_ISA='{}': expected avx2, avx512 or native", want);
  }
  return c;
}

const IsaChoice& isa_choice() {
  // A refused value throws here and is refused again on the next call (the static stays unset).
  static const IsaChoice choice = [] {
    IsaChoice c = choose_isa(std::getenv("NSMLAB_CPU_ISA"), features());
    if (c.onednn_cap == "avx2" && dnnl::set_max_cpu_isa(dnnl::cpu_isa::avx2) != dnnl::status::success)
      fail("NSMLAB_CPU_ISA=avx2: oneDNN refused the limit (it was already in use, or was built without "
           "DNNL_ENABLE_MAX_CPU_ISA); ONEDNN_MAX_CPU_ISA=AVX2 sets it from the environment instead");
    return c;
  }();
  return choice;
}

}  // namespace nsmlab::cpu
