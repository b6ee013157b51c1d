#include "serve/embed_request.h"

#include "serve/api_error.h"
#include "util/json_file.h"
#include "util/utf8.h"

namespace nsmlab::serve {

namespace {

Json parse_body(std::string_view body) {
  size_t bad = 0;
  if (!is_valid_utf8(body, &bad)) malformed(fmt::format("the request body is not valid UTF-8 (byte {})", bad));
  Json j;
  try {
    j = parse_json_text(body, "request body");
  } catch (const Error& e) {
    malformed(e.what());
  }
  if (!j.is_object()) malformed(fmt::format("the request body must be a JSON object, got {}", json_type_name(j)));
  return j;
}

// A string or a list of strings, 1 to limits.max_inputs of them.
std::vector<std::string> read_inputs(const Json& body, const char* field, const RequestLimits& limits) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) invalid(fmt::format("missing field '{}'", field), field);
  std::vector<std::string> out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array())
    malformed(fmt::format("'{}' must be a string or a list of strings, got {}", field, json_type_name(*it)), field);
  if (it->empty()) invalid(fmt::format("'{}' cannot be empty", field), field);
  if (it->size() > limits.max_inputs)
    invalid(fmt::format("'{}' holds {} inputs; this server takes at most {} per request", field, it->size(),
                        limits.max_inputs), field);
  out.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& v = (*it)[i];
    if (!v.is_string())
      malformed(fmt::format("'{}'[{}] must be a string, got {}", field, i, json_type_name(v)), field);
    out.push_back(v.get<std::string>());
  }
  return out;
}

template <typename T>
T optional_field(const Json& body, const char* field, T fallback) {
  try {
    return json_optional<T>(body, field, "request body", fallback);
  } catch (const Error& e) {
    malformed(e.what(), field);
  }
}

}  // namespace

EmbedRequest parse_tei_embed(std::string_view text, const RequestLimits& limits) {
  const Json body = parse_body(text);
  EmbedRequest r;
  r.inputs = read_inputs(body, "inputs", limits);
  r.normalize = optional_field<bool>(body, "normalize", true);
  r.truncate = optional_field<bool>(body, "truncate", limits.auto_truncate);
  const std::string direction = optional_field<std::string>(body, "truncation_direction", "Right");
  if (direction != "Right")
    invalid(fmt::format("truncation_direction '{}': only \"Right\" is supported", direction), "truncation_direction");
  r.prompt = limits.default_prompt;
  const std::string name = optional_field<std::string>(body, "prompt_name", "");
  if (body.contains("prompt_name") && !body["prompt_name"].is_null()) {
    auto p = limits.prompts.find(name);
    if (p == limits.prompts.end()) {
      std::string known;
      for (const auto& [k, v] : limits.prompts) known += (known.empty() ? "" : ", ") + k;
      invalid(fmt::format("prompt_name '{}' is not one of the model's prompts ({})", name,
                          known.empty() ? "the model defines none" : known), "prompt_name");
    }
    r.prompt = p->second;
  }
  return r;
}

EmbedRequest parse_openai_embeddings(std::string_view text, const RequestLimits& limits) {
  const Json body = parse_body(text);
  EmbedRequest r;
  r.inputs = read_inputs(body, "input", limits);
  r.model = optional_field<std::string>(body, "model", "");
  const std::string format = optional_field<std::string>(body, "encoding_format", "float");
  if (format != "float" && format != "base64")
    invalid(fmt::format("encoding_format '{}': expected \"float\" or \"base64\"", format), "encoding_format");
  r.base64 = format == "base64";
  r.dimensions = optional_field<size_t>(body, "dimensions", 0);
  if (body.contains("dimensions") && !body["dimensions"].is_null() &&
      (r.dimensions < 1 || r.dimensions > limits.dimension))
    invalid(fmt::format("dimensions {}: expected 1 to {} (the model's embedding size)", r.dimensions,
                        limits.dimension), "dimensions");
  optional_field<std::string>(body, "user", "");  // accepted, unused; still type-checked
  r.truncate = limits.auto_truncate;
  r.prompt = limits.default_prompt;
  return r;
}

}  // namespace nsmlab::serve
