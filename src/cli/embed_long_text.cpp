#include "cli/embed_long_text.h"

#include <cstdio>
#include <filesystem>

#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab::cli {

namespace {

constexpr const char* kSideFormat = "nsmlab.long-text/1";

// Only a file this feature wrote (its format field says so) is ever replaced or removed.
bool ours_or_absent(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  try {
    const Json j = load_json(path);
    return j.is_object() && j.value("format", "") == kSideFormat;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void add_long_text_options(CLI::App& command, LongTextArgs& args) {
  command.add_option("--long-text", args.mode,
                     "Texts longer than the model's max_seq_length: truncate (what sentence-transformers does), or chunk "
                     "(windows that fit, encoded apart, their vectors mean-pooled weighted by their tokens)")
      ->check(CLI::IsMember({"truncate", "chunk"}))
      ->capture_default_str();
  command.add_option_function<size_t>("--chunk-overlap", [&args](const size_t& n) {
    args.overlap = n;
    args.overlap_given = true;
  }, "With --long-text chunk: tokens each window shares with the previous one (less than a window's text tokens; "
     "default 0)");
}

void apply_long_text_args(const LongTextArgs& args, EncodeOptions& options) {
  options.long_text = parse_long_text_mode(args.mode);
  if (args.overlap_given && options.long_text != LongTextMode::chunk)
    fail("--chunk-overlap {}: applies to --long-text chunk only (truncate encodes one window per text)", args.overlap);
  options.chunk_overlap = args.overlap;
}

std::string long_text_side_file(const std::string& npy_output) { return npy_output + ".long-text.json"; }

void write_long_text_side_file(const std::string& npy_output, const Json& report, bool some_long) {
  const std::string path = long_text_side_file(npy_output);
  if (!ours_or_absent(path)) {
    std::fprintf(stderr, "nsmlab: note: %s exists and nsmlab did not write it: the long-text report is not written there\n",
                 path.c_str());
    return;
  }
  std::error_code ec;
  if (!some_long) {
    std::filesystem::remove(path, ec);  // an earlier run's, about the file this run replaced
    return;
  }
  Json j = report;
  j["format"] = kSideFormat;
  write_file_atomic(path, j.dump(1) + "\n");
}

}  // namespace nsmlab::cli
