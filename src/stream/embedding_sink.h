// Where streamed embeddings go, one committed chunk at a time: a single .npy file
// (npy_file_sink.h), a folder of shards (shard_folder_sink.h), or standard output and devices
// (spooled_sink.h). Chunk k holds the texts [k * chunk_texts, (k + 1) * chunk_texts).
#pragma once
#include <cstddef>
#include <string>

namespace nsmlab {

class EmbeddingSink {
 public:
  virtual ~EmbeddingSink() = default;
  // Committed by an earlier, interrupted run (--resume): not encoded again.
  virtual bool chunk_done(size_t chunk) const = 0;
  // Writes chunk `chunk` (rows converted to the output type, `rows` of them) durably; when
  // this returns, a kill loses nothing of it.
  virtual void commit_chunk(size_t chunk, size_t rows, const std::string& bytes) = 0;
  // All `chunks` chunks (`total_rows` rows) are committed: the output appears, whole.
  virtual void finish(size_t chunks, size_t total_rows) = 0;
  // The run failed: what it leaves is removed when nothing was committed (nothing to resume).
  virtual void abandon() = 0;
  // Whether a single process must commit the chunks in order (a single file does).
  virtual bool sequential() const = 0;
};

}  // namespace nsmlab
