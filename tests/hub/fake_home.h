// A fake home with empty model variables for the hub tests, restored after each test.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace nsmlab::testing_hub {

namespace fs = std::filesystem;

inline void touch(const fs::path& p, const std::string& content = "{}") {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << content;
}

inline void make_model(const fs::path& dir, bool with_weights = true) {
  touch(dir / "config.json");
  touch(dir / "tokenizer.json");
  if (with_weights) touch(dir / "model.safetensors", "weights");
}

class FakeHome : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/nsmlab_hub_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    for (const char* name : kVars) {
      if (const char* v = std::getenv(name)) saved_[name] = v;
      unsetenv(name);
    }
    home_ = root_ / "home";
    fs::create_directories(home_);
    setenv("HOME", home_.c_str(), 1);
  }
  void TearDown() override {
    for (const char* name : kVars) {
      auto it = saved_.find(name);
      if (it != saved_.end()) setenv(name, it->second.c_str(), 1);
      else unsetenv(name);
    }
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  // models--org--name with one snapshot per revision and optionally refs/main.
  fs::path hub_entry(const fs::path& cache, const std::string& repo) {
    std::string folder = "models--" + repo;
    folder.replace(folder.find('/'), 1, "--");
    return cache / folder;
  }

  static constexpr const char* kVars[] = {"HOME", "NSMLAB_MODELS", "HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME",
                                          "SENTENCE_TRANSFORMERS_HOME", "HF_HUB_OFFLINE", "HF_ENDPOINT",
                                          "HF_TOKEN", "HF_TOKEN_PATH"};
  fs::path root_, home_;
  std::map<std::string, std::string> saved_;
};

}  // namespace nsmlab::testing_hub
