// Response bodies of the two APIs, written straight into a string (no JSON tree per float).
// Floats are written as the shortest decimal that reads back as the same double, so a
// client parsing JSON gets exactly nsmlab's float32 values.
#pragma once
#include <string>

#include "serve/api_error.h"
#include "util/matrix.h"

namespace nsmlab::serve {

// text-embeddings-inference /embed: [[f, ...], ...].
std::string tei_embeddings(const Matrix& m);
// OpenAI /v1/embeddings: {"object":"list","data":[{"object":"embedding","index":i,"embedding":...}],
// "model":..,"usage":{"prompt_tokens":n,"total_tokens":n}}; base64: little-endian float32 bytes.
std::string openai_embeddings(const Matrix& m, bool base64, const std::string& model, size_t tokens);

// {"error": message, "error_type": "validation"|"overloaded"|"backend"|"unhealthy"|"malformed"}.
std::string tei_error(const ApiError& e);
// {"error": {"message", "type", "param", "code"}}.
std::string openai_error(const ApiError& e);

// The first `dimensions` columns of every row, each row renormalised to unit length.
Matrix truncate_dimensions(const Matrix& m, size_t dimensions);

}  // namespace nsmlab::serve
