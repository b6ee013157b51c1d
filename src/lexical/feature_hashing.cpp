#include "lexical/feature_hashing.h"

namespace nsmlab {

uint64_t fnv1a64(std::string_view bytes, uint64_t state) {
  for (unsigned char c : bytes) {
    state ^= c;
    state *= 1099511628211ull;
  }
  return state;
}

uint64_t fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t feature_hash(FeatureKind kind, std::string_view utf8) {
  const char prefix = static_cast<char>(kind);
  return fmix64(fnv1a64(utf8, fnv1a64(std::string_view(&prefix, 1))));
}

HashedFeature bucket_of(uint64_t hash, int bits) {
  const uint64_t mask = (bits >= 32) ? 0xffffffffull : ((1ull << bits) - 1);
  return {static_cast<uint32_t>(hash & mask), (hash >> 63) ? -1 : 1};
}

}  // namespace nsmlab
