// Reading the texts to embed: one per line, or JSONL with a "text" field.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace nsmlab {

struct TextInputLimits {
  size_t max_bytes_per_text = 1 << 20;  // a "line" larger than 1 MiB is almost surely not a sentence
};

// Format is chosen by extension (.jsonl / .ndjson) or by a first non-blank char of '{'.
// Errors name the file, the line number and what was expected: invalid UTF-8, an
// empty text, a line over the limit, a JSONL line without a string "text".
std::vector<std::string> read_texts(const std::string& path, const TextInputLimits& limits = {});

}  // namespace nsmlab
