// A folder of .npy shards, one per chunk (shard-000000.npy holds chunk 0, ...), each written
// atomically and synced; manifest.json, written last, lists them with their rows and SHA-256
// and says the folder is complete. embed-journal.json (removed at the end) holds the settings
// an interrupted run used: --resume encodes only the chunks whose shard is missing. Several
// processes (MPI ranks) may fill one folder; whoever calls finish() checks every shard is there.
#pragma once
#include <set>
#include <string>

#include "stream/embedding_sink.h"
#include "stream/npy_file_sink.h"
#include "util/json_file.h"

namespace nsmlab {

class ShardFolderSink : public EmbeddingSink {
 public:
  // create: this process prepares the folder (rank 0); the others open it after it did.
  ShardFolderSink(const std::string& dir, const Json& settings, const SinkLayout& layout, bool resume, bool force,
                  bool create = true);
  bool chunk_done(size_t chunk) const override { return done_.count(chunk) != 0; }
  void commit_chunk(size_t chunk, size_t rows, const std::string& bytes) override;
  void finish(size_t chunks, size_t total_rows) override;
  void abandon() override;
  bool sequential() const override { return false; }
  size_t resumed_chunks() const { return done_.size(); }
  const std::set<size_t>& done_chunks() const { return done_; }
  bool shard_exists(size_t chunk) const;
  bool already_complete() const { return complete_; }
  // A field manifest.json also holds (the long-text report), set before finish().
  void add_manifest_field(const std::string& key, Json value) { extra_[key] = std::move(value); }

  static std::string shard_name(size_t chunk);

 private:
  std::string dir_, journal_, manifest_;
  Json settings_, extra_ = Json::object();
  SinkLayout layout_;
  std::set<size_t> done_;
  bool complete_ = false;
  bool created_ = false;
};

}  // namespace nsmlab
