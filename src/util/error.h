// The one exception type of nsmlab: every message names the file, the field and
// what was expected, so a user can fix their input without reading our code.
#pragma once
#include <fmt/format.h>
#include <stdexcept>
#include <string>

namespace nsmlab {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> f, Args&&... args) {
  throw Error(fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace nsmlab
