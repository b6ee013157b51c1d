// Token string -> id map looked up by string_view without allocating.
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
  void add(std::string token, int32_t id) {
    if (static_cast<size_t>(id) >= by_id_.size()) by_id_.resize(static_cast<size_t>(id) + 1);
    by_id_[static_cast<size_t>(id)] = token;
    map_.emplace(std::move(token), id);
  }
  std::optional<int32_t> find(std::string_view t) const {
    auto it = map_.find(t);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& token(int32_t id) const { return by_id_[static_cast<size_t>(id)]; }
  size_t size() const { return map_.size(); }
  size_t id_bound() const { return by_id_.size(); }

 private:
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> map_;
  std::vector<std::string> by_id_;
};

}  // namespace nsmlab::tok
