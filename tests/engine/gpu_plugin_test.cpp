// The GPU seam without a GPU: the plugin loader's error paths, the factory's plan with GPU
// offers, and the CUDA backend's status codes, all through a stand-in plugin
// (tests/fake_gpu/fake_gpu_plugin.cpp).
#include "engine/gpu_plugin.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "engine/backend_factory.h"
#include "engine/cuda_backend.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

struct EnvVar {  // set for one test, restored after
  std::string name;
  EnvVar(const char* n, const char* value) : name(n) { setenv(n, value, 1); }
  ~EnvVar() { unsetenv(name.c_str()); }
};

// The stand-in needs no driver: the probe for libcuda.so.1 is left out.
std::unique_ptr<GpuPlugin> load(const std::string& path, std::string& why) { return GpuPlugin::load(path, why, false); }

std::string fixture_model() { return (fs::path(NSMLAB_FIXTURES_DIR) / "models_hf" / "bert_mean").string(); }

BackendOffer gpu(int index, Precision p, bool runs = true) {
  BackendOffer o;
  o.device = DeviceKind::Cuda;
  o.device_index = index;
  o.device_name = "Test GPU";
  o.precision = p;
  o.runs = o.native = runs;
  if (!runs) o.why_not = "bf16 needs compute capability 8.0 or newer; Test GPU is 7.5";
  return o;
}

struct FakeGpus {  // plan_backends sees these as the machine's GPUs
  std::vector<BackendOffer> offers;
  explicit FakeGpus(std::vector<BackendOffer> o) : offers(std::move(o)) { set_gpu_offers_for_testing(&offers); }
  ~FakeGpus() { set_gpu_offers_for_testing(nullptr); }
};

BackendOptions request(const std::string& device, std::optional<Precision> p = std::nullopt) {
  BackendOptions o;
  o.device = parse_device_request(device, "--backend");
  o.precision = p;
  return o;
}

}  // namespace

TEST(GpuPlugin, MissingFileSaysWhere) {
  std::string why;
  EXPECT_EQ(load("/nonexistent/libnsmlab_cuda.so", why), nullptr);
  EXPECT_NE(why.find("/nonexistent/libnsmlab_cuda.so"), std::string::npos) << why;
}

TEST(GpuPlugin, PathComesFromTheEnvironmentOrTheBinary) {
  {
    EnvVar e("NSMLAB_CUDA_PLUGIN", "/opt/x/libnsmlab_cuda.so");
    EXPECT_EQ(gpu_plugin_path(), "/opt/x/libnsmlab_cuda.so");
  }
  EXPECT_EQ(fs::path(gpu_plugin_path()).filename(), "libnsmlab_cuda.so");
  EXPECT_EQ(fs::path(gpu_plugin_path()).parent_path(), fs::read_symlink("/proc/self/exe").parent_path());
}

TEST(GpuPlugin, BogusFileDoesNotLoad) {
  const fs::path bogus = fs::temp_directory_path() / ("nsmlab_bogus_plugin_" + std::to_string(getpid()) + ".so");
  std::ofstream(bogus) << "not an ELF file\n";
  std::string why;
  EXPECT_EQ(load(bogus.string(), why), nullptr);
  EXPECT_NE(why.find("does not load"), std::string::npos) << why;
  fs::remove(bogus);
}

TEST(GpuPlugin, LibraryWithoutEntryPointIsRefused) {
  EnvVar e("NSMLAB_FAKE_GPU_ABI", "none");
  std::string why;
  // "none" makes the stand-in's entry point answer null, as a library that is not a plugin would.
  EXPECT_EQ(load(NSMLAB_FAKE_GPU_PLUGIN, why), nullptr);
  EXPECT_NE(why.find("not an nsmlab CUDA plugin"), std::string::npos) << why;
}

TEST(GpuPlugin, OtherInterfaceVersionIsRefused) {
  EnvVar e("NSMLAB_FAKE_GPU_ABI", "99");
  std::string why;
  EXPECT_EQ(load(NSMLAB_FAKE_GPU_PLUGIN, why), nullptr);
  EXPECT_NE(why.find("interface version 99"), std::string::npos) << why;
  EXPECT_NE(why.find("needs version " + std::to_string(NSMLAB_GPU_ABI_VERSION)), std::string::npos) << why;
}

TEST(GpuPlugin, NoDriverMeansNoDevicesWithTheReason) {
  EnvVar e("NSMLAB_FAKE_GPU_DEVICES", "nodriver");
  std::string why;
  auto p = load(NSMLAB_FAKE_GPU_PLUGIN, why);
  ASSERT_NE(p, nullptr) << why;
  EXPECT_TRUE(p->devices().empty());
  EXPECT_NE(p->why_no_device().find("libcuda.so.1"), std::string::npos) << p->why_no_device();
}

TEST(GpuPlugin, ListsDevices) {
  EnvVar e("NSMLAB_FAKE_GPU_DEVICES", "2");
  std::string why;
  auto p = load(NSMLAB_FAKE_GPU_PLUGIN, why);
  ASSERT_NE(p, nullptr) << why;
  ASSERT_EQ(p->devices().size(), 2u);
  EXPECT_EQ(p->devices()[1].name, "Fake GPU 1");
  EXPECT_EQ(p->devices()[0].compute_capability(), "7.5");
  EXPECT_FALSE(p->devices()[0].has_bf16());
  EXPECT_EQ(cuda_version_text(p->devices()[0].driver_version), "13.0");
}

TEST(GpuPlugin, DriverIsProbedBeforeThePluginLoads) {
  std::string why;
  auto p = GpuPlugin::load(NSMLAB_FAKE_GPU_PLUGIN, why, true);
  void* driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (driver) {
    dlclose(driver);
    EXPECT_NE(p, nullptr) << why;  // a machine with the driver: the plugin loads
  } else {
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(why, "the NVIDIA driver library libcuda.so.1 is not installed");
  }
}

TEST(GpuPlan, AutoTakesTheGpuInFp16ThenTheCpu) {
  FakeGpus g({gpu(0, Precision::Fp16), gpu(0, Precision::Bf16), gpu(0, Precision::Fp32)});
  const BackendPlan plan = plan_backends(request("auto"));
  ASSERT_GE(plan.candidates.size(), 2u);
  EXPECT_EQ(plan.candidates[0].name(), "cuda:0-fp16");
  EXPECT_EQ(plan.candidates[1].device, DeviceKind::Cpu);
  EXPECT_EQ(plan.candidates[1].precision, Precision::Fp32);  // the faithful fallback
}

TEST(GpuPlan, ExplicitPrecisionAndDevice) {
  FakeGpus g({gpu(0, Precision::Fp16), gpu(0, Precision::Fp32), gpu(1, Precision::Fp16), gpu(1, Precision::Fp32)});
  EXPECT_EQ(plan_backends(request("cuda", Precision::Fp32)).candidates[0].name(), "cuda:0-fp32");
  EXPECT_EQ(plan_backends(request("cuda:1")).candidates[0].name(), "cuda:1-fp16");
  const BackendPlan cpu = plan_backends(request("cpu"));
  for (const BackendOffer& o : cpu.candidates) EXPECT_EQ(o.device, DeviceKind::Cpu);
}

TEST(GpuPlan, WhatTheGpuCannotDoIsSaidAndTheCpuRuns) {
  FakeGpus g({gpu(0, Precision::Fp16), gpu(0, Precision::Bf16, false), gpu(0, Precision::Fp32)});
  const BackendPlan bf16 = plan_backends(request("cuda", Precision::Bf16));
  ASSERT_FALSE(bf16.candidates.empty());
  EXPECT_EQ(bf16.candidates[0].device, DeviceKind::Cpu);
  ASSERT_FALSE(bf16.notes.empty());
  EXPECT_NE(bf16.notes[0].find("compute capability 8.0"), std::string::npos) << bf16.notes[0];
  const BackendPlan missing = plan_backends(request("cuda:3"));
  ASSERT_FALSE(missing.notes.empty());
  EXPECT_NE(missing.notes[0].find("no GPU cuda:3 (1 visible)"), std::string::npos) << missing.notes[0];
}

TEST(GpuPlan, NoGpuKeepsTheCpuPlan) {
  FakeGpus g({});
  const BackendPlan plan = plan_backends(request("auto"));
  ASSERT_FALSE(plan.candidates.empty());
  EXPECT_EQ(plan.candidates[0].name(), "cpu-fp32");
  EXPECT_TRUE(plan.notes.empty());
}

TEST(CudaBackendPlumbing, RowsStatusCodesAndOutOfMemory) {
  std::string why;
  auto p = load(NSMLAB_FAKE_GPU_PLUGIN, why);
  ASSERT_NE(p, nullptr) << why;
  CudaBackend backend(fixture_model(), *p, 0, Precision::Fp16);
  EXPECT_EQ(backend.description().name(), "cuda:0-fp16");
  EXPECT_EQ(backend.description().device_name, "Fake GPU 0");
  PackedBatch batch;
  const std::vector<int32_t> ids = {2, 5, 7, 9, 3};
  batch.add(ids.data(), nullptr, 5);
  batch.add(ids.data(), nullptr, 2);
  Matrix m = backend.embed(batch);
  ASSERT_EQ(m.rows, 2u);
  ASSERT_EQ(m.cols, backend.dimension());
  EXPECT_EQ(m(0, 0), 5.f);
  EXPECT_EQ(m(1, m.cols - 1), 2.f);
  {
    EnvVar e("NSMLAB_FAKE_GPU_MAX_TOKENS", "4");
    EXPECT_THROW(backend.embed(batch), OutOfDeviceMemory);
  }
  EXPECT_THROW(backend.token_states(batch), BackendFailure);
  PackedBatch bad;
  const std::vector<int32_t> outside = {1 << 30};
  bad.add(outside.data(), nullptr, 1);
  EXPECT_THROW(backend.embed(bad), Error);  // checked before the device sees it
}
