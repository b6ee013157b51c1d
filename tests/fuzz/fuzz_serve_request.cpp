// The bodies of `nsmlab serve`'s two embedding APIs (TEI /embed, OpenAI /v1/embeddings): any
// bytes from the network. Bad bodies end in serve::ApiError (a 4xx answer); one that parses
// keeps within the limits the server enforces.
#include "fuzz_support.h"
#include "serve/api_error.h"
#include "serve/embed_request.h"
#include "util/utf8.h"

namespace {

void check(const nsmlab::serve::EmbedRequest& r, const nsmlab::serve::RequestLimits& limits) {
  bool ok = !r.inputs.empty() && r.inputs.size() <= limits.max_inputs && r.dimensions <= limits.dimension;
  for (const std::string& s : r.inputs) ok = ok && nsmlab::is_valid_utf8(s);
  if (!ok) {
    std::fprintf(stderr, "\n*** a request past the limits was accepted (%zu inputs, dimensions %zu)\n", r.inputs.size(),
                 r.dimensions);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  serve::RequestLimits limits;
  limits.max_inputs = 8;
  limits.dimension = 384;
  limits.prompts = {{"query", "query: "}, {"passage", "passage: "}};
  const std::string_view body = fuzz::as_view(data, size);
  for (bool openai : {false, true}) {
    try {
      check(openai ? serve::parse_openai_embeddings(body, limits) : serve::parse_tei_embed(body, limits), limits);
    } catch (const serve::ApiError& e) {
      if (e.status < 400 || e.status > 499) {
        std::fprintf(stderr, "\n*** a bad body answered %d, not 4xx: %s\n", e.status, e.what());
        std::abort();
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "\n*** exception other than ApiError escaped (%s): %s\n", typeid(e).name(), e.what());
      std::abort();
    }
  }
  return 0;
}
