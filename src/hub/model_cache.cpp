#include "hub/model_cache.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>
#include <tuple>

#include "hub/hub_settings.h"
#include "hub/known_models.h"
#include "model/model_folder.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

// Existence through links: a hub snapshot file is a link to blobs/, and a link whose
// blob is gone (interrupted download) must count as missing.
bool file_present(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

bool dir_present(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool looks_like_model_folder(const fs::path& dir) {
  return file_present(dir / "config.json") || file_present(dir / "modules.json") ||
         file_present(dir / "model.safetensors") || file_present(dir / "tokenizer.json");
}

std::vector<fs::path> subfolders(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // .locks, .git, ...
    if (dir_present(it->path())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "" when the file is missing or not a regular file (a FIFO here would block a plain open).
std::string read_first_line(const fs::path& p) {
  std::string line;
  try {
    if (file_present(p)) line = read_regular_file(p.string());
  } catch (const Error&) {
    return "";
  }
  line = line.substr(0, line.find('\n'));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

fs::file_time_type modified(const fs::path& p) {
  std::error_code ec;
  const auto t = fs::last_write_time(p, ec);
  return ec ? fs::file_time_type::min() : t;
}

std::string repo_from_plain_folder(const std::string& folder, bool sentence_transformers) {
  if (const KnownModel* known = find_known_model(folder)) return known->repo_id;
  std::string repo = folder;
  if (sentence_transformers) {  // legacy sentence-transformers cache: "org_name"
    const size_t underscore = repo.find('_');
    if (underscore != std::string::npos) repo[underscore] = '/';
  }
  return repo;
}

// A file name that stays in its folder ("abc", not "", ".", ".." or "a/b").
bool safe_component(const std::string& s) {
  return !s.empty() && s != "." && s != ".." && s.find('/') == std::string::npos && s.find('\0') == std::string::npos;
}

// A ref such as "main", "v1.0" or "refs/pr/1": relative, each part a safe component.
bool safe_ref(const std::string& ref) {
  if (ref.empty() || ref.size() > 256) return false;
  size_t start = 0;
  while (true) {
    const size_t slash = ref.find('/', start);
    if (!safe_component(ref.substr(start, slash - start))) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

LocalModel inspect_snapshot(const std::string& repo, const fs::path& snap) {
  LocalModel m = inspect_model_folder(repo, snap.string());
  m.revision = snap.filename().string();
  return m;
}

void scan_root(const ModelRoot& root, std::vector<LocalModel>& out) {
  const fs::path dir(root.path);
  if (!dir_present(dir)) return;
  std::vector<LocalModel> found;
  if (looks_like_model_folder(dir)) {  // the root is itself one model folder
    found.push_back(inspect_model_folder(repo_from_plain_folder(dir.filename().string(), root.sentence_transformers),
                                         dir.string()));
  } else {
    for (const fs::path& sub : subfolders(dir)) {
      const std::string name = sub.filename().string();
      if (name.rfind("models--", 0) == 0) {
        found.push_back(inspect_hub_entry(sub.string()));
      } else if (looks_like_model_folder(sub)) {
        found.push_back(inspect_model_folder(repo_from_plain_folder(name, root.sentence_transformers), sub.string()));
      } else {  // an organisation folder: org/name/
        for (const fs::path& model : subfolders(sub))
          if (looks_like_model_folder(model))
            found.push_back(inspect_model_folder(name + "/" + model.filename().string(), model.string()));
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const LocalModel& a, const LocalModel& b) {
    return std::tie(a.repo_id, a.path) < std::tie(b.repo_id, b.path);
  });
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

LocalModel inspect_model_folder(const std::string& repo_id, const std::string& path) {
  LocalModel m{repo_id, path, true, missing_model_files(path), ""};
  m.complete = m.missing.empty();
  return m;
}

std::string hub_folder_name(const std::string& repo_id) {
  std::string folder = "models--" + repo_id;
  for (size_t at = folder.find('/'); at != std::string::npos; at = folder.find('/', at + 2)) folder.replace(at, 1, "--");
  return folder;
}

std::string repo_from_hub_folder(const std::string& folder) {
  std::string rest = folder.rfind("models--", 0) == 0 ? folder.substr(8) : folder;
  const size_t sep = rest.find("--");
  if (sep != std::string::npos) rest.replace(sep, 2, "/");
  return rest;
}

bool is_commit_hash(const std::string& r) {
  return r.size() == 40 && std::all_of(r.begin(), r.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); });
}

// The snapshot refs/<revision> names, else (for main only) the newest complete snapshot,
// or the newest one if none is complete.
LocalModel inspect_hub_entry(const std::string& entry_path, const std::string& revision) {
  const fs::path entry(entry_path);
  const std::string repo = repo_from_hub_folder(entry.filename().string());
  const fs::path snapshots = entry / "snapshots";
  if (is_commit_hash(revision)) {
    if (dir_present(snapshots / revision)) return inspect_snapshot(repo, snapshots / revision);
    return LocalModel{repo, entry.string(), false, "snapshots/" + revision, revision};
  }
  const std::string ref = revision.empty() ? "main" : revision;
  if (!safe_ref(ref)) return LocalModel{repo, entry.string(), false, "refs/" + revision, revision};
  const std::string commit = read_first_line(entry / "refs" / ref);
  if (safe_component(commit) && dir_present(snapshots / commit)) return inspect_snapshot(repo, snapshots / commit);
  if (!revision.empty()) return LocalModel{repo, entry.string(), false, "refs/" + revision, revision};
  std::vector<LocalModel> candidates;
  for (const fs::path& snap : subfolders(snapshots)) candidates.push_back(inspect_snapshot(repo, snap));
  if (candidates.empty()) return LocalModel{repo, entry.string(), false, "snapshots/ (no downloaded revision)", ""};
  std::stable_sort(candidates.begin(), candidates.end(), [](const LocalModel& a, const LocalModel& b) {
    return std::make_tuple(a.complete, modified(a.path)) > std::make_tuple(b.complete, modified(b.path));
  });
  return candidates.front();
}

std::vector<ModelRoot> model_search_roots() {
  std::vector<ModelRoot> roots;
  const std::string home = environment_variable("HOME");
  if (const std::string v = environment_variable("NSMLAB_MODELS"); !v.empty()) roots.push_back({v, false});
  if (const std::string v = environment_variable("HF_HUB_CACHE"); !v.empty()) roots.push_back({v, false});
  if (const std::string v = environment_variable("HF_HOME"); !v.empty()) roots.push_back({v + "/hub", false});
  if (const std::string v = environment_variable("XDG_CACHE_HOME"); !v.empty()) roots.push_back({v + "/huggingface/hub", false});
  if (!home.empty()) roots.push_back({home + "/.cache/huggingface/hub", false});
  if (const std::string v = environment_variable("SENTENCE_TRANSFORMERS_HOME"); !v.empty()) roots.push_back({v, true});
  if (!home.empty()) roots.push_back({home + "/.cache/torch/sentence_transformers", true});
  return roots;
}

std::vector<LocalModel> find_local_models(const std::vector<ModelRoot>& roots) {
  std::vector<LocalModel> all;
  for (const ModelRoot& root : roots) scan_root(root, all);
  // The same folder can be reached twice (HF_HOME/hub is often ~/.cache/huggingface/hub).
  std::set<std::string> seen;
  std::vector<LocalModel> unique;
  for (LocalModel& m : all) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(m.path, ec);
    const std::string key = ec ? m.path : canonical.string();
    if (seen.insert(key).second) unique.push_back(std::move(m));
  }
  return unique;
}

std::vector<LocalModel> find_local_models() { return find_local_models(model_search_roots()); }

}  // namespace nsmlab
