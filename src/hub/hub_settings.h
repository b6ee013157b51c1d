// Where huggingface_hub keeps its cache and token, and which server it asks: the same
// environment variables, so Python and nsmlab share one cache.
#pragma once
#include <string>

namespace nsmlab {

struct HubSettings {
  std::string endpoint;  // $HF_ENDPOINT, else https://huggingface.co (no trailing '/')
  std::string cache;     // $HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/...
  std::string token;     // $HF_TOKEN, else the file $HF_TOKEN_PATH or $HF_HOME/token; "" when none
  bool offline = false;  // $HF_HUB_OFFLINE
};

HubSettings hub_settings();

// The variable's value, or "" when it is unset.
std::string environment_variable(const char* name);

}  // namespace nsmlab
