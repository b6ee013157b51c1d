#include "hub/hub_download.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "hub/http_client.h"
#include "hub/model_cache.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/progress.h"
#include "util/sha256.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxRedirects = 10;
constexpr int kMaxResumes = 5;
constexpr size_t kMaxListing = 16u << 20;
constexpr uint64_t kMaxFileBytes = uint64_t(1) << 40;  // no model file is a terabyte

const std::set<std::string> kConfigFiles = {"config.json", "tokenizer.json", "tokenizer_config.json",
                                            "special_tokens_map.json", "modules.json", "sentence_bert_config.json",
                                            "config_sentence_transformers.json"};
// Missing on the server: fine for these (huggingface_hub records them in .no_exist/).
const std::set<std::string> kOptionalFiles = {"tokenizer_config.json", "special_tokens_map.json",
                                              "sentence_bert_config.json", "config_sentence_transformers.json"};

std::string basename_of(const std::string& p) { return p.substr(p.rfind('/') + 1); }
std::string folder_of(const std::string& p) { return p.find('/') == std::string::npos ? "" : p.substr(0, p.rfind('/')); }

// "1_Pooling", "2_Dense", "0_Transformer": sentence-transformers module folders.
bool module_folder(const std::string& f) {
  const size_t u = f.find('_');
  return u != std::string::npos && u > 0 && f.find('/') == std::string::npos &&
         std::all_of(f.begin(), f.begin() + long(u), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string url_path_quote(const std::string& s, bool keep_slash) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) out += char(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// huggingface_hub's _normalize_etag: no weak prefix, no quotes. It becomes a file name.
std::string normalized_etag(std::string etag, const std::string& url) {
  if (etag.rfind("W/", 0) == 0) etag = etag.substr(2);
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  if (etag.empty() || etag.size() > 128 ||
      !std::all_of(etag.begin(), etag.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }))
    fail("{}: header ETag/X-Linked-Etag is '{}' (expected a hex digest)", url, etag.substr(0, 80));
  return etag;
}

bool is_sha256(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

uint64_t parse_size(const std::string& v, const std::string& url) {
  if (v.empty() || v.size() > 15 || !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    fail("{}: header X-Linked-Size/Content-Length is '{}' (expected a byte count)", url, v.substr(0, 40));
  const uint64_t n = std::stoull(v);
  if (n > kMaxFileBytes) fail("{}: announced size {} bytes is beyond any model file", url, n);
  return n;
}

// A relative Location ("/api/resolve-cache/...") joined to the URL it came from.
std::string join_location(const std::string& url, const std::string& location) {
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme + 3);
  return url.substr(0, path) + location;
}

bool is_relative(const std::string& location) { return !location.empty() && location[0] == '/' && location.rfind("//", 0) != 0; }

struct RemoteFile {
  std::string name;      // path in the repository
  std::string etag;      // blob name
  uint64_t size = 0;
  std::string get_url;   // where the bytes are (a CDN for LFS files)
  bool missing = false;  // 404: recorded in .no_exist/
};

class Puller {
 public:
  Puller(const ModelName& name, const HubSettings& s) : name_(name), s_(s) {
    if (!s_.token.empty()) auth_ = "Authorization: Bearer " + s_.token;
    entry_ = fs::path(s_.cache) / hub_folder_name(name_.repo_id);
  }

  ResolvedModel run() {
    const std::string revision = name_.revision.empty() ? "main" : name_.revision;
    const auto [commit, listing] = list_files(revision);
    std::vector<RemoteFile> files;
    for (const std::string& f : files_a_model_needs(listing)) files.push_back(head(f, commit));
    fs::create_directories(entry_ / "blobs");
    uint64_t total = 0;
    for (const RemoteFile& f : files)
      if (!f.missing && !blob_present(f)) total += f.size;
    {
      Progress progress("pull " + name_.repo_id, size_t(total), "bytes");
      for (const RemoteFile& f : files)
        if (!f.missing && !blob_present(f)) fetch_blob(f, progress);
      progress.finish();
    }
    // Every blob is in place: now the snapshot, then the ref (a reader never sees half a model).
    for (const RemoteFile& f : files) (f.missing ? mark_missing(f, commit) : link_snapshot(f, commit));
    if (revision != commit) {
      fs::create_directories((entry_ / "refs" / revision).parent_path());
      write_file_atomic((entry_ / "refs" / revision).string(), commit);
    }
    const fs::path snap = entry_ / "snapshots" / commit;
    const LocalModel m = inspect_model_folder(name_.repo_id, snap.string());
    if (!m.complete) fail("{}: pulled, but the model still lacks {}", snap.string(), m.missing);
    return ResolvedModel{name_.repo_id, commit, fs::absolute(snap).lexically_normal().string()};
  }

 private:
  std::vector<std::string> headers_for(const std::string& url) const {
    // The token goes to the hub only, never to another host a redirect names.
    if (auth_.empty() || url_authority(url) != url_authority(s_.endpoint)) return {};
    return {auth_};
  }

  [[noreturn]] void refuse(const std::string& url, const HttpResponse& r) const {
    if (!r.error.empty() && r.status == 0) fail("{}: {}", url, r.error);
    if (r.status == 401 || r.status == 403)
      fail("{}: HTTP {}: {} is gated or private{}", url, r.status, name_.repo_id,
           s_.token.empty() ? ": accept its terms on the hub and set HF_TOKEN (or `huggingface-cli login`)"
                            : " and the token in HF_TOKEN / the token file is not allowed to read it");
    if (r.status == 404)
      fail("{}: HTTP 404: no {} at revision {} on {}", url, name_.repo_id, name_.revision.empty() ? "main" : name_.revision,
           s_.endpoint);
    fail("{}: HTTP {}{}", url, r.status, r.error.empty() ? "" : " (" + r.error + ")");
  }

  std::pair<std::string, std::vector<std::string>> list_files(const std::string& revision) {
    const std::string url = s_.endpoint + "/api/models/" + url_path_quote(name_.repo_id, true) + "/revision/" +
                            url_path_quote(revision, false);
    const HttpResponse r = http_request("GET", url, headers_for(url), kMaxListing);
    if (r.status != 200 || !r.error.empty()) refuse(url, r);
    Json j;
    try {
      j = Json::parse(r.body);
    } catch (const std::exception& e) {
      fail("{}: the answer is not JSON ({})", url, e.what());
    }
    if (!j.is_object()) fail("{}: expected a JSON object", url);
    const std::string commit = json_require<std::string>(j, "sha", url);
    if (!is_commit_hash(commit)) fail("{}: field 'sha' is '{}' (expected a 40-hex commit)", url, commit.substr(0, 80));
    if (!j.contains("siblings") || !j["siblings"].is_array()) fail("{}: field 'siblings' must be a list of files", url);
    std::vector<std::string> files;
    for (const Json& f : j["siblings"]) {
      const std::string name = json_require<std::string>(f, "rfilename", url + " siblings");
      if (!safe_repo_path(name)) fail("{}: file name '{}' leaves the model folder (refused)", url, name.substr(0, 200));
      files.push_back(name);
    }
    return {commit, files};
  }

  // HEAD, following relative redirects only; an absolute one names where the bytes are.
  RemoteFile head(const std::string& file, const std::string& commit) {
    RemoteFile f;
    f.name = file;
    std::string url = s_.endpoint + "/" + url_path_quote(name_.repo_id, true) + "/resolve/" + commit + "/" +
                      url_path_quote(file, true);
    for (int hop = 0;; ++hop) {
      if (hop > kMaxRedirects) fail("{}: more than {} redirects", url, kMaxRedirects);
      HttpResponse r = http_request("HEAD", url, headers_for(url), 0);
      if (r.status == 404 && !r.header("x-repo-commit").empty() && kOptionalFiles.count(basename_of(file))) {
        f.missing = true;
        return f;
      }
      if (r.status >= 300 && r.status < 400) {
        const std::string location = r.header("location");
        if (location.empty()) fail("{}: HTTP {} without a Location", url, r.status);
        if (is_relative(location)) {
          url = join_location(url, location);
          continue;
        }
        if (location.rfind("https://", 0) != 0 && location.rfind("http://", 0) != 0)
          fail("{}: redirect to '{}' (expected an http(s) URL)", url, location.substr(0, 200));
        f.get_url = location;
      } else if (r.status != 200 || !r.error.empty()) {
        refuse(url, r);
      } else {
        f.get_url = url;
      }
      const std::string server_commit = r.header("x-repo-commit");
      if (!server_commit.empty() && server_commit != commit)
        fail("{}: X-Repo-Commit is {} but the listing said {}", url, server_commit.substr(0, 80), commit);
      const std::string etag = !r.header("x-linked-etag").empty() ? r.header("x-linked-etag") : r.header("etag");
      if (etag.empty()) fail("{}: no ETag or X-Linked-Etag header: cannot name the blob", url);
      f.etag = normalized_etag(etag, url);
      const std::string size = !r.header("x-linked-size").empty() ? r.header("x-linked-size") : r.header("content-length");
      f.size = parse_size(size, url);
      return f;
    }
  }

  fs::path blob(const RemoteFile& f) const { return entry_ / "blobs" / f.etag; }
  bool blob_present(const RemoteFile& f) const {
    std::error_code ec;
    return fs::is_regular_file(blob(f), ec) && fs::file_size(blob(f), ec) == f.size;
  }

  void fetch_blob(const RemoteFile& f, Progress& progress) {
    const fs::path final_path = blob(f);
    const fs::path temp = final_path.string() + "." + std::to_string(::getpid()) + ".incomplete";
    struct TempFile {  // ours: removed unless renamed into place
      fs::path path;
      int fd = -1;
      ~TempFile() {
        if (fd >= 0) ::close(fd);
        std::error_code ec;
        if (!path.empty()) fs::remove(path, ec);
      }
    } t{temp};
    t.fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (t.fd < 0) fail("{}: cannot create: {}", temp.string(), std::strerror(errno));
    uint64_t have = 0;
    std::string last_error;
    for (int attempt = 0;; ++attempt) {  // a dropped connection resumes where it stopped (Range)
      if (attempt > kMaxResumes) fail("{}: download of {} failed {} times: {}", f.get_url, f.name, attempt, last_error);
      const HttpResponse r = http_download(f.get_url, headers_for(f.get_url), t.fd, have, f.size - have,
                                           [&](size_t n) { progress.advance(n); });
      const off_t now = ::lseek(t.fd, 0, SEEK_CUR);
      have = now < 0 ? 0 : uint64_t(now);
      if (r.error == "range ignored") {  // the server sends the whole file again: start over
        if (::ftruncate(t.fd, 0) != 0 || ::lseek(t.fd, 0, SEEK_SET) != 0) fail("{}: cannot restart", temp.string());
        have = 0;
        last_error = r.error;
        continue;
      }
      if (r.status != 0 && r.status != 200 && r.status != 206) refuse(f.get_url, r);
      if (r.error.empty() && have == f.size) break;
      last_error = r.error.empty() ? fmt::format("got {} of {} bytes", have, f.size) : r.error;
    }
    if (have != f.size) fail("{}: {} has {} bytes, the hub announced {}", f.get_url, f.name, have, f.size);
    if (::fsync(t.fd) != 0) fail("{}: fsync: {}", temp.string(), std::strerror(errno));
    if (is_sha256(f.etag)) {  // an LFS file: its etag is the sha256 of its bytes
      const std::string got = sha256_file_hex(temp.string());
      if (got != f.etag) fail("{}: checksum mismatch for {}: sha256 {} but the hub says {} (nothing kept)", f.get_url, f.name, got, f.etag);
    }
    // Only add: a blob another process finished meanwhile is kept, ours dropped.
    if (::link(temp.c_str(), final_path.c_str()) != 0) {
      if (errno != EEXIST) fail("{}: cannot move the download into place: {}", final_path.string(), std::strerror(errno));
      std::error_code ec;
      if (fs::file_size(final_path, ec) != f.size)
        fail("{}: already there with another size than the hub's {} bytes; left as it is (move it away to download "
             "it again)", final_path.string(), f.size);
    }
  }

  void link_snapshot(const RemoteFile& f, const std::string& commit) {
    const fs::path link = entry_ / "snapshots" / commit / f.name;
    fs::create_directories(link.parent_path());
    std::error_code ec;
    if (fs::symlink_status(link, ec).type() != fs::file_type::not_found) return;  // already there: kept
    std::string up;
    for (size_t i = 0, depth = std::count(f.name.begin(), f.name.end(), '/') + 2; i < depth; ++i) up += "../";
    fs::create_symlink(up + "blobs/" + f.etag, link);
  }

  void mark_missing(const RemoteFile& f, const std::string& commit) {
    const fs::path p = entry_ / ".no_exist" / commit / f.name;
    fs::create_directories(p.parent_path());
    std::error_code ec;
    if (!fs::exists(p, ec)) write_file_atomic(p.string(), "");
  }

  ModelName name_;
  HubSettings s_;
  std::string auth_;
  fs::path entry_;
};

}  // namespace

bool safe_repo_path(const std::string& name) {
  if (name.empty() || name.size() > 1024 || name.front() == '/') return false;
  for (char c : name)
    if (c == '\\' || std::iscntrl(static_cast<unsigned char>(c))) return false;
  size_t start = 0;
  while (true) {
    const size_t slash = name.find('/', start);
    const std::string part = name.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

std::vector<std::string> files_a_model_needs(const std::vector<std::string>& repo_files) {
  const std::set<std::string> all(repo_files.begin(), repo_files.end());
  std::set<std::string> folders = {""};
  for (const std::string& f : repo_files)
    if (module_folder(folder_of(f))) folders.insert(folder_of(f));
  std::vector<std::string> out;
  for (const std::string& folder : folders) {
    const std::string prefix = folder.empty() ? "" : folder + "/";
    for (const std::string& f : repo_files)
      if (folder_of(f) == folder && kConfigFiles.count(basename_of(f))) out.push_back(f);
    // The weights: one format per folder, in the order sentence-transformers prefers.
    if (all.count(prefix + "model.safetensors")) {
      out.push_back(prefix + "model.safetensors");
    } else if (all.count(prefix + "model.safetensors.index.json")) {
      out.push_back(prefix + "model.safetensors.index.json");
      for (const std::string& f : repo_files)
        if (folder_of(f) == folder && basename_of(f).rfind("model-", 0) == 0 && f.size() > 12 &&
            f.compare(f.size() - 12, 12, ".safetensors") == 0)
          out.push_back(f);
    } else if (all.count(prefix + "pytorch_model.bin")) {
      out.push_back(prefix + "pytorch_model.bin");
    }
  }
  for (const char* head : {"sparse_linear.pt", "colbert_linear.pt"})  // bge-m3's extra heads
    if (all.count(head)) out.push_back(head);
  return out;
}

ResolvedModel pull_model(const ModelName& name, const HubSettings& settings) {
  if (settings.offline)
    fail("cannot pull {}: HF_HUB_OFFLINE is set (unset it to download into {})", name.repo_id, settings.cache);
  return Puller(name, settings).run();
}

ResolvedModel pull_model(const ModelName& name) { return pull_model(name, hub_settings()); }

ModelFetcher hub_fetcher() {
  return [](const ModelName& name) {
    const HubSettings s = hub_settings();
    std::fprintf(stderr, "nsmlab: %s is not on this machine: downloading it from %s into %s\n", name.repo_id.c_str(),
                 s.endpoint.c_str(), s.cache.c_str());
    try {
      return pull_model(name, s);
    } catch (const Error& e) {
      const std::string wanted = name.repo_id + (name.revision.empty() ? "" : "@" + name.revision);
      fail("{} is not on this machine and could not be downloaded: {}\n`nsmlab pull {}` fetches it once the hub "
           "can be reached (set HF_HUB_OFFLINE=1 to never try)", wanted, e.what(), wanted);
    }
  };
}

}  // namespace nsmlab
