#include "model/torch_checkpoint.h"

#include <cstring>
#include <map>

#include "model/pickle_machine.h"
#include "model/torch_pickle.h"
#include "model/zip_records.h"
#include "util/error.h"

namespace nsmlab {

namespace {

struct StorageBytes {
  const uint8_t* data = nullptr;
  size_t bytes = 0;
};

size_t storage_bytes(const TorchStorage& s, const std::string& path) {
  size_t bytes = 0;
  if (__builtin_mul_overflow(s.numel, s.element_size, &bytes))
    fail("{}: storage '{}' declares {} elements, more than any file holds", path, s.key, s.numel);
  return bytes;
}

// Zip: exactly one "<name>/data.pkl" at the top level; storage <key> is "<name>/data/<key>".
TorchStatePickle read_zip(const uint8_t* d, size_t n, const std::string& path, std::vector<StorageBytes>& bases) {
  const std::map<std::string, ZipRecord> records = read_stored_zip(d, n, path);
  std::string pickle_name;
  for (const auto& [name, r] : records)
    if (name.ends_with("/data.pkl") && name.find('/') == name.size() - 9) {
      if (!pickle_name.empty())
        fail("{}: the archive holds two pickles ({} and {}); a PyTorch file has one", path, pickle_name, name);
      pickle_name = name;
    }
  if (pickle_name.empty()) fail("{}: a zip archive without <name>/data.pkl: not a PyTorch file", path);
  const std::string prefix = pickle_name.substr(0, pickle_name.size() - 8);  // "<name>/"
  auto order = records.find(prefix + "byteorder");
  if (order != records.end()) {
    const std::string value(reinterpret_cast<const char*>(d + order->second.offset), order->second.size);
    if (value != "little")
      fail("{}: record {}byteorder says '{}'; nsmlab reads little-endian tensors only", path, prefix, value.substr(0, 16));
  }
  const ZipRecord& pkl = records.at(pickle_name);
  TorchStatePickle state = read_torch_state_pickle(d + pkl.offset, pkl.size, path + " (" + pickle_name + ")", false);
  for (const TorchStorage& s : state.storages) {
    const std::string name = prefix + "data/" + s.key;
    auto it = records.find(name);
    if (it == records.end()) fail("{}: storage '{}' is used by the pickle but record {} is missing", path, s.key, name);
    const size_t bytes = storage_bytes(s, path);
    if (it->second.size != bytes)
      fail("{}: record {} holds {} bytes, but storage '{}' is {} elements of {} ({} bytes)", path, name,
           it->second.size, s.key, s.numel, s.type_name, bytes);
    bases.push_back({d + it->second.offset, bytes});
  }
  return state;
}

// The legacy format's magic number, 0x1950a86a20f9469cfc6c, as pickle's LONG1 stores it.
const std::string kLegacyMagic("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 10);

TorchStatePickle read_legacy(const uint8_t* d, size_t n, const std::string& path, std::vector<StorageBytes>& bases) {
  size_t pos = 0, used = 0;
  auto plain = [&](const char* what) {
    const std::string source = path + " (legacy format, " + what + ")";
    PlainDataHooks hooks(source);
    PickleRef v = run_pickle(d + pos, n - pos, source, hooks, &used);
    pos += used;
    return v;
  };
  PickleRef magic = plain("magic number");
  if (!magic->is(PickleKind::BigInt) || magic->text != kLegacyMagic)
    fail("{}: not a PyTorch file: the legacy format starts with magic number 0x1950a86a20f9469cfc6c, found {}", path,
         describe(*magic));
  PickleRef protocol = plain("protocol version");
  if (!protocol->is(PickleKind::Int) || protocol->integer != 1001)
    fail("{}: legacy format protocol version must be 1001, found {}", path, describe(*protocol));
  PickleRef info = plain("system info");
  bool little = false;
  if (info->is(PickleKind::Dict))
    for (const auto& [k, v] : info->entries)
      if (k->is(PickleKind::String) && k->text == "little_endian") little = v->is(PickleKind::Bool) && v->integer;
  if (!little) fail("{}: legacy format system info does not say little_endian: True; nsmlab reads little-endian files", path);

  TorchStatePickle state = read_torch_state_pickle(d + pos, n - pos, path + " (legacy format, state pickle)", true, &used);
  pos += used;
  PickleRef keys = plain("storage keys");
  if (!keys->is(PickleKind::List)) fail("{}: legacy format: the storage keys must be a list, found {}", path, describe(*keys));
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < state.storages.size(); ++i) index[state.storages[i].key] = i;
  bases.assign(state.storages.size(), {});
  for (const PickleRef& k : keys->items) {
    if (!k->is(PickleKind::String)) fail("{}: legacy format: a storage key is {}, expected a string", path, describe(*k));
    auto it = index.find(k->text);
    if (it == index.end()) fail("{}: legacy format: storage '{}' is listed but no tensor uses it", path, k->text);
    StorageBytes& base = bases[it->second];
    if (base.data) fail("{}: legacy format: storage '{}' is listed twice", path, k->text);
    const TorchStorage& s = state.storages[it->second];
    if (n - pos < 8) fail("{}: legacy format: storage '{}' at byte {}: file ends before its length", path, s.key, pos);
    uint64_t count = 0;
    std::memcpy(&count, d + pos, 8);
    pos += 8;
    if (count != s.numel)
      fail("{}: legacy format: storage '{}' holds {} elements but the pickle declares {}", path, s.key, count, s.numel);
    const size_t bytes = storage_bytes(s, path);
    if (bytes > n - pos)
      fail("{}: legacy format: storage '{}' needs {} bytes at byte {}, the file has {} left: truncated?", path, s.key,
           bytes, pos, n - pos);
    base = {d + pos, bytes};
    pos += bytes;
  }
  for (size_t i = 0; i < bases.size(); ++i)
    if (!bases[i].data && state.storages[i].numel > 0)
      fail("{}: legacy format: storage '{}' is used by a tensor but its bytes are not in the file", path,
           state.storages[i].key);
  return state;
}

bool row_major(const TorchTensorRef& t) {
  size_t expected = 1;
  for (size_t i = t.shape.size(); i-- > 0;) {
    if (t.shape[i] != 1 && t.stride[i] != expected) return false;
    expected *= t.shape[i];
  }
  return true;
}

}  // namespace

TorchCheckpoint::TorchCheckpoint(const std::string& path) : file_(path) {
  const uint8_t* d = file_.data();
  const size_t n = file_.size();
  std::vector<StorageBytes> bases;
  TorchStatePickle state;
  if (n >= 4 && std::memcmp(d, "PK\x03\x04", 4) == 0) {
    state = read_zip(d, n, path, bases);
  } else if (n >= 4 && d[0] == 0x80 && d[2] == 0x8a) {
    legacy_ = true;
    state = read_legacy(d, n, path, bases);
  } else if (n >= 262 && std::memcmp(d + 257, "ustar", 5) == 0) {
    fail("{}: the tar format of PyTorch before 0.4 is not supported; re-save it with a recent torch.save", path);
  } else {
    fail("{}: not a PyTorch checkpoint (neither a zip archive nor the legacy pickle format)", path);
  }

  for (const TorchTensorRef& t : state.tensors) {
    const TorchStorage& s = state.storages[t.storage];
    const StorageBytes& base = bases[t.storage];
    StoredTensor st;
    st.file = path;
    st.dtype_name = s.dtype_name;
    st.view.name = t.name;
    st.view.dtype = s.dtype;
    st.view.shape = t.shape;
    const size_t numel = st.view.numel();  // checked against the storage by the pickle reader
    st.view.bytes = numel * s.element_size;
    if (row_major(t)) {
      st.view.data = base.data ? base.data + t.offset * s.element_size : nullptr;
      st.view.residence = Residence::HostMapping;
    } else {
      // Gathered once; a tensor cannot hold more elements than its storage (no broadcast strides).
      if (numel > s.numel)
        fail("{}: tensor '{}' of shape {} has {} elements but its storage '{}' only {} (overlapping strides {})", path,
             t.name, shape_string(t.shape), numel, s.key, s.numel, shape_string(t.stride));
      std::vector<uint8_t>& copy = copies_.emplace_back(st.view.bytes);
      std::vector<size_t> index(t.shape.size(), 0);
      for (size_t i = 0; i < numel; ++i) {
        size_t at = t.offset;
        for (size_t k = 0; k < index.size(); ++k) at += index[k] * t.stride[k];
        std::memcpy(copy.data() + i * s.element_size, base.data + at * s.element_size, s.element_size);
        for (size_t k = index.size(); k-- > 0;) {
          if (++index[k] < t.shape[k]) break;
          index[k] = 0;
        }
      }
      st.view.data = copy.data();
      st.view.residence = Residence::HostOwned;
    }
    tensors_.push_back(std::move(st));
  }
}

}  // namespace nsmlab
