#include <gtest/gtest.h>

#include "fake_home.h"
#include "hub/model_cache.h"
#include "hub/model_resolver.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using namespace testing_hub;
using ModelResolver = FakeHome;

const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";
const std::string kOlder = "fedcba9876543210fedcba9876543210fedcba98";

std::string error_of(const std::string& spec, const ModelFetcher& fetch = {}) {
  try {
    resolve_model(spec, fetch);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ModelNames, ParseIdsShortNamesAndRevisions) {
  EXPECT_EQ(parse_model_name("BAAI/bge-m3").repo_id, "BAAI/bge-m3");
  EXPECT_EQ(parse_model_name("labse").repo_id, "sentence-transformers/LaBSE");  // a known short name
  EXPECT_EQ(parse_model_name("all-MiniLM-L6-v2").repo_id, "sentence-transformers/all-MiniLM-L6-v2");
  EXPECT_EQ(parse_model_name("my-model").repo_id, "sentence-transformers/my-model");  // as sentence-transformers
  const ModelName n = parse_model_name("intfloat/e5-large-v2@refs/pr/3");
  EXPECT_EQ(n.repo_id, "intfloat/e5-large-v2");
  EXPECT_EQ(n.revision, "refs/pr/3");
  for (const char* bad : {"a/b/c", "org/../x", "org/na--me", "-org/name", "org/name@../x", "org/name@/abs",
                          "org/name@a//b", "org/name@", "org/na me", "/"})
    EXPECT_THROW(parse_model_name(bad), Error) << bad;
}

TEST_F(ModelResolver, HubIdThroughRefsAndRevision) {
  const fs::path cache = root_ / "hub";
  setenv("HF_HUB_CACHE", cache.c_str(), 1);
  const fs::path entry = hub_entry(cache, "sentence-transformers/all-MiniLM-L6-v2");
  make_model(entry / "snapshots" / kCommit);
  make_model(entry / "snapshots" / kOlder);
  touch(entry / "refs/main", kCommit);
  touch(entry / "refs/v1", kOlder);
  for (const char* spec : {"sentence-transformers/all-MiniLM-L6-v2", "minilm-l6", "all-MiniLM-L6-v2"}) {
    const ResolvedModel m = resolve_model(spec);
    EXPECT_EQ(m.id, "sentence-transformers/all-MiniLM-L6-v2") << spec;
    EXPECT_EQ(m.revision, kCommit) << spec;
    EXPECT_EQ(m.path, fs::canonical(entry / "snapshots" / kCommit).string()) << spec;
  }
  EXPECT_EQ(resolve_model("minilm-l6@v1").revision, kOlder);
  EXPECT_EQ(resolve_model("minilm-l6@" + kOlder).revision, kOlder);
  // The cache folder itself and one of its snapshots name the model by its id, not its commit.
  EXPECT_EQ(resolve_model(entry.string()).id, "sentence-transformers/all-MiniLM-L6-v2");
  EXPECT_EQ(resolve_model(entry.string()).revision, kCommit);
  const ResolvedModel snap = resolve_model((entry / "snapshots" / kOlder).string());
  EXPECT_EQ(snap.id, "sentence-transformers/all-MiniLM-L6-v2");
  EXPECT_EQ(snap.revision, kOlder);
  EXPECT_NE(error_of("minilm-l6@v2").find("`nsmlab pull sentence-transformers/all-MiniLM-L6-v2@v2`"), std::string::npos);
}

TEST_F(ModelResolver, PlainFoldersAndDiscoveryRoots) {
  make_model(root_ / "models/dangvantuan/sentence-camembert-large");
  make_model(root_ / "models/custom-encoder");
  setenv("NSMLAB_MODELS", (root_ / "models").c_str(), 1);
  EXPECT_EQ(resolve_model("camembert-large").path, (root_ / "models/dangvantuan/sentence-camembert-large").string());
  EXPECT_EQ(resolve_model("camembert-large").revision, "");
  const ResolvedModel plain = resolve_model((root_ / "models/custom-encoder/").string());
  EXPECT_EQ(plain.id, "custom-encoder");
  EXPECT_TRUE(fs::path(plain.path).is_absolute());
  EXPECT_NE(error_of((root_ / "nowhere").string()).find("not a directory"), std::string::npos);
}

TEST_F(ModelResolver, TransformerInASubfolderIsUsable) {
  const fs::path dir = root_ / "models/st-model";
  touch(dir / "modules.json",
        R"([{"idx":0,"name":"0","path":"0_Transformer","type":"sentence_transformers.models.Transformer"},)"
        R"({"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"}])");
  make_model(dir / "0_Transformer");
  setenv("NSMLAB_MODELS", (root_ / "models").c_str(), 1);
  const auto found = find_local_models();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].complete) << found[0].missing;
  fs::remove(dir / "0_Transformer/tokenizer.json");
  EXPECT_EQ(find_local_models()[0].missing, "0_Transformer/tokenizer.json");
}

TEST_F(ModelResolver, MissingModelSaysHowToFetchIt) {
  const std::string e = error_of("BAAI/bge-m3");
  EXPECT_NE(e.find("not on this machine"), std::string::npos) << e;
  EXPECT_NE(e.find("`nsmlab pull BAAI/bge-m3`"), std::string::npos) << e;
  bool fetched = false;
  const ModelFetcher fetch = [&](const ModelName& n) {
    fetched = true;
    EXPECT_EQ(n.repo_id, "BAAI/bge-m3");
    return ResolvedModel{n.repo_id, kCommit, "/x"};
  };
  EXPECT_EQ(resolve_model("bge-m3", fetch).revision, kCommit);
  EXPECT_TRUE(fetched);
  setenv("HF_HUB_OFFLINE", "1", 1);
  fetched = false;
  EXPECT_NE(error_of("bge-m3", fetch).find("HF_HUB_OFFLINE"), std::string::npos);
  EXPECT_FALSE(fetched);
}

TEST_F(ModelResolver, IncompleteCacheEntrySaysWhatIsMissing) {
  const fs::path cache = home_ / ".cache/huggingface/hub";
  const fs::path entry = hub_entry(cache, "BAAI/bge-m3");
  make_model(entry / "snapshots" / kCommit, false);
  touch(entry / "refs/main", kCommit);
  const std::string e = error_of("BAAI/bge-m3");
  EXPECT_NE(e.find("incomplete"), std::string::npos) << e;
  EXPECT_NE(e.find("model.safetensors"), std::string::npos) << e;
}

}  // namespace
}  // namespace nsmlab
