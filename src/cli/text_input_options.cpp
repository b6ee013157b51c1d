#include "cli/text_input_options.h"

#include <cctype>
#include <filesystem>

#include "util/error.h"

namespace nsmlab::cli {

TextInputOptions TextInputArgs::options() const {
  TextInputOptions o = limits;
  o.format = format.empty() ? TextFormat::by_extension : parse_text_format(format);
  return o;
}

void add_text_input_options(CLI::App& command, TextInputArgs& args) {
  command.add_option("--input", args.path, "Text file: one text per line, or .jsonl/.ndjson with a \"text\" field")
      ->required();
  command.add_option("--format", args.format,
                     "How to read --input: text (one text per line) or jsonl (default: jsonl for .jsonl/.ndjson, "
                     "else text)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  command.add_option("--max-line-bytes", args.limits.max_line_bytes, "Refuse a line of --input longer than this")
      ->capture_default_str();
  command.add_option("--max-input-bytes", args.limits.max_input_bytes, "Refuse an --input larger than this")
      ->capture_default_str();
  command.add_option("--max-texts", args.limits.max_texts, "Refuse an --input with more texts than this")
      ->capture_default_str();
}

void refuse_structured_text_file(const TextInputArgs& args) {
  if (!args.format.empty()) return;
  std::string ext = std::filesystem::path(args.path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json")
    fail("{}: a .json file would be read line by line, its JSON syntax embedded as text; give JSONL (one "
         "{{\"text\": ...}} object per line, .jsonl) or one text per line (--format text to read it anyway)",
         args.path);
  if (ext == ".csv" || ext == ".tsv")
    fail("{}: a {} file would be read line by line, all its columns embedded as one text; give one text per line "
         "or JSONL (--format text to read it anyway)",
         args.path, ext);
}

}  // namespace nsmlab::cli
