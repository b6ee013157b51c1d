// One .npy file written as the chunks come: the rows go to "<output>.nsmlab-partial" and
// are synced before "<output>.nsmlab-journal" records them, so the journal never claims rows
// the disk lacks. At the end the header gets the real row count and the partial file is
// renamed to <output>: the user's name only ever holds a complete file.
// --resume truncates the partial file to what the journal records and continues from there.
#pragma once
#include <memory>
#include <string>

#include "stream/durable_file.h"
#include "stream/embedding_sink.h"
#include "util/json_file.h"

namespace nsmlab {

struct SinkLayout {
  std::string descr;  // numpy type string
  size_t columns = 0;
  size_t row_bytes = 0;
};

class NpyFileSink : public EmbeddingSink {
 public:
  // `settings` (all that decides the output's bytes) must equal the journal's to resume.
  // Without resume, an interrupted run's files are replaced only with force.
  NpyFileSink(const std::string& output, const Json& settings, const SinkLayout& layout, bool resume, bool force);
  bool chunk_done(size_t chunk) const override { return chunk < chunks_done_; }
  void commit_chunk(size_t chunk, size_t rows, const std::string& bytes) override;
  void finish(size_t chunks, size_t total_rows) override;
  void abandon() override;
  bool sequential() const override { return true; }
  size_t resumed_rows() const { return resumed_rows_; }

  static constexpr size_t kPrefixBytes = 128;  // room for any shape: the header is rewritten in place

 private:
  void write_journal(const std::string& state);
  void create_partial();

  std::string output_, partial_, journal_;
  Json settings_;
  SinkLayout layout_;
  std::unique_ptr<PositionalFile> file_;
  size_t chunks_done_ = 0, rows_done_ = 0, resumed_rows_ = 0;
  bool already_renamed_ = false;  // a killed run got as far as the rename
};

}  // namespace nsmlab
