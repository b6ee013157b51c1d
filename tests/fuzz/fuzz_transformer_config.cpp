// config.json of the encoder: every field the forward pass depends on.
#include "fuzz_support.h"
#include "model/transformer_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  const std::string path = fuzz::write_scratch("config.json", fuzz::as_view(data, size));
  fuzz::expect_clean_errors([&] {
    TransformerConfig c = parse_transformer_config(path);
    volatile size_t sink = c.head_dim() + c.max_sequence_positions() + c.architecture().size();
    (void)sink;
  });
  return 0;
}
