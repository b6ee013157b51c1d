// The values a restricted pickle reader builds: Python's plain data (None, bool, int, float,
// str, bytes, tuple, list, dict), the globals it was allowed to name, and opaque objects
// that the reader's hooks made (a tensor, a storage) and only they interpret.
// Containers form a tree, never a cycle: a list or dict can change only until it is put
// inside another container (then it is sealed), and every value knows its depth.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nsmlab {

enum class PickleKind { None, Bool, Int, BigInt, Float, String, Bytes, Tuple, List, Dict, Global, Object };

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  PickleKind kind = PickleKind::None;
  int64_t integer = 0;           // Bool, Int; Object: the hook's tag
  double real = 0;               // Float
  std::string text;              // String, Bytes, BigInt (little-endian two's complement), Global: module
  std::string name;              // Global: the name inside the module
  std::vector<PickleRef> items;  // Tuple, List
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
  size_t handle = 0;             // Object: index into the hook's own table
  size_t depth = 1;              // 1 + the deepest child
  bool sealed = false;           // inside another container: no longer mutable

  bool is(PickleKind k) const { return kind == k; }
};

// "tuple", "dict", "global os.system", ...: for error messages.
std::string describe(const PickleValue& v);

}  // namespace nsmlab
