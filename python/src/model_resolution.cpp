#include "model_resolution.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

#include "hub/known_models.h"
#include "hub/model_cache.h"
#include "util/error.h"

namespace nsmlab::python {

namespace {

bool same_name(std::string a, std::string b) {
  auto lower = [](std::string& s) { for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  lower(a);
  lower(b);
  return a == b;
}

}  // namespace

std::string resolve_model_folder(const std::string& model) {
  if (model.empty()) fail("model: expected a model folder or a model id such as 'org/name', got an empty string");
  std::error_code ec;
  if (std::filesystem::is_directory(model, ec)) return model;
  std::string repo_id = model;
  if (const KnownModel* k = find_known_model(model)) repo_id = k->repo_id;
  std::vector<std::string> incomplete;
  for (const LocalModel& local : find_local_models()) {
    const std::string name = local.repo_id.substr(local.repo_id.find('/') + 1);
    if (!same_name(local.repo_id, repo_id) && !same_name(name, model)) continue;
    if (local.complete) return local.path;
    incomplete.push_back(fmt::format("{} (missing {})", local.path, local.missing));
  }
  std::vector<std::string> roots;
  for (const ModelRoot& r : model_search_roots()) roots.push_back(r.path);
  if (!incomplete.empty())
    fail("model '{}': found only incomplete copies: {}", model, fmt::join(incomplete, "; "));
  fail("model '{}': no such folder, and no model of that name on this machine (searched {}).\n{}", model,
       fmt::join(roots, ", "), how_to_get_models());
}

}  // namespace nsmlab::python
