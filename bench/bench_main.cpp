// Entry point of nsmlab_bench (Google Benchmark flags apply, e.g. --benchmark_filter=Tokenize).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
