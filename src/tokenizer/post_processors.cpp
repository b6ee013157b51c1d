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

Token token_pair(const Json& j, const Where& w, const char* name) {
  auto p = require<Json>(j, w, name);
  if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number_integer())
    w.at(name).fail_here("expected [token, id]");
  return {p[1].get<int32_t>(), p[0].get<std::string>()};
}

std::unique_ptr<PostProcessor> make_template(const Json& j, const Where& w) {
  auto single = require<Json>(j, w, "single");
  auto specials = optional<Json>(j, w, "special_tokens", Json::object());
  if (!single.is_array()) w.at("single").fail_here("expected an array of template pieces");
  std::vector<TemplateItem> items;
  for (size_t i = 0; i < single.size(); ++i) {
    Where wi = w.at("single").at(i);
    const Json& e = single[i];
    TemplateItem item;
    if (e.is_object() && e.contains("Sequence")) {
      item.is_sequence = true;
      item.type_id = optional<int32_t>(e["Sequence"], wi.at("Sequence"), "type_id", 0);
    } else if (e.is_object() && e.contains("SpecialToken")) {
      const Json& s = e["SpecialToken"];
      auto id = require<std::string>(s, wi.at("SpecialToken"), "id");
      item.type_id = optional<int32_t>(s, wi.at("SpecialToken"), "type_id", 0);
      if (!specials.contains(id)) w.at("special_tokens").fail_here("no entry for '" + id + "' used by the template");
      Where ws = w.at("special_tokens").at(id);
      auto ids = require<std::vector<int32_t>>(specials[id], ws, "ids");
      auto toks = require<std::vector<std::string>>(specials[id], ws, "tokens");
      if (ids.size() != toks.size()) ws.fail_here("'ids' and 'tokens' differ in length");
      for (size_t k = 0; k < ids.size(); ++k) item.special.push_back({ids[k], toks[k]});
    } else {
      wi.fail_here("expected {\"Sequence\": ..} or {\"SpecialToken\": ..}");
    }
    items.push_back(std::move(item));
  }
  return std::make_unique<Template>(std::move(items), "TemplateProcessing");
}

}  // namespace

std::unique_ptr<PostProcessor> make_post_processor(const Json& j, const Where& w) {
  std::string type = type_of(j, w);
  if (type == "TemplateProcessing") return make_template(j, w);
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    std::vector<TemplateItem> items(3);
    items[0].special.push_back(token_pair(j, w, "cls"));
    items[1].is_sequence = true;
    items[2].special.push_back(token_pair(j, w, "sep"));
    return std::make_unique<Template>(std::move(items), type);
  }
  if (type == "ByteLevel") return std::make_unique<Identity>();
  if (type == "Sequence") {
    auto list = require<Json>(j, w, "processors");
    if (!list.is_array()) w.at("processors").fail_here("expected an array");
    std::vector<std::unique_ptr<PostProcessor>> parts;
    for (size_t i = 0; i < list.size(); ++i) parts.push_back(make_post_processor(list[i], w.at("processors").at(i)));
    return std::make_unique<SequencePost>(std::move(parts));
  }
  w.at("type").fail_here("unknown post_processor type '" + type + "'");
}

}  // namespace nsmlab::tok
