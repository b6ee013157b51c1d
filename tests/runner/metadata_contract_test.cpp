// The typed "metadata" object of results.json (experiments/metadata_result.h), on real runs:
// the lexical baseline, and a neural fixture model with --long-text chunk and an embedding
// cache (the optional keys present). What a run writes reads back unchanged, every key is
// required (missing or mistyped: an error naming the file, the place and the key), the keys
// only some runs have follow their rule, and docs/RESULTS.md documents each key.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "experiments/metadata_result.h"
#include "runner/run_experiments.h"
#include "support/error_message.h"

namespace nsmlab {
namespace {

using test_support::error_of;
using test_support::expect_contains;

std::string metadata_test_dir(const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() / ("nsmlab-metadata-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d.parent_path());
  return d.string();
}

RunOptions small_run(const std::string& name) {
  RunOptions o;
  o.output_dir = metadata_test_dir(name);
  o.plots = false;
  o.encode.progress = false;
  o.h1.tsne_iter = 250;
  o.significance.permutations = 5;
  o.significance.bootstrap = 5;
  o.significance.jackknife = false;
  return o;
}

// The metadata of a run; its output folder (and cache) removed again.
Json metadata_of(const RunOptions& o) {
  const Json metadata = run_experiments(o).results["metadata"];
  std::error_code ec;
  std::filesystem::remove_all(o.output_dir, ec);
  if (!o.embedding_cache.empty()) std::filesystem::remove(o.embedding_cache, ec);
  std::filesystem::remove(std::filesystem::path(o.output_dir).parent_path(), ec);  // when empty
  return metadata;
}

// The metadata of two real runs, computed once.
const Json& lexical_metadata() {
  static const Json j = [] {
    RunOptions o = small_run("lexical");
    o.lexical = true;
    return metadata_of(o);
  }();
  return j;
}
const Json& neural_metadata() {
  static const Json j = [] {
    RunOptions o = small_run("neural");
    o.model_dir = std::string(NSMLAB_FIXTURES_DIR) + "/models_hf/bert_mean";
    o.encode.long_text = LongTextMode::chunk;
    o.encode.max_seq_len = 8;
    o.embedding_cache = metadata_test_dir("cache.sqlite");
    return metadata_of(o);
  }();
  return j;
}

// Objects whose keys are names, not fields of the contract (a CPU feature, a library, a stage,
// "primes"/"corpus"): their values are checked, their keys are not required.
bool is_name_map(const std::string& key) {
  return key == "features" || key == "libraries" || key == "timings_s" || key == "long_text";
}

struct MetadataKey {
  Json::json_pointer at;
  bool required;  // false: an entry of a name map
};

void collect_metadata_keys(const Json& j, const Json::json_pointer& at, bool in_map, std::vector<MetadataKey>& out) {
  if (!j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    out.push_back({at / key, !in_map});
    collect_metadata_keys(value, at / key, is_name_map(key), out);
  }
}

std::vector<MetadataKey> metadata_keys(const Json& j) {
  std::vector<MetadataKey> keys;
  collect_metadata_keys(j, Json::json_pointer(), false, keys);
  return keys;
}

TEST(MetadataContract, RealRunsRoundTripByteForByte) {
  for (const Json* m : {&lexical_metadata(), &neural_metadata()})
    EXPECT_EQ(run_metadata_json(parse_run_metadata(*m)).dump(), m->dump());
  const RunMetadata lexical = parse_run_metadata(lexical_metadata());
  EXPECT_TRUE(lexical.model.lexical());
  EXPECT_FALSE(lexical.model.neural);
  EXPECT_FALSE(lexical.embedding_cache);
  EXPECT_TRUE(lexical.long_text.empty());
  EXPECT_EQ(lexical.backend, "cpu-lexical");
  const RunMetadata neural = parse_run_metadata(neural_metadata());
  ASSERT_TRUE(neural.model.neural);
  EXPECT_EQ(neural.model.sha256.size(), 64u);
  ASSERT_TRUE(neural.embedding_cache);
  EXPECT_GT(neural.embedding_cache->encoded, 0u);
  ASSERT_EQ(neural.long_text.count("primes"), 1u);
  EXPECT_EQ(neural.long_text.at("primes").settings.mode, LongTextMode::chunk);
  EXPECT_GT(neural.long_text.at("primes").count.windows, neural.long_text.at("primes").count.texts);
  EXPECT_EQ(neural.parameters.significance.permutations, 5);
  EXPECT_TRUE(neural.timing("total"));
  EXPECT_FALSE(neural.timing("plots_and_report"));  // --no-plots
}

TEST(MetadataContract, HandMadeMetadataRoundTrips) {
  RunMetadata m = parse_run_metadata(neural_metadata());
  m.backend_detail.device = DeviceKind::Cuda;  // device_index: written and required on CUDA only
  m.backend_detail.device_index = 1;
  m.backend_detail.precision = Precision::Fp16;
  m.backend_detail.notes = {"batch halved after an out-of-memory error"};
  m.model.neural->languages = "en";
  m.model.neural->covers_language = false;
  m.embedding_cache.reset();
  const Json j = run_metadata_json(m);
  EXPECT_EQ(j["backend_detail"]["device_index"], 1);
  EXPECT_EQ(j["backend_detail"]["name"], "cuda:1-fp16");
  EXPECT_TRUE(j["embedding_cache"].is_null());
  const RunMetadata back = parse_run_metadata(j);
  EXPECT_EQ(run_metadata_json(back).dump(), j.dump());
  EXPECT_EQ(back.model, m.model);
  EXPECT_EQ(back.backend_detail.device_index, 1);
  EXPECT_EQ(back.backend_detail.notes, m.backend_detail.notes);
  EXPECT_EQ(back.cpu, m.cpu);
}

// A key missing anywhere, or holding a value of the wrong type, is an error naming the file,
// the place and the key.
TEST(MetadataContract, EveryMissingOrMistypedKeyIsAnErrorNamingIt) {
  for (const Json* m : {&lexical_metadata(), &neural_metadata()}) {
    const std::vector<MetadataKey> keys = metadata_keys(*m);
    ASSERT_GT(keys.size(), 50u);
    for (const MetadataKey& key : keys) {
      const std::string name = key.at.back();
      if (key.required) {
        Json missing = *m;
        missing[key.at.parent_pointer()].erase(name);
        const std::string e = error_of([&] { parse_run_metadata(missing, "bert/results.json: metadata"); });
        EXPECT_NE(e.find("missing field '" + name + "'"), std::string::npos) << key.at.to_string() << ": " << e;
        EXPECT_EQ(e.rfind("bert/results.json: metadata", 0), 0u) << e;
      }
      Json mistyped = *m;
      const Json& v = mistyped[key.at];
      mistyped[key.at] = v.is_object() ? Json("text") : v.is_null() ? Json::array() : Json::object();
      const std::string e = error_of([&] { parse_run_metadata(mistyped); });
      EXPECT_NE(e.find("'" + name + "'"), std::string::npos) << key.at.to_string() << ": " << e;
    }
  }
}

// An older results.json, or a hand-edited one: the error names the file and the key, as the
// readers of h1, h2 and h3 do (schema nsmlab.results/1 has no optional keys to fall back on).
TEST(MetadataContract, OldOrWrongDocumentsAreRefusedByName) {
  Json old = lexical_metadata();
  old.erase("backend_detail");  // results.json files from before the backend seam
  const Json results = {{"schema", "nsmlab.results/1"}, {"metadata", old}};
  expect_contains(error_of([&] { parse_results_metadata(results, "run1/results.json"); }),
                  "run1/results.json: metadata: missing field 'backend_detail'");
  expect_contains(error_of([] { parse_results_metadata(Json{{"schema", "nsmlab.results/1"}}, "run1/results.json"); }),
                  "run1/results.json: missing field 'metadata'");
  expect_contains(error_of([] { parse_run_metadata(Json::array()); }), "results.json: metadata: expected an object");

  Json kind = lexical_metadata();
  kind["model"]["kind"] = "symbolic";
  expect_contains(error_of([&] { parse_run_metadata(kind); }),
                  "results.json: metadata.model: field 'kind' is 'symbolic', expected neural or lexical");
  Json neural = neural_metadata();
  neural["model"].erase("weights");
  expect_contains(error_of([&] { parse_run_metadata(neural); }), "metadata.model: missing field 'weights'");
  Json windows = neural_metadata();
  windows["long_text"]["corpus"].erase("windows");  // chunk mode: the windows are required
  expect_contains(error_of([&] { parse_run_metadata(windows); }), "metadata.long_text.corpus: missing field 'windows'");
  Json cuda = neural_metadata();
  cuda["backend_detail"]["device"] = "cuda";
  cuda["backend_detail"]["name"] = "cuda:0-fp32";
  expect_contains(error_of([&] { parse_run_metadata(cuda); }), "metadata.backend_detail: missing field 'device_index'");
  Json name = neural_metadata();
  name["backend_detail"]["name"] = "cpu-bf16";
  expect_contains(error_of([&] { parse_run_metadata(name); }), "field 'name' is 'cpu-bf16', but its device and precision make 'cpu-fp32'");
  Json precision = neural_metadata();
  precision["backend_detail"]["precision"] = "fp64";
  expect_contains(error_of([&] { parse_run_metadata(precision); }), "field 'precision' is 'fp64'");
  Json threads = lexical_metadata();
  threads["threads"] = 2.5;
  expect_contains(error_of([&] { parse_run_metadata(threads); }), "results.json: metadata: field 'threads' must be an integer");
}

// docs/RESULTS.md names every key of the metadata in its section, `in backticks`.
TEST(MetadataContract, EveryWrittenKeyIsDocumented) {
  std::ifstream in(std::string(NSMLAB_FIXTURES_DIR) + "/../../docs/RESULTS.md");
  ASSERT_TRUE(in) << "docs/RESULTS.md not found";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const size_t from = doc.find("\n### metadata\n");
  ASSERT_NE(from, std::string::npos) << "no section ### metadata";
  const size_t to = std::min(doc.find("\n## ", from + 1), doc.find("\n### ", from + 1));
  const std::string section = doc.substr(from, to == std::string::npos ? std::string::npos : to - from);
  std::set<std::string> undocumented;
  for (const Json* m : {&lexical_metadata(), &neural_metadata()})
    for (const MetadataKey& key : metadata_keys(*m)) {
      const std::string parent = key.at.parent_pointer().empty() ? "" : key.at.parent_pointer().back();
      if (!key.required && parent != "long_text") continue;  // features, libraries, stages: named by the doc as sets
      if (section.find("`" + key.at.back() + "`") == std::string::npos) undocumented.insert(key.at.to_string());
    }
  EXPECT_TRUE(undocumented.empty()) << ::testing::PrintToString(undocumented);
}

}  // namespace
}  // namespace nsmlab
