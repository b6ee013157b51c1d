// How a request becomes candidates: auto never trades accuracy, impossible requests are refused
// with the reason, a GPU asked of a CPU-only build is served by the CPU with a note.
#include <gtest/gtest.h>

#include <cstdlib>

#include "backend/cpu_precision_support.h"
#include "engine/backend_factory.h"
#include "engine/neural_encoder.h"
#include "util/error.h"

namespace nsmlab {
namespace {

std::vector<std::string> names(const BackendPlan& p) {
  std::vector<std::string> n;
  for (const auto& c : p.candidates) n.push_back(c.name());
  return n;
}

TEST(BackendPlan, AutoIsCpuFp32) {
  BackendOptions o;
  EXPECT_EQ(names(plan_backends(o)), (std::vector<std::string>{"cpu-fp32"}));
}

TEST(BackendPlan, ThroughputTakesNativeBf16Only) {
  BackendOptions o;
  o.policy = AutoPolicy::Throughput;
  const bool bf16 = cpu_precision_support(Precision::Bf16).native;
  EXPECT_EQ(names(plan_backends(o)),
            bf16 ? (std::vector<std::string>{"cpu-bf16", "cpu-fp32"}) : (std::vector<std::string>{"cpu-fp32"}));
}

TEST(BackendPlan, ExplicitRequestsAreCheckedAgainstTheCpu) {
  BackendOptions o;
  o.device = parse_device_request("cpu", "--backend");
  o.precision = Precision::Fp16;
  EXPECT_THROW(plan_backends(o), Error);
  for (Precision p : {Precision::Bf16, Precision::Int8}) {
    o.precision = p;
    const PrecisionSupport s = cpu_precision_support(p);
    if (s.native) {
      EXPECT_EQ(names(plan_backends(o)).front(), "cpu-" + std::string(precision_name(p)));
      EXPECT_EQ(names(plan_backends(o)).back(), "cpu-fp32");  // the last resort
    } else {
      EXPECT_THROW(plan_backends(o), Error) << precision_name(p);
      o.insist = true;
      if (s.runs) {
        EXPECT_NO_THROW(plan_backends(o));
      }
      o.insist = false;
    }
  }
}

TEST(BackendPlan, CudaWithoutTheBackendIsServedByTheCpuWithANote) {
  setenv("NSMLAB_CUDA_PLUGIN", "/nonexistent/libnsmlab_cuda.so", 1);  // no GPU, whatever this machine has
  BackendOptions o;
  o.device = parse_device_request("cuda:0", "--backend");
  o.precision = Precision::Fp16;
  BackendPlan p = plan_backends(o);
  ASSERT_FALSE(p.candidates.empty());
  EXPECT_EQ(p.candidates.back().name(), "cpu-fp32");
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes.front().find("--backend cuda:0: "), std::string::npos) << p.notes.front();
  EXPECT_NE(p.notes.front().find("running on the CPU instead"), std::string::npos) << p.notes.front();
}

TEST(BackendOffers, EveryCpuPrecisionIsListedWithAVerdict) {
  auto offers = backend_offers();
  ASSERT_GE(offers.size(), 4u);
  for (const auto& o : offers) {
    if (o.device != DeviceKind::Cpu) continue;
    if (!o.runs || !o.native) {
      EXPECT_FALSE(o.why_not.empty()) << o.name();
    }
  }
  EXPECT_TRUE(offers.front().runs);  // cpu-fp32 runs everywhere
}

TEST(NeuralEncoder, SaysWhatRan) {
  BackendOptions o;
  o.threads = 1;
  NeuralEncoder enc(std::string(NSMLAB_FIXTURES_DIR) + "/models_hf/bert_mean", o);
  BackendDescription d = enc.backend_description();
  EXPECT_EQ(d.name(), "cpu-fp32");
  EXPECT_EQ(d.threads, 1);
  EXPECT_FALSE(d.libraries.at("oneDNN").empty());
  EXPECT_FALSE(d.instruction_set.empty());
}

}  // namespace
}  // namespace nsmlab
