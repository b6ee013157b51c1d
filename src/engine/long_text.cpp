#include "engine/long_text.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace nsmlab {

LongTextMode parse_long_text_mode(const std::string& name) {
  if (name == "truncate") return LongTextMode::truncate;
  if (name == "chunk") return LongTextMode::chunk;
  fail("--long-text {}: expected truncate or chunk", name);
}

const char* long_text_mode_name(LongTextMode mode) { return mode == LongTextMode::chunk ? "chunk" : "truncate"; }

std::vector<TokenWindow> token_windows(size_t tokens, size_t width, size_t overlap) {
  if (width == 0) fail("long text windows: no room for a single text token in a window");
  if (overlap >= width)
    fail("--chunk-overlap {}: must be less than the {} text tokens a window holds (the sequence length minus the "
         "special tokens and the prompt)", overlap, width);
  std::vector<TokenWindow> out;
  const size_t step = width - overlap;
  for (size_t begin = 0;; begin += step) {
    const size_t end = std::min(begin + width, tokens);
    out.push_back({begin, end});
    if (end == tokens) break;
  }
  return out;
}

void LongTextCount::add(const LongTextCount& o) {
  texts += o.texts;
  over += o.over;
  longest = std::max(longest, o.longest);
  windows += o.windows;
}

Json long_text_json(const LongTextCount& c, const LongTextSettings& s) {
  Json j = {{"mode", long_text_mode_name(s.mode)}, {"max_seq_len", s.max_seq_len}, {"texts", c.texts},
            {"over_max_seq_len", c.over}, {"longest_tokens", c.longest}};
  if (s.mode == LongTextMode::chunk) {
    j["chunk_overlap"] = s.overlap;
    j["windows"] = c.windows;
  }
  return j;
}

std::string long_text_summary(const LongTextCount& c, const LongTextSettings& s) {
  if (c.over == 0) return "";
  const std::string what = fmt::format("{} of {} texts were longer than the {} tokens the model reads (longest: {} tokens)",
                                       c.over, c.texts, s.max_seq_len, c.longest);
  if (s.mode == LongTextMode::truncate)
    return what + "; they were truncated (--long-text chunk encodes them whole, in windows)";
  return fmt::format("{}; they were split into windows (overlap {} tokens): {} windows for {} texts, each long "
                     "text's windows mean-pooled", what, s.overlap, c.windows, c.texts);
}

Matrix mean_of_windows(const Matrix& windows, const std::vector<uint32_t>& text_of, const std::vector<uint32_t>& weight,
                       size_t texts, bool renormalize) {
  if (text_of.size() != windows.rows || weight.size() != windows.rows)
    fail("mean_of_windows: {} windows but {} text indices and {} weights", windows.rows, text_of.size(), weight.size());
  const size_t d = windows.cols;
  Matrix out(texts, d);
  std::vector<double> sum(d);
  for (size_t w = 0; w < windows.rows;) {
    const size_t t = text_of[w];
    if (t >= texts || (w > 0 && t < text_of[w - 1])) fail("mean_of_windows: window {} belongs to text {}, out of order", w, t);
    size_t last = w;
    while (last + 1 < windows.rows && text_of[last + 1] == t) ++last;
    if (last == w) {  // one window: the row as the model gave it
      std::copy_n(windows.row(w), d, out.row(t));
      w = last + 1;
      continue;
    }
    std::fill(sum.begin(), sum.end(), 0.0);
    double total = 0;
    for (size_t k = w; k <= last; ++k) {
      // An empty window cannot occur in a text with several; weight 0 would only drop it.
      const double wt = weight[k];
      total += wt;
      const float* r = windows.row(k);
      for (size_t j = 0; j < d; ++j) sum[j] += wt * r[j];
    }
    if (!(total > 0)) fail("mean_of_windows: text {} has windows of total weight 0", t);
    double norm = 0;
    for (size_t j = 0; j < d; ++j) {
      sum[j] /= total;
      norm += sum[j] * sum[j];
    }
    const double scale = renormalize ? 1.0 / std::max(std::sqrt(norm), 1e-12) : 1.0;
    float* o = out.row(t);
    for (size_t j = 0; j < d; ++j) o[j] = static_cast<float>(sum[j] * scale);
    w = last + 1;
  }
  return out;
}

}  // namespace nsmlab
