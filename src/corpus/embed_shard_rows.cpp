#include "corpus/embed_shard_rows.h"

#include <fstream>
#include <limits>

#include "stream/npy_file_sink.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/npy.h"

namespace nsmlab {

namespace {

size_t size_field(const Json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || !j.at(field).is_number_unsigned())
    fail("{}: field '{}': expected a non-negative integer", where, field);
  return j.at(field).get<size_t>();
}

std::string read_file(const std::string& path, size_t expected_bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) fail("{}: cannot open the shard", path);
  const auto size = static_cast<size_t>(in.tellg());
  if (size != expected_bytes) fail("{}: {} bytes, expected {} (from manifest.json)", path, size, expected_bytes);
  std::string bytes(size, '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) fail("{}: read failed", path);
  return bytes;
}

}  // namespace

EmbedShards read_embed_shards(const std::string& dir) {
  EmbedShards s;
  s.dir = dir;
  const std::string where = dir + "/manifest.json";
  const Json m = load_json(where);
  if (!m.is_object() || m.value("format", "") != "nsmlab-embed-shards/1")
    fail("{}: not a complete embed output (field 'format': expected \"nsmlab-embed-shards/1\")", where);
  if (m.value("descr", "") != "<f4")
    fail("{}: field 'descr' is {}: the corpus statistics read float32 embeddings (embed --output-dtype float32)", where,
         json_excerpt(m.value("descr", Json()), 40));
  s.rows = size_field(m, "rows", where);
  s.columns = size_field(m, "columns", where);
  if (s.columns == 0 || s.columns > (size_t{1} << 20)) fail("{}: field 'columns': expected 1 to 2^20", where);
  if (!m.contains("shards") || !m.at("shards").is_array()) fail("{}: field 'shards': expected an array", where);
  size_t next_row = 0;
  for (const Json& sh : m.at("shards")) {
    if (!sh.is_object() || !sh.contains("file") || !sh.at("file").is_string())
      fail("{}: field 'shards': expected objects with a string 'file'", where);
    const std::string file = sh.at("file").get<std::string>();
    if (file.empty() || file.find('/') != std::string::npos || file.starts_with("."))
      fail("{}: field 'shards[].file' {}: expected a file name inside the folder", where, json_excerpt(sh.at("file"), 60));
    EmbedShards::Shard shard{dir + "/" + file, size_field(sh, "first_row", where), size_field(sh, "rows", where)};
    if (shard.first_row != next_row || shard.rows == 0)
      fail("{}: shard {} starts at row {}, expected {} (shards in order, none empty)", where, file, shard.first_row,
           next_row);
    next_row += shard.rows;
    s.shards.push_back(shard);
  }
  if (next_row != s.rows) fail("{}: the shards hold {} rows, field 'rows' says {}", where, next_row, s.rows);
  const Json input = m.value("settings", Json::object()).value("input", Json::object());
  s.input = input.value("path", "");
  const std::string format = input.value("format", "by_extension");
  s.input_options.format = format == "jsonl" ? TextFormat::jsonl : format == "text" ? TextFormat::lines : TextFormat::by_extension;
  s.input_options.max_texts = std::numeric_limits<size_t>::max();  // read as a stream: nothing is held,
  s.input_options.max_input_bytes = std::numeric_limits<size_t>::max();  // so no cap on the corpus size
  return s;
}

CorpusRows rank_rows(const EmbedShards& shards, const std::string& texts, int rank, int ranks) {
  const std::string input = texts.empty() ? shards.input : texts;
  return [&shards, input, rank, ranks](bool with_texts, const CorpusRowVisitor& visit) {
    if (with_texts && input.empty()) fail("{}/manifest.json: names no input file: give --texts", shards.dir);
    std::unique_ptr<TextReader> reader;
    if (with_texts) reader = std::make_unique<TextReader>(input, shards.input_options);
    std::string text;
    const std::string none;
    size_t texts_read = 0;
    for (size_t i = 0; i < shards.shards.size(); ++i) {
      const EmbedShards::Shard& sh = shards.shards[i];
      const bool mine = i % static_cast<size_t>(ranks) == static_cast<size_t>(rank);
      if (!mine) {
        for (size_t j = 0; with_texts && j < sh.rows; ++j, ++texts_read)
          if (!reader->next(text)) fail("{}: {} texts, the embeddings have {} rows", input, texts_read, shards.rows);
        continue;
      }
      const std::string prefix = npy_prefix("<f4", sh.rows, shards.columns, NpyFileSink::kPrefixBytes);
      const std::string bytes = read_file(sh.path, prefix.size() + sh.rows * shards.columns * sizeof(float));
      if (bytes.compare(0, prefix.size(), prefix) != 0)
        fail("{}: its .npy header is not the float32 {} x {} array manifest.json lists", sh.path, sh.rows, shards.columns);
      std::vector<float> row(shards.columns);
      for (size_t j = 0; j < sh.rows; ++j) {
        std::memcpy(row.data(), bytes.data() + prefix.size() + j * shards.columns * sizeof(float),
                    shards.columns * sizeof(float));
        if (with_texts) {
          if (!reader->next(text)) fail("{}: {} texts, the embeddings have {} rows", input, texts_read, shards.rows);
          ++texts_read;
        }
        visit(row.data(), with_texts ? text : none);
      }
    }
    if (with_texts && reader->next(text))
      fail("{}: more texts than the {} rows of {}: not the input these embeddings were made from", input, shards.rows,
           shards.dir);
  };
}

}  // namespace nsmlab
