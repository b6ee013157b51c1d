// Token string <-> id maps looked up by string_view without allocating. Ids are checked
// against a bound fixed up front, so a hostile file cannot make the id table huge.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nsmlab::tok {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Vocab {
 public:
  enum class Added { Ok, IdOutOfRange, IdTaken, TokenTaken };
  // Ids must lie in [0, id_limit). A repeated token still takes its id (SentencePiece
  // files repeat pieces) but is found under its first id.
  explicit Vocab(size_t id_limit = 0) : by_id_(id_limit), used_(id_limit, false) {}
  Added add(std::string token, size_t id) {
    if (id >= by_id_.size()) return Added::IdOutOfRange;
    if (used_[id]) return Added::IdTaken;
    auto [it, fresh] = map_.emplace(token, static_cast<int32_t>(id));  // a repeated token maps to its first id
    by_id_[id] = std::move(token);
    used_[id] = true;
    id_bound_ = std::max(id_bound_, id + 1);
    return fresh ? Added::Ok : Added::TokenTaken;
  }
  std::optional<int32_t> find(std::string_view t) const {
    auto it = map_.find(t);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  // The token with this id; ids come from find() or from the file's validated ids.
  const std::string& token(int32_t id) const { return by_id_[static_cast<size_t>(id)]; }
  bool has_id(size_t id) const { return id < used_.size() && used_[id]; }
  size_t size() const { return map_.size(); }
  size_t id_bound() const { return id_bound_; }  // largest id + 1
  template <typename F>
  void for_each(F f) const {
    for (auto& [t, id] : map_) f(std::string_view(t), id);
  }

 private:
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> map_;
  std::vector<std::string> by_id_;
  std::vector<bool> used_;
  size_t id_bound_ = 0;
};

}  // namespace nsmlab::tok
