#include "engine/neural_encoder.h"

#include <omp.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>

#include "engine/batching.h"
#include "util/error.h"
#include "util/parallel_errors.h"
#include "util/progress.h"
#include "util/utf8.h"

namespace nsmlab {

namespace {

// sentence-transformers lowercases the text itself when sentence_bert_config says so.
std::string lowercase(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_utf8(out, static_cast<char32_t>(utf8proc_tolower(next_code_point(s, i))));
  return out;
}

void normalize_rows(Matrix& m) {
  for (size_t i = 0; i < m.rows; ++i) {
    float* r = m.row(i);
    double ss = 0;
    for (size_t j = 0; j < m.cols; ++j) ss += double(r[j]) * r[j];
    float inv = static_cast<float>(1.0 / std::max(std::sqrt(ss), 1e-12));
    for (size_t j = 0; j < m.cols; ++j) r[j] *= inv;
  }
}

// NaN or infinite weights (a damaged or badly converted file) give NaN embeddings that
// would flow silently into every metric: refuse them, naming the model.
void require_finite(const Matrix& m, const std::string& model) {
  for (size_t i = 0; i < m.rows; ++i) {
    const float* r = m.row(i);
    for (size_t j = 0; j < m.cols; ++j)
      if (!std::isfinite(r[j]))
        fail("{}: the model produced a non-finite value ({}) in the embedding of text {} (dimension {}): its weights "
             "are probably damaged (NaN or infinite values in model.safetensors)", model, r[j], i + 1, j);
  }
}

}  // namespace

NeuralEncoder::NeuralEncoder(const std::string& model_dir)
    : dir_(model_dir), model_(SentenceModel::load(model_dir)), tokenizer_(Tokenizer::load(model_->folder().tokenizer_json)) {}

std::string NeuralEncoder::describe() const {
  return fmt::format("{} ({:.1f}M parameters, {} dimensions) from {}", model_->architecture(),
                     model_->parameter_count() / 1e6, dimension(), dir_);
}

size_t NeuralEncoder::dimension() const { return model_->dimension(); }

std::string NeuralEncoder::default_prompt() const {
  const auto& f = model_->folder();
  if (f.default_prompt_name.empty()) return "";
  auto it = f.prompts.find(f.default_prompt_name);
  return it == f.prompts.end() ? "" : it->second;
}

size_t NeuralEncoder::max_seq_length() const {
  const auto& f = model_->folder();
  if (f.max_seq_length > 0) return f.max_seq_length;
  // Without sentence_bert_config.json: as many tokens as the position table holds.
  return f.config.max_sequence_positions();
}

Matrix NeuralEncoder::encode(const std::vector<std::string>& texts, const EncodeOptions& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto& folder = model_->folder();
  size_t max_len = options.max_seq_len > 0 ? options.max_seq_len : max_seq_length();
  if (max_len < tokenizer_.num_special_tokens() + 1)
    fail("--max-seq-len {}: too short, the model adds {} special tokens", max_len, tokenizer_.num_special_tokens());

  // Pooling without the prompt needs the prompt's length in tokens, as sentence-transformers
  // computes it: the prompt tokenised alone, minus its closing special token.
  int32_t prompt_len = 0;
  if (!options.prompt.empty()) {
    std::string p = folder.do_lower_case ? lowercase(options.prompt) : options.prompt;
    prompt_len = static_cast<int32_t>(tokenizer_.encode(p, max_len).ids.size()) - 1;
  }

  std::vector<Encoding> enc(texts.size());
  ParallelErrors errors;  // a text the tokenizer refuses must not terminate the process
#pragma omp parallel for schedule(dynamic, 16)
  for (size_t i = 0; i < texts.size(); ++i) {
    errors.capture(i, [&] {
      std::string t = options.prompt + texts[i];
      try {
        enc[i] = tokenizer_.encode(folder.do_lower_case ? lowercase(t) : t, max_len);
      } catch (const Error& e) {
        fail("text {}: {}", i + 1, e.what());
      }
    });
  }
  errors.rethrow();

  std::vector<size_t> lengths(enc.size());
  for (size_t i = 0; i < enc.size(); ++i) lengths[i] = enc[i].ids.size();
  BatchPlan plan = plan_batches(lengths, std::max<size_t>(options.batch_tokens, max_len));

  Matrix out(texts.size(), dimension());
  Progress progress("embedding", texts.size(), "sentences");
  if (!options.progress) progress.finish();
  const int32_t pad = tokenizer_.pad_id();
  for (const auto& batch : plan.batches) {
    TokenBatch tb;
    tb.batch = batch.size();
    tb.seq_len = lengths[batch.front()];  // batches are sorted longest first
    tb.ids.assign(tb.batch * tb.seq_len, pad);
    tb.type_ids.assign(tb.batch * tb.seq_len, 0);
    tb.mask.assign(tb.batch * tb.seq_len, 0);
    tb.prompt_len.assign(tb.batch, prompt_len);
    for (size_t b = 0; b < batch.size(); ++b) {
      const Encoding& e = enc[batch[b]];
      std::copy(e.ids.begin(), e.ids.end(), tb.ids.begin() + b * tb.seq_len);
      std::copy(e.type_ids.begin(), e.type_ids.end(), tb.type_ids.begin() + b * tb.seq_len);
      std::fill_n(tb.mask.begin() + b * tb.seq_len, e.ids.size(), 1);
    }
    Matrix rows = model_->embed(tb);
    for (size_t b = 0; b < batch.size(); ++b) std::copy_n(rows.row(b), out.cols, out.row(batch[b]));
    if (options.progress) progress.advance(batch.size());
  }
  if (options.normalize) normalize_rows(out);
  require_finite(out, dir_);
  return out;
}

}  // namespace nsmlab
