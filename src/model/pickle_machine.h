// A pickle reader that executes nothing: it knows only the opcodes a tensor file uses
// (protocol 2, plus the few protocol 3-4 ones for bytes, short strings and memoising) and
// hands every global, call (REDUCE), BUILD and persistent id to hooks that decide what is
// allowed. Any other opcode is refused, naming it and its byte offset. Bounded: the number
// of values made, the memo, the MARK nesting and the depth of nested values.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/pickle_value.h"

namespace nsmlab {

class PickleHooks {
 public:
  virtual ~PickleHooks() = default;
  // GLOBAL / STACK_GLOBAL: a Global value, or fail naming module.name and the source.
  virtual PickleRef find_global(const std::string& module, const std::string& name) = 0;
  // REDUCE: `callable` is whatever the stack held (checked by the hook); args is a Tuple.
  virtual PickleRef reduce(const PickleValue& callable, const PickleValue& args) = 0;
  virtual PickleRef persistent_load(const PickleValue& pid) = 0;
  // BUILD: `target` is still mutable; the hook may accept and ignore the state.
  virtual void build(PickleValue& target, const PickleValue& state) = 0;
};

// Plain data only (the legacy format's header pickles): every global, call, BUILD and
// persistent id is refused.
class PlainDataHooks : public PickleHooks {
 public:
  explicit PlainDataHooks(std::string source) : source_(std::move(source)) {}
  PickleRef find_global(const std::string& module, const std::string& name) override;
  PickleRef reduce(const PickleValue& callable, const PickleValue& args) override;
  PickleRef persistent_load(const PickleValue& pid) override;
  void build(PickleValue& target, const PickleValue& state) override;

 private:
  std::string source_;
};

struct PickleLimits {
  size_t max_values = size_t(1) << 20;  // values made in all (a 400-tensor state dict makes ~10 000)
  size_t max_memo = size_t(1) << 20;
  size_t max_marks = 64;
  size_t max_depth = 32;                // nesting of containers
};

// Runs the pickle at data[0, size); returns what STOP leaves and sets *consumed to the
// bytes read (the legacy format has several pickles back to back). `source` names the
// file (and archive record) in every error.
PickleRef run_pickle(const uint8_t* data, size_t size, const std::string& source, PickleHooks& hooks,
                     size_t* consumed = nullptr, const PickleLimits& limits = {});

}  // namespace nsmlab
