#include "engine/backend_factory.h"

#include "backend/cpu_precision_support.h"
#include "backend/fault_injection.h"
#include "cpu/cpu_features.h"
#include "engine/cpu_backend.h"
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

}  // namespace

std::string gpu_unavailable_reason() {
  return "this nsmlab was built without the CUDA backend (it needs the CUDA toolkit at build time)";
}

std::vector<BackendOffer> backend_offers() {
  std::vector<BackendOffer> offers;
  for (Precision p : all_precisions()) offers.push_back(cpu_offer(p));
  return offers;
}

BackendPlan plan_backends(const BackendOptions& o) {
  BackendPlan plan;
  const bool wants_gpu = o.device.automatic || o.device.kind == DeviceKind::Cuda;
  // No GPU offers in this build: an explicit request says so and falls back to the CPU.
  if (wants_gpu && !o.device.automatic)
    plan.notes.push_back(fmt::format("--backend {}: {}; running on the CPU instead", device_request_string(o.device),
                                     gpu_unavailable_reason()));
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
    case DeviceKind::Cuda:
      throw BackendFailure(name + ": " + gpu_unavailable_reason());
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
