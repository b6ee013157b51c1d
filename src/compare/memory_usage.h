// Memory figures of the comparison: what the kernel says a process holds (/proc), what the
// machine has free, and a rough guess of what a model will hold before it is loaded.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace nsmlab {

// A "Vm..." line of /proc/<pid>/status (VmRSS, VmHWM) in bytes; nullopt when the process is
// gone or the line missing (not Linux).
std::optional<uint64_t> process_memory_bytes(pid_t pid, const char* field);

// MemAvailable of /proc/meminfo in bytes; nullopt where the kernel does not say.
std::optional<uint64_t> machine_available_bytes();

// Bytes of the weight files of a model folder (.safetensors, .bin, .pt, also in module
// subfolders such as 2_Dense/, links followed).
uint64_t model_weight_bytes(const std::string& model_dir);

// What a run of this model may hold at its peak: the weights twice (a half-precision file is
// widened to fp32 in memory) plus kRunOverheadBytes for the runtime, activations and the analyses.
inline constexpr uint64_t kRunOverheadBytes = 256ull << 20;
uint64_t estimate_run_resident_bytes(const std::string& model_dir);

}  // namespace nsmlab
