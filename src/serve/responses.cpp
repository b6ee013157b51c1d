#include "serve/responses.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "engine/neural_encoder.h"
#include "util/json_file.h"

namespace nsmlab::serve {

namespace {

static_assert(std::endian::native == std::endian::little, "base64 embeddings are little-endian float32");

void append_row(std::string& out, const float* r, size_t n) {
  out += '[';
  for (size_t j = 0; j < n; ++j) {
    if (j) out += ',';
    fmt::format_to(std::back_inserter(out), "{}", static_cast<double>(r[j]));
  }
  out += ']';
}

std::string base64_row(const float* r, size_t n) {
  const size_t bytes = n * sizeof(float);
  std::string out(4 * ((bytes + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(r), static_cast<int>(bytes));
  out.resize(static_cast<size_t>(len));
  return out;
}

// Messages may quote client bytes: dump() replaces anything that is not UTF-8.
std::string json_string(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

const char* tei_type(ApiError::Kind k) {
  switch (k) {
    case ApiError::Malformed: return "malformed";
    case ApiError::Validation: case ApiError::TooLarge: return "validation";
    case ApiError::Overloaded: return "overloaded";
    case ApiError::Backend: return "backend";
    case ApiError::Unhealthy: return "unhealthy";
  }
  return "backend";
}

}  // namespace

std::string tei_embeddings(const Matrix& m) {
  std::string out;
  out.reserve(m.rows * m.cols * 12 + 2);
  out += '[';
  for (size_t i = 0; i < m.rows; ++i) {
    if (i) out += ',';
    append_row(out, m.row(i), m.cols);
  }
  out += ']';
  return out;
}

std::string openai_embeddings(const Matrix& m, bool base64, const std::string& model, size_t tokens) {
  std::string out;
  out.reserve(m.rows * m.cols * (base64 ? 6 : 12) + 128);
  out += "{\"object\":\"list\",\"data\":[";
  for (size_t i = 0; i < m.rows; ++i) {
    fmt::format_to(std::back_inserter(out), "{}{{\"object\":\"embedding\",\"index\":{},\"embedding\":", i ? "," : "",
                   i);
    if (base64) out += '"' + base64_row(m.row(i), m.cols) + '"';
    else append_row(out, m.row(i), m.cols);
    out += '}';
  }
  fmt::format_to(std::back_inserter(out), "],\"model\":{},\"usage\":{{\"prompt_tokens\":{},\"total_tokens\":{}}}}}",
                 json_string(model), tokens, tokens);
  return out;
}

std::string tei_error(const ApiError& e) {
  return fmt::format("{{\"error\":{},\"error_type\":\"{}\"}}", json_string(e.what()), tei_type(e.kind));
}

std::string openai_error(const ApiError& e) {
  const char* type = e.kind == ApiError::Overloaded ? "rate_limit_exceeded"
                     : e.kind == ApiError::Backend || e.kind == ApiError::Unhealthy ? "server_error"
                                                                                     : "invalid_request_error";
  const std::string param = e.param.empty() ? "null" : json_string(e.param);
  return fmt::format("{{\"error\":{{\"message\":{},\"type\":\"{}\",\"param\":{},\"code\":{}}}}}", json_string(e.what()),
                     type, param, e.kind == ApiError::Overloaded ? "\"rate_limit_exceeded\"" : "null");
}

Matrix truncate_dimensions(const Matrix& m, size_t dimensions) {
  Matrix out(m.rows, std::min(dimensions, m.cols));
  for (size_t i = 0; i < m.rows; ++i) std::copy_n(m.row(i), out.cols, out.row(i));
  normalize_rows(out);
  return out;
}

}  // namespace nsmlab::serve
