#include "model/convert_folder.h"

#include <filesystem>
#include <set>

#include "model/safetensors_writer.h"
#include "model/tensor_archive.h"
#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxDepth = 8;  // sentence-transformers folders nest one or two levels

// The files a converted folder no longer needs: the weight file and, for an index, its shards.
std::set<std::string> replaced_files(const std::string& weights) {
  std::set<std::string> out{fs::path(weights).filename().string()};
  if (weights.ends_with(".index.json")) {
    const Json j = load_json(weights);  // TensorArchive validated it already
    for (const auto& [name, shard] : j["weight_map"].items()) out.insert(shard.get<std::string>());
  }
  return out;
}

void convert_dir(const fs::path& src, const fs::path& dst, const fs::path& root, size_t depth,
                 std::vector<ConvertedFile>& done) {
  if (depth > kMaxDepth) fail("{}: folders nested deeper than {}: not a model folder", src.string(), kMaxDepth);
  std::set<std::string> skip;
  const std::string weights = locate_weights(src.string());
  if (!weights.empty() && !weights.ends_with("/model.safetensors")) {
    const TensorArchive archive(weights);
    ConvertedFile c;
    c.from = fs::relative(weights, root).string();
    c.to = fs::relative(src / "model.safetensors", root).string();
    c.tensors = archive.tensors().size();
    for (const auto& [name, t] : archive.tensors()) c.bytes += t.view.bytes;
    write_safetensors_file((dst / "model.safetensors").string(), archive.tensors());
    skip = replaced_files(weights);
    skip.insert("model.safetensors");
    done.push_back(c);
  }
  for (const fs::directory_entry& e : fs::directory_iterator(src)) {
    const std::string name = e.path().filename().string();
    if (skip.count(name) || name == ".nsmlab-output") continue;  // the target's own marker is nsmlab's to write
    std::error_code ec;
    if (e.is_directory(ec)) {
      if (e.is_symlink(ec)) fail("{}: a linked folder; convert copies real folders only", e.path().string());
      fs::create_directory(dst / name);
      convert_dir(e.path(), dst / name, root, depth + 1, done);
    } else if (e.is_regular_file(ec)) {  // through links: hub snapshots link into blobs/
      if (!fs::copy_file(e.path(), dst / name, fs::copy_options::none, ec))
        fail("{}: cannot copy to {}: {}", e.path().string(), (dst / name).string(), ec.message());
    } else {
      fail("{}: neither a file nor a folder (a broken link?); nothing was written", e.path().string());
    }
  }
}

}  // namespace

std::vector<ConvertedFile> convert_to_safetensors(const std::string& source_dir, const std::string& target_dir) {
  std::error_code ec;
  if (!fs::is_directory(source_dir, ec)) fail("{}: not a directory (expected a model folder)", source_dir);
  std::vector<ConvertedFile> done;
  convert_dir(fs::path(source_dir), fs::path(target_dir), fs::path(source_dir), 0, done);
  if (done.empty() && locate_weights(source_dir).empty())
    fail("{}: no weights found (model.safetensors, its index, pytorch_model.bin or its index)", source_dir);
  return done;
}

}  // namespace nsmlab
