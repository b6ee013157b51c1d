#include "cli/cli_helpers.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace nsmlab::cli {

CLI::Validator lowercase() {
  return CLI::Validator(
      [](std::string& s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return std::string();
      },
      "");
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_distance) best = c, best_distance = d;
  }
  return best.empty() ? "" : "did you mean '" + best + "'?";
}

namespace {

std::vector<std::string> long_options(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options())
    for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
  return names;
}

}  // namespace

std::string parse_error_hint(const CLI::App& app, int argc, const char* const* argv) {
  std::vector<std::string> subcommands;
  for (const CLI::App* s : app.get_subcommands({})) subcommands.push_back(s->get_name());
  const CLI::App* current = &app;
  std::string hints;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (current == &app && !arg.empty() && arg[0] != '-') {
      const CLI::App* sub = nullptr;
      for (const CLI::App* s : app.get_subcommands({}))
        if (s->get_name() == arg) sub = s;
      if (sub != nullptr) {
        current = sub;
        continue;
      }
      const std::string hint = did_you_mean(arg, subcommands);
      if (!hint.empty()) return "'" + arg + "': " + hint;
      continue;
    }
    if (arg.rfind("--", 0) == 0) {
      const std::string name = arg.substr(0, arg.find('='));
      std::vector<std::string> known = long_options(*current);
      if (current != &app) {
        const std::vector<std::string> top = long_options(app);
        known.insert(known.end(), top.begin(), top.end());
      }
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      const std::string hint = did_you_mean(name, known);
      if (!hint.empty()) hints += (hints.empty() ? "" : "; ") + ("'" + name + "': " + hint);
    }
  }
  return hints;
}

}  // namespace nsmlab::cli
