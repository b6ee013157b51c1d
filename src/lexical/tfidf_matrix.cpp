#include "lexical/tfidf_matrix.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "util/error.h"

namespace nsmlab {

namespace {

struct Entry {
  uint32_t bucket;
  double value;
};

// One text's hashed, sublinear term frequencies, sorted by bucket, zeros removed.
std::vector<Entry> hashed_term_frequencies(const std::string& text, const TfidfOptions& options,
                                           std::unordered_map<uint64_t, int>& counts) {
  counts.clear();
  // The full 64-bit hash stands for the feature string: a collision there is negligible.
  for_each_lexical_feature(text, options.features,
                           [&](FeatureKind kind, std::string_view s) { ++counts[feature_hash(kind, s)]; });
  std::vector<Entry> entries;
  entries.reserve(counts.size());
  for (const auto& [hash, count] : counts) {
    const HashedFeature f = bucket_of(hash, options.hash_bits);
    entries.push_back({f.bucket, f.sign * (1.0 + std::log(static_cast<double>(count)))});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.bucket < b.bucket; });
  // Merge features that share a bucket; signed sums may cancel exactly.
  size_t out = 0;
  for (size_t i = 0; i < entries.size();) {
    Entry merged = entries[i];
    for (++i; i < entries.size() && entries[i].bucket == merged.bucket; ++i) merged.value += entries[i].value;
    if (std::abs(merged.value) > 1e-12) entries[out++] = merged;
  }
  entries.resize(out);
  return entries;
}

}  // namespace

TfidfMatrix build_tfidf_matrix(const std::vector<std::string>& texts, const TfidfOptions& options) {
  if (options.hash_bits < 1 || options.hash_bits > 31)
    fail("lexical encoder: hash_bits = {} is invalid: expected 1..31", options.hash_bits);
  const size_t n = texts.size();
  std::vector<std::vector<Entry>> rows(n);
  std::unordered_map<uint64_t, int> counts;
  for (size_t i = 0; i < n; ++i) {
    try {
      rows[i] = hashed_term_frequencies(texts[i], options, counts);
    } catch (const Error& e) {
      fail("{} (text {} of {})", e.what(), i + 1, n);
    }
  }

  // Only the buckets that occur become columns: a dense bucket -> column table costs
  // 1 MiB at 2^18 and makes the lookups trivial.
  std::vector<int32_t> column_of(size_t{1} << options.hash_bits, -1);
  TfidfMatrix m;
  std::vector<int> df;
  for (const auto& row : rows)
    for (const Entry& e : row)
      if (column_of[e.bucket] < 0) {
        column_of[e.bucket] = 0;
        m.buckets.push_back(e.bucket);
      }
  std::sort(m.buckets.begin(), m.buckets.end());
  for (size_t c = 0; c < m.buckets.size(); ++c) column_of[m.buckets[c]] = static_cast<int32_t>(c);
  df.assign(m.buckets.size(), 0);
  for (const auto& row : rows)
    for (const Entry& e : row) ++df[column_of[e.bucket]];
  m.idf.resize(m.buckets.size());
  for (size_t c = 0; c < m.buckets.size(); ++c)
    m.idf[c] = std::log((1.0 + n) / (1.0 + df[c])) + 1.0;

  size_t nnz = 0;
  for (const auto& row : rows) nnz += row.size();
  m.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m.buckets.size()));
  m.values.reserve(static_cast<Eigen::Index>(nnz));
  for (size_t i = 0; i < n; ++i) {
    double norm2 = 0;
    for (Entry& e : rows[i]) {
      e.value *= m.idf[column_of[e.bucket]];
      norm2 += e.value * e.value;
    }
    const double scale = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
    m.values.startVec(static_cast<Eigen::Index>(i));
    // Rows are sorted by bucket, and columns follow bucket order: insertBack is valid.
    for (const Entry& e : rows[i]) m.values.insertBack(static_cast<Eigen::Index>(i), column_of[e.bucket]) = e.value * scale;
  }
  m.values.finalize();
  return m;
}

}  // namespace nsmlab
