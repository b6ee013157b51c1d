// What every oneDNN-backed CPU kernel shares: the engine (created after the ISA cap is set),
// the mapping of activations to eltwise post-ops, and a bounded per-row-count primitive cache.
#pragma once
#include <dnnl.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

#include "model/transformer_config.h"
#include "util/huge_page_memory.h"

namespace nsmlab {

dnnl::engine& cpu_engine();

// The eltwise post-op for an activation; false for Identity.
bool eltwise_for(Activation a, dnnl::algorithm& alg, float& alpha);

// Products run on a bounded set of row counts: each call's row count is one of 32 "round"
// numbers per octave (a multiple of row_step(n)), or exact under 16 rows. A caller that pads its
// buffers to row_bucket(rows) rows (nn/linear_kernel.h) gets one call per product; any other
// count is split, largest part first. Either way a corpus needs at most 15 + 32 per octave
// primitive shapes per layer, so memory stays flat however many batch shapes it has.
inline size_t row_step(size_t n) { return std::max<size_t>(16, std::bit_floor(n) / 32); }

template <class F>  // f(first_row, rows) for each call, in order
void for_each_row_tile(size_t rows, F&& f) {
  size_t r = 0;
  while (r < rows) {
    const size_t n = rows - r;
    const size_t take = n < 16 ? n : n / row_step(n) * row_step(n);
    f(r, take);
    r += take;
  }
}

// The row count every kernel's weight layout is chosen for (oneDNN's blocked formats do not
// depend on it: the same packed weights serve every row count).
constexpr size_t kLayoutRows = 512;
constexpr size_t kTileRows = kLayoutRows;  // the name the first kernels used

// Primitives keyed by (rows, variant), made on first use by `make` and kept; thread-safe.
class PrimitiveCache {
 public:
  using Make = std::function<dnnl::primitive(size_t rows, int variant)>;
  explicit PrimitiveCache(Make make) : make_(std::move(make)) {}
  dnnl::primitive get(size_t rows, int variant);
  size_t size() const;

 private:
  Make make_;
  mutable std::mutex mutex_;
  std::map<std::pair<size_t, int>, dnnl::primitive> cache_;
};

// A memory for packed weights of layout `md` in `storage` (huge pages: util/huge_page_memory.h),
// which must outlive it.
dnnl::memory packed_weights_memory(const dnnl::memory::desc& md, HugePageMemory& storage);

// Runs one primitive on the engine's stream and waits.
void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args);

}  // namespace nsmlab
