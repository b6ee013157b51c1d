// An HTTP API error: the status code and what the client is told. Each API renders it in its
// own body shape (serve/responses.h): text-embeddings-inference's {"error", "error_type"},
// OpenAI's {"error": {"message", "type", "param", "code"}}.
#pragma once
#include <stdexcept>
#include <string>

namespace nsmlab::serve {

struct ApiError : std::runtime_error {
  enum Kind { Malformed, Validation, TooLarge, Overloaded, Backend, Unhealthy };
  ApiError(int status, Kind kind, std::string message, std::string param = "")
      : std::runtime_error(std::move(message)), status(status), kind(kind), param(std::move(param)) {}
  int status;
  Kind kind;
  std::string param;  // the request field at fault ("" when none)
};

// 400: not JSON, not UTF-8, a field of the wrong type.
[[noreturn]] inline void malformed(std::string message, std::string param = "") {
  throw ApiError(400, ApiError::Malformed, std::move(message), std::move(param));
}
// 422: well-formed but refused (empty, too many inputs, too many tokens, unknown prompt).
[[noreturn]] inline void invalid(std::string message, std::string param = "") {
  throw ApiError(422, ApiError::Validation, std::move(message), std::move(param));
}

}  // namespace nsmlab::serve
