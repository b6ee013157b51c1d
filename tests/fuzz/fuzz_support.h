// Shared by the libFuzzer targets: untrusted bytes become a file the real loader reads
// (the loaders take paths, as the CLI does), and the one rule every target checks:
// bad input ends in nsmlab::Error. Any other exception (an "internal error" for the user),
// like any sanitizer report, a hang or runaway memory, is a finding.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>

#include "util/error.h"

namespace nsmlab::fuzz {

// A private folder for this process's files; fuzzers run in parallel (-jobs, -fork).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("nsmlab-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string write_scratch(const std::string& name, std::string_view bytes) {
  auto path = scratch_dir() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `f`; nsmlab::Error is the expected outcome of bad input, anything else aborts.
template <typename F>
void expect_clean_errors(F&& f) {
  try {
    f();
  } catch (const nsmlab::Error& e) {
    // NSMLAB_FUZZ_SHOW_ERRORS=1 build-fuzz/<target> FILE: why an input (a seed) was refused.
    static const bool show = std::getenv("NSMLAB_FUZZ_SHOW_ERRORS") != nullptr;
    if (show) std::fprintf(stderr, "refused: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n*** exception other than nsmlab::Error escaped (%s): %s\n", typeid(e).name(), e.what());
    std::abort();
  }
}

inline std::string base64(std::string_view in) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(abc[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(abc[(acc << (6 - bits)) & 63]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

// Where the committed fixtures are (the fuzzers read a fixed model or tokenizer from them).
inline std::string fixture(const std::string& rel) { return std::string(NSMLAB_FIXTURES_DIR) + "/" + rel; }

}  // namespace nsmlab::fuzz
