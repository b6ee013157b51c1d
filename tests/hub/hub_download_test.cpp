#include <gtest/gtest.h>

#include "fake_home.h"
#include "hub/hub_download.h"
#include "hub/hub_settings.h"
#include "hub/http_client.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using namespace testing_hub;
using HubSettingsTest = FakeHome;

TEST(HubDownload, OnlyTheFilesAModelNeeds) {
  const std::vector<std::string> repo = {
      "README.md", "config.json", "modules.json", "tokenizer.json", "model.safetensors", "pytorch_model.bin",
      "onnx/model.onnx", "1_Pooling/config.json", "2_Dense/config.json", "2_Dense/pytorch_model.bin",
      "openvino/openvino_model.bin", "sparse_linear.pt", "colbert_linear.pt", "tf_model.h5"};
  const std::vector<std::string> want = {"config.json", "modules.json", "tokenizer.json", "model.safetensors",
                                         "1_Pooling/config.json", "2_Dense/config.json", "2_Dense/pytorch_model.bin",
                                         "sparse_linear.pt", "colbert_linear.pt"};
  EXPECT_EQ(files_a_model_needs(repo), want);
  // Sharded safetensors: the index and its shards, not the .bin.
  const std::vector<std::string> sharded = {"config.json", "model.safetensors.index.json",
                                            "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                                            "pytorch_model.bin"};
  const std::vector<std::string> want_sharded = {"config.json", "model.safetensors.index.json",
                                                 "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"};
  EXPECT_EQ(files_a_model_needs(sharded), want_sharded);
}

TEST(HubDownload, FileNamesFromTheServerStayInTheFolder) {
  for (const char* ok : {"config.json", "1_Pooling/config.json", "a.b/c"}) EXPECT_TRUE(safe_repo_path(ok)) << ok;
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a/", "x\n"})
    EXPECT_FALSE(safe_repo_path(bad)) << bad;
}

TEST(HubDownload, TokenOnlyForTheHubsHost) {
  EXPECT_EQ(url_authority("https://huggingface.co/api/models"), "huggingface.co");
  EXPECT_EQ(url_authority("http://127.0.0.1:8080/x?y"), "127.0.0.1:8080");
  EXPECT_NE(url_authority("https://cdn-lfs.hf.co/x"), url_authority("https://huggingface.co/x"));
  EXPECT_EQ(url_authority("/relative"), "");
}

TEST_F(HubSettingsTest, EnvironmentAsHuggingfaceHubReadsIt) {
  HubSettings s = hub_settings();
  EXPECT_EQ(s.endpoint, "https://huggingface.co");
  EXPECT_EQ(s.cache, (home_ / ".cache/huggingface/hub").string());
  EXPECT_EQ(s.token, "");
  setenv("HF_HOME", (root_ / "hf").c_str(), 1);
  touch(root_ / "hf/token", "  hf_abc\n");
  setenv("HF_ENDPOINT", "http://127.0.0.1:1/", 1);
  s = hub_settings();
  EXPECT_EQ(s.cache, (root_ / "hf/hub").string());
  EXPECT_EQ(s.token, "hf_abc");
  EXPECT_EQ(s.endpoint, "http://127.0.0.1:1");
  setenv("HF_TOKEN", "hf_env", 1);
  setenv("HF_HUB_CACHE", (root_ / "c").c_str(), 1);
  s = hub_settings();
  EXPECT_EQ(s.token, "hf_env");
  EXPECT_EQ(s.cache, (root_ / "c").string());
  setenv("HF_HUB_OFFLINE", "1", 1);
  EXPECT_TRUE(hub_settings().offline);
  EXPECT_THROW(pull_model({"org/name", ""}), Error);  // offline: refused before any request
}

TEST(HubDownload, UnreachableServerIsAnErrorNamingTheUrl) {
  HubSettings s;
  s.endpoint = "http://127.0.0.1:1";  // nothing listens on port 1
  s.cache = "/nonexistent-nsmlab-cache";
  try {
    pull_model({"org/name", ""}, s);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("http://127.0.0.1:1/api/models/org/name/revision/main"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nsmlab
