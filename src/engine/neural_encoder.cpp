#include "engine/neural_encoder.h"

#include <omp.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>

#include "engine/batching.h"
#include "nn/token_batch.h"
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

void normalize_rows(Matrix& m) {
  for (size_t i = 0; i < m.rows; ++i) {
    float* r = m.row(i);
    double ss = 0;
    for (size_t j = 0; j < m.cols; ++j) ss += double(r[j]) * r[j];
    float inv = static_cast<float>(1.0 / std::max(std::sqrt(ss), 1e-12));
    for (size_t j = 0; j < m.cols; ++j) r[j] *= inv;
  }
}

size_t NeuralEncoder::token_count(const std::string& text, const std::string& prompt) const {
  const std::string t = prompt + text;
  return tokenizer_.encode(folder_.do_lower_case ? lowercase(t) : t).ids.size();
}

NeuralEncoder::NeuralEncoder(const std::string& model_dir, const BackendOptions& backend)
    : dir_(model_dir), folder_(load_model_folder(model_dir)), tokenizer_(Tokenizer::load(folder_.tokenizer_json)),
      options_(backend), plan_(plan_backends(backend)), notes_(plan_.notes) {
  backend_ = open_first(dir_, plan_, options_, 0, candidate_, notes_);
}

NeuralEncoder::~NeuralEncoder() = default;

std::string NeuralEncoder::describe() const {
  return fmt::format("{} ({:.1f}M parameters, {} dimensions) from {}, on {}", architecture(),
                     parameter_count() / 1e6, dimension(), dir_, backend_->description().name());
}

size_t NeuralEncoder::dimension() const { return backend_->dimension(); }
size_t NeuralEncoder::parameter_count() const { return backend_->parameter_count(); }

BackendDescription NeuralEncoder::backend_description() const {
  BackendDescription d = backend_->description();
  d.notes.insert(d.notes.begin(), notes_.begin(), notes_.end());
  return d;
}

std::string NeuralEncoder::default_prompt() const {
  if (folder_.default_prompt_name.empty()) return "";
  auto it = folder_.prompts.find(folder_.default_prompt_name);
  return it == folder_.prompts.end() ? "" : it->second;
}

size_t NeuralEncoder::max_seq_length() const {
  if (folder_.max_seq_length > 0) return folder_.max_seq_length;
  // Without sentence_bert_config.json: as many tokens as the position table holds.
  return folder_.config.max_sequence_positions();
}

Encoding NeuralEncoder::tokenize(const std::string& text, size_t max_len) const {
  return tokenizer_.encode(folder_.do_lower_case ? lowercase(text) : text, max_len > 0 ? max_len : max_seq_length());
}

Matrix NeuralEncoder::token_states(const std::string& text) {
  Encoding e = tokenize(text);
  PackedBatch b;
  b.add(e.ids.data(), e.type_ids.data(), e.ids.size());
  return backend_->token_states(b);
}

std::vector<int32_t> NeuralEncoder::token_ids(const std::string& text) const {
  return tokenize(text).ids;
}

void NeuralEncoder::fall_back(const std::string& why) {
  if (candidate_ + 1 >= plan_.candidates.size()) fail("{} (no other backend to fall back to)", why);
  notes_.push_back(fmt::format("{}; falling back to {} and encoding these texts again there", why,
                               plan_.candidates[candidate_ + 1].name()));
  backend_.reset();  // free the failed device's memory before the next one loads
  backend_ = open_first(dir_, plan_, options_, candidate_ + 1, candidate_, notes_);
}

// Out of memory: the batch in two halves, recursively, down to single sentences.
Matrix NeuralEncoder::embed_halving(const PackedBatch& batch) {
  try {
    return backend_->embed(batch);
  } catch (const OutOfDeviceMemory& e) {
    const size_t n = batch.sequences();
    if (n < 2) throw BackendFailure(fmt::format("{}, even for a single sentence", e.what()));
    notes_.push_back(fmt::format("{}: halved that batch", e.what()));
    PackedBatch half[2];
    for (size_t b = 0; b < n; ++b) {
      PackedBatch& h = half[b < n / 2 ? 0 : 1];
      const size_t from = batch.offset[b], len = batch.length(b);
      h.add(batch.ids.data() + from, batch.type_ids.empty() ? nullptr : batch.type_ids.data() + from, len,
            batch.prompt_len.empty() ? 0 : batch.prompt_len[b]);
      std::copy_n(batch.column.data() + from, len, h.column.end() - static_cast<long>(len));
    }
    Matrix a = embed_halving(half[0]), z = embed_halving(half[1]);
    Matrix out(n, a.cols);
    std::copy(a.data.begin(), a.data.end(), out.data.begin());
    std::copy(z.data.begin(), z.data.end(), out.data.begin() + static_cast<long>(a.data.size()));
    return out;
  }
}

struct NeuralEncoder::Batches {
  std::vector<PackedBatch> packed;
  std::vector<std::vector<size_t>> rows;  // the input row of each sequence of each batch
};

Matrix NeuralEncoder::encode_on_backend(const Batches& batches, size_t rows, bool show_progress) {
  Matrix out(rows, dimension());
  Progress progress("embedding", rows, "sentences");
  if (!show_progress) progress.finish();
  for (size_t i = 0; i < batches.packed.size(); ++i) {
    Matrix r = embed_halving(batches.packed[i]);
    for (size_t b = 0; b < batches.rows[i].size(); ++b) std::copy_n(r.row(b), out.cols, out.row(batches.rows[i][b]));
    if (show_progress) progress.advance(batches.rows[i].size());
  }
  return out;
}

namespace {

// The prompt's own tokens at the head of every window: as many as it has alone.
size_t prompt_tokens(const Tokenizer& tok, const std::string& prompt) {
  return prompt.empty() ? 0 : tok.encode(prompt, 0, false).ids.size();
}

}  // namespace

size_t NeuralEncoder::window_text_tokens(const EncodeOptions& options) const {
  const size_t max_len = max_seq_length(options);
  const size_t fixed = tokenizer_.num_special_tokens() +
                       prompt_tokens(tokenizer_, folder_.do_lower_case ? lowercase(options.prompt) : options.prompt);
  if (max_len <= fixed)
    fail("--long-text chunk: a window of {} tokens has no room for text after the {} special tokens and the prompt's "
         "tokens", max_len, fixed);
  token_windows(0, max_len - fixed, options.chunk_overlap);  // refuses an overlap that would never advance
  return max_len - fixed;
}

NeuralEncoder::Tokenized NeuralEncoder::tokenize(const std::vector<std::string>& texts, const EncodeOptions& options,
                                                 int threads) const {
  size_t max_len = max_seq_length(options);
  if (max_len < tokenizer_.num_special_tokens() + 1)
    fail("--max-seq-len {}: too short, the model adds {} special tokens", max_len, tokenizer_.num_special_tokens());
  const bool chunk = options.long_text == LongTextMode::chunk;
  const size_t width = chunk ? window_text_tokens(options) : 0;
  const size_t special = tokenizer_.num_special_tokens();

  Tokenized out;
  out.texts = texts.size();
  // Pooling without the prompt needs the prompt's length in tokens, as sentence-transformers
  // computes it: the prompt tokenised alone, minus its closing special token.
  std::string prompt = folder_.do_lower_case ? lowercase(options.prompt) : options.prompt;
  if (!options.prompt.empty())
    out.prompt_len = static_cast<int32_t>(tokenizer_.encode(prompt, max_len).ids.size()) - 1;
  const size_t prompt_ids = chunk ? prompt_tokens(tokenizer_, prompt) : 0;

  // With chunk, every text's windows first (any number), flattened in text order below.
  std::vector<std::vector<Encoding>> windows(chunk ? texts.size() : 0);
  std::vector<std::vector<uint32_t>> weights(chunk ? texts.size() : 0);  // text tokens of each window
  std::vector<Encoding>& enc = out.encodings;
  enc.resize(chunk ? 0 : texts.size());
  std::vector<size_t> full(texts.size());
  ParallelErrors errors;  // a text the tokenizer refuses must not terminate the process
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (size_t i = 0; i < texts.size(); ++i) {
    errors.capture(i, [&] {
      std::string t = options.prompt + texts[i];
      try {
        if (!chunk) {
          enc[i] = tokenizer_.encode(folder_.do_lower_case ? lowercase(t) : t, max_len, true, &full[i]);
          return;
        }
        const Encoding content = tokenizer_.encode(folder_.do_lower_case ? lowercase(t) : t, 0, false);
        const size_t n = content.ids.size();
        full[i] = n + special;
        if (full[i] <= max_len) {  // fits: the very sequence truncate would encode
          windows[i].push_back(tokenizer_.with_special_tokens(content.ids.data(), n));
          weights[i].push_back(1);
          return;
        }
        const size_t head = std::min(prompt_ids, n);
        std::vector<int32_t> ids(content.ids.begin(), content.ids.begin() + static_cast<long>(head));
        for (const TokenWindow& w : token_windows(n - head, width, options.chunk_overlap)) {
          ids.resize(head);
          ids.insert(ids.end(), content.ids.begin() + static_cast<long>(head + w.begin),
                     content.ids.begin() + static_cast<long>(head + w.end));
          windows[i].push_back(tokenizer_.with_special_tokens(ids.data(), ids.size()));
          weights[i].push_back(static_cast<uint32_t>(w.end - w.begin));
        }
      } catch (const Error& e) {
        fail("text {}: {}", i + 1, e.what());
      }
    });
  }
  errors.rethrow();

  out.count.texts = texts.size();
  for (size_t i = 0; i < texts.size(); ++i) {
    out.count.longest = std::max(out.count.longest, full[i]);
    if (full[i] > max_len) ++out.count.over;
  }
  if (!chunk) {
    out.count.windows = texts.size();
    return out;
  }
  const bool any_long = out.count.over > 0;  // else one sequence per text, as with truncate
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t k = 0; k < windows[i].size(); ++k) {
      if (any_long) {
        out.window_text.push_back(static_cast<uint32_t>(i));
        out.window_weight.push_back(weights[i][k]);
      }
      enc.push_back(std::move(windows[i][k]));
    }
    std::vector<Encoding>().swap(windows[i]);
  }
  out.count.windows = enc.size();
  return out;
}

LongTextCount NeuralEncoder::count_long_texts(const std::vector<std::string>& texts, const EncodeOptions& options) const {
  const size_t max_len = max_seq_length(options);
  const bool chunk = options.long_text == LongTextMode::chunk;
  const size_t width = chunk ? window_text_tokens(options) : 0;
  const std::string prompt = folder_.do_lower_case ? lowercase(options.prompt) : options.prompt;
  const size_t head = chunk ? prompt_tokens(tokenizer_, prompt) : 0;
  LongTextCount c;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string t = options.prompt + texts[i];
    size_t full = 0;
    try {
      tokenizer_.encode(folder_.do_lower_case ? lowercase(t) : t, max_len, true, &full);
    } catch (const Error& e) {
      fail("text {}: {}", i + 1, e.what());
    }
    ++c.texts;
    c.longest = std::max(c.longest, full);
    const bool over = full > max_len;
    c.over += over;
    const size_t n = full - tokenizer_.num_special_tokens();
    c.windows += chunk && over ? token_windows(n - std::min(head, n), width, options.chunk_overlap).size() : 1;
  }
  return c;
}

LongTextCount NeuralEncoder::take_long_text_count() {
  LongTextCount c = long_text_count_;
  long_text_count_ = {};
  return c;
}

Matrix NeuralEncoder::encode(const std::vector<std::string>& texts, const EncodeOptions& options) {
  const int threads = options_.threads > 0 ? options_.threads : omp_get_max_threads();
  return encode_tokenized(tokenize(texts, options, threads), options);
}

Matrix NeuralEncoder::encode_tokenized(Tokenized tokenized, const EncodeOptions& options) {
  const size_t max_len = options.max_seq_len > 0 ? options.max_seq_len : max_seq_length();
  std::vector<Encoding>& enc = tokenized.encodings;
  const size_t rows = enc.size();  // sequences: texts, or their windows
  long_text_count_.add(tokenized.count);
  std::vector<size_t> lengths(enc.size());
  for (size_t i = 0; i < enc.size(); ++i) lengths[i] = enc[i].ids.size();
  BatchPlan plan = plan_batches(lengths, std::max<size_t>(options.batch_tokens, max_len));
  Batches batches;
  for (const auto& batch : plan.batches) {
    PackedBatch pb;
    for (size_t idx : batch)
      pb.add(enc[idx].ids.data(), enc[idx].type_ids.data(), enc[idx].ids.size(), tokenized.prompt_len);
    batches.packed.push_back(std::move(pb));
    batches.rows.push_back(batch);
  }
  enc.clear();
  enc.shrink_to_fit();

  Matrix out;
  for (;;) {
    try {
      out = encode_on_backend(batches, rows, options.progress);
      break;
    } catch (const BackendFailure& e) {
      fall_back(e.what());  // rows of one matrix always come from one backend: start again there
    }
  }
  if (!tokenized.window_text.empty())
    out = mean_of_windows(out, tokenized.window_text, tokenized.window_weight, tokenized.texts, folder_.normalize);
  if (options.normalize) normalize_rows(out);
  require_finite(out, dir_);
  return out;
}

}  // namespace nsmlab
