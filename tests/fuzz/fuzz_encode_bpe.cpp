// Byte-level BPE on random text (no committed fixture is BPE): a RoBERTa-shaped tokenizer
// with all 256 byte symbols, a few merges and <s> .. </s>, written once to scratch.
#include "fuzz_encode.h"
#include "tokenizer/byte_level.h"
#include "util/json_file.h"

namespace {

nsmlab::Tokenizer make_bpe() {
  using nsmlab::Json;
  Json vocab = Json::object();
  for (int b = 0; b < 256; ++b) vocab[nsmlab::tok::bytes_to_unicode(std::string(1, static_cast<char>(b)))] = b;
  const char* merges[] = {"\xC4\xA0 t", "h e", "\xC4\xA0t he", "i n", "\xC4\xA0 a", "e r", "o n", "r e", "\xC3\xA9 t", "a t"};
  Json merge_list = Json::array();
  for (const char* m : merges) {
    std::string s = m;
    size_t sp = s.find(' ');
    std::string merged = s.substr(0, sp) + s.substr(sp + 1);
    if (!vocab.contains(merged)) vocab[merged] = vocab.size();
    merge_list.push_back(s);
  }
  const int base = static_cast<int>(vocab.size());
  Json j = {{"added_tokens", Json::array({Json{{"id", base}, {"content", "<s>"}, {"special", true}},
                                          Json{{"id", base + 1}, {"content", "</s>"}, {"special", true}}})},
            {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merge_list}}},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"use_regex", true}}},
            {"post_processor", {{"type", "RobertaProcessing"}, {"sep", Json::array({"</s>", base + 1})},
                                {"cls", Json::array({"<s>", base})}}}};
  return nsmlab::Tokenizer::load(nsmlab::fuzz::write_scratch("bpe_tokenizer.json", j.dump()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const nsmlab::Tokenizer t = make_bpe();
  return nsmlab::fuzz::encode_one(t, data, size);
}
