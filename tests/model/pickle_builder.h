// Test helper: pickles written opcode by opcode, for the reader's hostile-input tests
// (nothing here is ever unpickled by Python).
#pragma once
#include <cstdint>
#include <string>

namespace nsmlab::testing {

class PickleBuilder {
 public:
  PickleBuilder() { out_ = "\x80\x02"; }  // PROTO 2
  PickleBuilder& op(char c) { out_ += c; return *this; }
  PickleBuilder& raw(const std::string& s) { out_ += s; return *this; }
  PickleBuilder& global(const std::string& module, const std::string& name) {
    out_ += 'c' + module + '\n' + name + '\n';
    return *this;
  }
  PickleBuilder& str(const std::string& s) {
    out_ += 'X';
    u32(uint32_t(s.size()));
    out_ += s;
    return *this;
  }
  PickleBuilder& integer(int32_t v) {
    out_ += 'J';
    u32(uint32_t(v));
    return *this;
  }
  PickleBuilder& u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_ += char((v >> (8 * i)) & 0xff);
    return *this;
  }
  PickleBuilder& mark() { return op('('); }
  PickleBuilder& tuple() { return op('t'); }
  PickleBuilder& empty_tuple() { return op(')'); }
  PickleBuilder& reduce() { return op('R'); }
  PickleBuilder& ordered_dict() { return global("collections", "OrderedDict").empty_tuple().reduce(); }
  // ('storage', torch.<type>, key, 'cpu', numel) then BINPERSID.
  PickleBuilder& storage(const std::string& type, const std::string& key, int32_t numel) {
    return mark().str("storage").global("torch", type).str(key).str("cpu").integer(numel).tuple().op('Q');
  }
  // _rebuild_tensor_v2(storage, offset, (sizes), (strides), False, OrderedDict()), storage already pushed.
  PickleBuilder& tensor_args(int32_t offset, std::initializer_list<int32_t> sizes,
                             std::initializer_list<int32_t> strides) {
    integer(offset).mark();
    for (int32_t s : sizes) integer(s);
    tuple().mark();
    for (int32_t s : strides) integer(s);
    return tuple().op('\x89').ordered_dict();
  }
  PickleBuilder& tensor(const std::string& type, const std::string& key, int32_t numel, int32_t offset,
                        std::initializer_list<int32_t> sizes, std::initializer_list<int32_t> strides) {
    global("torch._utils", "_rebuild_tensor_v2").mark().storage(type, key, numel);
    return tensor_args(offset, sizes, strides).tuple().reduce();
  }
  std::string stop() const { return out_ + '.'; }

 private:
  std::string out_;
};

}  // namespace nsmlab::testing
