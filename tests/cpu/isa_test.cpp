// The choice of instruction set from NSMLAB_CPU_ISA and the CPU's features, and the features
// read with cpuid against the compiler's own detection.
#include <gtest/gtest.h>

#include "cpu/build_info.h"
#include "cpu/cpu_features.h"
#include "cpu/isa.h"
#include "util/error.h"

namespace nsmlab::cpu {
namespace {

Features avx2_only() {
  Features f;
  f.avx2 = f.fma = true;
  return f;
}

Features with_avx512() {
  Features f = avx2_only();
  f.avx512f = f.avx512bw = f.avx512vl = f.avx512dq = true;
  return f;
}

std::string error_of(const char* requested, const Features& f) {
  try {
    choose_isa(requested, f);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ChooseIsa, NativeTakesTheBestVariantAndLeavesOneDnnFree) {
  EXPECT_EQ(choose_isa(nullptr, with_avx512()).kernels, Isa::Avx512);
  EXPECT_EQ(choose_isa("", avx2_only()).kernels, Isa::Avx2);
  EXPECT_EQ(choose_isa("native", with_avx512()).requested, "native");
  EXPECT_EQ(choose_isa(nullptr, with_avx512()).onednn_cap, "none");
}

TEST(ChooseIsa, Avx2ForcesTheAvx2KernelsAndCapsOneDnn) {
  IsaChoice c = choose_isa("avx2", with_avx512());
  EXPECT_EQ(c.kernels, Isa::Avx2);
  EXPECT_EQ(c.onednn_cap, "avx2");
}

TEST(ChooseIsa, RefusesAnIsaTheCpuLacksNamingWhatIsMissing) {
  Features f = with_avx512();
  f.avx512bw = false;
  const std::string e = error_of("avx512", f);
  EXPECT_NE(e.find("NSMLAB_CPU_ISA=avx512"), std::string::npos) << e;
  EXPECT_NE(e.find("avx512bw"), std::string::npos) << e;
  EXPECT_EQ(e.find("avx512f,"), std::string::npos) << e;  // only what is missing
  EXPECT_NE(error_of("avx2", Features{}).find("avx2, fma"), std::string::npos);
  EXPECT_NE(error_of(nullptr, Features{}).find("x86-64-v3"), std::string::npos);
}

TEST(ChooseIsa, RefusesAnUnknownValue) {
  const std::string e = error_of("sse4", with_avx512());
  EXPECT_NE(e.find("NSMLAB_CPU_ISA='sse4'"), std::string::npos) << e;
  EXPECT_NE(e.find("expected avx2, avx512 or native"), std::string::npos) << e;
}

TEST(CpuFeatures, AgreeWithTheCompilersDetection) {
  const Features& f = features();
  __builtin_cpu_init();
  EXPECT_EQ(f.avx2, bool(__builtin_cpu_supports("avx2")));
  EXPECT_EQ(f.fma, bool(__builtin_cpu_supports("fma")));
  EXPECT_EQ(f.avx512f, bool(__builtin_cpu_supports("avx512f")));
  EXPECT_EQ(f.avx512bw, bool(__builtin_cpu_supports("avx512bw")));
  EXPECT_EQ(f.avx512vl, bool(__builtin_cpu_supports("avx512vl")));
  EXPECT_EQ(f.avx512dq, bool(__builtin_cpu_supports("avx512dq")));
  EXPECT_EQ(f.avx512_vnni, bool(__builtin_cpu_supports("avx512vnni")));
  EXPECT_EQ(f.avx512_bf16, bool(__builtin_cpu_supports("avx512bf16")));
  EXPECT_TRUE(f.has_avx2_set()) << "this binary is built for x86-64-v3";
  EXPECT_FALSE(f.amx_os && !f.amx_tile);
}

TEST(BuildInfo, RecordsTheMarchOfThisBuild) {
  const std::string flags = compile_flags();
  EXPECT_NE(flags.find("-march="), std::string::npos) << flags;
}

}  // namespace
}  // namespace nsmlab::cpu
