#include "hub/model_resolver.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "hub/known_models.h"
#include "hub/model_cache.h"
#include "model/model_folder.h"
#include "util/error.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

bool iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; }

// One part of a repo id, as huggingface_hub's validate_repo_id accepts it.
bool valid_id_part(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), id_char) && id_char(s.front()) && s.front() != '-' &&
         s.front() != '.' && s.back() != '-' && s.back() != '.';
}

bool valid_revision(const std::string& r) {
  if (r.empty() || r.size() > 256 || r.front() == '/' || r.back() == '/') return false;
  for (char c : r)
    if (std::iscntrl(static_cast<unsigned char>(c)) || c == '\\' || c == ' ') return false;
  size_t start = 0;
  while (true) {  // no empty, "." or ".." part: a ref names a file under refs/
    const size_t slash = r.find('/', start);
    const std::string part = r.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

bool looks_like_path(const std::string& s) {
  return s.empty() || s.front() == '/' || s.front() == '.' || s.front() == '~' || s.back() == '/' ||
         s.find("\\") != std::string::npos || std::count(s.begin(), s.end(), '/') > 1;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

ResolvedModel resolved(const LocalModel& m) { return ResolvedModel{m.repo_id, m.revision, absolute(m.path)}; }

// A folder given by path: a hub cache entry, one of its snapshots, or a plain model folder.
// Not checked for completeness here: the loader's own errors name the file at fault.
ResolvedModel resolve_folder(const std::string& spec) {
  const fs::path dir = fs::path(absolute(spec));
  const std::string name = dir.filename().string();
  std::error_code ec;
  if (name.rfind("models--", 0) == 0 && fs::is_directory(dir / "snapshots", ec)) {
    LocalModel m = inspect_hub_entry(dir.string());
    if (m.revision.empty() && !m.complete)
      fail("--model {}: a hub cache entry without a downloaded revision ({})", spec, m.missing);
    return resolved(m);
  }
  const fs::path parent = dir.parent_path();
  if (parent.filename() == "snapshots" && parent.parent_path().filename().string().rfind("models--", 0) == 0) {
    LocalModel m{repo_from_hub_folder(parent.parent_path().filename().string()), dir.string(), true, "", name};
    return resolved(m);
  }
  const KnownModel* known = find_known_model(name);  // "LaBSE/" is sentence-transformers/LaBSE
  return resolved(LocalModel{known ? known->repo_id : name, dir.string(), true, "", ""});
}

std::string searched_roots() {
  std::string list;
  for (const ModelRoot& r : model_search_roots()) list += (list.empty() ? "" : ", ") + r.path;
  return list;
}

}  // namespace

bool hub_offline() {
  const char* v = std::getenv("HF_HUB_OFFLINE");
  if (!v) return false;
  std::string s(v);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s == "1" || s == "ON" || s == "YES" || s == "TRUE";
}

ModelName parse_model_name(const std::string& text) {
  ModelName n;
  std::string id = text;
  if (const size_t at = text.find('@'); at != std::string::npos) {
    id = text.substr(0, at);
    n.revision = text.substr(at + 1);
    if (!valid_revision(n.revision))
      fail("model name '{}': revision '{}' is not a branch, tag or commit (expected e.g. main, v1.0 or a commit hash)",
           text, n.revision);
  }
  const size_t slash = id.find('/');
  if (slash == std::string::npos) {
    if (const KnownModel* k = find_known_model(id)) id = k->repo_id;
    else id = "sentence-transformers/" + id;  // what sentence-transformers does with a bare name
  }
  const size_t s = id.find('/');
  const std::string org = id.substr(0, s), name = id.substr(s + 1);
  if (id.size() > 96 || !valid_id_part(org) || !valid_id_part(name) || id.find("--") != std::string::npos ||
      id.find("..") != std::string::npos)
    fail("model name '{}': not a folder and not a hub id (expected ORG/NAME[@REVISION] with letters, digits, '-', "
         "'_' or '.', or a known short name such as 'labse')", text);
  n.repo_id = id;
  return n;
}

ResolvedModel resolve_model(const std::string& spec, const ModelFetcher& fetch) {
  std::error_code ec;
  if (!spec.empty() && fs::is_directory(spec, ec)) return resolve_folder(spec);
  if (looks_like_path(spec)) fail("--model {}: not a directory (expected a model folder or a hub id ORG/NAME)", spec);
  const ModelName name = parse_model_name(spec);

  // The hub cache entries first (exact revision), then every folder discovery finds.
  std::string incomplete;
  for (const ModelRoot& root : model_search_roots()) {
    const fs::path entry = fs::path(root.path) / hub_folder_name(name.repo_id);
    if (!fs::is_directory(entry, ec)) continue;
    LocalModel m = inspect_hub_entry(entry.string(), name.revision);
    if (m.complete) return resolved(m);
    if (incomplete.empty()) incomplete = fmt::format("{} (missing {})", m.path, m.missing);
  }
  if (name.revision.empty())
    for (const LocalModel& m : find_local_models())
      if (iequals(m.repo_id, name.repo_id)) {
        if (m.complete) return resolved(m);
        if (incomplete.empty()) incomplete = fmt::format("{} (missing {})", m.path, m.missing);
      }

  const std::string wanted = name.repo_id + (name.revision.empty() ? "" : "@" + name.revision);
  if (fetch && !hub_offline()) return fetch(name);
  const std::string why = hub_offline() ? " (HF_HUB_OFFLINE is set: unset it to download)" : "";
  if (!incomplete.empty())
    fail("--model {}: {} is on this machine but incomplete: {}. `nsmlab pull {}` completes it{}", spec, wanted,
         incomplete, wanted, why);
  fail("--model {}: {} is not on this machine (searched {}). `nsmlab pull {}` fetches it{}", spec, wanted,
       searched_roots(), wanted, why);
}

}  // namespace nsmlab
