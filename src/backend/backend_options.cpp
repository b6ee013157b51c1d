#include "backend/backend_options.h"

#include <charconv>

#include "util/error.h"

namespace nsmlab {

std::string_view device_kind_name(DeviceKind k) { return k == DeviceKind::Cuda ? "cuda" : "cpu"; }

DeviceRequest parse_device_request(const std::string& text, const std::string& what) {
  DeviceRequest d;
  if (text == "auto") return d;
  d.automatic = false;
  if (text == "cpu") return d;
  if (text == "cuda") {
    d.kind = DeviceKind::Cuda;
    return d;
  }
  if (text.rfind("cuda:", 0) == 0) {
    d.kind = DeviceKind::Cuda;
    const char* b = text.data() + 5;
    const char* e = text.data() + text.size();
    int n = -1;
    auto [p, ec] = std::from_chars(b, e, n);
    if (ec == std::errc() && p == e && b != e && n >= 0 && n < 1024) {
      d.index = n;
      return d;
    }
  }
  fail("{} '{}': expected auto, cpu, cuda or cuda:N (N a device number from `nsmlab devices`)", what, text);
}

std::string device_request_string(const DeviceRequest& d) {
  if (d.automatic) return "auto";
  if (d.kind == DeviceKind::Cpu) return "cpu";
  return d.index < 0 ? "cuda" : "cuda:" + std::to_string(d.index);
}

std::optional<Precision> parse_precision_request(const std::string& text, const std::string& what) {
  if (text == "auto") return std::nullopt;
  if (auto p = parse_precision(text)) return p;
  fail("{} '{}': expected auto, fp32, bf16, fp16 or int8", what, text);
}

}  // namespace nsmlab
