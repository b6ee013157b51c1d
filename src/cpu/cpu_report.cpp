#include "cpu/cpu_report.h"

#include <dnnl.hpp>

#include "cpu/build_info.h"
#include "cpu/isa.h"

namespace nsmlab::cpu {

namespace {

const char* onednn_isa_name(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::all: return "all";
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_mic: return "avx512_mic";
    case dnnl::cpu_isa::avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
  }
  return "unknown";
}

}  // namespace

std::string onednn_isa() { return onednn_isa_name(dnnl::get_effective_cpu_isa()); }

std::string onednn_version() {
  const dnnl_version_t* v = dnnl_version();
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
}

CpuReport cpu_report() {
  const IsaChoice& c = isa_choice();
  CpuReport r{isa_name(c.kernels), c.requested, c.onednn_cap, onednn_isa_name(dnnl::get_effective_cpu_isa()), {},
              compile_flags()};
  for (const auto& [name, present] : features().list()) r.features[name] = present;
  return r;
}

}  // namespace nsmlab::cpu
