// What every oneDNN-backed CPU kernel shares: the engine (created after the ISA cap is set),
// the mapping of activations to eltwise post-ops, and a bounded per-row-count primitive cache.
#pragma once
#include <dnnl.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

#include "model/transformer_config.h"

namespace nsmlab {

dnnl::engine& cpu_engine();

// The eltwise post-op for an activation; false for Identity.
bool eltwise_for(Activation a, dnnl::algorithm& alg, float& alpha);

// Products run on row tiles: full tiles of kTileRows, then the rest as a multiple of 16 and
// a remainder under 16. A layer thus needs at most 1 + 31 + 15 primitive shapes, whatever
// the corpus: memory stays flat, and every shape is one oneDNN's brgemm runs at full speed.
constexpr size_t kTileRows = 512;

template <class F>  // f(first_row, rows) for each tile, in order
void for_each_row_tile(size_t rows, F&& f) {
  size_t r = 0;
  for (; r + kTileRows <= rows; r += kTileRows) f(r, kTileRows);
  const size_t rest = rows - r;
  if (rest >= 16) {
    f(r, rest / 16 * 16);
    r += rest / 16 * 16;
  }
  if (r < rows) f(r, rows - r);
}

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

// Runs one primitive on the engine's stream and waits.
void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args);

}  // namespace nsmlab
