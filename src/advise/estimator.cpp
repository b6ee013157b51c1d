#include "advise/estimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace nsmlab {

namespace {

std::string minutes(double s) {
  if (s < 60) return fmt::format("{:.1f} s", s);
  if (s < 3600) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.1f} h", s / 3600);
}

std::string dollars(double d) { return d == 0 ? "free" : fmt::format("${:.2f}", d); }

}  // namespace

namespace {

struct RateAndOverhead {
  double gflops = 0, overhead_s = 0;
};

// Solves seconds = calls x overhead + gflop / rate on the workload and bench's batch overhead.
RateAndOverhead solve_rate(const WorkloadResult& w, const WorkloadResult* o) {
  RateAndOverhead plain{w.gflop_per_s(), 0};
  if (!o || o == &w || o->seconds <= 0 || w.batches == 0 || o->batches == 0) return plain;
  const double bw = double(w.batches), bo = double(o->batches);
  const double det = bo * w.gflop - bw * o->gflop;
  if (det == 0) return plain;
  const double overhead = (o->seconds * w.gflop - w.seconds * o->gflop) / det;
  const double inverse_rate = (bo * w.seconds - bw * o->seconds) / det;  // seconds per GFLOP
  if (!(overhead >= 0) || !(inverse_rate > 0)) return plain;
  return {1 / inverse_rate, overhead};
}

}  // namespace

Calibration calibrate(const BenchResults& r, const std::string& workload) {
  Calibration c;
  bool any_large = false;
  for (const ModelBench& m : r.models) any_large = any_large || m.shape.parameters() >= kCalibrationMinParameters;
  struct Sums {
    double efficiency = 0, with_peak = 0, gflops = 0, overhead = 0, count = 0;
  };
  std::map<Precision, Sums> sums;
  double load_sum = 0, gb_sum = 0;
  for (const ModelBench& m : r.models) {
    if (any_large && m.shape.parameters() < kCalibrationMinParameters) continue;
    for (const BackendResult& b : m.backends) {
      if (!b.error.empty()) continue;
      const WorkloadResult* w = b.find(workload);
      if (w && w->seconds > 0) {
        const RateAndOverhead s = solve_rate(*w, b.find(kBatchOverheadWorkload));
        Sums& t = sums[b.precision];
        t.gflops += s.gflops;
        t.overhead += s.overhead_s;
        t.count += 1;
        if (const auto peak = r.gemm_peak_gflops.find(b.precision); peak != r.gemm_peak_gflops.end()) {
          t.efficiency += s.gflops / peak->second;
          t.with_peak += 1;
        }
      }
      if (b.precision == Precision::Fp32 && m.weights_file_bytes >= kCalibrationMinLoadBytes) {
        load_sum += b.load_s;
        gb_sum += m.weights_file_bytes / 1e9;
      }
    }
  }
  for (const auto& [p, t] : sums) {
    c.achieved_gflops[p] = t.gflops / t.count;
    c.batch_overhead_s[p] = t.overhead / t.count;
    if (t.with_peak > 0) c.cpu_efficiency[p] = std::min(1.0, t.efficiency / t.with_peak);
  }
  if (gb_sum > 0) c.load_s_per_gb = load_sum / gb_sum;
  c.experiments_cpu_s = r.experiments_cpu_s;
  if (auto f = r.gemm_peak_gflops.find(Precision::Fp32); f != r.gemm_peak_gflops.end()) c.reference_fp32_gflops = f->second;
  if (!c.achieved_gflops.empty()) c.source = fmt::format("bench of {} ({}), workload '{}'", r.cpu_model, r.created, workload);
  return c;
}

double calibrated_seconds(const Calibration& c, Precision p, double calls, double gflop) {
  const auto rate = c.achieved_gflops.find(p);
  if (rate == c.achieved_gflops.end() || rate->second <= 0) return 0;
  const auto overhead = c.batch_overhead_s.find(p);
  return calls * (overhead == c.batch_overhead_s.end() ? 0 : overhead->second) + gflop / rate->second;
}

Offer fill_measured_offer(const Offer& o, const BenchResults& r) {
  Offer f = o;
  if (!o.measured) return f;
  f.peak_gflops = r.gemm_peak_gflops;
  if (r.memory_bandwidth_gb_s > 0) f.memory_bandwidth_gb_s = r.memory_bandwidth_gb_s;
  if (r.memory_gb > 0) f.memory_gb = r.memory_gb;
  if (auto p = r.gemm_peak_gflops.find(Precision::Fp32); p != r.gemm_peak_gflops.end()) f.host_cpu_fp32_gflops = p->second;
  f.name = fmt::format("This machine ({}, {} threads)", r.cpu_model, r.threads);
  return f;
}

Estimate estimate_offer(const Offer& o, const RunSpec& run, const Calibration& cal, Precision p) {
  Estimate e;
  e.offer = &o;
  e.precision = p;
  e.runnable = o.software.rfind("none", 0) != 0;
  if (!e.runnable) {  // "none: why" in the catalogue
    std::string_view why = std::string_view(o.software).substr(4);
    while (!why.empty() && (why.front() == ':' || why.front() == ' ')) why.remove_prefix(1);
    e.why_not = why.empty() ? "the catalogue names none" : std::string(why);
  }
  const auto peak_it = o.peak_gflops.find(p);
  const bool measured_rate = o.measured && cal.achieved_gflops.count(p);
  if ((peak_it == o.peak_gflops.end() && !measured_rate) || o.memory_bandwidth_gb_s <= 0) {
    e.why_not = o.measured ? "not measured yet: run `nsmlab bench`" : fmt::format("no native {}", precision_name(p));
    return e;
  }
  e.usable = true;
  // Efficiency: the catalogue's own figure, else this machine's measurement for CPUs, else a constant.
  double flops_per_s = 0;
  if (measured_rate) {  // this machine: the rate nsmlab reached here, peak or no peak
    flops_per_s = cal.achieved_gflops.at(p) * 1e9;
    e.efficiency = peak_it == o.peak_gflops.end() ? 0 : cal.achieved_gflops.at(p) / peak_it->second;
    e.efficiency_source = "rate measured here";
  } else if (auto f = o.efficiency.find(p); f != o.efficiency.end()) {
    e.efficiency = f->second;
    e.efficiency_source = "catalogue";
  } else if (o.kind == OfferKind::Cpu && cal.cpu_efficiency.count(p)) {
    e.efficiency = cal.cpu_efficiency.at(p);
    e.efficiency_source = "measured here";
  } else if (o.kind == OfferKind::Cpu && cal.cpu_efficiency.count(Precision::Fp32)) {
    e.efficiency = cal.cpu_efficiency.at(Precision::Fp32);
    e.efficiency_source = "measured here (fp32's)";
  } else {
    e.efficiency = o.kind == OfferKind::Cpu ? kDefaultCpuEfficiency : kDefaultAcceleratorEfficiency;
    e.efficiency_source = "default constant";
  }
  const double act_bytes = (o.kind == OfferKind::Cpu || p == Precision::Fp32) ? 4 : 2;
  if (flops_per_s == 0) flops_per_s = peak_it->second * 1e9 * e.efficiency;
  const double bytes_per_s = o.memory_bandwidth_gb_s * 1e9;
  const double n = double(run.sentences);
  const double batches = std::ceil(n / kBatchSentences);
  double compute = 0, memory = 0, needed = 0;
  for (const WorkModel& m : run.models) {
    const double c = n * m.flops_per_sentence(run.lengths) / flops_per_s;
    const double b = (batches * m.weight_bytes(p) + n * run.lengths.mean_tokens * m.activation_bytes_per_token(act_bytes)) /
                     bytes_per_s;
    compute += c;
    memory += b;
    // Per call: kernel launches on an accelerator; on this machine, what bench measured.
    double overhead = o.kind == OfferKind::Cpu ? 0 : batches * kAcceleratorBatchSeconds;
    if (measured_rate && cal.batch_overhead_s.count(p))
      overhead = std::ceil(n * run.lengths.mean_tokens / double(kBenchBatchTokens)) * cal.batch_overhead_s.at(p);
    e.overhead_s += overhead;
    e.total_s += std::max(c, b) + overhead;
    e.load_s += m.resident_weight_bytes(Precision::Fp32) / 1e9 * cal.load_s_per_gb;
    const double longest = std::max(128.0, run.lengths.mean_tokens * 2);
    needed = std::max(needed, m.resident_weight_bytes(p) +
                                  m.batch_activation_bytes(kBatchSentences * longest, longest, act_bytes));
  }
  e.compute_s = compute;
  e.memory_s = memory;
  e.bound = memory > compute ? "memory" : "compute";
  if (run.experiments && cal.experiments_cpu_s > 0) {
    // Scaled by the host CPU's fp32 peak against this machine's (unscaled when either is unknown).
    double host = o.host_cpu_fp32_gflops;
    if (host <= 0 && o.kind == OfferKind::Cpu && o.peak_gflops.count(Precision::Fp32)) host = o.peak_gflops.at(Precision::Fp32);
    e.experiments_s = cal.experiments_cpu_s;
    if (host > 0 && cal.reference_fp32_gflops > 0 && !o.measured) e.experiments_s *= cal.reference_fp32_gflops / host;
  }
  e.total_s += e.load_s + e.experiments_s;
  e.memory_needed_gb = needed / 1e9 + (o.kind == OfferKind::Cpu ? kCpuRuntimeGb : kGpuRuntimeGb);
  e.fits = o.memory_gb <= 0 || e.memory_needed_gb <= o.memory_gb;
  const double hours = e.total_s / 3600;
  e.cost_per_run_usd = hours * o.price_per_hour_usd + (run.runs_per_month > 0 ? o.monthly_fee_usd / run.runs_per_month : 0);
  e.cost_per_month_usd = run.runs_per_month * hours * o.price_per_hour_usd + (run.runs_per_month > 0 ? o.monthly_fee_usd : 0);
  return e;
}

std::vector<Estimate> estimate_offers(const OfferCatalogue& catalogue, const RunSpec& run, const Calibration& cal) {
  std::vector<Estimate> out;
  for (const Offer& o : catalogue.offers) {
    std::optional<Estimate> best;
    Estimate last;
    for (Precision p : run.precisions) {
      Estimate e = estimate_offer(o, run, cal, p);
      if (!e.usable) {
        last = e;
        continue;
      }
      if (!best || e.total_s < best->total_s) best = e;
    }
    if (best) out.push_back(*best);
    else {
      last.offer = &o;
      if (!o.measured) {
        std::string allowed;
        for (Precision p : run.precisions) allowed += (allowed.empty() ? "" : "/") + std::string(precision_name(p));
        last.why_not = fmt::format("computes none of {} natively", allowed);
      }
      out.push_back(last);
    }
  }
  return out;
}

Recommendation recommend(const std::vector<Estimate>& estimates, const RunSpec& run, double max_minutes) {
  Recommendation r;
  const double limit = max_minutes * 60;
  std::vector<const Estimate*> ok;
  for (const Estimate& e : estimates) {
    const std::string& id = e.offer->id;
    if (!e.usable) r.rejected[id] = e.why_not;
    else if (!e.runnable) r.rejected[id] = "no software for these models there: " + e.why_not;
    else if (!e.fits)
      r.rejected[id] = fmt::format("does not fit: needs {:.1f} GB of {:.1f} GB", e.memory_needed_gb, e.offer->memory_gb);
    else if (e.total_s > limit)
      r.rejected[id] = fmt::format("too slow: {} per run, over your {:.0f} min", minutes(e.total_s), max_minutes);
    else ok.push_back(&e);
  }
  if (ok.empty()) {
    r.headline = fmt::format("No offer runs these models within {:.0f} min per run; raise --max-minutes or see the "
                             "fastest below.", max_minutes);
    return r;
  }
  std::stable_sort(ok.begin(), ok.end(), [](const Estimate* a, const Estimate* b) {
    if (a->cost_per_month_usd != b->cost_per_month_usd) return a->cost_per_month_usd < b->cost_per_month_usd;
    if (a->offer->measured != b->offer->measured) return a->offer->measured;
    return a->total_s < b->total_s;
  });
  r.choice = ok.front();
  const Estimate& c = *r.choice;
  if (c.offer->measured) r.headline = "Your CPU is enough: run it here with nsmlab.";
  else r.headline = fmt::format("Use {}.", c.offer->name);
  r.reasons.push_back(fmt::format("finishes in {} per run ({}), within your {:.0f} min", minutes(c.total_s),
                                  precision_name(c.precision), max_minutes));
  r.reasons.push_back(c.cost_per_month_usd == 0
                          ? std::string("costs nothing")
                          : fmt::format("costs {} per month for {:.0f} runs", dollars(c.cost_per_month_usd), run.runs_per_month));
  r.reasons.push_back(fmt::format("fits: needs {:.1f} GB", c.memory_needed_gb) +
                      (c.offer->memory_gb > 0 ? fmt::format(" of {:.1f} GB", c.offer->memory_gb) : ""));
  if (c.offer->measured) r.reasons.push_back("no session limits, no queue, no upload of your data");
  for (size_t i = 1; i < ok.size(); ++i) {
    const Estimate& e = *ok[i];
    if (e.cost_per_month_usd > c.cost_per_month_usd)
      r.rejected[e.offer->id] = fmt::format("costs more ({} per month)", dollars(e.cost_per_month_usd));
    else if (e.total_s < c.total_s)
      r.rejected[e.offer->id] = fmt::format("faster ({}) and as cheap, but this machine is enough and always there",
                                            minutes(e.total_s));
    else r.rejected[e.offer->id] = fmt::format("as cheap but slower ({})", minutes(e.total_s));
  }
  return r;
}

}  // namespace nsmlab
