// What the experiments need from an encoder: texts in, one row per text out.
// Implemented by the transformer engine and by the weight-free lexical baseline.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "engine/long_text.h"
#include "util/matrix.h"

namespace nsmlab {

struct EncodeOptions {
  std::string prompt;          // prepended to every text (e.g. "query: " for e5)
  bool normalize = false;      // L2-normalise rows (in addition to a Normalize module, if any)
  size_t batch_tokens = 8192;  // token budget per batch (padded tokens count)
  size_t max_seq_len = 0;      // 0: the model's own max_seq_length
  bool progress = true;        // draw a progress line (only ever on a terminal)
  LongTextMode long_text = LongTextMode::truncate;  // texts over max_seq_len: cut, or windows mean-pooled
  size_t chunk_overlap = 0;    // tokens shared by consecutive windows (LongTextMode::chunk)
};

class SentenceEncoder {
 public:
  virtual ~SentenceEncoder() = default;
  // "neural" or "lexical": the report says plainly when results come from a baseline.
  virtual std::string kind() const = 0;
  // Human-readable one-liner: architecture, size, where it came from.
  virtual std::string describe() const = 0;
  virtual size_t dimension() const = 0;
  virtual Matrix encode(const std::vector<std::string>& texts, const EncodeOptions& options) = 0;
  // The long texts met by encode() since the last call (and the settings in force), then forgotten:
  // the truncation report. An encoder without a sequence length has none.
  virtual LongTextCount take_long_text_count() { return {}; }
};

}  // namespace nsmlab
