// Reads tokenizer.json into a Pipeline; every error names the file and the field.
#include <filesystem>

#include "tokenizer/pipeline.h"
#include "tokenizer/tokenizer.h"

namespace nsmlab::tok {

void Where::fail_here(const std::string& what) const {
  fail("{}: field '{}': {}", *file, field.empty() ? "(root)" : field, what);
}

const Json& field(const Json& j, const Where& w, const char* name) {
  if (!j.is_object()) w.fail_here("expected an object");
  auto it = j.find(name);
  if (it == j.end()) w.at(name).fail_here("missing");
  return *it;
}

int32_t checked_id(const Json& v, const Where& w, size_t limit) {
  if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<int64_t>() < 0)) w.fail_here("expected a non-negative integer id");
  uint64_t id = v.get<uint64_t>();
  if (id >= limit || id > INT32_MAX)
    w.fail_here("id " + std::to_string(id) + " is out of range: ids must be below " + std::to_string(limit) + " (the vocabulary's size)");
  return static_cast<int32_t>(id);
}

void check_nesting(size_t depth, const Where& w) {
  if (depth > kMaxNesting) w.fail_here("Sequence nested more than " + std::to_string(kMaxNesting) + " levels deep");
}

std::string type_of(const Json& j, const Where& w) {
  if (!j.is_object()) w.fail_here("expected an object with a \"type\" field");
  auto it = j.find("type");
  if (it == j.end() || !it->is_string()) w.at("type").fail_here("missing or not a string");
  return it->get<std::string>();
}

std::unique_ptr<Model> make_model(const Json& j, const Where& w, size_t extra_ids) {
  if (!j.is_object()) w.fail_here("expected an object");
  std::string type;
  if (j.contains("type")) {
    type = type_of(j, w);
  } else if (j.contains("merges")) {  // older files leave "type" out: infer it like HF's untagged enum
    type = "BPE";
  } else if (j.contains("vocab") && j.find("vocab")->is_array()) {
    type = "Unigram";
  } else if (j.contains("continuing_subword_prefix") || j.contains("max_input_chars_per_word")) {
    type = "WordPiece";
  } else {
    w.at("type").fail_here("missing, and the model's fields match no known model");
  }
  if (type == "WordPiece") return make_wordpiece(j, w, extra_ids);
  if (type == "Unigram") return make_unigram(j, w);
  if (type == "BPE") return make_bpe(j, w, extra_ids);
  w.at("type").fail_here("unknown model type '" + type + "' (supported: WordPiece, Unigram, BPE)");
}

}  // namespace nsmlab::tok

namespace nsmlab {

Tokenizer Tokenizer::load(const std::string& path) {
  using namespace tok;
  if (!std::filesystem::exists(path)) fail("{}: tokenizer file not found", path);
  Json root = load_json(path);
  auto p = std::make_shared<Pipeline>();
  p->path = path;
  Where w{&p->path, ""};
  if (!root.is_object()) w.fail_here("expected a JSON object");
  static const Json kNone;
  const Json& added = root.contains("added_tokens") ? root["added_tokens"] : kNone;
  const size_t n_added = added.is_array() ? added.size() : 0;
  p->model = make_model(field(root, w, "model"), w.at("model"), n_added);
  // Added tokens may extend the model's ids, one id each at most.
  p->added = parse_added_tokens(added, w.at("added_tokens"), p->model->vocab_size() + n_added);
  size_t id_limit = p->model->vocab_size();
  for (auto& t : p->added) id_limit = std::max(id_limit, static_cast<size_t>(t.id) + 1);
  if (root.contains("normalizer") && !root["normalizer"].is_null()) p->normalizer = make_normalizer(root["normalizer"], w.at("normalizer"));
  if (root.contains("pre_tokenizer") && !root["pre_tokenizer"].is_null())
    p->pre_tokenizer = make_pre_tokenizer(root["pre_tokenizer"], w.at("pre_tokenizer"));
  if (root.contains("post_processor") && !root["post_processor"].is_null())
    p->post = make_post_processor(root["post_processor"], w.at("post_processor"), id_limit);

  std::vector<AddedToken> raw, norm;
  std::vector<std::string> raw_pat, norm_pat;
  for (auto& t : p->added) {
    if (t.normalized) {
      std::string pat = t.content;
      if (p->normalizer) p->normalizer->normalize(pat);
      if (pat.empty()) continue;
      norm.push_back(t);
      norm_pat.push_back(std::move(pat));
    } else {
      raw.push_back(t);
      raw_pat.push_back(t.content);
    }
  }
  p->raw_matcher = AddedTokenMatcher(std::move(raw), std::move(raw_pat));
  p->normalized_matcher = AddedTokenMatcher(std::move(norm), std::move(norm_pat));

  if (root.contains("padding") && root["padding"].is_object()) {
    const Json& pad = root["padding"];
    p->padding_id = pad.contains("pad_id") && !pad["pad_id"].is_null() ? checked_id(pad["pad_id"], w.at("padding").at("pad_id"), id_limit) : 0;
  }
  return Tokenizer(std::move(p));
}

}  // namespace nsmlab
