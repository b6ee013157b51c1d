// Simulated backend failures, so the fallback paths are tested like any other code:
// NSMLAB_FAULT is a comma-separated list of
//   init:<backend>       the backend fails to start                (e.g. init:cuda-fp16, init:cpu-bf16)
//   oom:<backend>@N      its N-th embed call runs out of memory    (the batch is halved and retried)
//   fail:<backend>@N     its N-th embed call fails (device lost)   (the encoder falls back)
// <backend> is a BackendDescription/BackendOffer name ("cpu-fp32", "cuda:0-fp16") or a prefix of
// one followed by '*' ("cuda*"). Unset in normal use; documented in docs/BACKENDS.md.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace nsmlab {

struct Fault {
  enum Kind { Init, OutOfMemory, Failure } kind = Init;
  std::string backend;  // name or prefix*
  size_t call = 0;      // 1-based embed call (oom, fail)
  bool matches(const std::string& name) const;
};

// Parses a NSMLAB_FAULT value; a malformed entry is an error naming the variable and the entry.
std::vector<Fault> parse_faults(const std::string& text);
// This process's faults (read once from the environment).
const std::vector<Fault>& injected_faults();

}  // namespace nsmlab
