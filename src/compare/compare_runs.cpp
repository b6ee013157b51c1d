#include "compare/compare_runs.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include "compare/comparison.h"
#include "compare/comparison_report.h"
#include "compare/concurrency.h"
#include "compare/memory_usage.h"
#include "compare/model_runs.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"
#include "report/output_files.h"
#include "report/value_format.h"
#include "runner/output_location.h"
#include "util/error.h"
#include "util/staging_directory.h"
#include "util/timer.h"

namespace nsmlab {
namespace {

constexpr size_t kMaxFolderName = 48;

// The model's subfolder: the last part of its id in characters every file system takes,
// made unique with -2, -3, ... when two models share a name.
std::string model_folder_name(const std::string& id, std::set<std::string>& taken) {
  std::string leaf = std::filesystem::path(id).filename().string();
  std::string base;
  for (char c : leaf) {
    if (base.size() == kMaxFolderName) break;
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || (c == '.' && !base.empty());
    base.push_back(ok ? c : '_');
  }
  if (base.empty()) base = "model";
  std::string name = base;
  for (int k = 2; taken.count(name); ++k) name = base + "-" + std::to_string(k);
  taken.insert(name);
  return name;
}

}  // namespace

ComparisonOutcome run_comparison(const RunOptions& run, const ComparisonRequest& request) {
  Timer total;
  if (request.models.size() < 2)
    fail("--models: a comparison needs at least two models, got {} (use --model for one)", request.models.size());
  // Resolve (and download) every model before any work: a misspelt name fails at once.
  std::vector<ModelRunPlan> plans;
  std::set<std::string> folders, paths;
  for (const std::string& spec : request.models) {
    if (spec.empty()) fail("--models: an empty name in the list (expected names separated by commas)");
    ModelRunPlan plan;
    plan.spec = spec;
    plan.model = resolve_model(spec, hub_fetcher());
    if (!paths.insert(plan.model.path).second)
      fail("--models: {} names the same model folder as an earlier entry ({})", spec, plan.model.path);
    plan.folder = model_folder_name(plan.model.id, folders);
    plan.estimated_bytes = estimate_run_resident_bytes(plan.model.path);
    plans.push_back(std::move(plan));
  }
  std::vector<uint64_t> estimates;
  for (const ModelRunPlan& p : plans) estimates.push_back(p.estimated_bytes);
  const std::optional<uint64_t> available = machine_available_bytes();
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const ConcurrencyChoice concurrency = choose_concurrency(request.concurrent, estimates, available, cores);

  const bool per_run_folder = run.output_dir.empty();
  const std::string output_dir = per_run_folder
      ? (std::filesystem::path(kDefaultOutputRoot) / run_folder_name("comparison", std::time(nullptr))).string()
      : run.output_dir;
  refuse_input_inside_output(output_dir, run.dataset_path, "dataset");
  for (const ModelRunPlan& p : plans) refuse_input_inside_output(output_dir, p.model.path, "model folder");
  StagingDirectory staging(output_dir, per_run_folder ? StagingDirectory::Mode::NewFolder
                                                      : StagingDirectory::Mode::Replace);

  const ModelRunsOutcome runs = run_models_in_children(plans, run, staging.path(), concurrency.models);
  ComparisonMetadata meta;
  meta.concurrency = {request.concurrent, runs.concurrency, concurrency.reason, cores};
  meta.memory = {
      "Peak RSS: the most resident memory of the model's own child process, as the kernel counts it (wait4's "
      "ru_maxrss, the VmHWM of the process), including the few MiB it shares with the comparison process.",
      fmt::format("twice the weight files plus {} MiB, what --concurrent auto plans with", kRunOverheadBytes >> 20),
      runs.peak_total_rss_bytes,
      runs.concurrency > 1 ? fmt::format("the largest sum of the running children's VmRSS, sampled every {} ms", kRssSampleMs)
                           : std::string("one model at a time: the largest peak of one model"),
      runs.parent_rss_bytes,
      available};
  Json comparison = build_comparison(runs, staging.path(), meta);
  meta.total_seconds = total.seconds();
  comparison["metadata"] = comparison_metadata_json(meta);
  write_comparison_files(comparison, staging.path());

  ComparisonOutcome out;
  out.comparison = std::move(comparison);
  for (const OutputFile& f : kComparisonFiles)
    if (std::filesystem::exists(staging.file(f.name))) out.files.push_back(f.name);
  for (const ModelRunPlan& p : plans) out.files.push_back(p.folder + "/");
  out.output_dir = staging.commit();
  if (per_run_folder)
    point_latest_link(kDefaultOutputRoot, std::filesystem::path(out.output_dir).filename().string());
  return out;
}

std::string comparison_summary(const ComparisonOutcome& out) {
  const Json& c = out.comparison;
  std::string s = fmt::format("nsmlab comparison — {} models, {} at a time\n\n", c["models"].size(),
                              parse_comparison_metadata(c["metadata"]).concurrency.models);
  s += fmt::format("{:<32} {:>8} {:>10} {:>8} {:>9} {:>10}\n", "model", "H1 pur.", "H2 valid", "H3 conv", "time (s)",
                   "peak MiB");
  for (const Json& m : c["models"]) {
    auto num = [](const Json& v) { return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt; };
    s += fmt::format("{:<32} {:>8} {:>10} {:>8} {:>9} {:>10.0f}\n", m["name"].get<std::string>(),
                     format_number(num(m["h1"]["purity"])), format_percent(num(m["h2"]["rate"])),
                     m["h3"].is_object() ? format_percent(num(m["h3"]["rate"])) : std::string(kMissing),
                     format_number(num(m["timings_s"]["process"]), 2),
                     m["memory"]["peak_rss_bytes"].get<double>() / (1 << 20));
  }
  s += fmt::format("\nResults in {}/:\n", out.output_dir);
  for (const std::string& f : out.files) s += "  " + out.output_dir + "/" + f + "\n";
  return s;
}

}  // namespace nsmlab
