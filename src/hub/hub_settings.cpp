#include "hub/hub_settings.h"

#include <cstdlib>

#include "hub/model_resolver.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace nsmlab {

std::string environment_variable(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

namespace {

std::string trimmed(std::string s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  s = s.substr(first);
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

}  // namespace

HubSettings hub_settings() {
  HubSettings s;
  s.endpoint = environment_variable("HF_ENDPOINT");
  if (s.endpoint.empty()) s.endpoint = "https://huggingface.co";
  while (!s.endpoint.empty() && s.endpoint.back() == '/') s.endpoint.pop_back();
  std::string hf_home = environment_variable("HF_HOME");
  if (hf_home.empty()) {
    const std::string xdg = environment_variable("XDG_CACHE_HOME");
    hf_home = !xdg.empty() ? xdg + "/huggingface" : environment_variable("HOME") + "/.cache/huggingface";
  }
  s.cache = environment_variable("HF_HUB_CACHE");
  if (s.cache.empty()) s.cache = hf_home + "/hub";
  s.token = trimmed(environment_variable("HF_TOKEN"));
  if (s.token.empty()) s.token = trimmed(environment_variable("HUGGING_FACE_HUB_TOKEN"));  // huggingface_hub's older name
  if (s.token.empty()) {
    std::string path = environment_variable("HF_TOKEN_PATH");
    if (path.empty()) path = hf_home + "/token";
    try {
      if (file_exists(path)) s.token = trimmed(read_regular_file(path));
    } catch (const Error&) {
      // an unreadable token file: no token (the hub then says 401 for gated files)
    }
  }
  if (s.token.size() > 4096 || s.token.find_first_of("\r\n") != std::string::npos) s.token.clear();
  s.offline = hub_offline();
  return s;
}

}  // namespace nsmlab
