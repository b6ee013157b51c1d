#include "engine/m3_encoder.h"

#include "nn/m3_outputs.h"
#include "util/error.h"

namespace nsmlab {

M3Encoder::M3Encoder(NeuralEncoder& encoder) : encoder_(encoder) {
  const std::string& dir = encoder.folder().path;
  if (!has_m3_heads(dir))
    fail("{}: no sparse_linear.pt / colbert_linear.pt: only bge-m3-style models have sparse and ColBERT outputs "
         "(use --output-kind dense)", dir);
  heads_ = load_m3_heads(dir, encoder.folder().config);
  for (const std::string& name : heads_.special_token_names)
    if (auto id = encoder.tokenizer().token_to_id(name)) excluded_.insert(*id);
}

std::vector<std::map<int32_t, float>> M3Encoder::lexical_weights(const std::vector<std::string>& texts,
                                                                 const std::string& prompt) {
  std::vector<std::map<int32_t, float>> out;
  out.reserve(texts.size());
  for (const std::string& text : texts) {
    const std::string input = prompt + text;
    const Matrix h = encoder_.token_states(input);
    const std::vector<int32_t> ids = encoder_.token_ids(input);
    if (ids.size() != h.rows) fail("internal error: {} token ids for {} hidden states", ids.size(), h.rows);
    out.push_back(m3_lexical_weights(h.data.data(), ids.data(), ids.size(), heads_, excluded_));
  }
  return out;
}

std::vector<Matrix> M3Encoder::colbert_vectors(const std::vector<std::string>& texts, const std::string& prompt) {
  std::vector<Matrix> out;
  out.reserve(texts.size());
  for (const std::string& text : texts) {
    const Matrix h = encoder_.token_states(prompt + text);
    out.push_back(m3_colbert_vectors(h.data.data(), h.rows, heads_));
  }
  return out;
}

}  // namespace nsmlab
