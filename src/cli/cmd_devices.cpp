// nsmlab devices: the CPU and its instruction sets that matter, each GPU the CUDA backend sees,
// and which backend x precision pairs run here (and why not).
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cpu/cpu_features.h"
#include "cpu/cpu_report.h"
#include "engine/backend_factory.h"
#include "engine/gpu_plugin.h"
#include "util/json_file.h"

namespace nsmlab::cli {

namespace {

Json gpus_json() {
  Json gpus = Json::array();
  if (const GpuPlugin* p = gpu_plugin())
    for (const GpuDevice& d : p->devices())
      gpus.push_back({{"index", d.index}, {"name", d.name}, {"compute_capability", d.compute_capability()},
                      {"multiprocessors", d.multiprocessors}, {"memory_free_mib", d.memory_free >> 20},
                      {"memory_total_mib", d.memory_total >> 20}, {"driver_cuda", cuda_version_text(d.driver_version)},
                      {"plugin", p->build_info()}});
  return gpus;
}

Json devices_json() {
  Json cpu_features = Json::object();
  for (const auto& [name, present] : cpu::features().list()) cpu_features[name] = present;
  Json offers = Json::array();
  for (const BackendOffer& o : backend_offers())
    offers.push_back({{"name", o.name()}, {"runs", o.runs}, {"native", o.native}, {"how", o.how},
                      {"why_not", o.why_not}});
  return {{"cpu", {{"model", cpu::model_name()},
                   {"threads", std::thread::hardware_concurrency()},
                   {"features", cpu_features},
                   {"onednn", {{"version", cpu::onednn_version()}, {"isa", cpu::onednn_isa()}}}}},
          {"gpus", gpus_json()},
          {"gpu_note", gpu_unavailable_reason()},
          {"backends", offers}};
}

}  // namespace

Action add_devices(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* c = app.add_subcommand("devices", "List the CPU, the GPUs and which backend x precision pairs run here");
  c->add_flag("--json", *json, "Print JSON instead of text");
  return [json] {
    const Json d = devices_json();
    if (*json) {
      std::printf("%s\n", d.dump(2).c_str());
      return 0;
    }
    const Json& cpu = d["cpu"];
    std::printf("CPU: %s, %u hardware threads\n", cpu["model"].get<std::string>().c_str(),
                cpu["threads"].get<unsigned>());
    std::string have, lack;
    for (const auto& [name, present] : cpu["features"].items()) (present.get<bool>() ? have : lack) += " " + name;
    std::printf("  has:    %s\n  lacks:  %s\n", have.empty() ? " -" : have.c_str(), lack.empty() ? " -" : lack.c_str());
    std::printf("  oneDNN %s, kernels %s\n", cpu["onednn"]["version"].get<std::string>().c_str(),
                cpu["onednn"]["isa"].get<std::string>().c_str());
    if (d["gpus"].empty()) std::printf("GPUs: none (%s)\n", d["gpu_note"].get<std::string>().c_str());
    for (const Json& g : d["gpus"])
      std::printf("GPU cuda:%d: %s, compute capability %s, %d multiprocessors, %llu of %llu MiB free, driver CUDA %s\n",
                  g["index"].get<int>(), g["name"].get<std::string>().c_str(),
                  g["compute_capability"].get<std::string>().c_str(), g["multiprocessors"].get<int>(),
                  g["memory_free_mib"].get<unsigned long long>(), g["memory_total_mib"].get<unsigned long long>(),
                  g["driver_cuda"].get<std::string>().c_str());
    std::printf("\n");
    std::printf("%-12s %-6s %s\n", "backend", "runs", "how / why not");
    for (const Json& o : d["backends"]) {
      const bool runs = o["runs"], native = o["native"];
      const std::string status = !runs ? "no" : native ? "yes" : "slow";
      const std::string detail = native ? o["how"].get<std::string>() : o["why_not"].get<std::string>();
      std::printf("%-12s %-6s %s\n", o["name"].get<std::string>().c_str(), status.c_str(), detail.c_str());
    }
    return 0;
  };
}

}  // namespace nsmlab::cli
