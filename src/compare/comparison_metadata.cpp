#include "compare/comparison_metadata.h"

#include "experiments/result_fields.h"

namespace nsmlab {

Json comparison_metadata_json(const ComparisonMetadata& m) {
  const ComparisonConcurrency& c = m.concurrency;
  const ComparisonMemory& mem = m.memory;
  return {{"nsmlab_version", m.nsmlab_version},
          {"created", m.created},
          {"dataset", dataset_metadata_json(m.dataset)},
          {"language", m.language},
          {"parameters", run_parameters_json(m.parameters)},
          {"concurrency", {{"requested", c.requested}, {"models", c.models}, {"reason", c.reason}, {"cores", c.cores}}},
          {"memory",
           {{"method", mem.method},
            {"estimate_method", mem.estimate_method},
            {"peak_total_rss_bytes", mem.peak_total_rss_bytes},
            {"peak_total_method", mem.peak_total_method},
            {"parent_rss_bytes", mem.parent_rss_bytes},
            {"mem_available_bytes", mem.mem_available_bytes ? Json(*mem.mem_available_bytes) : Json(nullptr)}}},
          {"timings_s", {{"total", m.total_seconds}}}};
}

ComparisonMetadata parse_comparison_metadata(const Json& j, const std::string& where) {
  require_result_object(j, where);
  ComparisonMetadata m;
  m.nsmlab_version = json_require<std::string>(j, "nsmlab_version", where);
  m.created = json_require<std::string>(j, "created", where);
  m.dataset = parse_dataset_metadata(result_object(j, "dataset", where), where + ".dataset");
  m.language = json_require<std::string>(j, "language", where);
  m.parameters = parse_run_parameters(result_object(j, "parameters", where), where + ".parameters");
  const std::string c_at = where + ".concurrency";
  const Json& c = result_object(j, "concurrency", where);
  m.concurrency = {json_require<std::string>(c, "requested", c_at), json_require<int>(c, "models", c_at),
                   json_require<std::string>(c, "reason", c_at), json_require<int>(c, "cores", c_at)};
  const std::string mem_at = where + ".memory";
  const Json& mem = result_object(j, "memory", where);
  m.memory.method = json_require<std::string>(mem, "method", mem_at);
  m.memory.estimate_method = json_require<std::string>(mem, "estimate_method", mem_at);
  m.memory.peak_total_rss_bytes = json_require<uint64_t>(mem, "peak_total_rss_bytes", mem_at);
  m.memory.peak_total_method = json_require<std::string>(mem, "peak_total_method", mem_at);
  m.memory.parent_rss_bytes = json_require<uint64_t>(mem, "parent_rss_bytes", mem_at);
  if (!mem.contains("mem_available_bytes")) fail("{}: missing field 'mem_available_bytes'", mem_at);
  if (!mem["mem_available_bytes"].is_null())
    m.memory.mem_available_bytes = json_require<uint64_t>(mem, "mem_available_bytes", mem_at);
  m.total_seconds = json_require<double>(result_object(j, "timings_s", where), "total", where + ".timings_s");
  return m;
}

}  // namespace nsmlab
