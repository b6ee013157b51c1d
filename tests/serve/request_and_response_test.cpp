#include <gtest/gtest.h>

#include <cmath>

#include "serve/api_error.h"
#include "serve/embed_request.h"
#include "serve/responses.h"
#include "util/json_file.h"

namespace nsmlab::serve {
namespace {

RequestLimits limits() {
  RequestLimits l;
  l.max_inputs = 3;
  l.dimension = 4;
  l.default_prompt = "query: ";
  l.prompts = {{"query", "query: "}, {"document", ""}};
  return l;
}

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status;
  }
  return 200;
}

TEST(EmbedRequest, TeiDefaultsAndPromptName) {
  EmbedRequest r = parse_tei_embed(R"({"inputs": "a"})", limits());
  EXPECT_EQ(r.inputs, std::vector<std::string>{"a"});
  EXPECT_TRUE(r.normalize);
  EXPECT_FALSE(r.truncate);
  EXPECT_EQ(r.prompt, "query: ");  // the model's default prompt, as `nsmlab embed` applies it
  r = parse_tei_embed(R"({"inputs": ["a", "b"], "prompt_name": "document", "normalize": false, "truncate": true})",
                      limits());
  EXPECT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.prompt, "");
  EXPECT_FALSE(r.normalize);
  EXPECT_TRUE(r.truncate);
}

TEST(EmbedRequest, StatusCodesOfBadBodies) {
  const RequestLimits l = limits();
  EXPECT_EQ(status_of([&] { parse_tei_embed("{", l); }), 400);
  EXPECT_EQ(status_of([&] { parse_tei_embed("{\"inputs\": \"\xff\"}", l); }), 400);
  EXPECT_EQ(status_of([&] { parse_tei_embed(R"({"inputs": {"a": 1}})", l); }), 400);
  EXPECT_EQ(status_of([&] { parse_tei_embed(R"({"inputs": "a", "normalize": 1})", l); }), 400);
  EXPECT_EQ(status_of([&] { parse_tei_embed(R"({"inputs": ["a", "b", "c", "d"]})", l); }), 422);
  EXPECT_EQ(status_of([&] { parse_tei_embed(R"({"inputs": "a", "prompt_name": "x"})", l); }), 422);
  EXPECT_EQ(status_of([&] { parse_openai_embeddings(R"({"input": "a", "dimensions": 5})", l); }), 422);
  EXPECT_EQ(status_of([&] { parse_openai_embeddings(R"({"input": "a", "dimensions": -1})", l); }), 400);
  EXPECT_EQ(status_of([&] { parse_openai_embeddings(R"({"input": "a", "encoding_format": "x"})", l); }), 422);
  EXPECT_EQ(status_of([&] { parse_openai_embeddings(R"({"input": []})", l); }), 422);
}

TEST(Responses, Base64IsLittleEndianFloat32AndDimensionsRenormalise) {
  Matrix m(1, 4);
  m.data = {1.0f, 0.0f, 0.0f, 1.0f};
  const Json o = Json::parse(openai_embeddings(m, true, "m", 3));
  EXPECT_EQ(o["data"][0]["embedding"], "AACAPwAAAAAAAAAAAACAPw==");
  EXPECT_EQ(o["usage"]["total_tokens"], 3);
  m.data = {3.0f, 4.0f, 100.0f, 100.0f};
  const Matrix t = truncate_dimensions(m, 2);
  ASSERT_EQ(t.cols, 2u);
  EXPECT_FLOAT_EQ(t(0, 0), 0.6f);
  EXPECT_FLOAT_EQ(t(0, 1), 0.8f);
  const Json tei = Json::parse(tei_embeddings(m));
  EXPECT_EQ(tei[0][2].get<double>(), 100.0);
}

TEST(Responses, ErrorBodiesOfBothApis) {
  const ApiError e(429, ApiError::Overloaded, "busy \xff");  // not UTF-8: replaced, never a throw
  const Json tei = Json::parse(tei_error(e));
  EXPECT_EQ(tei["error_type"], "overloaded");
  const Json oa = Json::parse(openai_error(ApiError(422, ApiError::Validation, "bad", "dimensions")));
  EXPECT_EQ(oa["error"]["type"], "invalid_request_error");
  EXPECT_EQ(oa["error"]["param"], "dimensions");
  EXPECT_TRUE(oa["error"]["code"].is_null());
}

}  // namespace
}  // namespace nsmlab::serve
