// Finds, loads and checks the CUDA plugin (libnsmlab_cuda.so, src/cuda/), so the nsmlab
// binary itself never links CUDA: without the plugin, its libraries or a driver, the GPU is
// simply absent and why_not says exactly what is missing.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "backend/gpu_plugin_abi.h"

namespace nsmlab {

struct GpuDevice {
  int index = 0;
  std::string name;
  int cc_major = 0, cc_minor = 0, multiprocessors = 0;
  size_t memory_free = 0, memory_total = 0;
  int driver_version = 0;   // CUDA version the driver supports (13000 = 13.0)
  int runtime_version = 0;  // CUDA runtime inside the plugin
  std::string compute_capability() const;  // "9.0"
  bool has_bf16() const { return cc_major >= 8; }
};

std::string cuda_version_text(int version);  // 13000 -> "13.0"

class GpuPlugin {
 public:
  ~GpuPlugin();
  const nsmlab_gpu_api& api() const { return *api_; }
  const std::string& path() const { return path_; }
  const std::string& build_info() const { return build_info_; }
  // The GPUs the driver shows (empty with why_not set when there is no driver or no GPU).
  const std::vector<GpuDevice>& devices() const { return devices_; }
  const std::string& why_no_device() const { return why_no_device_; }

  // Loads the plugin at `path` and asks it for the devices. Returns null with `why_not` set
  // when the file is missing, the NVIDIA driver (libcuda.so.1) is not installed (checked first
  // when `probe_driver`: a CPU-only machine then never loads cuBLASLt), the file does not load
  // (a library it needs is missing), is not an nsmlab plugin or speaks another ABI version.
  static std::unique_ptr<GpuPlugin> load(const std::string& path, std::string& why_not, bool probe_driver = true);

 private:
  GpuPlugin() = default;
  void* library_ = nullptr;
  const nsmlab_gpu_api* api_ = nullptr;
  std::string path_, build_info_, why_no_device_;
  std::vector<GpuDevice> devices_;
};

// Where the plugin is looked for: $NSMLAB_CUDA_PLUGIN when set, else libnsmlab_cuda.so next to
// the running nsmlab binary. The one place for that rule.
std::string gpu_plugin_path();

// This process's plugin, loaded on first use (thread-safe); null when unavailable, with the
// reason in gpu_plugin_why_not(). A plugin that loads but sees no GPU is returned (devices() empty).
const GpuPlugin* gpu_plugin();
const std::string& gpu_plugin_why_not();

}  // namespace nsmlab
