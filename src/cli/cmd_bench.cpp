// `nsmlab bench`: measures this machine on the guide's workloads for one or more models, every
// CPU precision it runs, and caches the results for `nsmlab advise`.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <memory>
#include <thread>

#include <fmt/ranges.h>

#include "advise/bench_results.h"
#include "advise/model_shapes.h"
#include "engine/backend_factory.h"
#include "bench_run/bench_table.h"
#include "bench_run/measure.h"
#include "bench_run/random_model.h"
#include "bench_run/workloads.h"
#include "cli/commands.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"
#include "runner/run_metadata.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab::cli {

namespace {

struct BenchCli {
  std::vector<std::string> models, shapes, configs, precisions, workloads;
  std::string output, language = "fr", backend = "auto";
  bool force = false, no_cache = false, no_experiments = false;
  int threads = 0;
};

// Whether an offer is on the device --backend names ("auto": every device).
bool on_device(const BackendOffer& o, const DeviceRequest& d) {
  if (d.automatic) return true;
  return o.device == d.kind && (d.index < 0 || o.device_index < 0 || o.device_index == d.index);
}

// The backend × precision pairs to measure: by default every one this machine runs natively,
// and fp32 (the reference) always; --backend narrows to one device and --precision to the
// precisions named (run even where they are emulated).
std::vector<BackendOffer> chosen_offers(const std::string& backend, const std::vector<std::string>& names) {
  const DeviceRequest device = parse_device_request(backend, "--backend");
  std::vector<Precision> wanted;
  for (const std::string& n : names) {
    const auto p = parse_precision(n);
    if (!p) fail("--precision: '{}' is not a precision (fp32, bf16, fp16, int8)", n);
    wanted.push_back(*p);
  }
  std::vector<BackendOffer> out;
  for (const BackendOffer& o : backend_offers()) {
    if (!on_device(o, device)) continue;
    const bool named = std::find(wanted.begin(), wanted.end(), o.precision) != wanted.end();
    if (!o.runs) {
      if (named) std::fprintf(stderr, "bench: %s skipped: %s\n", o.name().c_str(), o.why_not.c_str());
      continue;
    }
    if (wanted.empty() ? (o.native || o.precision == Precision::Fp32) : named) out.push_back(o);
  }
  if (out.empty() && !device.automatic && device.kind == DeviceKind::Cuda)
    if (const std::string why = gpu_unavailable_reason(); !why.empty()) fail("--backend {}: no GPU to measure: {}", backend, why);
  if (out.empty())
    fail("--backend {} --precision {}: nothing to measure: no such backend runs on this machine (see nsmlab devices)", backend,
         names.empty() ? std::string("auto") : fmt::format("{}", fmt::join(names, ",")));
  return out;
}

// Keeps the cache's other models (and machine facts not measured this time), replaces the rest.
BenchResults merged(const BenchResults& old, const BenchResults& fresh) {
  if (old.cpu_model != fresh.cpu_model) return fresh;
  BenchResults m = fresh;
  for (const auto& [p, g] : old.gemm_peak_gflops) m.gemm_peak_gflops.emplace(p, g);
  if (m.experiments_cpu_s == 0) m.experiments_cpu_s = old.experiments_cpu_s;
  for (const ModelBench& om : old.models) {
    auto it = std::find_if(m.models.begin(), m.models.end(), [&](const ModelBench& x) { return x.name == om.name; });
    if (it == m.models.end()) m.models.push_back(om);
    else
      for (const BackendResult& ob : om.backends)
        if (std::none_of(it->backends.begin(), it->backends.end(), [&](const BackendResult& b) { return b.backend == ob.backend; }))
          it->backends.push_back(ob);
  }
  return m;
}

int run_bench(const BenchCli& o) {
  if (o.models.empty() && o.shapes.empty() && o.configs.empty())
    fail("bench: name at least one model (--model DIR, --shape ORG/NAME or --config config.json)");
  if (!o.output.empty()) {
    refuse_existing_output(o.output, o.force);
    check_writable_target(o.output);
  }
  const std::vector<BackendOffer> offers = chosen_offers(o.backend, o.precisions);
  std::vector<Precision> precisions;  // the CPU's, for the GEMM peaks
  for (const BackendOffer& b : offers)
    if (b.device == DeviceKind::Cpu) precisions.push_back(b.precision);
  std::vector<BenchWorkload> workloads = guide_workloads(builtin_dataset(), o.language);
  if (!o.workloads.empty()) {
    std::vector<BenchWorkload> chosen = {workloads.front()};  // the batch overhead: advise needs it, and it is short
    for (const std::string& name : o.workloads) {
      auto it = std::find_if(workloads.begin() + 1, workloads.end(), [&](const BenchWorkload& w) { return w.name == name; });
      if (it == workloads.end()) fail("--workloads: '{}' is not a workload (primes, corpus, sentences-1000)", name);
      chosen.push_back(*it);
    }
    workloads = chosen;
  }
  std::vector<std::string> all_texts;
  for (const BenchWorkload& w : workloads) all_texts.insert(all_texts.end(), w.texts.begin(), w.texts.end());

  struct Target {
    std::string what;
    bool random;
    ModelShape shape;
  };
  std::vector<Target> targets;  // resolved first: a misspelt name fails before minutes of measuring
  for (const auto& m : o.models) {
    const ResolvedModel model = resolve_model(m, hub_fetcher());
    ModelShape shape = resolve_model_shape(model.path);
    shape.name = model.id;  // the id, not the snapshot's commit hash
    targets.push_back({model.path, false, shape});
  }
  for (const auto& s : o.shapes) targets.push_back({s, true, resolve_model_shape(s)});
  for (const auto& c : o.configs) targets.push_back({c, true, resolve_model_shape(c)});

  BenchResults r;
  r.created = iso8601_now_utc();
  r.cpu_model = this_cpu_model();
  if (std::ifstream la("/proc/loadavg"); la) la >> r.load_average;
  std::fprintf(stderr, "bench: measuring this machine (GEMM peaks, memory%s)...\n", o.no_experiments ? "" : ", the experiments' analysis");
  const MachineFacts facts = measure_machine(precisions, o.threads, !o.no_experiments);
  for (const std::string& n : facts.notes) std::fprintf(stderr, "bench: note: %s\n", n.c_str());
  r.gemm_peak_gflops = facts.gemm_peak_gflops;
  r.memory_bandwidth_gb_s = facts.memory_bandwidth_gb_s;
  r.memory_gb = facts.memory_gb;
  r.experiments_cpu_s = facts.experiments_cpu_s;

  for (const Target& t : targets) {
    ModelBench mb;
    const ModelShape& shape = t.shape;
    mb.name = shape.name;
    mb.random_weights = t.random;
    mb.shape = shape.work;
    std::unique_ptr<TemporaryModel> tmp;
    std::string dir = t.what;
    if (t.random) {
      std::fprintf(stderr, "bench: %s: writing random weights in its exact shapes (%.0fM parameters)...\n", shape.name.c_str(),
                   shape.work.parameters() / 1e6);
      tmp = std::make_unique<TemporaryModel>(write_random_model(shape, all_texts));
      dir = tmp->path();
      mb.weights_file_bytes = tmp->weights_bytes;
      std::fprintf(stderr, "bench: %s: tokenizer: %s\n", shape.name.c_str(), tmp->tokenizer_note.c_str());
    } else {
      std::error_code ec;
      const auto size = std::filesystem::file_size(std::filesystem::path(dir) / "model.safetensors", ec);
      mb.weights_file_bytes = ec ? 0 : double(size);
    }
    for (const BackendOffer& b : offers) {
      std::fprintf(stderr, "bench: %s (%s): %s...\n", shape.name.c_str(), t.random ? "random weights" : "real",
                   b.name().c_str());
      mb.backends.push_back(measure_backend(dir, b, o.threads, shape.work, workloads));
      if (!mb.backends.back().error.empty())
        std::fprintf(stderr, "bench:   not measured: %s\n", mb.backends.back().error.c_str());
    }
    r.models.push_back(std::move(mb));
  }
  r.threads = o.threads > 0 ? o.threads : int(std::thread::hardware_concurrency());
  std::printf("%s", bench_table(r).c_str());
  const std::string text = bench_results_to_json(r).dump(2) + "\n";
  if (!o.output.empty()) {
    write_file_atomic(o.output, text);
    std::printf("Results: %s\n", o.output.c_str());
  }
  if (!o.no_cache) {
    const std::string cache = bench_cache_path(r.cpu_model);
    if (cache.empty()) {
      std::fprintf(stderr, "bench: no cache folder (set NSMLAB_CACHE or HOME): advise will not see these results\n");
    } else {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), ec);
      BenchResults all = r;
      if (std::filesystem::is_regular_file(cache, ec)) {
        try {
          all = merged(bench_results_from_json(load_json(cache), cache), r);
        } catch (const Error& e) {
          std::fprintf(stderr, "bench: the old cache is unreadable and is replaced: %s\n", e.what());
        }
      }
      write_file_atomic(cache, bench_results_to_json(all).dump(2) + "\n");
      std::printf("Cached for `nsmlab advise`: %s\n", cache.c_str());
    }
  }
  return 0;
}

}  // namespace

Action add_bench(CLI::App& app) {
  auto o = std::make_shared<BenchCli>();
  auto* c = app.add_subcommand("bench", "Measure this machine on the guide's workloads (every CPU precision), for nsmlab advise");
  c->add_option("--model", o->models, "Model: folder, hub id ORG/NAME[@REVISION], known short name or hub cache folder (repeatable or comma-separated)")->delimiter(',');
  c->add_option("--shape", o->shapes, "Known model ORG/NAME, benched with random weights in its exact shapes")->delimiter(',');
  c->add_option("--config", o->configs, "config.json, benched with random weights in its exact shapes")->delimiter(',');
  c->add_option("--backend", o->backend, "Device to measure: auto (every one present), cpu, cuda or cuda:N")
      ->capture_default_str();
  c->add_option("--precision", o->precisions, "Precisions to measure (default: fp32 and each one this CPU computes natively)")
      ->delimiter(',');
  c->add_option("--workloads", o->workloads,
                "Subset of: primes, corpus, sentences-1000 (default: all; the batch overhead is always measured)")
      ->delimiter(',');
  c->add_flag("--no-experiments", o->no_experiments, "Do not time the experiments' own analysis");
  c->add_option("--threads", o->threads, "CPU threads (default: all cores)");
  c->add_option("--language", o->language, "Dataset language of the workloads")->capture_default_str();
  c->add_option("--output", o->output, "Write the results as JSON here");
  c->add_flag("--force", o->force, "Replace --output if it exists");
  c->add_flag("--no-cache", o->no_cache, "Do not record the results for nsmlab advise");
  return [o] { return run_bench(*o); };
}

}  // namespace nsmlab::cli
