#include "cache/cache_space.h"

#include <algorithm>
#include <filesystem>

#include "engine/long_text.h"
#include "util/error.h"
#include "util/sha256.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

constexpr uintmax_t kSmallFile = 64ull << 20;
constexpr size_t kMaxFiles = 4096;  // a model folder holds tens; more is not a model folder

std::string canonical_or_empty(const std::string& p) {
  std::error_code ec;
  const fs::path c = fs::canonical(p, ec);
  return ec ? "" : c.string();
}

}  // namespace

std::string model_sha256(EmbeddingCache& cache, const ModelFolder& folder) {
  const std::string weights = canonical_or_empty(folder.weights_path), tokenizer = canonical_or_empty(folder.tokenizer_json);
  std::vector<std::pair<std::string, std::string>> files;  // relative path, absolute path
  std::error_code ec;
  fs::recursive_directory_iterator it(folder.path, fs::directory_options::none, ec), end;
  if (ec) fail("{}: cannot list the model folder: {}", folder.path, ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) fail("{}: cannot list the model folder: {}", folder.path, ec.message());
    const fs::path& p = it->path();
    if (p.filename().string().starts_with('.') || it.depth() > 4) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;  // follows links (hub snapshots link to blobs)
    const std::string c = canonical_or_empty(p.string());
    if (it->file_size(ec) > kSmallFile && c != weights && c != tokenizer) continue;
    files.emplace_back(fs::relative(p, folder.path, ec).generic_string(), p.string());
    if (files.size() > kMaxFiles) fail("{}: more than {} files: not a model folder", folder.path, kMaxFiles);
  }
  std::sort(files.begin(), files.end());
  std::string manifest;
  for (const auto& [rel, abs] : files) manifest += rel + "\t" + cache.file_sha256(abs) + "\n";
  return sha256_hex(manifest);
}

Json cache_settings(const NeuralEncoder& encoder, const EncodeOptions& o) {
  const BackendDescription b = encoder.backend_description();
  Json j{{"cache_format", kCacheFormatVersion},
         {"nsmlab", NSMLAB_VERSION},  // project(VERSION), set for this file in CMakeLists.txt
         {"backend", b.name()},
         {"instruction_set", b.instruction_set},
         {"prompt", o.prompt},
         {"normalize", o.normalize},
         {"max_seq_len", o.max_seq_len > 0 ? o.max_seq_len : encoder.max_seq_length()},
         {"output", "dense float32"}};
  // --long-text chunk gives a long text another vector; truncate keeps the spaces cached before.
  if (o.long_text == LongTextMode::chunk) {
    j["long_text"] = long_text_mode_name(o.long_text);
    j["chunk_overlap"] = o.chunk_overlap;
  }
  return j;
}

CacheSpace open_cache_space(EmbeddingCache& cache, const NeuralEncoder& encoder, const EncodeOptions& options) {
  CacheSpace s;
  s.cache = &cache;
  s.dim = encoder.dimension();
  s.backend = encoder.backend_description().name();
  s.id = cache.space(model_sha256(cache, encoder.folder()), cache_settings(encoder, options).dump(), s.dim,
                     canonical_or_empty(encoder.model_dir()));
  return s;
}

std::vector<TextKey> text_keys(const std::vector<std::string>& texts) {
  std::vector<TextKey> keys;
  keys.reserve(texts.size());
  for (const std::string& t : texts) keys.push_back(text_key(t));
  return keys;
}

Matrix encode_cached(NeuralEncoder& encoder, const CacheSpace& space, const std::vector<std::string>& texts,
                     const EncodeOptions& options, CacheCounts& counts) {
  const std::vector<TextKey> keys = text_keys(texts);
  Matrix out(texts.size(), space.dim);
  std::vector<uint8_t> found;
  const size_t hits = space.cache->lookup(space.id, space.dim, keys, out.data.data(), found);
  std::vector<std::string> missing;
  for (size_t i = 0; i < texts.size(); ++i)
    if (!found[i]) missing.push_back(texts[i]);
  if (!missing.empty()) {
    const Matrix m = encoder.encode(missing, options);
    for (size_t i = 0, j = 0; i < texts.size(); ++i)
      if (!found[i]) std::copy(m.row(j), m.row(j) + space.dim, out.row(i)), ++j;
  }
  if (encoder.backend_description().name() == space.backend) space.cache->insert(space.id, space.dim, keys, out.data.data(), found);
  counts.hits += hits;
  counts.encoded += missing.size();
  return out;
}

}  // namespace nsmlab
