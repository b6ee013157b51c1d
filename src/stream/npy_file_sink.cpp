#include "stream/npy_file_sink.h"

#include <filesystem>

#include "stream/kill_points.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/npy.h"
#include "util/temp_names.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
constexpr const char* kJournalFormat = "nsmlab-embed-journal/1";

bool exists(const std::string& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

size_t checked_offset(size_t rows, size_t row_bytes, const std::string& what) {
  size_t bytes = 0, total = 0;
  if (__builtin_mul_overflow(rows, row_bytes, &bytes) || __builtin_add_overflow(bytes, NpyFileSink::kPrefixBytes, &total))
    fail("{}: {} rows of {} bytes overflow 64 bits", what, rows, row_bytes);
  return total;
}
}  // namespace

NpyFileSink::NpyFileSink(const std::string& output, const Json& settings, const SinkLayout& layout, bool resume,
                         bool force)
    : output_(output), partial_(output + ".nsmlab-partial"), journal_(output + ".nsmlab-journal"),
      settings_(settings), layout_(layout) {
  remove_abandoned_temp_files(journal_);
  remove_abandoned_temp_files(output_);  // what writers of this output killed earlier left beside it
  if (exists(journal_)) {
    const Json j = load_json(journal_);
    if (!j.is_object() || j.value("format", "") != kJournalFormat)
      fail("{}: not an nsmlab embed journal (field 'format': expected \"{}\")", journal_, kJournalFormat);
    if (!resume && !force)
      fail("{}: an interrupted run of embed left this journal (and {}): --resume continues it, --force starts again",
           journal_, partial_);
    if (resume) {
      if (j.value("settings", Json()) != settings)
        fail("{}: the interrupted run used other settings (field 'settings': {}); run it with the same options and "
             "input, or use --force to start again", journal_, json_excerpt(j.value("settings", Json()), 200));
      if (!j.contains("chunks_done") || !j["chunks_done"].is_number_unsigned() || !j.contains("rows_done") ||
          !j["rows_done"].is_number_unsigned())
        fail("{}: fields 'chunks_done' and 'rows_done': expected non-negative integers", journal_);
      chunks_done_ = j["chunks_done"].get<size_t>();
      rows_done_ = resumed_rows_ = j["rows_done"].get<size_t>();
      if (j.value("state", "") == "renaming" && !exists(partial_) && exists(output_)) {
        already_renamed_ = true;
        return;
      }
      if (rows_done_ == 0) {  // killed before the first commit, maybe before the header was written: start again
        std::error_code ec;
        fs::remove(partial_, ec);
        chunks_done_ = 0;
        create_partial();
        return;
      }
      if (!exists(partial_)) fail("{}: missing, although {} records {} rows in it", partial_, journal_, rows_done_);
      file_ = std::make_unique<PositionalFile>(partial_, false);
      const size_t keep = checked_offset(rows_done_, layout_.row_bytes, journal_);
      if (file_->size() < keep)
        fail("{}: {} bytes, shorter than the {} rows {} records", partial_, file_->size(), rows_done_, journal_);
      file_->truncate(keep);  // rows written after the last commit are encoded again
      return;
    }
    if (exists(partial_)) fs::remove(partial_);  // force: the interrupted run's own files
  } else if (exists(partial_)) {
    fail("{}: exists without nsmlab's journal {}: not removing a file nsmlab may not have written", partial_, journal_);
  }
  // The journal first: a partial file without one is never nsmlab's.
  write_journal("writing");
  create_partial();
}

void NpyFileSink::create_partial() {
  file_ = std::make_unique<PositionalFile>(partial_, true);
  kill_point();  // an empty partial file: what a resume must start again from
  file_->write_at(0, npy_prefix(layout_.descr, 0, layout_.columns, kPrefixBytes));
}

void NpyFileSink::write_journal(const std::string& state) {
  Json j = {{"format", kJournalFormat}, {"output", output_}, {"state", state}, {"chunks_done", chunks_done_},
            {"rows_done", rows_done_}, {"settings", settings_}};
  write_durable(journal_, j.dump(1) + "\n");
}

void NpyFileSink::commit_chunk(size_t chunk, size_t rows, const std::string& bytes) {
  if (chunk != chunks_done_) fail("internal: chunk {} committed after {} chunks", chunk, chunks_done_);
  file_->write_at(checked_offset(rows_done_, layout_.row_bytes, partial_), bytes);
  kill_point();
  file_->sync();
  kill_point();
  ++chunks_done_;
  rows_done_ += rows;
  write_journal("writing");
  kill_point();
}

void NpyFileSink::abandon() {
  if (chunks_done_ > 0 || already_renamed_) return;  // kept for --resume
  file_.reset();
  std::error_code ec;
  fs::remove(partial_, ec);
  fs::remove(journal_, ec);
}

void NpyFileSink::finish(size_t chunks, size_t total_rows) {
  if (!already_renamed_) {
    if (chunks != chunks_done_ || total_rows != rows_done_)
      fail("internal: finishing {} after {} of {} chunks", output_, chunks_done_, chunks);
    const std::string prefix = npy_prefix(layout_.descr, total_rows, layout_.columns, kPrefixBytes);
    if (prefix.size() != kPrefixBytes) fail("{}: .npy header of {} bytes for shape ({}, {})", output_, prefix.size(), total_rows, layout_.columns);
    file_->write_at(0, prefix);
    file_->sync();
    file_->close();
    kill_point();
    write_journal("renaming");
    kill_point();
    rename_durable(partial_, output_);
    kill_point();
  }
  fs::remove(journal_);
  sync_parent_dir(journal_);
}

}  // namespace nsmlab
