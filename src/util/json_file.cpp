#include "util/json_file.h"

#include "util/atomic_file.h"

namespace nsmlab {

Json load_json(const std::string& path) {
  std::string text = read_file(path);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    fail("{}: invalid JSON at byte {}: {}", path, e.byte, e.what());
  }
}

}  // namespace nsmlab
