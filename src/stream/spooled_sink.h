// Standard output ("-"), a pipe or a device cannot be rewritten in place, so the .npy is
// spooled to an unnamed temporary file (O_TMPFILE in $TMPDIR, gone with the process) and
// copied to the target once complete, in bounded memory. Not resumable.
#pragma once
#include <string>

#include "stream/embedding_sink.h"
#include "stream/npy_file_sink.h"

namespace nsmlab {

class SpooledSink : public EmbeddingSink {
 public:
  SpooledSink(std::string target, const SinkLayout& layout);
  ~SpooledSink() override;
  bool chunk_done(size_t) const override { return false; }
  void commit_chunk(size_t chunk, size_t rows, const std::string& bytes) override;
  void finish(size_t chunks, size_t total_rows) override;
  void abandon() override {}
  bool sequential() const override { return true; }

  // True for what this sink is for: "-", /dev/stdout, and an existing path that is neither a
  // regular file nor a folder.
  static bool wanted_for(const std::string& target);

 private:
  std::string target_;
  SinkLayout layout_;
  int fd_ = -1;
  size_t offset_ = 0;
};

}  // namespace nsmlab
