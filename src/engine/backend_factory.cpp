#include "engine/backend_factory.h"

#include <set>

#include "backend/cpu_precision_support.h"
#include "backend/fault_injection.h"
#include "cpu/cpu_features.h"
#include "engine/cpu_backend.h"
#include "engine/cuda_backend.h"
#include "engine/gpu_plugin.h"
#include "engine/fault_injecting_backend.h"
#include "util/error.h"

namespace nsmlab {

namespace {

BackendOffer cpu_offer(Precision p) {
  const PrecisionSupport s = cpu_precision_support(p);
  BackendOffer o;
  o.device = DeviceKind::Cpu;
  o.device_name = cpu::model_name();
  o.precision = p;
  o.runs = s.runs;
  o.native = s.native;
  o.how = s.how;
  o.why_not = s.why_not;
  return o;
}

// What the CPU runs in place of a GPU precision: the same number format when the CPU computes
// it natively, else fp32 (never a slower emulation).
Precision cpu_counterpart(Precision p) {
  if (p == Precision::Fp16) p = Precision::Bf16;
  if (p == Precision::Fp32) return p;
  return cpu_precision_support(p).native ? p : Precision::Fp32;
}

void add_cpu(BackendPlan& plan, Precision p) {
  plan.candidates.push_back(cpu_offer(p));
  if (p != Precision::Fp32) plan.candidates.push_back(cpu_offer(Precision::Fp32));  // last resort
}

// The GPU precisions, one offer each per device: fp16 everywhere, bf16 from Ampere (sm_80) on,
// fp32 (no TF32) for exactness checks.
std::vector<BackendOffer> plugin_gpu_offers() {
  std::vector<BackendOffer> offers;
  const GpuPlugin* plugin = gpu_plugin();
  if (!plugin) return offers;
  for (const GpuDevice& d : plugin->devices())
    for (Precision p : {Precision::Fp16, Precision::Bf16, Precision::Fp32}) {
      BackendOffer o;
      o.device = DeviceKind::Cuda;
      o.device_index = d.index;
      o.device_name = d.name;
      o.precision = p;
      o.runs = p != Precision::Bf16 || d.has_bf16();
      o.native = o.runs;
      o.how = fmt::format("sm_{}{}, cuBLASLt{}", d.cc_major, d.cc_minor, p == Precision::Fp32 ? " (TF32 off)" : "");
      if (!o.runs) o.why_not = fmt::format("bf16 needs compute capability 8.0 or newer; {} is {}", d.name,
                                           d.compute_capability());
      offers.push_back(std::move(o));
    }
  return offers;
}

const std::vector<BackendOffer>* test_gpu_offers = nullptr;

std::vector<BackendOffer> gpu_offers() { return test_gpu_offers ? *test_gpu_offers : plugin_gpu_offers(); }

// The CPU precision that stands in when the GPU fails: the requested one's nearest native
// counterpart, or for auto what the CPU plan would take.
Precision cpu_fallback(const BackendOptions& o) {
  if (o.precision) return cpu_counterpart(*o.precision);
  if (o.policy == AutoPolicy::Throughput && cpu_precision_support(Precision::Bf16).native) return Precision::Bf16;
  return Precision::Fp32;
}

}  // namespace

void set_gpu_offers_for_testing(const std::vector<BackendOffer>* offers) { test_gpu_offers = offers; }

std::string gpu_unavailable_reason() {
  if (test_gpu_offers) return test_gpu_offers->empty() ? "no GPU (test)" : "";
  const GpuPlugin* plugin = gpu_plugin();
  if (!plugin) return gpu_plugin_why_not();
  if (plugin->devices().empty()) return plugin->why_no_device();
  return "";
}

std::vector<BackendOffer> backend_offers() {
  std::vector<BackendOffer> offers = gpu_offers();
  for (Precision p : all_precisions()) offers.push_back(cpu_offer(p));
  return offers;
}

BackendPlan plan_backends(const BackendOptions& o) {
  BackendPlan plan;
  const bool wants_gpu = o.device.automatic || o.device.kind == DeviceKind::Cuda;
  if (wants_gpu) {
    // auto and cuda take the GPU when one is there: fp16 unless asked otherwise (what
    // sentence-transformers users run), the CPU after it as the fallback.
    const Precision want = o.precision.value_or(Precision::Fp16);
    std::vector<BackendOffer> gpus = gpu_offers();
    const BackendOffer* pick = nullptr;
    std::string missing;
    for (const BackendOffer& g : gpus)
      if ((o.device.index < 0 || g.device_index == o.device.index) && g.precision == want) {
        if (g.runs) {
          pick = &g;
          break;
        }
        if (missing.empty()) missing = g.why_not;
      }
    if (pick) {
      plan.candidates.push_back(*pick);
      add_cpu(plan, cpu_fallback(o));
      return plan;
    }
    if (!o.device.automatic) {
      std::set<int> devices;
      for (const BackendOffer& g : gpus) devices.insert(g.device_index);
      const std::string why = gpus.empty() ? gpu_unavailable_reason()
                        : !missing.empty() ? missing
                        : want == Precision::Int8 ? "int8 does not run on the GPU"
                                                   : fmt::format("no GPU cuda:{} ({} visible)", o.device.index,
                                                                 devices.size());
      plan.notes.push_back(
          fmt::format("--backend {}: {}; running on the CPU instead", device_request_string(o.device), why));
    }
  }
  const bool from_gpu_request = !o.device.automatic && o.device.kind == DeviceKind::Cuda;
  if (!o.precision) {
    Precision p = Precision::Fp32;  // run: the notebook's numbers; never trade accuracy silently
    if (o.policy == AutoPolicy::Throughput && cpu_precision_support(Precision::Bf16).native) p = Precision::Bf16;
    add_cpu(plan, p);
    return plan;
  }
  const Precision want = *o.precision;
  const PrecisionSupport s = cpu_precision_support(want);
  if (from_gpu_request || (o.device.automatic && !s.runs)) {
    // Asked of a GPU that is not there: the nearest precision the CPU computes well.
    const Precision p = cpu_counterpart(want);
    if (p != want)
      plan.notes.push_back(fmt::format("precision {} is not available on the CPU ({}); using {}", precision_name(want),
                                       s.why_not.empty() ? "no native support" : s.why_not, precision_name(p)));
    add_cpu(plan, p);
    return plan;
  }
  if (!s.runs) fail("--precision {} on this CPU: {}", precision_name(want), s.why_not);
  if (!s.native && !o.insist)
    fail("--precision {} on this CPU: {}. Use fp32, or add --insist to run it anyway", precision_name(want),
         s.why_not);
  add_cpu(plan, want);
  return plan;
}

std::unique_ptr<EmbeddingBackend> open_offer(const std::string& model_dir, const BackendOffer& offer,
                                             const BackendOptions& options) {
  const std::string name = offer.name();
  std::vector<Fault> faults;
  for (const Fault& f : injected_faults()) {
    if (!f.matches(name)) continue;
    if (f.kind == Fault::Init) throw BackendFailure(name + ": failed to start (injected by NSMLAB_FAULT)");
    faults.push_back(f);
  }
  if (!offer.runs) throw BackendFailure(name + ": " + offer.why_not);
  std::unique_ptr<EmbeddingBackend> backend;
  switch (offer.device) {
    case DeviceKind::Cpu:
      backend = std::make_unique<CpuBackend>(model_dir, offer.precision, options.threads);
      break;
    case DeviceKind::Cuda: {
      const GpuPlugin* plugin = gpu_plugin();
      if (!plugin) throw BackendFailure(name + ": " + gpu_plugin_why_not());
      backend = std::make_unique<CudaBackend>(model_dir, *plugin, offer.device_index, offer.precision);
      break;
    }
  }
  if (!faults.empty()) backend = std::make_unique<FaultInjectingBackend>(std::move(backend), std::move(faults));
  return backend;
}

std::unique_ptr<EmbeddingBackend> open_first(const std::string& model_dir, const BackendPlan& plan,
                                             const BackendOptions& options, size_t first, size_t& index,
                                             std::vector<std::string>& notes) {
  std::string last;
  for (size_t i = first; i < plan.candidates.size(); ++i) {
    try {
      auto backend = open_offer(model_dir, plan.candidates[i], options);
      index = i;
      return backend;
    } catch (const BackendFailure& e) {
      last = e.what();
      if (i + 1 < plan.candidates.size())
        notes.push_back(fmt::format("{}; falling back to {}", e.what(), plan.candidates[i + 1].name()));
    }
  }
  fail("no backend could start: {}", last.empty() ? "no candidate" : last);
}

}  // namespace nsmlab
