// `nsmlab advise`: which hardware to use for N sentences × models, R runs a month — the
// guide's question, answered from the work model, the offer catalogue and this machine's bench.
#include <cmath>
#include <cstdio>
#include <memory>

#include "advise/bench_results.h"
#include "advise/estimator.h"
#include "advise/estimator_check.h"
#include "advise/model_shapes.h"
#include "advise/offer_catalogue.h"
#include "cli/commands.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab::cli {

namespace {

struct AdviseCli {
  size_t sentences = 169;  // the full experiment: 65 primes + 104 corpus sentences
  std::vector<std::string> models = {"sentence-transformers/paraphrase-multilingual-mpnet-base-v2"};
  double runs_per_month = 10;
  double max_minutes = 10;
  double tokens_per_sentence = 0;
  std::vector<std::string> precisions = {"fp32", "bf16", "fp16"};
  std::string catalogue, write_catalogue, bench, check;
  bool force = false, no_experiments = false;
};

std::string duration(double s) {
  if (s < 60) return fmt::format("{:.1f} s", s);
  if (s < 3600) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.1f} h", s / 3600);
}

std::string money(double d) { return d == 0 ? "0" : d < 0.01 ? fmt::format("{:.4f}", d) : fmt::format("{:.2f}", d); }

// The estimator against this machine: calibrated on one workload, its predictions of the others.
int run_check(const std::optional<BenchResults>& bench, const std::string& path, const std::string& workload) {
  if (!bench) fail("--check: no bench results at {} (run nsmlab bench first, or pass --bench FILE)", path);
  const auto errors = check_predictions(*bench, workload);
  if (errors.empty()) fail("--check: {} holds no measured workload '{}' to calibrate on, or nothing else to predict", path, workload);
  std::printf("Estimator check on %s (%s): calibrated on '%s', predicting the other workloads' encoding time.\n\n",
              bench->cpu_model.c_str(), path.c_str(), workload.c_str());
  std::printf("%-60s %-9s %-15s %10s %10s %8s\n", "model", "backend", "workload", "measured", "predicted", "error");
  double worst = 0;
  for (const PredictionError& e : errors) {
    std::printf("%-60s %-9s %-15s %9.2fs %9.2fs %+7.1f%%\n", e.model.c_str(), e.backend.c_str(), e.workload.c_str(),
                e.measured_s, e.predicted_s, 100 * e.relative_error());
    worst = std::max(worst, std::abs(e.relative_error()));
  }
  std::printf("\nLargest error: %.1f%% (the issue's bound: 30%%)\n", 100 * worst);
  return 0;
}

int run_advise(const AdviseCli& o) {
  if (!o.write_catalogue.empty()) {
    refuse_existing_output(o.write_catalogue, o.force);
    write_file_atomic(o.write_catalogue, builtin_catalogue_text());
    std::printf("Wrote the built-in offer catalogue to %s: edit it, then pass --catalogue %s\n", o.write_catalogue.c_str(),
                o.write_catalogue.c_str());
    return 0;
  }
  if (o.sentences == 0 || o.sentences > 1'000'000'000) fail("--sentences: expected 1 to 1e9, got {}", o.sentences);
  if (!(o.runs_per_month > 0 && o.runs_per_month <= 1e6)) fail("--runs-per-month: expected a positive number up to 1e6");
  if (!(o.max_minutes > 0 && o.max_minutes <= 1e6)) fail("--max-minutes: expected a positive number of minutes");
  if (o.tokens_per_sentence < 0 || o.tokens_per_sentence > 100000) fail("--tokens-per-sentence: expected 1 to 100000");
  const OfferCatalogue catalogue = o.catalogue.empty() ? builtin_catalogue() : load_catalogue(o.catalogue);

  std::optional<BenchResults> bench;
  std::string bench_path;
  if (!o.bench.empty()) {
    bench = bench_results_from_json(load_json(o.bench), o.bench);
    bench_path = o.bench;
  } else {
    bench = load_cached_bench(&bench_path);
  }
  if (!o.check.empty()) return run_check(bench, bench_path, o.check);
  // Calibrate on the measured workload nearest in size to this run: small batches reach a
  // lower fraction of peak than large ones (docs/ADVISE.md, the estimator check).
  std::string cal_workload = "sentences-1000";
  if (bench) {
    double best = 1e300;
    for (const ModelBench& m : bench->models)
      for (const BackendResult& b : m.backends)
        for (const WorkloadResult& w : b.workloads) {
          const double d = std::abs(std::log(double(std::max<size_t>(w.sentences, 1)) / double(std::max<size_t>(o.sentences, 1))));
          if (b.error.empty() && d < best) {
            best = d;
            cal_workload = w.workload;
          }
        }
  }
  const Calibration cal = bench ? calibrate(*bench, cal_workload) : Calibration{};

  RunSpec run;
  run.sentences = o.sentences;
  run.runs_per_month = o.runs_per_month;
  run.experiments = !o.no_experiments;
  run.precisions.clear();
  for (const std::string& n : o.precisions) {
    const auto p = parse_precision(n);
    if (!p) fail("--precision: '{}' is not a precision (fp32, bf16, fp16, int8)", n);
    run.precisions.insert(*p);
  }
  std::string tokens_from = "--tokens-per-sentence";
  double tokens = o.tokens_per_sentence;
  if (tokens == 0 && bench)  // the corpus's measured length, the guide's sentences
    for (const ModelBench& m : bench->models)
      for (const BackendResult& b : m.backends)
        if (const WorkloadResult* w = b.find("corpus"); w && tokens == 0) {
          run.lengths = w->lengths;
          tokens = w->lengths.mean_tokens;
          tokens_from = fmt::format("the corpus as tokenised by bench ({})", m.name);
        }
  if (tokens == 0) {
    tokens = 16;
    tokens_from = "default for short French sentences (no bench results)";
  }
  if (run.lengths.mean_tokens == 0) run.lengths = LengthProfile::from_mean(tokens);

  std::string model_list;
  for (const std::string& name : o.models) {
    const ModelShape s = resolve_model_shape(name);
    run.models.push_back(s.work);
    model_list += fmt::format("{}{} ({:.0f}M parameters, {:.2f} GFLOP per sentence)", model_list.empty() ? "" : ", ", s.name,
                              s.work.parameters() / 1e6, s.work.flops_per_sentence(run.lengths) / 1e9);
  }
  std::printf("Workload: %zu sentences x %zu model(s), one after another: %s\n", o.sentences, run.models.size(),
              model_list.c_str());
  std::printf("          %.1f tokens per sentence (%s); %s; %g runs per month; limit %g min per run.\n",
              run.lengths.mean_tokens, tokens_from.c_str(),
              run.experiments ? "the three experiments' own analysis included" : "encoding only", o.runs_per_month,
              o.max_minutes);
  std::printf("Catalogue: %s\n", catalogue.origin.c_str());
  if (!cal.source.empty()) {
    std::string effs;
    for (const auto& [p, e] : cal.cpu_efficiency) effs += fmt::format("{}{} {:.0f}%", effs.empty() ? "" : ", ", precision_name(p), 100 * e);
    std::printf("Calibration: %s (%s): CPU efficiency %s of the GEMM peak; accelerators: %.0f%% of peak (a constant: no GPU "
                "measured here).\n", cal.source.c_str(), bench_path.c_str(), effs.c_str(), 100 * kDefaultAcceleratorEfficiency);
  } else {
    std::printf("Calibration: NONE (%s): CPU efficiency %.0f%%, accelerators %.0f%% of peak (constants). Run `nsmlab bench "
                "--shape %s` for estimates calibrated on this machine.\n",
                bench ? "the bench results hold no GEMM peak" : ("no bench results at " + bench_path).c_str(),
                100 * kDefaultCpuEfficiency, 100 * kDefaultAcceleratorEfficiency, run.models.front().name.c_str());
  }

  std::vector<Offer> filled;
  for (const Offer& of : catalogue.offers) filled.push_back(bench ? fill_measured_offer(of, *bench) : of);
  OfferCatalogue used = catalogue;
  used.offers = filled;
  const std::vector<Estimate> est = estimate_offers(used, run, cal);

  std::printf("\n%-44s %-5s %10s %9s %8s %9s %9s %10s %14s %5s %s\n", "offer", "prec", "time/run", "compute", "load", "analysis",
              "$/run", "$/month", "memory GB", "fits", "efficiency");
  for (const Estimate& e : est) {
    const std::string name = e.offer->name.size() > 44 ? e.offer->name.substr(0, 43) + "…" : e.offer->name;
    if (!e.usable) {
      std::printf("%-44s %-5s %s\n", name.c_str(), "-", e.why_not.c_str());
      continue;
    }
    std::printf("%-44s %-5s %10s %9s %8s %9s %9s %10s %6.1f / %-5.1f %5s %.0f%% (%s)%s\n", name.c_str(),
                std::string(precision_name(e.precision)).c_str(), duration(e.total_s).c_str(),
                duration(std::max(e.compute_s, e.memory_s)).c_str(), duration(e.load_s).c_str(),
                duration(e.experiments_s).c_str(), money(e.cost_per_run_usd).c_str(), money(e.cost_per_month_usd).c_str(),
                e.memory_needed_gb, e.offer->memory_gb, e.fits ? "yes" : "NO", 100 * e.efficiency,
                e.efficiency_source.c_str(), e.bound == "memory" ? ", memory-bound" : "");
  }
  const Recommendation r = recommend(est, run, o.max_minutes);
  std::printf("\nRecommendation: %s\n", r.headline.c_str());
  for (const std::string& why : r.reasons) std::printf("  - %s\n", why.c_str());
  if (!r.rejected.empty()) {
    std::printf("Not chosen:\n");
    for (const Estimate& e : est)
      if (auto it = r.rejected.find(e.offer->id); it != r.rejected.end())
        std::printf("  - %s: %s\n", e.offer->id.c_str(), it->second.c_str());
  }
  std::printf("\nTimes are estimates: FLOPs / (peak x efficiency), or bytes / bandwidth when larger, plus model load and the "
              "experiments' analysis. Not counted: session start, package installs, model downloads, queues. GPU and TPU "
              "offers run sentence-transformers, not nsmlab; their efficiency is a constant until a GPU is measured.\n");
  return 0;
}

}  // namespace

Action add_advise(CLI::App& app) {
  auto o = std::make_shared<AdviseCli>();
  auto* c = app.add_subcommand("advise", "Which hardware to use (and what it costs) for N sentences x models, R runs a month");
  c->add_option("--sentences", o->sentences, "Sentences encoded per model per run (default: the full experiment, 169)")
      ->capture_default_str();
  c->add_option("--models", o->models, "Models (repo id, short name, folder or config.json), comma-separated")
      ->delimiter(',')
      ->capture_default_str();
  c->add_option("--runs-per-month", o->runs_per_month, "Runs per month")->capture_default_str();
  c->add_option("--max-minutes", o->max_minutes, "Longest run you accept, in minutes")->capture_default_str();
  c->add_option("--tokens-per-sentence", o->tokens_per_sentence, "Mean tokens per sentence (default: bench's corpus, else 16)");
  c->add_option("--precision", o->precisions, "Precisions allowed (default fp32,bf16,fp16; add int8 to allow it)")
      ->delimiter(',');
  c->add_flag("--no-experiments", o->no_experiments, "Encoding only: leave out the experiments' analysis");
  c->add_option("--catalogue", o->catalogue, "Offer catalogue JSON (default: the built-in data/offers.json)");
  c->add_option("--bench", o->bench, "Bench results JSON to calibrate on (default: this CPU's cached bench)");
  c->add_option("--check", o->check,
                "Check the estimator: calibrate on this bench workload (e.g. sentences-1000), predict the others, print the errors");
  c->add_option("--write-catalogue", o->write_catalogue, "Write the built-in catalogue here, to edit, and stop");
  c->add_flag("--force", o->force, "Replace --write-catalogue's file if it exists");
  return [o] { return run_advise(*o); };
}

}  // namespace nsmlab::cli
