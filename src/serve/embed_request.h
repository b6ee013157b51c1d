// The two embedding APIs' request bodies, parsed and checked into one shape. Every body is
// untrusted: not UTF-8, not JSON, wrong types and out-of-range values are ApiErrors (400, 422)
// that name the field; nothing here touches the model.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab::serve {

struct EmbedRequest {
  std::vector<std::string> inputs;
  bool normalize = true;
  bool truncate = false;        // false: an input longer than the model's limit is refused (422)
  std::string prompt;           // prepended to every input (from prompt_name, else the model's default)
  size_t dimensions = 0;        // OpenAI: keep the first N dimensions and renormalise (0: all)
  bool base64 = false;          // OpenAI encoding_format "base64": little-endian float32 bytes
  std::string model;            // OpenAI: echoed back
};

struct RequestLimits {
  size_t max_inputs = 512;          // inputs per request
  size_t dimension = 0;             // the model's embedding size (upper bound of `dimensions`)
  bool auto_truncate = false;       // OpenAI has no truncate field: the server decides
  std::string default_prompt;       // the model's default prompt ("" if none)
  std::map<std::string, std::string> prompts;  // prompt_name -> prompt text
};

// text-embeddings-inference POST /embed: inputs, normalize (true), truncate (false), prompt_name.
EmbedRequest parse_tei_embed(std::string_view body, const RequestLimits& limits);
// OpenAI POST /v1/embeddings: input, model, encoding_format (float|base64), dimensions, user.
EmbedRequest parse_openai_embeddings(std::string_view body, const RequestLimits& limits);

}  // namespace nsmlab::serve
