// Feature hashing for the lexical baseline: each feature string (a character n-gram
// or a whole word) goes to one of 2^bits buckets with a sign, so the feature space
// is fixed-size and needs no vocabulary. The sign (as in Weinberger et al. 2009)
// makes colliding features cancel on average instead of piling up.
#pragma once
#include <cstdint>
#include <string_view>

namespace nsmlab {

// FNV-1a 64 over the bytes (offset basis 14695981039346656037, prime 1099511628211),
// starting from `state` so that a prefix can be hashed first.
uint64_t fnv1a64(std::string_view bytes, uint64_t state = 14695981039346656037ull);

// FNV-1a's low bits mix poorly (the last multiply only carries upwards), so the
// bucket and sign come from the hash after MurmurHash3's fmix64 finaliser.
uint64_t fmix64(uint64_t h);

enum class FeatureKind : char { kCharNgram = 'c', kWord = 'w' };

struct HashedFeature {
  uint32_t bucket;  // in [0, 2^bits)
  int sign;         // +1 or -1
};

// The feature's full 64-bit hash: FNV-1a of the kind byte followed by the UTF-8 bytes,
// then fmix64. Distinct kinds never share a hash input ("w" + "le" vs "c" + " le").
uint64_t feature_hash(FeatureKind kind, std::string_view utf8);

// Bucket = low `bits` bits of the hash, sign = its top bit (0 -> +1, 1 -> -1).
HashedFeature bucket_of(uint64_t hash, int bits);

}  // namespace nsmlab
