#include "runner/output_location.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/error.h"
#include "util/temp_names.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
constexpr size_t kMaxModelPart = 48;

std::string file_name_safe(const std::string& model_name) {
  std::string leaf = fs::path(model_name).filename().string();
  if (leaf.empty()) leaf = model_name;
  std::string out;
  for (char c : leaf) {
    if (out.size() == kMaxModelPart) break;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              (c == '.' && !out.empty());
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? std::string("model") : out;
}
}  // namespace

std::string run_folder_name(const std::string& model_name, std::time_t when) {
  std::tm utc{};
  ::gmtime_r(&when, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%SZ", &utc);
  return std::string(stamp) + "-" + file_name_safe(model_name);
}

void point_latest_link(const std::string& root, const std::string& folder) {
  const std::string link = (fs::path(root) / kLatestLink).string();
  struct stat st;
  if (::lstat(link.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
    std::fprintf(stderr, "nsmlab: warning: %s is not a symbolic link; left as it is, not pointed at %s\n",
                 link.c_str(), folder.c_str());
    return;
  }
  remove_abandoned_temp_files(link);
  const std::string tmp = temp_name_for(link);
  if (::symlink(folder.c_str(), tmp.c_str()) != 0 || ::rename(tmp.c_str(), link.c_str()) != 0) {
    std::fprintf(stderr, "nsmlab: warning: cannot point %s at %s: %s\n", link.c_str(), folder.c_str(),
                 std::strerror(errno));
    ::unlink(tmp.c_str());
  }
}

void refuse_input_inside_output(const std::string& output, const std::string& input, const char* what) {
  if (input.empty()) return;
  std::error_code ec;
  fs::path out = fs::weakly_canonical(output, ec);
  if (ec) return;
  fs::path in = fs::weakly_canonical(input, ec);
  if (ec) return;
  auto [o, i] = std::mismatch(out.begin(), out.end(), in.begin(), in.end());
  if (o == out.end())
    fail("{}: refusing to use as output folder: the {} {} is there and would be deleted with it", output, what,
         input);
}

}  // namespace nsmlab
