// Texts longer than the model's max_seq_length: cut (--long-text truncate, what
// sentence-transformers does) or split into windows of tokens that each fit, encoded apart and
// mean-pooled into one document vector (--long-text chunk). Either way they are counted, so a
// run says how many texts the model did not see whole.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/json_file.h"
#include "util/matrix.h"

namespace nsmlab {

enum class LongTextMode { truncate, chunk };

// "truncate" or "chunk" (the --long-text option); anything else is an error naming the option.
LongTextMode parse_long_text_mode(const std::string& name);
const char* long_text_mode_name(LongTextMode mode);

// [begin, end) of a text's tokens (special tokens and prompt not counted).
struct TokenWindow {
  size_t begin = 0, end = 0;
  bool operator==(const TokenWindow&) const = default;
};

// Windows of at most `width` tokens over `tokens` tokens, each starting `width - overlap`
// after the previous one, the last one ending at the last token. No token is left out; an
// empty text gets one empty window (the model sees only its special tokens, as when truncated).
// overlap >= width (no progress) or width 0 is refused.
std::vector<TokenWindow> token_windows(size_t tokens, size_t width, size_t overlap);

// What a set of texts looked like next to the sequence length.
struct LongTextCount {
  size_t texts = 0;    // texts tokenised
  size_t over = 0;     // of which longer than the sequence length (truncated, or split into windows)
  size_t longest = 0;  // most tokens in one text, prompt and special tokens included
  size_t windows = 0;  // sequences the texts make (= texts with truncate; more with chunk when some are long), cached or not
  void add(const LongTextCount& o);
};

struct LongTextSettings {
  LongTextMode mode = LongTextMode::truncate;
  size_t overlap = 0;      // tokens shared by consecutive windows (chunk)
  size_t max_seq_len = 0;  // the sequence length in force
};

// The report for results.json, manifest.json and side files.
Json long_text_json(const LongTextCount& count, const LongTextSettings& settings);
// One sentence for standard error, or "" when no text was long.
std::string long_text_summary(const LongTextCount& count, const LongTextSettings& settings);

// The document vectors of --long-text chunk: row t is the mean of the rows of `windows` whose
// text_of is t, weighted by `weight` (the text tokens each window holds), summed in window
// order in double precision. A text with a single window keeps that row bit for bit; a mean of
// several is L2-normalised again when `renormalize` (the model ends with Normalize).
Matrix mean_of_windows(const Matrix& windows, const std::vector<uint32_t>& text_of, const std::vector<uint32_t>& weight,
                       size_t texts, bool renormalize);

}  // namespace nsmlab
