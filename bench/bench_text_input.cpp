// Reading --input as it grows (issue 6): one pass, bounded per line, so the cost is linear
// in the file's size (it used to read the whole file, then copy every line).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/text_input.h"

namespace {

// A file of `lines` sentences of about 60 bytes, written once per size.
std::string sentences_file(long lines) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("nsmlab-bench-texts-" + std::to_string(::getpid()) + "-" + std::to_string(lines) + ".txt");
  std::ofstream out(path, std::ios::binary);
  for (long i = 0; i < lines; ++i) out << "Someone thinks something good about this place, sentence " << i << "\n";
  return path.string();
}

void BM_ReadTexts(benchmark::State& state) {
  const std::string path = sentences_file(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(nsmlab::read_texts(path).size());
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(std::filesystem::file_size(path)));
  std::filesystem::remove(path);
}

}  // namespace

BENCHMARK(BM_ReadTexts)->RangeMultiplier(4)->Range(1 << 12, 1 << 18)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);
