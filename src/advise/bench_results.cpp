#include "advise/bench_results.h"

#include <cmath>

#include <cctype>
#include <filesystem>
#include <fstream>

#include "util/atomic_file.h"
#include "util/digest_cache.h"

namespace nsmlab {

namespace {

Json per_precision_json(const std::map<Precision, double>& m) {
  Json j = Json::object();
  for (const auto& [p, v] : m) j[std::string(precision_name(p))] = v;
  return j;
}

std::map<Precision, double> per_precision_from(const Json& obj, const std::string& field, const std::string& origin) {
  std::map<Precision, double> out;
  auto it = obj.find(field);
  if (it == obj.end()) return out;
  if (!it->is_object()) fail("{}: field '{}' must be an object", origin, field);
  for (auto p = it->begin(); p != it->end(); ++p) {
    const auto prec = parse_precision(p.key());
    if (!prec) fail("{}: field '{}.{}' is not a precision", origin, field, p.key());
    const double v = json_detail::convert<double>(p.value(), field + "." + p.key(), origin);
    if (!(v > 0 && v < 1e12)) fail("{}: field '{}.{}' must be a positive number", origin, field, p.key());
    out[*prec] = v;
  }
  return out;
}

double non_negative(const Json& j, const std::string& field, const std::string& origin) {
  const double v = json_require<double>(j, field, origin);
  if (!(v >= 0 && v < 1e15)) fail("{}: field '{}' must be a non-negative number, got {}", origin, field, v);
  return v;
}

const Json& array_field(const Json& j, const std::string& field, const std::string& origin) {
  auto it = j.find(field);
  if (it == j.end() || !it->is_array()) fail("{}: field '{}' must be an array", origin, field);
  return *it;
}

}  // namespace

const WorkloadResult* BackendResult::find(const std::string& workload) const {
  for (const WorkloadResult& w : workloads)
    if (w.workload == workload) return &w;
  return nullptr;
}

Json bench_results_to_json(const BenchResults& r) {
  Json j;
  j["format"] = "nsmlab-bench/1";
  j["created"] = r.created;
  j["cpu_model"] = r.cpu_model;
  j["threads"] = r.threads;
  j["load_average"] = r.load_average;
  j["gemm_peak_gflops"] = per_precision_json(r.gemm_peak_gflops);
  j["memory_bandwidth_gb_s"] = r.memory_bandwidth_gb_s;
  j["memory_gb"] = r.memory_gb;
  j["experiments_cpu_s"] = r.experiments_cpu_s;
  j["models"] = Json::array();
  for (const ModelBench& m : r.models) {
    Json jm;
    jm["name"] = m.name;
    jm["weights"] = m.random_weights ? "random weights (exact shapes of the config)" : "real";
    jm["random_weights"] = m.random_weights;
    jm["shape"] = {{"hidden", m.shape.hidden},       {"layers", m.shape.layers}, {"heads", m.shape.heads},
                   {"intermediate", m.shape.intermediate}, {"vocab", m.shape.vocab},
                   {"positions", m.shape.positions}, {"type_vocab", m.shape.type_vocab}};
    jm["parameters"] = m.shape.parameters();
    jm["weights_file_bytes"] = m.weights_file_bytes;
    jm["backends"] = Json::array();
    for (const BackendResult& b : m.backends) {
      Json jb;
      jb["backend"] = b.backend;
      jb["precision"] = std::string(precision_name(b.precision));
      jb["description"] = b.description;
      jb["load_s"] = b.load_s;
      jb["peak_rss_mib"] = b.peak_rss_mib;
      if (!b.error.empty()) jb["error"] = b.error;
      jb["workloads"] = Json::array();
      for (const WorkloadResult& w : b.workloads) {
        const auto peak = r.gemm_peak_gflops.find(b.precision);
        jb["workloads"].push_back({{"workload", w.workload},
                                   {"sentences", w.sentences},
                                   {"batches", w.batches},
                                   {"mean_tokens", w.lengths.mean_tokens},
                                   {"mean_square_tokens", w.lengths.mean_square_tokens},
                                   {"seconds", w.seconds},
                                   {"gflop", w.gflop},
                                   {"sentences_per_s", w.sentences_per_s()},
                                   {"tokens_per_s", w.tokens_per_s()},
                                   {"gflop_per_s", w.gflop_per_s()},
                                   {"fraction_of_peak", peak == r.gemm_peak_gflops.end()
                                                            ? Json(nullptr)
                                                            : Json(w.gflop_per_s() / peak->second)}});
      }
      jm["backends"].push_back(jb);
    }
    j["models"].push_back(jm);
  }
  return j;
}

BenchResults bench_results_from_json(const Json& j, const std::string& origin) {
  if (json_require<std::string>(j, "format", origin) != "nsmlab-bench/1")
    fail("{}: field 'format' must be 'nsmlab-bench/1'", origin);
  BenchResults r;
  r.created = json_optional<std::string>(j, "created", origin, "");
  r.cpu_model = json_require<std::string>(j, "cpu_model", origin);
  r.threads = json_optional<int>(j, "threads", origin, 0);
  r.load_average = json_optional<double>(j, "load_average", origin, 0);
  r.gemm_peak_gflops = per_precision_from(j, "gemm_peak_gflops", origin);
  r.memory_bandwidth_gb_s = non_negative(j, "memory_bandwidth_gb_s", origin);
  r.memory_gb = non_negative(j, "memory_gb", origin);
  r.experiments_cpu_s = non_negative(j, "experiments_cpu_s", origin);
  const Json& models = array_field(j, "models", origin);
  for (size_t i = 0; i < models.size(); ++i) {
    const Json& jm = models[i];
    const std::string where = fmt::format("{} (models[{}])", origin, i);
    ModelBench m;
    m.name = json_require<std::string>(jm, "name", where);
    m.random_weights = json_require<bool>(jm, "random_weights", where);
    auto s = jm.find("shape");
    if (s == jm.end()) fail("{}: missing field 'shape'", where);
    for (auto [field, dst] : {std::pair{"hidden", &m.shape.hidden}, {"layers", &m.shape.layers}, {"heads", &m.shape.heads},
                              {"intermediate", &m.shape.intermediate}, {"vocab", &m.shape.vocab},
                              {"positions", &m.shape.positions}, {"type_vocab", &m.shape.type_vocab}}) {
      *dst = json_require<size_t>(*s, field, where + " shape");
      if (*dst > 10'000'000) fail("{}: field 'shape.{}' is implausibly large ({})", where, field, *dst);
    }
    m.shape.name = m.name;
    m.weights_file_bytes = non_negative(jm, "weights_file_bytes", where);
    const Json& backends = array_field(jm, "backends", where);
    for (size_t k = 0; k < backends.size(); ++k) {
      const Json& jb = backends[k];
      const std::string wb = fmt::format("{} backends[{}]", where, k);
      BackendResult b;
      b.backend = json_require<std::string>(jb, "backend", wb);
      const auto p = parse_precision(json_require<std::string>(jb, "precision", wb));
      if (!p) fail("{}: field 'precision' is not a precision", wb);
      b.precision = *p;
      b.description = json_optional<std::string>(jb, "description", wb, "");
      b.load_s = non_negative(jb, "load_s", wb);
      b.peak_rss_mib = non_negative(jb, "peak_rss_mib", wb);
      b.error = json_optional<std::string>(jb, "error", wb, "");
      const Json& ws = array_field(jb, "workloads", wb);
      for (size_t n = 0; n < ws.size(); ++n) {
        const std::string ww = fmt::format("{} workloads[{}]", wb, n);
        WorkloadResult w;
        w.workload = json_require<std::string>(ws[n], "workload", ww);
        w.sentences = json_require<size_t>(ws[n], "sentences", ww);
        w.lengths.mean_tokens = non_negative(ws[n], "mean_tokens", ww);
        w.lengths.mean_square_tokens = non_negative(ws[n], "mean_square_tokens", ww);
        w.seconds = non_negative(ws[n], "seconds", ww);
        w.gflop = non_negative(ws[n], "gflop", ww);
        // Files from before bench counted its calls: as many as its packing rule makes.
        const double tokens = double(w.sentences) * w.lengths.mean_tokens;
        w.batches = ws[n].contains("batches") ? json_require<size_t>(ws[n], "batches", ww)
                                              : size_t(std::ceil(tokens / double(kBenchBatchTokens)));
        if (w.sentences > 0 && (w.batches == 0 || w.batches > w.sentences))
          fail("{}: field 'batches' is {}, expected 1 to {} (the sentences)", ww, w.batches, w.sentences);
        b.workloads.push_back(w);
      }
      m.backends.push_back(std::move(b));
    }
    r.models.push_back(std::move(m));
  }
  return r;
}

std::string this_cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string s = line.substr(colon + 1);
        while (!s.empty() && s.front() == ' ') s.erase(s.begin());
        if (!s.empty()) return s;
      }
    }
  return "unknown-cpu";
}

std::string bench_cache_path(const std::string& cpu_model) {
  const std::string dir = nsmlab_cache_dir();
  if (dir.empty()) return "";
  std::string name;
  for (char c : cpu_model) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (name.size() > 100) name.resize(100);
  return dir + "/bench/" + name + ".json";
}

std::optional<BenchResults> load_cached_bench(std::string* path_out) {
  const std::string path = bench_cache_path(this_cpu_model());
  if (path_out) *path_out = path;
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return bench_results_from_json(load_json(path), path);
}

}  // namespace nsmlab
