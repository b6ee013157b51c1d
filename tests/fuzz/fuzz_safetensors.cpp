// model.safetensors: the header (JSON with dtypes, shapes, offsets) and the tensors, through
// the loader the engine uses, against a tiny fixed BERT config. Every byte the loader
// claims is in the file is then read, so a wrong bounds check shows up under ASan.
#include "fuzz_support.h"
#include "model/safetensors.h"
#include "model/transformer_config.h"
#include "model/transformer_weights.h"
#include "model/weight_store.h"

namespace {

const char* kTinyBert = R"({"model_type": "bert", "vocab_size": 8, "hidden_size": 4, "num_hidden_layers": 1,
  "num_attention_heads": 2, "intermediate_size": 8, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
  "max_position_embeddings": 8, "type_vocab_size": 2, "pad_token_id": 0})";

// Number of elements of `shape`, or abort: a loader that accepts a shape whose product
// overflows lets the engine index past the tensor (rows x cols computed by the kernels).
size_t checked_numel(const std::vector<size_t>& shape, const std::string& name) {
  size_t n = 1;
  for (size_t d : shape)
    if (__builtin_mul_overflow(n, d, &n)) {
      std::fprintf(stderr, "\n*** tensor %s: shape %s overflows, yet was accepted\n", name.c_str(),
                   nsmlab::shape_string(shape).c_str());
      std::abort();
    }
  return n;
}

float touch(const nsmlab::FloatTensor& t) {
  float s = 0;
  const size_t n = t.empty() ? 0 : checked_numel(t.shape, "fp32 view");
  for (size_t i = 0; i < n; ++i) s += t.data[i];
  return s;
}

// Every element of a weight as the kernels would read it (widened to fp32): ASan sees any read
// outside the mapping.
float touch(const nsmlab::TensorView& t) {
  float s = 0;
  if (t.empty()) return s;
  checked_numel(t.shape, t.name);
  for (float v : t.to_f32()) s += v;
  return s;
}

size_t element_bytes(nsmlab::TensorDtype d) {
  return d == nsmlab::TensorDtype::F32 ? 4 : d == nsmlab::TensorDtype::Unsupported ? 0 : 2;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  static const TransformerConfig config = parse_transformer_config(fuzz::write_scratch("config.json", kTinyBert));
  const std::string path = fuzz::write_scratch("model.safetensors", fuzz::as_view(data, size));
  fuzz::expect_clean_errors([&] {
    SafetensorsFile file(path);
    volatile uint8_t sink = 0;
    for (const auto& [name, t] : file.tensors()) {
      for (size_t i = 0; i < t.end - t.begin; ++i) sink = sink ^ file.data(t)[i];
      // What the loader accepted must be what the bytes hold, or a reader trusting the shape goes past them.
      const size_t n = checked_numel(t.shape, name);
      if (element_bytes(t.dtype) != 0 && n * element_bytes(t.dtype) != t.end - t.begin) {
        std::fprintf(stderr, "\n*** tensor %s: shape %s does not match its %zu bytes, yet was accepted\n", name.c_str(),
                     shape_string(t.shape).c_str(), t.end - t.begin);
        std::abort();
      }
    }
  });
  fuzz::expect_clean_errors([&] {
    WeightStore store(path, anchor_tensor_name());
    TransformerWeights w = load_transformer_weights(store, config);
    volatile float sink = touch(w.word_embeddings) + touch(w.position_embeddings) + touch(w.token_type_embeddings) +
                          touch(w.embedding_norm.gamma) + touch(w.embedding_norm.beta);
    for (const auto& l : w.layers)
      for (const LinearWeights* lin : {&l.query, &l.key, &l.value, &l.attention_output, &l.intermediate, &l.output})
        sink = sink + touch(lin->weight) + touch(lin->bias);
  });
  return 0;
}
