#include "bench_run/measure.h"

#include <omp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "bench_run/gemm_peak_probe.h"
#include "model/model_folder.h"
#include "engine/backend_factory.h"
#include "experiments/metadata_result.h"
#include "runner/run_experiments.h"
#include "tokenizer/tokenizer.h"
#include "util/error.h"
#include "util/timer.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

// Runs `work` in a child process and returns the JSON it produced; a throw in the child
// becomes {"error": ...}, a crash an error naming the signal.
Json in_child(const std::function<Json()>& work) {
  int fds[2];
  if (pipe(fds) != 0) fail("bench: cannot create a pipe: {}", std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) fail("bench: cannot fork: {}", std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    std::string out;
    try {
      out = work().dump();
    } catch (const std::exception& e) {
      out = Json{{"error", e.what()}}.dump();
    }
    for (size_t done = 0; done < out.size();) {
      const ssize_t n = write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) break;
      done += size_t(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, size_t(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    return Json{{"error", fmt::format("the measuring process died of signal {} ({}){}", WTERMSIG(status),
                                      strsignal(WTERMSIG(status)),
                                      WTERMSIG(status) == SIGKILL ? ": probably out of memory" : "")}};
  if (text.empty()) return Json{{"error", "the measuring process gave no result"}};
  return parse_json_text(text, "bench child");
}

double vm_hwm_mib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// One workload: tokenise, pack into batches of at most kBenchBatchTokens (or as the workload says), embed.
WorkloadResult run_workload(EmbeddingBackend& model, const Tokenizer& tok, size_t max_len, const WorkModel& shape,
                            const BenchWorkload& w) {
  WorkloadResult r;
  r.workload = w.name;
  r.sentences = w.texts.size();
  std::vector<size_t> lengths;
  Timer t;
  PackedBatch batch;
  auto flush = [&] {
    if (batch.sequences() == 0) return;
    Matrix m = model.embed(batch);
    if (m.rows != batch.sequences()) fail("bench: the model returned {} rows for {} sentences", m.rows, batch.sequences());
    batch = PackedBatch{};
    ++r.batches;
  };
  size_t call = 0, in_call = 0;  // with w.batch_sizes: which call, and texts in it so far
  for (const std::string& text : w.texts) {
    const Encoding e = tok.encode(text, max_len);
    lengths.push_back(e.ids.size());
    if (w.batch_sizes.empty() ? batch.tokens() + e.ids.size() > kBenchBatchTokens
                              : call < w.batch_sizes.size() && in_call == w.batch_sizes[call]) {
      flush();
      if (!w.batch_sizes.empty()) ++call, in_call = 0;
    }
    batch.add(e.ids.data(), e.type_ids.empty() ? nullptr : e.type_ids.data(), e.ids.size());
    ++in_call;
  }
  flush();
  r.seconds = t.seconds();
  r.lengths = LengthProfile::from_lengths(lengths);
  r.gflop = double(r.sentences) * shape.flops_per_sentence(r.lengths) / 1e9;
  return r;
}

Json workload_json(const WorkloadResult& w) {
  return {{"workload", w.workload}, {"sentences", w.sentences}, {"batches", w.batches}, {"mean_tokens", w.lengths.mean_tokens},
          {"mean_square_tokens", w.lengths.mean_square_tokens}, {"seconds", w.seconds}, {"gflop", w.gflop}};
}

double memory_bandwidth_gb_s() {
  // Copy 128 MiB (far beyond any cache) a few times with every thread; reads + writes over the best time.
  const size_t n = size_t(128) << 20;
  std::vector<char> a(n, 1), b(n, 2);
  double best = 1e30;
  for (int rep = 0; rep < 4; ++rep) {
    Timer t;
#pragma omp parallel
    {
      const size_t parts = size_t(omp_get_num_threads()), k = size_t(omp_get_thread_num());
      const size_t lo = n / parts * k, hi = k + 1 == parts ? n : n / parts * (k + 1);
      std::memcpy(b.data() + lo, a.data() + lo, hi - lo);
    }
    best = std::min(best, t.seconds());
    std::swap(a, b);
  }
  return 2.0 * double(n) / best / 1e9;
}

double memory_total_gb() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("MemTotal:", 0) == 0) return std::stod(line.substr(9)) * 1024.0 / 1e9;
  return 0;
}

}  // namespace

BackendResult measure_backend(const std::string& model_dir, const BackendOffer& offer, int threads, const WorkModel& shape,
                              const std::vector<BenchWorkload>& workloads) {
  const Json j = in_child([&]() -> Json {
    BackendOptions options;
    options.device.automatic = false;
    options.device.kind = offer.device;
    options.device.index = offer.device_index;
    options.precision = offer.precision;
    options.threads = threads;
    options.insist = true;  // measure what was asked, even where it is not native
    Timer load;
    const ModelFolder folder = load_model_folder(model_dir);
    auto model = open_offer(model_dir, offer, options);
    const Tokenizer tok = Tokenizer::load(folder.tokenizer_json);
    const double load_s = load.seconds();
    size_t max_len = folder.max_seq_length;
    if (max_len == 0) max_len = folder.config.max_sequence_positions();
    // Warm-up: the first batch creates oneDNN primitives and touches every weight page.
    // (A prime when measured: its row count is one the batch-overhead workload does not use.)
    const auto primes = std::find_if(workloads.begin(), workloads.end(), [](const BenchWorkload& w) { return w.name == "primes"; });
    BenchWorkload warm{"warm-up", "", {(primes != workloads.end() ? *primes : workloads.back()).texts.front()}};
    run_workload(*model, tok, max_len, shape, warm);
    const BackendDescription& d = model->description();
    std::string libs;
    for (const auto& [lib, version] : d.libraries) libs += fmt::format(", {} {}", lib, version);
    Json out = {{"load_s", load_s},
                {"backend", d.name()},
                {"description", fmt::format("{} on {}, {}{}{}", d.name(), d.device_name, d.instruction_set,
                                            d.threads > 0 ? fmt::format(", {} threads", d.threads) : "", libs)}};
    out["workloads"] = Json::array();
    for (const BenchWorkload& w : workloads) out["workloads"].push_back(workload_json(run_workload(*model, tok, max_len, shape, w)));
    out["peak_rss_mib"] = vm_hwm_mib();
    return out;
  });
  BackendResult r;
  r.backend = offer.name();
  r.precision = offer.precision;
  if (j.contains("error")) {
    r.error = j["error"].get<std::string>();
    return r;
  }
  r.load_s = j["load_s"].get<double>();
  r.description = j["description"].get<std::string>();
  if (j["backend"].get<std::string>() != r.backend)  // a fallback ran instead: say so rather than mislabel it
    r.error = fmt::format("{} ran instead of {}", j["backend"].get<std::string>(), r.backend);
  r.peak_rss_mib = j["peak_rss_mib"].get<double>();
  for (const Json& w : j["workloads"]) {
    WorkloadResult x;
    x.workload = w["workload"].get<std::string>();
    x.sentences = w["sentences"].get<size_t>();
    x.batches = w["batches"].get<size_t>();
    x.lengths.mean_tokens = w["mean_tokens"].get<double>();
    x.lengths.mean_square_tokens = w["mean_square_tokens"].get<double>();
    x.seconds = w["seconds"].get<double>();
    x.gflop = w["gflop"].get<double>();
    r.workloads.push_back(x);
  }
  return r;
}

MachineFacts measure_machine(const std::vector<Precision>& precisions, int threads, bool experiments) {
  MachineFacts f;
  for (Precision p : precisions) {
    const Json j = in_child([&]() -> Json {
      if (threads > 0) omp_set_num_threads(threads);
      return {{"gflops", gemm_peak_probe(p)}};
    });
    if (j.contains("error")) f.notes.push_back(fmt::format("no {} GEMM peak: {}", precision_name(p), j["error"].get<std::string>()));
    else f.gemm_peak_gflops[p] = j["gflops"].get<double>();
  }
  const Json mem = in_child([&]() -> Json {
    if (threads > 0) omp_set_num_threads(threads);
    return {{"bw", memory_bandwidth_gb_s()}};
  });
  if (mem.contains("bw")) f.memory_bandwidth_gb_s = mem["bw"].get<double>();
  f.memory_gb = memory_total_gb();
  if (experiments) {
    std::error_code ec;
    std::string dir = (fs::temp_directory_path(ec) / "nsmlab-bench-run-XXXXXX").string();
    if (!mkdtemp(dir.data())) fail("{}: cannot create a temporary folder", dir);
    const Json j = in_child([&]() -> Json {
      if (threads > 0) omp_set_num_threads(threads);
      RunOptions o;
      o.lexical = true;
      o.output_dir = dir + "/out";
      o.encode.progress = false;
      const RunOutcome out = run_experiments(o);
      const RunMetadata meta = parse_results_metadata(out.results);
      double s = 0;
      for (const char* k : {"load_dataset", "h1", "h2", "h3", "plots_and_report"}) s += meta.timing(k).value_or(0.0);  // those that ran
      return {{"seconds", s}};
    });
    fs::remove_all(dir, ec);  // the folder mkdtemp made for this run
    if (j.contains("error")) f.notes.push_back("experiments not timed: " + j["error"].get<std::string>());
    else f.experiments_cpu_s = j["seconds"].get<double>();
  }
  return f;
}

}  // namespace nsmlab
