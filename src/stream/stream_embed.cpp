#include "stream/stream_embed.h"

#include <sys/stat.h>

#include <exception>
#include <filesystem>
#include <memory>
#include <thread>

#include "stream/chunk_queue.h"
#include "stream/kill_points.h"
#include "util/digest_cache.h"
#include "util/error.h"
#include "util/progress.h"
#include "util/timer.h"

namespace nsmlab {

namespace {

struct Chunk {
  size_t index = 0, rows = 0;
  bool encode = false;  // false: done by an earlier run or by another process
  bool end = false;
  NeuralEncoder::Tokenized tokens;  // with a cache: the misses' only
  // The long-text report of a chunk not encoded here, or of every text of the chunk when a cache
  // keeps the hits from being tokenised (tokens.count then covers the misses only).
  LongTextCount counted;
  std::exception_ptr error;
  // With a cache: the texts' keys, the rows found (found[i] != 0) and how many.
  std::vector<TextKey> keys;
  std::vector<uint8_t> found;
  Matrix cached;
  size_t hits = 0;
  double lookup_s = 0;
};

// Looks the chunk's texts up and keeps only the misses in `texts`, to be tokenised.
void look_up(EmbeddingCache& cache, const CacheSpace& space, std::vector<std::string>& texts, Chunk& c) {
  c.keys = text_keys(texts);
  c.cached = Matrix(texts.size(), space.dim);
  c.hits = cache.lookup(space.id, space.dim, c.keys, c.cached.data.data(), c.found);
  size_t kept = 0;
  for (size_t i = 0; i < texts.size(); ++i)
    if (!c.found[i]) {
      if (kept != i) texts[kept] = std::move(texts[i]);  // (a string moved onto itself is emptied)
      ++kept;
    }
  texts.resize(kept);
}

// The chunk's rows: the cached ones and the misses just encoded, in input order; the misses
// are stored (unless a fallback changed the backend since the space was opened).
Matrix merge_and_store(NeuralEncoder& encoder, const CacheSpace& space, Chunk& c, const EncodeOptions& eo,
                       double& insert_s) {
  Matrix m = std::move(c.cached);
  if (c.hits < m.rows) {
    const Matrix e = encoder.encode_tokenized(std::move(c.tokens), eo);
    for (size_t i = 0, j = 0; i < m.rows; ++i)
      if (!c.found[i]) std::copy(e.row(j), e.row(j) + m.cols, m.row(i)), ++j;
  }
  Timer t;
  if (encoder.backend_description().name() == space.backend)
    space.cache->insert(space.id, space.dim, c.keys, m.data.data(), c.found, kill_point);
  kill_point();
  insert_s += t.seconds();
  return m;
}

// The reader thread: texts in chunks, tokenised unless skipped, handed over in order.
void read_chunks(const NeuralEncoder& encoder, const EmbeddingSink& sink, const StreamEmbedOptions& o,
                 ChunkQueue<Chunk>& queue) {
  Chunk last;
  last.end = true;
  try {
    std::unique_ptr<EmbeddingCache> cache;  // SQLite connections are not shared between threads
    if (o.cache) cache = std::make_unique<EmbeddingCache>(o.cache->cache->path());
    TextReader reader(o.input, o.input_options);
    std::vector<std::string> texts;
    std::string text;
    for (size_t k = 0;; ++k) {
      texts.clear();
      while (texts.size() < o.chunk_texts && reader.next(text)) texts.push_back(std::move(text));
      if (texts.empty()) break;
      Chunk c;
      c.index = k;
      c.rows = texts.size();
      c.encode = !sink.chunk_done(k) && (!o.mine || o.mine(k));
      if (c.encode || o.count_all) {
        try {
          if (!c.encode || cache) c.counted = encoder.count_long_texts(texts, o.encode);
          if (c.encode && cache) {
            Timer t;
            look_up(*cache, *o.cache, texts, c);
            c.lookup_s = t.seconds();
          }
          if (c.encode) c.tokens = encoder.tokenize(texts, o.encode, 1);  // one thread: the encoder has the cores
        } catch (const Error& e) {
          fail("{}: chunk {} (texts {} to {}): {}", o.input, k, k * o.chunk_texts + 1, k * o.chunk_texts + c.rows, e.what());
        }
      }
      const bool last_chunk = c.rows < o.chunk_texts;  // (texts may hold only the cache's misses now)
      if (!queue.push(std::move(c))) return;
      if (last_chunk) break;
    }
  } catch (...) {
    last.error = std::current_exception();
  }
  queue.push(std::move(last));
}

}  // namespace

StreamEmbedResult stream_embed(NeuralEncoder& encoder, EmbeddingSink& sink, const StreamEmbedOptions& o) {
  if (o.chunk_texts == 0) fail("--chunk-texts: expected at least 1");
  StreamEmbedResult r;
  size_t total = 0;
  if (o.encode.progress && Progress::enabled()) {
    TextReader counter(o.input, o.input_options);  // a quick pass over the file, for the progress bar only
    total = counter.count_lines_ahead(o.input_options.max_input_bytes);
  }
  Progress progress("embedding", total, "sentences");
  if (!o.encode.progress) progress.finish();
  EncodeOptions eo = o.encode;
  eo.progress = false;  // one line for the whole stream, not one per chunk

  ChunkQueue<Chunk> queue(2);
  std::thread reader([&] { read_chunks(encoder, sink, o, queue); });
  try {
    std::string bytes;
    for (;;) {
      Chunk c = queue.pop();
      if (c.end) {
        if (c.error) std::rethrow_exception(c.error);
        break;
      }
      r.rows += c.rows;
      r.chunks = c.index + 1;
      r.long_text.add(c.encode && !o.cache ? c.tokens.count : c.counted);
      if (c.encode) {
        Matrix m = o.cache ? merge_and_store(encoder, *o.cache, c, eo, r.cache_insert_s) : encoder.encode_tokenized(std::move(c.tokens), eo);
        r.cache_hits += c.hits;
        r.cache_lookup_s += c.lookup_s;
        bytes.clear();
        r.saturated += append_converted(m, o.dtype, bytes);
        sink.commit_chunk(c.index, c.rows, bytes);
        r.encoded_rows += c.rows;
        ++r.encoded_chunks;
      }
      if (o.encode.progress) progress.advance(c.rows);
    }
  } catch (...) {
    queue.cancel();
    reader.join();
    throw;
  }
  reader.join();
  progress.finish();
  return r;
}

Json embed_settings(const NeuralEncoder& encoder, const StreamEmbedOptions& o, const std::string& backend, int threads) {
  const ModelFolder& f = encoder.folder();
  struct stat st {};
  if (::stat(o.input.c_str(), &st) != 0) fail("{}: cannot read its size and modification time", o.input);
  std::error_code ec;
  const auto input_abs = std::filesystem::absolute(o.input, ec);
  const auto model_abs = std::filesystem::absolute(f.path, ec);
  Json j{
      {"model", model_abs.string()},
      {"model_weights_sha256", sha256_file_hex_cached(f.weights_path)},
      {"tokenizer_sha256", sha256_file_hex_cached(f.tokenizer_json)},
      {"prompt", o.encode.prompt},
      {"normalize", o.encode.normalize},
      {"max_seq_len", o.encode.max_seq_len > 0 ? o.encode.max_seq_len : encoder.max_seq_length()},
      {"batch_tokens", o.encode.batch_tokens},
      {"backend", backend},
      {"threads", threads},
      {"input", {{"path", input_abs.string()}, {"bytes", static_cast<uint64_t>(st.st_size)},
                 {"modified_ns", static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec},
                 {"format", o.input_options.format == TextFormat::jsonl ? "jsonl"
                            : o.input_options.format == TextFormat::lines ? "text" : "by_extension"}}},
      {"chunk_texts", o.chunk_texts},
      {"output_dtype", output_dtype_name(o.dtype)},
  };
  // Only chunk adds fields: the settings (and resume journals) of truncate runs stay as they were.
  if (o.encode.long_text == LongTextMode::chunk) {
    j["long_text"] = long_text_mode_name(o.encode.long_text);
    j["chunk_overlap"] = o.encode.chunk_overlap;
  }
  return j;
}

}  // namespace nsmlab
