#include "cli/text_input_options.h"

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

}  // namespace nsmlab::cli
