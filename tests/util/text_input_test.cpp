// Reading the texts to embed: format by extension or by choice, every line ending, every
// blank line alike, and limits checked while reading (issue 6).
#include "util/text_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/error.h"
#include "util/json_file.h"
#include "util/line_reader.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

using Texts = std::vector<std::string>;

std::string write_temp(const std::string& name, const std::string& bytes) {
  const fs::path d = fs::temp_directory_path() / ("nsmlab-text-input-" + std::to_string(::getpid()));
  fs::create_directories(d);
  const std::string path = (d / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The message of the error read_texts throws ("" if it throws none).
std::string text_input_error(const std::string& path, const TextInputOptions& options = {}) {
  try {
    read_texts(path, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_CONTAINS(haystack, needle) EXPECT_NE((haystack).find(needle), std::string::npos) << (haystack)

}  // namespace

TEST(TextInput, ATextFileStartingWithABraceIsText) {
  // Before: sniffed as JSONL from its first character, so this gave {"x"}.
  const std::string p = write_temp("brace.txt", "{\"text\": \"x\"}\nplain\n");
  EXPECT_EQ(read_texts(p), (Texts{"{\"text\": \"x\"}", "plain"}));
  TextInputOptions as_jsonl;
  as_jsonl.format = TextFormat::jsonl;
  EXPECT_CONTAINS(text_input_error(p, as_jsonl), "brace.txt:2: invalid JSON");
  EXPECT_EQ(read_texts(write_temp("b.ndjson", "{\"text\": \"x\"}\n")), (Texts{"x"}));
}

TEST(TextInput, FormatOptionOverridesTheExtension) {
  EXPECT_EQ(parse_text_format("text"), TextFormat::lines);
  EXPECT_EQ(parse_text_format("jsonl"), TextFormat::jsonl);
  EXPECT_THROW(parse_text_format("json"), Error);
  const std::string p = write_temp("records.txt", "{\"text\": \"un\"}\n{\"text\": \"deux\"}\n");
  TextInputOptions o;
  o.format = TextFormat::jsonl;
  EXPECT_EQ(read_texts(p, o), (Texts{"un", "deux"}));
  const std::string q = write_temp("lines.jsonl", "{not json}\n");
  o.format = TextFormat::lines;
  EXPECT_EQ(read_texts(q, o), (Texts{"{not json}"}));
}

TEST(TextInput, LeadingByteOrderMarkIsDropped) {
  // Before: the BOM stayed in the first text (and hid the JSONL sniffing).
  EXPECT_EQ(read_texts(write_temp("bom.txt", "\xEF\xBB\xBFhello\nworld\n")), (Texts{"hello", "world"}));
  TextInputOptions o;
  o.format = TextFormat::jsonl;
  EXPECT_EQ(read_texts(write_temp("bom.txt", "\xEF\xBB\xBF{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), o), (Texts{"a", "b"}));
  // Only one, and only at the start of the file: later ones are content.
  EXPECT_EQ(read_texts(write_temp("bom2.txt", "\xEF\xBB\xBF\xEF\xBB\xBFx\n")), (Texts{"\xEF\xBB\xBFx"}));
}

TEST(TextInput, EveryLineEndingSplitsLines) {
  // Before: a lone CR (classic Mac OS) did not end a line: "a\rb\rc" was one text.
  EXPECT_EQ(read_texts(write_temp("cr.txt", "a\rb\rc")), (Texts{"a", "b", "c"}));
  EXPECT_EQ(read_texts(write_temp("crlf.txt", "a\r\nb\r\nc\r\n")), (Texts{"a", "b", "c"}));
  EXPECT_EQ(read_texts(write_temp("mixed.txt", "a\nb\r\nc\rd")), (Texts{"a", "b", "c", "d"}));
  TextInputOptions o;
  o.format = TextFormat::jsonl;
  EXPECT_EQ(read_texts(write_temp("cr.jsonl", "{\"text\": \"a\"}\r{\"text\": \"b\"}\r"), o), (Texts{"a", "b"}));
}

TEST(TextInput, EveryBlankLineIsRefusedAlike) {
  // Before: only ASCII-blank lines were refused; these were embedded as "empty" texts.
  const std::pair<const char*, std::string> blanks[] = {
      {"ascii", " \t"},
      {"nbsp", "\xC2\xA0"},
      {"ideographic", "\xE3\x80\x80"},
      {"zero-width", "\xE2\x80\x8B"},
      {"next-line", "\xC2\x85"},
      {"em-spaces", "\xE2\x80\x83\xE2\x80\x83"},
  };
  for (const auto& [name, blank] : blanks) {
    const std::string p = write_temp(std::string(name) + ".txt", "one\n" + blank + "\nthree\n");
    EXPECT_CONTAINS(text_input_error(p), std::string(name) + ".txt:2: empty text");
    // In JSONL a blank line is refused the same way, and so is a blank "text".
    TextInputOptions o;
    o.format = TextFormat::jsonl;
    const std::string q = write_temp(std::string(name) + ".jsonl", "{\"text\": \"a\"}\n" + blank + "\n{\"text\": \"b\"}\n");
    EXPECT_CONTAINS(text_input_error(q, o), std::string(name) + ".jsonl:2: empty text");
    const std::string r = write_temp(std::string(name) + "-field.jsonl", "{\"text\": \"a\"}\n" + Json{{"text", blank}}.dump() + "\n");
    EXPECT_CONTAINS(text_input_error(r, o), std::string(name) + "-field.jsonl:2: field 'text': empty text");
  }
  EXPECT_CONTAINS(text_input_error(write_temp("first.txt", "\nfirst\n")), "first.txt:1: empty text");
}

TEST(TextInput, BlankLinesAfterTheLastTextAreIgnored) {
  EXPECT_EQ(read_texts(write_temp("trail.txt", "a\nb\n\n \n\xE3\x80\x80\r\n")), (Texts{"a", "b"}));
  EXPECT_CONTAINS(text_input_error(write_temp("blank.txt", "\n \n")), "blank.txt: no texts found");
  EXPECT_CONTAINS(text_input_error(write_temp("empty.txt", "")), "empty.txt: no texts found");
}

TEST(TextInput, NulBytesAreRefusedWithTheirLine) {
  // Before: a line of NULs was embedded as a text of NULs.
  EXPECT_CONTAINS(text_input_error(write_temp("nul.txt", std::string("one\n\0\0\nthree\n", 12))), "nul.txt:2: NUL byte at byte 0");
  EXPECT_CONTAINS(text_input_error(write_temp("nul2.txt", std::string("one\ntw\0o\n", 9))), "nul2.txt:2: NUL byte at byte 2");
  EXPECT_CONTAINS(text_input_error(write_temp("nul3.jsonl", "{\"text\": \"a\\u0000b\"}\n")), "nul3.jsonl:1: field 'text': NUL");
}

TEST(TextInput, InvalidUtf8AndBadRecordsNameTheLine) {
  EXPECT_CONTAINS(text_input_error(write_temp("bad.txt", "ok\r\nbad \xFF byte\n")), "bad.txt:2: invalid UTF-8 at byte 4");
  EXPECT_CONTAINS(text_input_error(write_temp("notext.jsonl", "{\"text\": \"a\"}\n{\"txt\": \"no\"}\n")), "notext.jsonl:2: field 'text'");
  EXPECT_CONTAINS(text_input_error(write_temp("array.jsonl", "[1]\n")), "array.jsonl:1: expected a JSON object");
  // Deeply nested brackets are an error, not a stack overflow.
  EXPECT_CONTAINS(text_input_error(write_temp("deep.jsonl", std::string(500000, '[') + "\n")), "deep.jsonl:1: JSON nested deeper than");
}

TEST(TextInput, EndlessInputIsRefusedByTheLineLimit) {
  // Before: /dev/zero was read whole into memory, growing until the process was killed.
  EXPECT_CONTAINS(text_input_error("/dev/zero"), "/dev/zero:1: line longer than the limit of 1048576 bytes");
  TextInputOptions o;
  o.max_line_bytes = 10;
  EXPECT_CONTAINS(text_input_error(write_temp("long.txt", "short\n0123456789\n0123456789a\n"), o), "long.txt:3: line longer");
}

TEST(TextInput, InputSizeAndTextCountLimits) {
  std::string many;
  for (int i = 0; i < 100; ++i) many += "text " + std::to_string(i) + "\n";
  const std::string p = write_temp("many.txt", many);
  EXPECT_EQ(read_texts(p).size(), 100u);
  TextInputOptions o;
  o.max_input_bytes = 300;
  EXPECT_CONTAINS(text_input_error(p, o), "input larger than the limit of 300 bytes");
  o = {};
  o.max_texts = 99;
  EXPECT_CONTAINS(text_input_error(p, o), "many.txt:100: more than the limit of 99 texts");
  o.max_texts = 100;
  EXPECT_EQ(read_texts(p, o).size(), 100u);
}

TEST(TextInput, DirectoriesAndMissingFilesNameThePath) {
  EXPECT_CONTAINS(text_input_error(fs::temp_directory_path().string()), "is a directory");
  EXPECT_CONTAINS(text_input_error("/nonexistent/texts.txt"), "/nonexistent/texts.txt: cannot open");
}

TEST(LineReader, CrLfSplitAcrossReadsIsOneLineEnd) {
  // The reader fills a 64 KiB buffer: put the CR at its last byte and the LF at the next read's first.
  for (size_t before : {65535u, 65534u, 65536u, 131071u}) {
    const std::string p = write_temp("split.txt", std::string(before, 'a') + "\r\nb\r\n");
    LineReader in(p, 1 << 20, "--limit");
    std::string line;
    ASSERT_TRUE(in.next(line));
    EXPECT_EQ(line.size(), before);
    ASSERT_TRUE(in.next(line));
    EXPECT_EQ(line, "b");
    EXPECT_EQ(in.line_number(), 2u);
    EXPECT_FALSE(in.next(line));
    EXPECT_EQ(in.bytes_consumed(), before + 5);
  }
}

TEST(LineReader, CountsLinesAheadThenReadsFromTheStart) {
  const std::string p = write_temp("count.txt", "a\r\nb\rc\n\nd");
  LineReader in(p, 100, "--limit");
  EXPECT_EQ(in.count_lines_ahead(1000), 5u);
  std::vector<std::string> lines;
  for (std::string line; in.next(line);) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c", "", "d"}));
  LineReader device("/dev/zero", 100, "--limit");
  EXPECT_EQ(device.count_lines_ahead(1000), 0u);  // read only once
}
