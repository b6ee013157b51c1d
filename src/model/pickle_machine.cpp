#include "model/pickle_machine.h"

#include <cstring>
#include <unordered_map>
#include <vector>

#include "util/error.h"

namespace nsmlab {

namespace {

// Every opcode pickle defines, for refusing the ones this reader does not run by name.
const char* opcode_name(uint8_t op) {
  switch (op) {
    case '(': return "MARK";          case '.': return "STOP";           case '0': return "POP";
    case '1': return "POP_MARK";      case '2': return "DUP";            case 'F': return "FLOAT";
    case 'I': return "INT";           case 'J': return "BININT";         case 'K': return "BININT1";
    case 'L': return "LONG";          case 'M': return "BININT2";        case 'N': return "NONE";
    case 'P': return "PERSID";        case 'Q': return "BINPERSID";      case 'R': return "REDUCE";
    case 'S': return "STRING";        case 'T': return "BINSTRING";      case 'U': return "SHORT_BINSTRING";
    case 'V': return "UNICODE";       case 'X': return "BINUNICODE";     case 'a': return "APPEND";
    case 'b': return "BUILD";         case 'c': return "GLOBAL";         case 'd': return "DICT";
    case '}': return "EMPTY_DICT";    case 'e': return "APPENDS";        case 'g': return "GET";
    case 'h': return "BINGET";        case 'i': return "INST";           case 'j': return "LONG_BINGET";
    case 'l': return "LIST";          case ']': return "EMPTY_LIST";     case 'o': return "OBJ";
    case 'p': return "PUT";           case 'q': return "BINPUT";         case 'r': return "LONG_BINPUT";
    case 's': return "SETITEM";       case 't': return "TUPLE";          case ')': return "EMPTY_TUPLE";
    case 'u': return "SETITEMS";      case 'G': return "BINFLOAT";       case 0x80: return "PROTO";
    case 0x81: return "NEWOBJ";       case 0x82: return "EXT1";          case 0x83: return "EXT2";
    case 0x84: return "EXT4";         case 0x85: return "TUPLE1";        case 0x86: return "TUPLE2";
    case 0x87: return "TUPLE3";       case 0x88: return "NEWTRUE";       case 0x89: return "NEWFALSE";
    case 0x8a: return "LONG1";        case 0x8b: return "LONG4";         case 'B': return "BINBYTES";
    case 'C': return "SHORT_BINBYTES"; case 0x8c: return "SHORT_BINUNICODE"; case 0x8d: return "BINUNICODE8";
    case 0x8e: return "BINBYTES8";    case 0x8f: return "EMPTY_SET";    case 0x90: return "ADDITEMS";
    case 0x91: return "FROZENSET";    case 0x92: return "NEWOBJ_EX";    case 0x93: return "STACK_GLOBAL";
    case 0x94: return "MEMOIZE";      case 0x95: return "FRAME";        case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";  case 0x98: return "READONLY_BUFFER";
    default: return nullptr;
  }
}

std::string opcode_label(uint8_t op) {
  const char* name = opcode_name(op);
  if (!name) return fmt::format("byte 0x{:02x} (not a pickle opcode)", op);
  if (op >= 0x20 && op < 0x7f) return fmt::format("opcode {} ('{}')", name, char(op));
  return fmt::format("opcode {} (0x{:02x})", name, op);
}

bool is_container(const PickleValue& v) {
  return v.kind == PickleKind::Tuple || v.kind == PickleKind::List || v.kind == PickleKind::Dict;
}

class Machine {
 public:
  Machine(const uint8_t* data, size_t size, const std::string& source, PickleHooks& hooks, const PickleLimits& limits)
      : p_(data), n_(size), source_(source), hooks_(hooks), limits_(limits) {}

  PickleRef run(size_t* consumed) {
    for (;;) {
      if (pos_ >= n_) fail("{}: pickle ends at byte {} without STOP: truncated file?", source_, n_);
      op_at_ = pos_;
      const uint8_t op = p_[pos_++];
      if (op == '.') {
        PickleRef result = pop();
        if (consumed) *consumed = pos_;
        return result;
      }
      try {
        step(op);
      } catch (const Error& e) {
        // Hooks name the source and the value; the offset locates it in the pickle.
        const std::string what = e.what();
        if (what.find("pickle byte ") != std::string::npos) throw;
        throw Error(fmt::format("{} (pickle byte {})", what, op_at_));
      }
    }
  }

 private:
  [[noreturn]] void bad(const std::string& what) const {
    fail("{}: {} at pickle byte {}: {}", source_, opcode_label(p_[op_at_]), op_at_, what);
  }

  const uint8_t* take(size_t k) {
    if (k > n_ - pos_) bad(fmt::format("needs {} more bytes, the pickle has {}: truncated or corrupt", k, n_ - pos_));
    const uint8_t* at = p_ + pos_;
    pos_ += k;
    return at;
  }
  uint64_t uint_le(size_t k) {
    const uint8_t* b = take(k);
    uint64_t v = 0;
    for (size_t i = 0; i < k; ++i) v |= uint64_t(b[i]) << (8 * i);
    return v;
  }
  std::string bytes(size_t k) {
    const uint8_t* b = take(k);
    return std::string(reinterpret_cast<const char*>(b), k);
  }
  std::string line() {
    const size_t max = 256;  // module and attribute names are short
    for (size_t i = pos_; i < n_ && i - pos_ <= max; ++i)
      if (p_[i] == '\n') {
        std::string s(reinterpret_cast<const char*>(p_ + pos_), i - pos_);
        pos_ = i + 1;
        return s;
      }
    bad("expected a name ending in a newline (at most 256 bytes)");
  }

  PickleRef make(PickleKind kind) {
    if (++made_ > limits_.max_values)
      bad(fmt::format("more than {} values: not a tensor file", limits_.max_values));
    auto v = std::make_shared<PickleValue>();
    v->kind = kind;
    return v;
  }
  void push(PickleRef v) { stack_.push_back(std::move(v)); }
  size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
  PickleRef pop() {
    if (stack_.size() <= floor()) bad("the stack is empty (below the last MARK)");
    PickleRef v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  PickleRef& top() {
    if (stack_.size() <= floor()) bad("the stack is empty (below the last MARK)");
    return stack_.back();
  }
  std::vector<PickleRef> pop_mark() {
    if (marks_.empty()) bad("no MARK to pop to");
    const size_t m = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(std::make_move_iterator(stack_.begin() + static_cast<ptrdiff_t>(m)),
                                 std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return items;
  }

  // `child` goes inside `parent`: sealed from then on, and the parent's depth grows.
  void adopt(PickleValue& parent, const PickleRef& child) {
    if (child.get() == &parent) bad("a container cannot contain itself");
    if (is_container(*child)) child->sealed = true;
    if (child->depth + 1 > limits_.max_depth)
      bad(fmt::format("values nested deeper than {}: not a tensor file", limits_.max_depth));
    if (child->depth + 1 > parent.depth) parent.depth = child->depth + 1;
  }
  PickleValue& mutable_target(PickleKind kind, size_t below) {
    if (stack_.size() <= floor() + below) bad("the stack is empty (below the last MARK)");
    PickleValue& t = *stack_[stack_.size() - 1 - below];
    if (t.kind != kind)
      bad(fmt::format("expected {} to add to, found {}", kind == PickleKind::List ? "a list" : "a dict", describe(t)));
    if (t.sealed) bad("the container was already put inside another one (only a tree is accepted)");
    return t;
  }
  PickleRef tuple(std::vector<PickleRef> items) {
    PickleRef t = make(PickleKind::Tuple);
    for (const PickleRef& x : items) adopt(*t, x);
    t->items = std::move(items);
    return t;
  }
  void set_items(PickleValue& dict, std::vector<PickleRef>& kv) {
    if (kv.size() % 2) bad("SETITEMS needs key/value pairs, got an odd count");
    for (size_t i = 0; i < kv.size(); i += 2) {
      const PickleKind k = kv[i]->kind;
      if (k != PickleKind::String && k != PickleKind::Int && k != PickleKind::Bytes)
        bad(fmt::format("a dict key must be a string or an integer, found {}", describe(*kv[i])));
      adopt(dict, kv[i + 1]);
      dict.entries.emplace_back(std::move(kv[i]), std::move(kv[i + 1]));
    }
  }
  void memo_put(uint64_t index) {
    if (memo_.size() >= limits_.max_memo && !memo_.count(index))
      bad(fmt::format("more than {} memo entries: not a tensor file", limits_.max_memo));
    memo_[index] = top();
  }
  void memo_get(uint64_t index) {
    auto it = memo_.find(index);
    if (it == memo_.end()) bad(fmt::format("memo entry {} was never stored", index));
    push(it->second);
  }
  PickleRef integer(int64_t v) {
    PickleRef x = make(PickleKind::Int);
    x->integer = v;
    return x;
  }
  PickleRef string(PickleKind kind, size_t length) {
    PickleRef x = make(kind);
    x->text = bytes(length);
    return x;
  }

  void step(uint8_t op) {
    switch (op) {
      case 0x80: {  // PROTO
        const uint64_t v = uint_le(1);
        if (v > 5) bad(fmt::format("protocol {} is newer than any pickle (at most 5)", v));
        return;
      }
      case 0x95: uint_le(8); return;  // FRAME: a length hint only
      case '(':
        if (marks_.size() >= limits_.max_marks) bad(fmt::format("more than {} nested MARKs", limits_.max_marks));
        marks_.push_back(stack_.size());
        return;
      case 'N': push(make(PickleKind::None)); return;
      case 0x88:
      case 0x89: {
        PickleRef b = make(PickleKind::Bool);
        b->integer = op == 0x88;
        push(b);
        return;
      }
      case 'J': push(integer(int32_t(uint32_t(uint_le(4))))); return;
      case 'K': push(integer(int64_t(uint_le(1)))); return;
      case 'M': push(integer(int64_t(uint_le(2)))); return;
      case 0x8a: {  // LONG1: little-endian two's complement of n bytes
        const size_t k = uint_le(1);
        const uint8_t* b = take(k);
        if (k > 8) {
          PickleRef big = make(PickleKind::BigInt);
          big->text.assign(reinterpret_cast<const char*>(b), k);
          push(big);
          return;
        }
        uint64_t v = 0;
        for (size_t i = 0; i < k; ++i) v |= uint64_t(b[i]) << (8 * i);
        if (k > 0 && k < 8 && (b[k - 1] & 0x80)) v |= ~uint64_t(0) << (8 * k);
        push(integer(int64_t(v)));
        return;
      }
      case 'G': {  // BINFLOAT: big-endian double
        const uint8_t* b = take(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | b[i];
        PickleRef f = make(PickleKind::Float);
        std::memcpy(&f->real, &bits, 8);
        push(f);
        return;
      }
      case 'X': push(string(PickleKind::String, uint_le(4))); return;
      case 0x8c: push(string(PickleKind::String, uint_le(1))); return;
      case 'T': {
        const int64_t k = int32_t(uint32_t(uint_le(4)));
        if (k < 0) bad("negative string length");
        push(string(PickleKind::Bytes, size_t(k)));
        return;
      }
      case 'U': push(string(PickleKind::Bytes, uint_le(1))); return;
      case 'B': push(string(PickleKind::Bytes, uint_le(4))); return;
      case 'C': push(string(PickleKind::Bytes, uint_le(1))); return;
      case ')': push(tuple({})); return;
      case 't': push(tuple(pop_mark())); return;
      case 0x85:
      case 0x86:
      case 0x87: {
        std::vector<PickleRef> items(op - 0x84);
        for (size_t i = items.size(); i-- > 0;) items[i] = pop();
        push(tuple(std::move(items)));
        return;
      }
      case ']': push(make(PickleKind::List)); return;
      case '}': push(make(PickleKind::Dict)); return;
      case 'a': {
        PickleRef x = pop();
        PickleValue& list = mutable_target(PickleKind::List, 0);
        adopt(list, x);
        list.items.push_back(std::move(x));
        return;
      }
      case 'e': {
        std::vector<PickleRef> xs = pop_mark();
        PickleValue& list = mutable_target(PickleKind::List, 0);
        for (PickleRef& x : xs) {
          adopt(list, x);
          list.items.push_back(std::move(x));
        }
        return;
      }
      case 's': {
        std::vector<PickleRef> kv(2);
        kv[1] = pop();
        kv[0] = pop();
        set_items(mutable_target(PickleKind::Dict, 0), kv);
        return;
      }
      case 'u': {
        std::vector<PickleRef> kv = pop_mark();
        set_items(mutable_target(PickleKind::Dict, 0), kv);
        return;
      }
      case 'q': memo_put(uint_le(1)); return;
      case 'r': memo_put(uint_le(4)); return;
      case 0x94: memo_put(memo_.size()); return;
      case 'h': memo_get(uint_le(1)); return;
      case 'j': memo_get(uint_le(4)); return;
      case 'c': {
        const std::string module = line();
        const std::string name = line();
        PickleRef g = hooks_.find_global(module, name);
        ++made_;
        push(std::move(g));
        return;
      }
      case 0x93: {  // STACK_GLOBAL
        PickleRef name = pop(), module = pop();
        if (!module->is(PickleKind::String) || !name->is(PickleKind::String))
          bad("STACK_GLOBAL needs two strings (module, name)");
        PickleRef g = hooks_.find_global(module->text, name->text);
        ++made_;
        push(std::move(g));
        return;
      }
      case 'R': {
        PickleRef args = pop(), callable = pop();
        if (!args->is(PickleKind::Tuple)) bad(fmt::format("the arguments of a call must be a tuple, found {}", describe(*args)));
        PickleRef r = hooks_.reduce(*callable, *args);
        ++made_;
        for (const PickleRef& a : args->items)
          if (r->depth < a->depth + 1 && is_container(*r)) r->depth = a->depth + 1;
        push(std::move(r));
        return;
      }
      case 'b': {
        PickleRef state = pop();
        PickleRef& target = top();
        if (target->sealed) bad("BUILD on a container already inside another one");
        if (is_container(*state)) state->sealed = true;
        hooks_.build(*target, *state);
        return;
      }
      case 'Q': {
        PickleRef pid = pop();
        PickleRef r = hooks_.persistent_load(*pid);
        ++made_;
        push(std::move(r));
        return;
      }
      default:
        bad("not allowed in a tensor file (it could run code or is not needed); refusing to go on");
    }
  }

  const uint8_t* p_;
  size_t n_, pos_ = 0, op_at_ = 0, made_ = 0;
  const std::string& source_;
  PickleHooks& hooks_;
  const PickleLimits& limits_;
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, PickleRef> memo_;
};

}  // namespace

PickleRef run_pickle(const uint8_t* data, size_t size, const std::string& source, PickleHooks& hooks,
                     size_t* consumed, const PickleLimits& limits) {
  return Machine(data, size, source, hooks, limits).run(consumed);
}

PickleRef PlainDataHooks::find_global(const std::string& module, const std::string& name) {
  fail("{}: the pickle imports the global {}.{}, but this part of the file holds plain data only; refusing it",
       source_, module, name);
}
PickleRef PlainDataHooks::reduce(const PickleValue& callable, const PickleValue&) {
  fail("{}: the pickle calls {}, but this part of the file holds plain data only; refusing it", source_,
       describe(callable));
}
PickleRef PlainDataHooks::persistent_load(const PickleValue&) {
  fail("{}: a persistent id where plain data was expected", source_);
}
void PlainDataHooks::build(PickleValue& target, const PickleValue&) {
  fail("{}: BUILD on {} where plain data was expected", source_, describe(target));
}

}  // namespace nsmlab
