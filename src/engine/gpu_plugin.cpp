#include "engine/gpu_plugin.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "util/error.h"

#ifndef NSMLAB_CUDA_PLUGIN_BUILT
#define NSMLAB_CUDA_PLUGIN_BUILT 0
#endif

namespace nsmlab {

namespace {

constexpr const char* kPluginName = "libnsmlab_cuda.so";

std::string executable_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : exe.parent_path().string();
}

}  // namespace

std::string cuda_version_text(int v) { return fmt::format("{}.{}", v / 1000, v % 1000 / 10); }

std::string GpuDevice::compute_capability() const { return fmt::format("{}.{}", cc_major, cc_minor); }

std::string gpu_plugin_path() {
  if (const char* env = std::getenv("NSMLAB_CUDA_PLUGIN"); env && *env) return env;
  return (std::filesystem::path(executable_dir()) / kPluginName).string();
}

GpuPlugin::~GpuPlugin() {
  // The library stays loaded: the CUDA runtime inside it tears itself down at exit, and
  // unloading it while its threads or atexit handlers exist would crash.
}

std::unique_ptr<GpuPlugin> GpuPlugin::load(const std::string& path, std::string& why_not, bool probe_driver) {
  const bool from_env = std::getenv("NSMLAB_CUDA_PLUGIN") && *std::getenv("NSMLAB_CUDA_PLUGIN");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    why_not = NSMLAB_CUDA_PLUGIN_BUILT
                  ? fmt::format("the CUDA plugin was not found at {}{}", path,
                                from_env ? " (NSMLAB_CUDA_PLUGIN)" : " (install it next to nsmlab, or set NSMLAB_CUDA_PLUGIN)")
                  : fmt::format("this nsmlab was built without the CUDA backend (no CUDA toolkit at build time) and no "
                                "CUDA plugin is at {}", path);
    return nullptr;
  }
  if (probe_driver) {
    void* driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (!driver) {
      why_not = "the NVIDIA driver library libcuda.so.1 is not installed";
      return nullptr;
    }
    dlclose(driver);
  }
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = dlerror();
    why_not = fmt::format("the CUDA plugin {} does not load: {}", path, e ? e : "unknown error");
    return nullptr;
  }
  auto entry = reinterpret_cast<nsmlab_gpu_entry_fn>(dlsym(lib, NSMLAB_GPU_ENTRY));
  const nsmlab_gpu_api* api = entry ? entry() : nullptr;
  if (!api) {
    dlclose(lib);
    why_not = fmt::format("{} is not an nsmlab CUDA plugin (no {} entry point)", path, NSMLAB_GPU_ENTRY);
    return nullptr;
  }
  if (api->abi_version != NSMLAB_GPU_ABI_VERSION || api->struct_size < sizeof(nsmlab_gpu_api)) {
    why_not = fmt::format("the CUDA plugin {} speaks interface version {}, this nsmlab needs version {} (rebuild "
                          "the plugin with this nsmlab)", path, api->abi_version, NSMLAB_GPU_ABI_VERSION);
    dlclose(lib);
    return nullptr;
  }
  std::unique_ptr<GpuPlugin> p(new GpuPlugin());
  p->library_ = lib;
  p->api_ = api;
  p->path_ = path;
  p->build_info_ = api->build_info ? api->build_info() : "";
  char error[512] = {0};
  int32_t count = 0;
  if (api->device_count(&count, error, sizeof(error)) != NSMLAB_GPU_OK) {
    p->why_no_device_ = error;
    return p;
  }
  if (count == 0) p->why_no_device_ = "the NVIDIA driver sees no GPU";
  for (int32_t i = 0; i < count; ++i) {
    nsmlab_gpu_device_info info{};
    if (api->device_info(i, &info, error, sizeof(error)) != NSMLAB_GPU_OK) {
      p->why_no_device_ = fmt::format("cuda:{}: {}", i, error);
      continue;
    }
    GpuDevice d;
    d.index = i;
    d.name = info.name;
    d.cc_major = info.cc_major;
    d.cc_minor = info.cc_minor;
    d.multiprocessors = info.multiprocessors;
    d.memory_free = info.memory_free;
    d.memory_total = info.memory_total;
    d.driver_version = info.driver_version;
    d.runtime_version = info.runtime_version;
    p->devices_.push_back(std::move(d));
  }
  return p;
}

namespace {

struct ProcessPlugin {
  std::once_flag once;
  std::unique_ptr<GpuPlugin> plugin;
  std::string why_not;
};

ProcessPlugin& process_plugin() {
  static ProcessPlugin p;
  std::call_once(p.once, [] { p.plugin = GpuPlugin::load(gpu_plugin_path(), p.why_not); });
  return p;
}

}  // namespace

const GpuPlugin* gpu_plugin() { return process_plugin().plugin.get(); }
const std::string& gpu_plugin_why_not() { return process_plugin().why_not; }

}  // namespace nsmlab
