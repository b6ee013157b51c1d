#include "backend/fault_injection.h"

#include <charconv>
#include <cstdlib>

#include "util/error.h"

namespace nsmlab {

bool Fault::matches(const std::string& name) const {
  if (!backend.empty() && backend.back() == '*') return name.compare(0, backend.size() - 1, backend, 0, backend.size() - 1) == 0;
  return name == backend;
}

std::vector<Fault> parse_faults(const std::string& text) {
  std::vector<Fault> faults;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string entry = text.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    const auto bad = [&] {
      fail("NSMLAB_FAULT entry '{}': expected init:<backend>, oom:<backend>@N or fail:<backend>@N", entry);
    };
    const size_t colon = entry.find(':');
    if (colon == std::string::npos) bad();
    Fault f;
    const std::string kind = entry.substr(0, colon);
    std::string rest = entry.substr(colon + 1);
    if (kind == "init") {
      f.kind = Fault::Init;
    } else if (kind == "oom" || kind == "fail") {
      f.kind = kind == "oom" ? Fault::OutOfMemory : Fault::Failure;
      const size_t at = rest.rfind('@');
      if (at == std::string::npos) bad();
      const char* b = rest.data() + at + 1;
      const char* e = rest.data() + rest.size();
      auto [p, ec] = std::from_chars(b, e, f.call);
      if (ec != std::errc() || p != e || f.call == 0) bad();
      rest.resize(at);
    } else {
      bad();
    }
    if (rest.empty()) bad();
    f.backend = rest;
    faults.push_back(f);
    if (end == text.size()) break;
  }
  return faults;
}

const std::vector<Fault>& injected_faults() {
  static const std::vector<Fault> faults = [] {
    const char* v = std::getenv("NSMLAB_FAULT");
    return v ? parse_faults(v) : std::vector<Fault>{};
  }();
  return faults;
}

}  // namespace nsmlab
