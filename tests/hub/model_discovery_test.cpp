#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>

#include "hub/known_models.h"
#include "hub/model_cache.h"
#include "fake_home.h"

namespace nsmlab {
namespace {

namespace fs = std::filesystem;

using namespace testing_hub;
using ModelDiscovery = FakeHome;

const LocalModel* find(const std::vector<LocalModel>& models, const std::string& repo) {
  for (const LocalModel& m : models)
    if (m.repo_id == repo) return &m;
  return nullptr;
}

TEST_F(ModelDiscovery, NothingFound) {
  EXPECT_TRUE(find_local_models().empty());
  EXPECT_FALSE(best_local_model("fr").has_value());
}

TEST_F(ModelDiscovery, DefaultHubCacheFollowsRefsMain) {
  const fs::path entry = hub_entry(home_ / ".cache/huggingface/hub", "sentence-transformers/LaBSE");
  make_model(entry / "snapshots/aaaa");           // older revision, complete
  make_model(entry / "snapshots/bbbb", false);    // refs/main points here, no weights
  touch(entry / "refs/main", "bbbb\n");
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].repo_id, "sentence-transformers/LaBSE");
  EXPECT_EQ(fs::path(models[0].path).filename(), "bbbb");
  EXPECT_FALSE(models[0].complete);
  EXPECT_EQ(models[0].missing, "model.safetensors");
}

TEST_F(ModelDiscovery, WithoutRefsMainPrefersACompleteSnapshot) {
  const fs::path entry = hub_entry(root_ / "hubcache", "intfloat/e5-large-v2");
  make_model(entry / "snapshots/1111");
  make_model(entry / "snapshots/2222", false);
  touch(entry / "refs/main", "ffff");  // names a revision that is not there
  setenv("HF_HUB_CACHE", (root_ / "hubcache").c_str(), 1);
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].repo_id, "intfloat/e5-large-v2");
  EXPECT_EQ(fs::path(models[0].path).filename(), "1111");
  EXPECT_TRUE(models[0].complete);
}

TEST_F(ModelDiscovery, DanglingBlobLinkIsMissing) {
  const fs::path entry = hub_entry(root_ / "hf/hub", "BAAI/bge-m3");
  const fs::path snap = entry / "snapshots/abcd";
  make_model(snap, false);
  fs::create_directories(entry / "blobs");
  fs::create_symlink("../../blobs/deadbeef", snap / "model.safetensors");  // blob never arrived
  touch(entry / "refs/main", "abcd");
  setenv("HF_HOME", (root_ / "hf").c_str(), 1);
  auto models = find_local_models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_FALSE(models[0].complete);
  EXPECT_EQ(models[0].missing, "model.safetensors");
  touch(entry / "blobs/deadbeef", "weights");  // now the link resolves
  models = find_local_models();
  EXPECT_TRUE(models[0].complete);
}

TEST_F(ModelDiscovery, IncompleteFolderNamesEveryMissingFile) {
  const fs::path dir = root_ / "models/my-model";
  touch(dir / "config.json");
  touch(dir / "pytorch_model.bin", "weights");
  setenv("NSMLAB_MODELS", (root_ / "models").c_str(), 1);
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].repo_id, "my-model");
  EXPECT_FALSE(models[0].complete);
  EXPECT_NE(models[0].missing.find("model.safetensors (only pytorch_model.bin"), std::string::npos) << models[0].missing;
  EXPECT_NE(models[0].missing.find("tokenizer.json"), std::string::npos);
  EXPECT_EQ(models[0].missing.find("config.json"), std::string::npos);
}

TEST_F(ModelDiscovery, NsmlabModelsLayouts) {
  const fs::path base = root_ / "models";
  make_model(base / "paraphrase-multilingual-mpnet-base-v2");  // known repo name alone
  make_model(base / "dangvantuan/sentence-camembert-large");    // org/name
  make_model(base / "custom-encoder");                          // unknown plain folder
  make_model(hub_entry(base, "sentence-transformers/all-MiniLM-L6-v2") / "snapshots/r1");
  fs::create_directories(base / ".locks/x");
  touch(base / "README.txt", "not a model");
  setenv("NSMLAB_MODELS", base.c_str(), 1);
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 4u);
  EXPECT_NE(find(models, "sentence-transformers/paraphrase-multilingual-mpnet-base-v2"), nullptr);
  EXPECT_NE(find(models, "dangvantuan/sentence-camembert-large"), nullptr);
  EXPECT_NE(find(models, "custom-encoder"), nullptr);
  EXPECT_NE(find(models, "sentence-transformers/all-MiniLM-L6-v2"), nullptr);
  for (const auto& m : models) EXPECT_TRUE(m.complete) << m.repo_id << ": " << m.missing;
}

TEST_F(ModelDiscovery, NsmlabModelsMayBeOneModelFolder) {
  make_model(root_ / "LaBSE");
  setenv("NSMLAB_MODELS", (root_ / "LaBSE").c_str(), 1);
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].repo_id, "sentence-transformers/LaBSE");
}

TEST_F(ModelDiscovery, LegacySentenceTransformersFolders) {
  make_model(home_ / ".cache/torch/sentence_transformers/sentence-transformers_all-mpnet-base-v2");
  make_model(root_ / "st/someorg_some_model");
  setenv("SENTENCE_TRANSFORMERS_HOME", (root_ / "st").c_str(), 1);
  const auto models = find_local_models();
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0].repo_id, "someorg/some_model");  // $SENTENCE_TRANSFORMERS_HOME is searched first
  EXPECT_EQ(models[1].repo_id, "sentence-transformers/all-mpnet-base-v2");
}

TEST_F(ModelDiscovery, SameFolderThroughTwoRootsListedOnce) {
  make_model(hub_entry(home_ / ".cache/huggingface/hub", "BAAI/bge-m3") / "snapshots/r");
  setenv("HF_HOME", (home_ / ".cache/huggingface").c_str(), 1);
  setenv("HF_HUB_CACHE", (home_ / ".cache/huggingface/hub").c_str(), 1);
  EXPECT_EQ(find_local_models().size(), 1u);
}

TEST_F(ModelDiscovery, BestLocalModelFollowsPreferenceAndLanguage) {
  const fs::path base = root_ / "models";
  setenv("NSMLAB_MODELS", base.c_str(), 1);
  make_model(base / "all-MiniLM-L6-v2");                       // English only
  make_model(base / "sentence-camembert-large");               // French only
  make_model(base / "paraphrase-multilingual-mpnet-base-v2", false);  // preferred, but incomplete
  EXPECT_EQ(best_local_model("fr")->repo_id, "dangvantuan/sentence-camembert-large");
  EXPECT_EQ(best_local_model("en")->repo_id, "sentence-transformers/all-MiniLM-L6-v2");
  // German: the English and the French model do not cover it, and are never chosen for it.
  EXPECT_FALSE(best_local_model("de").has_value());
  make_model(base / "custom-encoder");  // unknown languages: chosen, and the run warns
  EXPECT_EQ(best_local_model("de")->repo_id, "custom-encoder");
  EXPECT_NE(language_warning("custom-encoder", "de", true).find("UNKNOWN LANGUAGES"), std::string::npos);
  EXPECT_EQ(language_warning("custom-encoder", "de", false), "");
  touch(base / "paraphrase-multilingual-mpnet-base-v2/model.safetensors", "weights");
  EXPECT_EQ(best_local_model("fr")->repo_id, "sentence-transformers/paraphrase-multilingual-mpnet-base-v2");
  EXPECT_EQ(best_local_model("en")->repo_id, "sentence-transformers/paraphrase-multilingual-mpnet-base-v2");
}

TEST(KnownModels, PreferenceOrderAndLookup) {
  const auto& models = known_models();
  ASSERT_EQ(models.size(), 7u);
  EXPECT_EQ(models[0].repo_id, "sentence-transformers/paraphrase-multilingual-mpnet-base-v2");
  EXPECT_EQ(models[0].short_name, "mpnet-multilingual");
  EXPECT_EQ(models[1].repo_id, "intfloat/e5-large-v2");
  EXPECT_EQ(models[1].prompt, "query: ");
  EXPECT_EQ(models[6].repo_id, "sentence-transformers/all-mpnet-base-v2");
  EXPECT_EQ(find_known_model("e5-large"), &models[1]);
  EXPECT_EQ(find_known_model("BAAI/BGE-M3"), &models[2]);
  EXPECT_EQ(find_known_model("LaBSE"), &models[4]);
  EXPECT_EQ(find_known_model("sentence-transformers_all-MiniLM-L6-v2"), &models[5]);
  EXPECT_EQ(find_known_model("no-such-model"), nullptr);
  EXPECT_TRUE(models[0].handles("fr"));
  EXPECT_FALSE(models[1].handles("fr"));
  EXPECT_TRUE(find_known_model("camembert-large")->handles("fr"));
  EXPECT_FALSE(find_known_model("camembert-large")->handles("en"));
  for (const auto& m : models) EXPECT_GT(m.parameters_millions, 0) << m.repo_id;
}

TEST(KnownModels, HowToGetModelsNamesTheCommand) {
  const std::string text = how_to_get_models();
  EXPECT_NE(text.find("nsmlab pull sentence-transformers/paraphrase-multilingual-mpnet-base-v2"), std::string::npos);
  EXPECT_NE(text.find("huggingface-cli download sentence-transformers/paraphrase-multilingual-mpnet-base-v2"),
            std::string::npos);
  EXPECT_NE(text.find("--model DIR"), std::string::npos);
  EXPECT_NE(text.find("NSMLAB_MODELS"), std::string::npos);
}

TEST(KnownModels, LanguagesOfEachModel) {
  EXPECT_TRUE(find_known_model("mpnet-multilingual")->handles("fr"));
  EXPECT_TRUE(find_known_model("mpnet-multilingual")->handles("fr-CA"));
  EXPECT_FALSE(find_known_model("mpnet-multilingual")->handles("eu"));  // Basque is not in its card's list
  EXPECT_TRUE(find_known_model("labse")->handles("eu"));
  EXPECT_EQ(find_known_model("minilm-l6")->describe_languages(), "en");
  EXPECT_EQ(find_known_model("labse")->describe_languages(), "109 languages");
  EXPECT_EQ(covers_language("sentence-transformers/all-MiniLM-L6-v2", "fr"), false);
  EXPECT_EQ(covers_language("dangvantuan/sentence-camembert-large", "fr"), true);
  EXPECT_FALSE(covers_language("someone/else", "fr").has_value());
  const std::string w = language_warning("sentence-transformers/all-MiniLM-L6-v2", "fr", false);
  EXPECT_NE(w.find("LANGUAGE MISMATCH"), std::string::npos);
  EXPECT_NE(w.find("dangvantuan/sentence-camembert-large"), std::string::npos) << w;  // what to use instead
  EXPECT_EQ(language_warning("BAAI/bge-m3", "fr", false), "");
  for (const KnownModel& m : known_models()) EXPECT_FALSE(m.describe_languages().empty()) << m.repo_id;
}

}  // namespace
}  // namespace nsmlab
