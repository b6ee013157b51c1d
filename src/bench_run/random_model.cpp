#include "bench_run/random_model.h"

#include <stdlib.h>
#include <utf8proc.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/utf8.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

bool is_mpnet(const Json& c) { return c.value("model_type", "") == "mpnet"; }

// Word-level WordPiece: every word of the texts is one token, lowercase like BERT's normaliser.
Json synthetic_tokenizer(const std::vector<std::string>& texts, size_t vocab_limit) {
  std::set<std::string> words;
  for (const std::string& t : texts) {
    std::string word;
    for (size_t i = 0; i < t.size();) {
      const char32_t cp = next_code_point(t, i);
      const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
      const bool space = cat == UTF8PROC_CATEGORY_ZS || cp == ' ' || cp == '\t' || cp == '\n';
      const bool punct = (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
                         (cp < 128 && std::ispunct(static_cast<int>(cp)));
      if (space || punct) {
        if (!word.empty()) words.insert(word);
        word.clear();
        if (punct) {
          std::string p;
          append_utf8(p, cp);
          words.insert(p);
        }
      } else {
        append_utf8(word, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
      }
    }
    if (!word.empty()) words.insert(word);
  }
  Json vocab = Json::object();
  Json added = Json::array();
  int id = 0;
  for (const char* s : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
    added.push_back({{"id", id}, {"content", s}, {"single_word", false}, {"lstrip", false}, {"rstrip", false},
                     {"normalized", false}, {"special", true}});
    vocab[s] = id++;
  }
  for (const std::string& w : words) {
    if (size_t(id) >= vocab_limit) break;
    vocab[w] = id++;
  }
  auto special = [](const char* s, int i) { return Json{{"id", s}, {"ids", {i}}, {"tokens", {s}}}; };
  return {{"version", "1.0"},
          {"truncation", nullptr},
          {"padding", nullptr},
          {"added_tokens", added},
          {"normalizer", {{"type", "BertNormalizer"}, {"clean_text", true}, {"handle_chinese_chars", true},
                          {"strip_accents", false}, {"lowercase", true}}},
          {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
          {"post_processor",
           {{"type", "TemplateProcessing"},
            {"single", {{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}}, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                        {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 0}}}}}},
            {"pair", {{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}}, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                      {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 0}}}}, {{"Sequence", {{"id", "B"}, {"type_id", 1}}}},
                      {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 1}}}}}},
            {"special_tokens", {{"[CLS]", special("[CLS]", 2)}, {"[SEP]", special("[SEP]", 3)}}}}},
          {"decoder", nullptr},
          {"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"continuing_subword_prefix", "##"},
                     {"max_input_chars_per_word", 100}, {"vocab", vocab}}}};
}

// xorshift64*: fast, deterministic; the values only need to be finite and of a sane scale.
struct Rng {
  uint64_t s;
  float next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    const uint64_t r = s * 2685821657736338717ull;
    return (float(r >> 40) / float(1 << 24) - 0.5f) * 0.07f;  // uniform, σ ≈ 0.02
  }
};

size_t count(const std::vector<size_t>& shape) {
  size_t n = 1;
  for (size_t d : shape) n *= d;
  return n;
}

void write_safetensors_random(const std::string& path, const std::vector<std::pair<std::string, std::vector<size_t>>>& tensors,
                              unsigned seed, double& bytes_out) {
  Json header = Json::object();
  size_t offset = 0;
  for (const auto& [name, shape] : tensors) {
    const size_t bytes = count(shape) * 4;
    header[name] = {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  header["__metadata__"] = {{"format", "pt"}, {"nsmlab", "random weights in the exact shapes of the config"}};
  std::string h = header.dump();
  while (h.size() % 8) h += ' ';
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail("{}: cannot create the random-weight model file", path);
  const uint64_t len = h.size();
  out.write(reinterpret_cast<const char*>(&len), 8);
  out.write(h.data(), std::streamsize(h.size()));
  Rng rng{0x9E3779B97F4A7C15ull ^ (uint64_t(seed) << 1 | 1)};
  std::vector<float> buf;
  for (const auto& [name, shape] : tensors) {
    buf.resize(count(shape));
    const bool gain = name.find("LayerNorm.weight") != std::string::npos;
    const bool bias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
    for (float& v : buf) v = gain ? 1.0f : bias ? 0.0f : rng.next();
    out.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size() * 4));
  }
  out.close();
  if (!out) fail("{}: writing the random-weight model failed (disk full?)", path);
  bytes_out = double(offset);
}

}  // namespace

std::vector<std::pair<std::string, std::vector<size_t>>> encoder_tensor_shapes(const Json& c) {
  const std::string origin = "config";
  const size_t H = json_require<size_t>(c, "hidden_size", origin), I = json_require<size_t>(c, "intermediate_size", origin);
  const size_t layers = json_require<size_t>(c, "num_hidden_layers", origin);
  const size_t heads = json_require<size_t>(c, "num_attention_heads", origin);
  const size_t vocab = json_require<size_t>(c, "vocab_size", origin);
  const size_t pos = json_optional<size_t>(c, "max_position_embeddings", origin, 512);
  const bool mpnet = is_mpnet(c);
  const size_t types = json_optional<size_t>(c, "type_vocab_size", origin, c.value("model_type", "") == "bert" ? 2 : 1);
  std::vector<std::pair<std::string, std::vector<size_t>>> t = {{"embeddings.word_embeddings.weight", {vocab, H}},
                                                                {"embeddings.position_embeddings.weight", {pos, H}}};
  if (!mpnet) t.push_back({"embeddings.token_type_embeddings.weight", {types, H}});
  t.push_back({"embeddings.LayerNorm.weight", {H}});
  t.push_back({"embeddings.LayerNorm.bias", {H}});
  for (size_t i = 0; i < layers; ++i) {
    const std::string p = fmt::format("encoder.layer.{}.", i);
    std::vector<std::string> lin;
    std::string norm;
    if (mpnet) {
      for (const char* n : {"q", "k", "v", "o"}) lin.push_back(p + "attention.attn." + n);
      norm = p + "attention.LayerNorm";
    } else {
      lin = {p + "attention.self.query", p + "attention.self.key", p + "attention.self.value", p + "attention.output.dense"};
      norm = p + "attention.output.LayerNorm";
    }
    for (const std::string& n : lin) {
      t.push_back({n + ".weight", {H, H}});
      t.push_back({n + ".bias", {H}});
    }
    t.push_back({norm + ".weight", {H}});
    t.push_back({norm + ".bias", {H}});
    t.push_back({p + "intermediate.dense.weight", {I, H}});
    t.push_back({p + "intermediate.dense.bias", {I}});
    t.push_back({p + "output.dense.weight", {H, I}});
    t.push_back({p + "output.dense.bias", {H}});
    t.push_back({p + "output.LayerNorm.weight", {H}});
    t.push_back({p + "output.LayerNorm.bias", {H}});
  }
  if (mpnet)
    t.push_back({"encoder.relative_attention_bias.weight",
                 {json_optional<size_t>(c, "relative_attention_num_buckets", origin, 32), heads}});
  return t;
}

TemporaryModel::TemporaryModel(TemporaryModel&& o) noexcept
    : tokenizer_note(std::move(o.tokenizer_note)), weights_bytes(o.weights_bytes), path_(std::move(o.path_)) {
  o.path_.clear();
}

TemporaryModel::~TemporaryModel() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);  // a folder mkdtemp made for us, holding only what we wrote
}

TemporaryModel write_random_model(const ModelShape& shape, const std::vector<std::string>& texts, unsigned seed) {
  std::error_code ec;
  std::string templ = (fs::temp_directory_path(ec) / "nsmlab-random-model-XXXXXX").string();
  if (!mkdtemp(templ.data())) fail("{}: cannot create a temporary folder for the random-weight model", templ);
  TemporaryModel m;
  m.path_ = templ;
  const fs::path dir(templ);
  Json config = shape.config;
  config["nsmlab_note"] = "random weights in the exact shapes of " + shape.name;
  write_file_atomic((dir / "config.json").string(), config.dump(2));
  const size_t H = json_require<size_t>(config, "hidden_size", shape.config_origin);
  const size_t vocab = json_require<size_t>(config, "vocab_size", shape.config_origin);
  write_safetensors_random((dir / "model.safetensors").string(), encoder_tensor_shapes(config), seed, m.weights_bytes);
  write_file_atomic((dir / "modules.json").string(),
                    R"([{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}])");
  fs::create_directory(dir / "1_Pooling");
  write_file_atomic((dir / "1_Pooling" / "config.json").string(),
                    fmt::format(R"({{"word_embedding_dimension": {}, "pooling_mode_mean_tokens": true}})", H));
  write_file_atomic((dir / "sentence_bert_config.json").string(), R"({"max_seq_length": 128, "do_lower_case": false})");
  if (!shape.tokenizer_json.empty()) {
    write_file_atomic((dir / "tokenizer.json").string(), read_file(shape.tokenizer_json));
    m.tokenizer_note = shape.tokenizer_note + " (" + shape.tokenizer_json + ")";
  } else {
    write_file_atomic((dir / "tokenizer.json").string(), synthetic_tokenizer(texts, vocab).dump());
    m.tokenizer_note = "synthetic word-level tokenizer (" + shape.tokenizer_note +
                       "): about one token per word, a real subword tokenizer gives somewhat more";
  }
  return m;
}

}  // namespace nsmlab
