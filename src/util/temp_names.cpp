#include "util/temp_names.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
bool all_of(std::string_view s, bool (*ok)(char)) {
  for (char c : s)
    if (!ok(c)) return false;
  return true;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
}  // namespace

std::string temp_name_for(const std::string& target, std::string_view tail) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{}.tmp-{}-{:06x}{}", target, ::getpid(), rng() & 0xffffffu, tail);
}

std::optional<TempName> parse_temp_name(std::string_view name, std::string_view base) {
  const std::string prefix = std::string(base) + ".tmp-";
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = name.substr(prefix.size());
  TempName t;
  if (rest.size() > 4 && rest.substr(rest.size() - 4) == ".old") {
    t.old = true;
    rest.remove_suffix(4);
  }
  size_t dash = rest.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view pid = rest.substr(0, dash), hex = rest.substr(dash + 1);
  if (pid.empty() || pid.size() > 9 || !all_of(pid, is_digit)) return std::nullopt;
  if (hex.empty() || hex.size() > 8 || !all_of(hex, is_hex)) return std::nullopt;
  t.pid = std::stol(std::string(pid));
  return t;
}

bool process_gone(long pid) {
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

void remove_abandoned_temp_files(const std::string& target) {
  fs::path t(target);
  fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
  const std::string base = t.filename().string();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string path = e.path().string();
    auto name = parse_temp_name(e.path().filename().string(), base);
    struct stat st;
    if (!name || name->old || ::lstat(path.c_str(), &st) != 0) continue;
    if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && process_gone(name->pid)) ::unlink(path.c_str());
  }
}

}  // namespace nsmlab
