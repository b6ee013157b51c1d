#include "model/torch_pickle.h"

#include <map>
#include <set>

#include "model/pickle_machine.h"
#include "util/error.h"

namespace nsmlab {

namespace {

struct StorageType {
  const char* dtype_name;
  TensorDtype dtype;
  size_t element_size;
};

const std::map<std::string, StorageType>& storage_types() {
  static const std::map<std::string, StorageType> table = {
      {"FloatStorage", {"F32", TensorDtype::F32, 4}},     {"HalfStorage", {"F16", TensorDtype::F16, 2}},
      {"BFloat16Storage", {"BF16", TensorDtype::BF16, 2}}, {"LongStorage", {"I64", TensorDtype::Unsupported, 8}},
      {"IntStorage", {"I32", TensorDtype::Unsupported, 4}}, {"ByteStorage", {"U8", TensorDtype::Unsupported, 1}},
  };
  return table;
}

constexpr int64_t kStorageTag = 1, kTensorTag = 2;
constexpr const char* kAllowed =
    "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and "
    "torch.{Float,Half,BFloat16,Long,Int,Byte}Storage";

bool is_global(const PickleValue& v, const char* module, const char* name) {
  return v.is(PickleKind::Global) && v.text == module && v.name == name;
}

class TorchHooks : public PickleHooks {
 public:
  TorchHooks(const std::string& source, bool legacy) : source_(source), legacy_(legacy) {}

  PickleRef find_global(const std::string& module, const std::string& name) override {
    const bool ok = (module == "collections" && name == "OrderedDict") ||
                    (module == "torch._utils" && (name == "_rebuild_tensor_v2" || name == "_rebuild_parameter")) ||
                    (module == "torch" && storage_types().count(name));
    if (!ok)
      fail("{}: the pickle imports the global {}.{}, which a tensor file never needs (allowed: {}); refusing to "
           "load it (nothing was run)", source_, module, name, kAllowed);
    auto g = std::make_shared<PickleValue>();
    g->kind = PickleKind::Global;
    g->text = module;
    g->name = name;
    return g;
  }

  PickleRef reduce(const PickleValue& callable, const PickleValue& args) override {
    if (is_global(callable, "collections", "OrderedDict")) {
      if (!args.items.empty()) fail("{}: OrderedDict called with arguments; a tensor file calls it with none", source_);
      auto d = std::make_shared<PickleValue>();
      d->kind = PickleKind::Dict;
      return d;
    }
    if (is_global(callable, "torch._utils", "_rebuild_tensor_v2")) return rebuild_tensor(args);
    if (is_global(callable, "torch._utils", "_rebuild_parameter")) {
      if (args.items.size() != 3) fail("{}: _rebuild_parameter takes 3 arguments, got {}", source_, args.items.size());
      const PickleValue& t = *args.items[0];
      if (!t.is(PickleKind::Object) || t.integer != kTensorTag)
        fail("{}: _rebuild_parameter's first argument must be a tensor, found {}", source_, describe(t));
      expect_bool(*args.items[1], "_rebuild_parameter", "requires_grad");
      expect_empty_hooks(*args.items[2], "_rebuild_parameter");
      return object(kTensorTag, t.handle);
    }
    fail("{}: the pickle calls {}, which a tensor file never calls (allowed: OrderedDict(), _rebuild_tensor_v2, "
         "_rebuild_parameter); refusing to load it", source_, describe(callable));
  }

  PickleRef persistent_load(const PickleValue& pid) override {
    const size_t fields = legacy_ ? 6 : 5;
    if (!pid.is(PickleKind::Tuple) || pid.items.size() != fields)
      fail("{}: a persistent id must be a tuple of {} ('storage', type, key, location, numel{}), found {}", source_,
           fields, legacy_ ? ", view" : "", describe(pid));
    const auto& f = pid.items;
    if (!f[0]->is(PickleKind::String) || f[0]->text != "storage")
      fail("{}: persistent id kind must be 'storage', found {}", source_, describe(*f[0]));
    if (!f[1]->is(PickleKind::Global) || f[1]->text != "torch" || !storage_types().count(f[1]->name))
      fail("{}: persistent id: the storage type must be one of torch's storage classes, found {}", source_,
           describe(*f[1]));
    if (!f[2]->is(PickleKind::String) || f[2]->text.empty() || f[2]->text.size() > 64 ||
        f[2]->text.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") !=
            std::string::npos)
      fail("{}: persistent id: the storage key must be a short name of letters, digits and '_', found {}", source_,
           describe(*f[2]));
    if (!f[3]->is(PickleKind::String)) fail("{}: persistent id: the location must be a string, found {}", source_, describe(*f[3]));
    const size_t numel = non_negative(*f[4], "persistent id", "numel");
    if (legacy_ && !f[5]->is(PickleKind::None))
      fail("{}: storage '{}' is a view of another storage (legacy view metadata); nsmlab reads whole storages only",
           source_, f[2]->text);
    const StorageType& type = storage_types().at(f[1]->name);
    auto it = by_key_.find(f[2]->text);
    if (it != by_key_.end()) {
      const TorchStorage& s = out_.storages[it->second];
      if (s.type_name != f[1]->name || s.numel != numel)
        fail("{}: storage '{}' is declared twice with different types or sizes ({} of {}, then {} of {})", source_,
             s.key, s.numel, s.type_name, numel, f[1]->name);
      return object(kStorageTag, it->second);
    }
    TorchStorage s;
    s.key = f[2]->text;
    s.type_name = f[1]->name;
    s.dtype_name = type.dtype_name;
    s.dtype = type.dtype;
    s.element_size = type.element_size;
    s.numel = numel;
    by_key_[s.key] = out_.storages.size();
    out_.storages.push_back(std::move(s));
    return object(kStorageTag, out_.storages.size() - 1);
  }

  void build(PickleValue& target, const PickleValue& state) override {
    // A state dict's only attribute is `_metadata` (module versions): accepted, not kept.
    if (!target.is(PickleKind::Dict) || !state.is(PickleKind::Dict))
      fail("{}: BUILD sets the state of {} from {}; a tensor file only sets a dict's attributes", source_,
           describe(target), describe(state));
  }

  TorchStatePickle take(const PickleValue& root) {
    if (!root.is(PickleKind::Dict))
      fail("{}: the pickle holds {}, expected a dict of tensors (a state dict)", source_, describe(root));
    std::set<std::string> names;
    for (const auto& [key, value] : root.entries) {
      if (!key->is(PickleKind::String))
        fail("{}: state dict key {} is not a string (expected tensor names)", source_, describe(*key));
      if (!value->is(PickleKind::Object) || value->integer != kTensorTag)
        fail("{}: state dict entry '{}' holds {}, expected a tensor", source_, key->text, describe(*value));
      if (!names.insert(key->text).second) fail("{}: state dict holds '{}' twice", source_, key->text);
      TorchTensorRef t = tensors_[value->handle];
      t.name = key->text;
      out_.tensors.push_back(std::move(t));
    }
    return std::move(out_);
  }

 private:
  PickleRef object(int64_t tag, size_t handle) {
    auto o = std::make_shared<PickleValue>();
    o->kind = PickleKind::Object;
    o->integer = tag;
    o->handle = handle;
    return o;
  }
  size_t non_negative(const PickleValue& v, const char* where, const char* field) {
    if (!v.is(PickleKind::Int) || v.integer < 0)
      fail("{}: {}: '{}' must be a non-negative integer, found {}", source_, where, field, describe(v));
    return size_t(v.integer);
  }
  void expect_bool(const PickleValue& v, const char* where, const char* field) {
    if (!v.is(PickleKind::Bool)) fail("{}: {}: '{}' must be True or False, found {}", source_, where, field, describe(v));
  }
  void expect_empty_hooks(const PickleValue& v, const char* where) {
    if (!v.is(PickleKind::Dict) || !v.entries.empty())
      fail("{}: {}: backward hooks must be an empty OrderedDict, found {}", source_, where, describe(v));
  }
  std::vector<size_t> sizes(const PickleValue& v, const char* field) {
    if (!v.is(PickleKind::Tuple)) fail("{}: _rebuild_tensor_v2: '{}' must be a tuple, found {}", source_, field, describe(v));
    std::vector<size_t> out;
    for (const PickleRef& x : v.items) out.push_back(non_negative(*x, "_rebuild_tensor_v2", field));
    return out;
  }

  PickleRef rebuild_tensor(const PickleValue& args) {
    const auto& a = args.items;
    if (a.size() != 6 && a.size() != 7)
      fail("{}: _rebuild_tensor_v2 takes 6 or 7 arguments, got {}", source_, a.size());
    if (!a[0]->is(PickleKind::Object) || a[0]->integer != kStorageTag)
      fail("{}: _rebuild_tensor_v2's first argument must be a storage (persistent id), found {}", source_,
           describe(*a[0]));
    TorchTensorRef t;
    t.storage = a[0]->handle;
    t.offset = non_negative(*a[1], "_rebuild_tensor_v2", "storage_offset");
    t.shape = sizes(*a[2], "size");
    t.stride = sizes(*a[3], "stride");
    if (t.shape.size() != t.stride.size())
      fail("{}: _rebuild_tensor_v2: size has {} dimensions but stride has {}", source_, t.shape.size(), t.stride.size());
    expect_bool(*a[4], "_rebuild_tensor_v2", "requires_grad");
    expect_empty_hooks(*a[5], "_rebuild_tensor_v2");
    if (a.size() == 7 && !a[6]->is(PickleKind::Dict) && !a[6]->is(PickleKind::None))
      fail("{}: _rebuild_tensor_v2: metadata must be a dict, found {}", source_, describe(*a[6]));
    check_extent(t);
    tensors_.push_back(std::move(t));
    return object(kTensorTag, tensors_.size() - 1);
  }

  // The last element the tensor reaches must lie inside its storage.
  void check_extent(const TorchTensorRef& t) {
    const TorchStorage& s = out_.storages[t.storage];
    size_t numel = 1, last = t.offset;
    bool overflow = false;
    for (size_t i = 0; i < t.shape.size(); ++i) {
      overflow |= __builtin_mul_overflow(numel, t.shape[i], &numel);
      size_t reach = 0;
      if (t.shape[i] > 0) overflow |= __builtin_mul_overflow(t.shape[i] - 1, t.stride[i], &reach);
      overflow |= __builtin_add_overflow(last, reach, &last);
    }
    if (overflow)
      fail("{}: a tensor of shape {} (stride {}, offset {}) reaches past any storage", source_, shape_string(t.shape),
           shape_string(t.stride), t.offset);
    if (numel == 0 ? t.offset > s.numel : last >= s.numel)
      fail("{}: a tensor of shape {} (stride {}, offset {}) reaches element {} of storage '{}', which holds {}", source_,
           shape_string(t.shape), shape_string(t.stride), t.offset, last, s.key, s.numel);
  }

  const std::string& source_;
  bool legacy_;
  TorchStatePickle out_;
  std::vector<TorchTensorRef> tensors_;
  std::map<std::string, size_t> by_key_;
};

}  // namespace

TorchStatePickle read_torch_state_pickle(const uint8_t* data, size_t size, const std::string& source, bool legacy,
                                         size_t* consumed) {
  TorchHooks hooks(source, legacy);
  PickleRef root = run_pickle(data, size, source, hooks, consumed);
  return hooks.take(*root);
}

}  // namespace nsmlab
