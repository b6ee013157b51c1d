#include "stream/shard_folder_sink.h"

#include <filesystem>

#include "stream/durable_file.h"
#include "stream/kill_points.h"
#include "util/error.h"
#include "util/npy.h"
#include "util/output_folder.h"
#include "util/sha256.h"
#include "util/temp_names.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
constexpr const char* kJournalFormat = "nsmlab-embed-shards-journal/1";
constexpr const char* kManifestFormat = "nsmlab-embed-shards/1";

bool exists(const std::string& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

// The chunk a shard's file name stands for, or -1.
long shard_chunk(const std::string& name) {
  if (name.size() != 16 || !name.starts_with("shard-") || !name.ends_with(".npy")) return -1;
  long k = 0;
  for (size_t i = 6; i < 12; ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    k = k * 10 + (name[i] - '0');
  }
  return k;
}
}  // namespace

std::string ShardFolderSink::shard_name(size_t chunk) {
  if (chunk > 999999) fail("more than a million chunks: raise --chunk-texts");
  return fmt::format("shard-{:06d}.npy", chunk);
}

ShardFolderSink::ShardFolderSink(const std::string& dir, const Json& settings, const SinkLayout& layout, bool resume,
                                 bool force, bool create)
    : dir_(dir), journal_(dir + "/embed-journal.json"), manifest_(dir + "/manifest.json"), settings_(settings),
      layout_(layout) {
  bool fresh = true;
  if (!create) {  // another rank prepared the folder: only learn which shards are there
    if (!is_nsmlab_output(dir_)) fail("{}: not prepared by rank 0", dir_);
  } else if (exists(dir_) && is_nsmlab_output(dir_)) {
    if (exists(manifest_)) {
      const Json m = load_json(manifest_);
      if (resume && m.value("settings", Json()) == settings) {
        complete_ = true;  // an earlier run finished: nothing to do
        return;
      }
      if (!force) fail("{}: holds a complete embed output (manifest.json): --force replaces it", dir_);
    } else if (exists(journal_)) {
      const Json j = load_json(journal_);
      if (!j.is_object() || j.value("format", "") != kJournalFormat)
        fail("{}: not an nsmlab embed journal (field 'format': expected \"{}\")", journal_, kJournalFormat);
      if (resume) {
        if (j.value("settings", Json()) != settings)
          fail("{}: the interrupted run used other settings (field 'settings': {}); run it with the same options and "
               "input, or use --force to start again", journal_, json_excerpt(j.value("settings", Json()), 200));
        fresh = false;
      } else if (!force) {
        fail("{}: an interrupted run of embed left this folder: --resume continues it, --force starts again", dir_);
      }
    }
    if (fresh && create && !remove_output_folder(dir_)) fail("{}: could not remove the previous output", dir_);
  } else if (exists(dir_)) {
    check_replaceable_output(dir_);  // an empty folder: used as it is
  }
  if (!fresh || !create) {
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      const long k = shard_chunk(name);
      if (k >= 0 && e.is_regular_file()) done_.insert(static_cast<size_t>(k));
    }
    for (size_t k : done_) remove_abandoned_temp_files(dir_ + "/" + shard_name(k));
    return;
  }
  fs::create_directories(dir_);
  created_ = true;
  write_output_marker(dir_);
  Json j = {{"format", kJournalFormat}, {"settings", settings_}};
  write_durable(journal_, j.dump(1) + "\n");
}

bool ShardFolderSink::shard_exists(size_t chunk) const { return exists(dir_ + "/" + shard_name(chunk)); }

void ShardFolderSink::commit_chunk(size_t chunk, size_t rows, const std::string& bytes) {
  std::string content = npy_prefix(layout_.descr, rows, layout_.columns, NpyFileSink::kPrefixBytes);
  content += bytes;
  const std::string path = dir_ + "/" + shard_name(chunk);
  remove_abandoned_temp_files(path);
  kill_point();
  write_durable(path, content);
  done_.insert(chunk);
  kill_point();
}

void ShardFolderSink::abandon() {
  if (created_ && done_.empty()) remove_output_folder(dir_);  // only ever nsmlab's own folder
}

void ShardFolderSink::finish(size_t chunks, size_t total_rows) {
  if (complete_) return;
  Json shards = Json::array();
  std::vector<size_t> missing;
  size_t rows_seen = 0;
  const size_t chunk_texts = settings_.value("chunk_texts", size_t{0});
  for (size_t k = 0; k < chunks; ++k) {
    const std::string name = shard_name(k);
    const std::string path = dir_ + "/" + name;
    if (!exists(path)) {
      missing.push_back(k);
      continue;
    }
    const size_t rows = k + 1 < chunks ? chunk_texts : total_rows - k * chunk_texts;
    const size_t expect = NpyFileSink::kPrefixBytes + rows * layout_.row_bytes;
    if (fs::file_size(path) != expect)
      fail("{}: {} bytes, expected {} ({} rows): remove it and run with --resume", path, fs::file_size(path), expect, rows);
    shards.push_back({{"file", name}, {"first_row", k * chunk_texts}, {"rows", rows}, {"sha256", sha256_file_hex(path)}});
    rows_seen += rows;
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + std::to_string(missing[i]);
    fail("{}: {} of {} chunks missing (chunks {}{}): a process died; run the same command with --resume to encode "
         "only them", dir_, missing.size(), chunks, list, missing.size() > 20 ? ", ..." : "");
  }
  Json m = {{"format", kManifestFormat}, {"rows", rows_seen}, {"columns", layout_.columns},
            {"dtype", settings_.value("output_dtype", "")}, {"descr", layout_.descr}, {"chunk_texts", chunk_texts},
            {"shards", shards}, {"settings", settings_}};
  m.update(extra_);
  kill_point();
  write_durable(manifest_, m.dump(1) + "\n");
  kill_point();
  fs::remove(journal_);
  sync_parent_dir(journal_);
  complete_ = true;
}

}  // namespace nsmlab
