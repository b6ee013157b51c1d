// Post-processors: wrap a single sequence in the model's special tokens and set type ids.
#include "tokenizer/components.h"

namespace nsmlab::tok {

namespace {

// One step of a template: either special tokens or the input sequence.
struct TemplateItem {
  bool is_sequence = false;
  int32_t type_id = 0;
  std::vector<Token> special;
};

class Template : public PostProcessor {
 public:
  Template(std::vector<TemplateItem> items, std::string name) : items_(std::move(items)), name_(std::move(name)) {
    for (auto& it : items_) added_ += it.special.size();
  }
  size_t added_tokens() const override { return added_; }
  void process(std::vector<Token>& tokens, std::vector<int32_t>& type_ids, bool add_special) const override {
    if (!add_special) return;
    std::vector<Token> out;
    std::vector<int32_t> types;
    out.reserve(tokens.size() + added_);
    types.reserve(tokens.size() + added_);
    for (auto& it : items_) {
      if (it.is_sequence) {
        for (size_t k = 0; k < tokens.size(); ++k) {
          out.push_back(std::move(tokens[k]));
          types.push_back(it.type_id);
        }
      } else {
        for (auto& t : it.special) {
          out.push_back(t);
          types.push_back(it.type_id);
        }
      }
    }
    tokens.swap(out);
    type_ids.swap(types);
  }
  std::string describe() const override { return name_; }

 private:
  std::vector<TemplateItem> items_;
  std::string name_;
  size_t added_ = 0;
};

class Identity : public PostProcessor {
 public:
  size_t added_tokens() const override { return 0; }
  void process(std::vector<Token>&, std::vector<int32_t>&, bool) const override {}
  std::string describe() const override { return "ByteLevel"; }
};

class SequencePost : public PostProcessor {
 public:
  explicit SequencePost(std::vector<std::unique_ptr<PostProcessor>> parts) : parts_(std::move(parts)) {}
  size_t added_tokens() const override {
    size_t n = 0;
    for (auto& p : parts_) n += p->added_tokens();
    return n;
  }
  void process(std::vector<Token>& tokens, std::vector<int32_t>& type_ids, bool add_special) const override {
    for (auto& p : parts_) p->process(tokens, type_ids, add_special);
  }
  std::string describe() const override {
    std::string d = "Sequence[";
    for (size_t i = 0; i < parts_.size(); ++i) d += (i ? "," : "") + parts_[i]->describe();
    return d + "]";
  }

 private:
  std::vector<std::unique_ptr<PostProcessor>> parts_;
};

// A template's type_id (0 when absent); the model checks it against its token types.
int32_t type_id_of(const Json& j, const Where& w) {
  if (!j.is_object() || !j.contains("type_id") || j["type_id"].is_null()) return 0;
  return checked_id(j["type_id"], w.at("type_id"), size_t(INT32_MAX) + 1);
}

Token token_pair(const Json& j, const Where& w, const char* name, size_t id_limit) {
  const Json& p = field(j, w, name);
  if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number_integer())
    w.at(name).fail_here("expected [token, id]");
  return {checked_id(p[1], w.at(name).at(1), id_limit), p[0].get<std::string>()};
}

std::unique_ptr<PostProcessor> make_template(const Json& j, const Where& w, size_t id_limit) {
  const Json& single = field(j, w, "single");
  static const Json kNoSpecials = Json::object();
  const Json& specials = j.contains("special_tokens") && !j["special_tokens"].is_null() ? j["special_tokens"] : kNoSpecials;
  if (!specials.is_object()) w.at("special_tokens").fail_here("expected an object");
  if (!single.is_array()) w.at("single").fail_here("expected an array of template pieces");
  std::vector<TemplateItem> items;
  for (size_t i = 0; i < single.size(); ++i) {
    Where wi = w.at("single").at(i);
    const Json& e = single[i];
    TemplateItem item;
    if (e.is_object() && e.contains("Sequence")) {
      item.is_sequence = true;
      item.type_id = type_id_of(e["Sequence"], wi.at("Sequence"));
    } else if (e.is_object() && e.contains("SpecialToken")) {
      const Json& s = e["SpecialToken"];
      auto id = require<std::string>(s, wi.at("SpecialToken"), "id");
      item.type_id = type_id_of(s, wi.at("SpecialToken"));
      if (!specials.contains(id)) w.at("special_tokens").fail_here("no entry for '" + id + "' used by the template");
      Where ws = w.at("special_tokens").at(id);
      const Json& ids = field(specials[id], ws, "ids");
      auto toks = require<std::vector<std::string>>(specials[id], ws, "tokens");
      if (!ids.is_array()) ws.at("ids").fail_here("expected an array of ids");
      if (ids.size() != toks.size()) ws.fail_here("'ids' and 'tokens' differ in length");
      for (size_t k = 0; k < ids.size(); ++k) item.special.push_back({checked_id(ids[k], ws.at("ids").at(k), id_limit), toks[k]});
    } else {
      wi.fail_here("expected {\"Sequence\": ..} or {\"SpecialToken\": ..}");
    }
    items.push_back(std::move(item));
  }
  return std::make_unique<Template>(std::move(items), "TemplateProcessing");
}

}  // namespace

std::unique_ptr<PostProcessor> make_post_processor(const Json& j, const Where& w, size_t id_limit, size_t depth) {
  check_nesting(depth, w);
  std::string type = type_of(j, w);
  if (type == "TemplateProcessing") return make_template(j, w, id_limit);
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    std::vector<TemplateItem> items(3);
    items[0].special.push_back(token_pair(j, w, "cls", id_limit));
    items[1].is_sequence = true;
    items[2].special.push_back(token_pair(j, w, "sep", id_limit));
    return std::make_unique<Template>(std::move(items), type);
  }
  if (type == "ByteLevel") return std::make_unique<Identity>();
  if (type == "Sequence") {
    const Json& list = field(j, w, "processors");
    if (!list.is_array()) w.at("processors").fail_here("expected an array");
    std::vector<std::unique_ptr<PostProcessor>> parts;
    for (size_t i = 0; i < list.size(); ++i) parts.push_back(make_post_processor(list[i], w.at("processors").at(i), id_limit, depth + 1));
    return std::make_unique<SequencePost>(std::move(parts));
  }
  w.at("type").fail_here("unknown post_processor type '" + type + "'");
}

}  // namespace nsmlab::tok
