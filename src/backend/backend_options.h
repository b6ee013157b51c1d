// What the user asks of a backend: which device, which precision, how many threads.
// "auto" is a request, resolved by the factory (backend_factory.h) into a concrete pair.
#pragma once
#include <optional>
#include <string>

#include "backend/precision.h"

namespace nsmlab {

enum class DeviceKind { Cpu, Cuda };
std::string_view device_kind_name(DeviceKind k);  // "cpu", "cuda"

struct DeviceRequest {
  bool automatic = true;            // "auto": the best device present
  DeviceKind kind = DeviceKind::Cpu;
  int index = -1;                   // cuda:N; -1: the first usable one
};

// Parses "auto", "cpu", "cuda", "cuda:N"; errors name `what` (e.g. "--backend").
DeviceRequest parse_device_request(const std::string& text, const std::string& what);
std::string device_request_string(const DeviceRequest& d);

// Why a precision is wanted: `run` keeps results comparable to the original notebook
// (fp32 on a CPU, the half precision sentence-transformers users run on a GPU);
// `throughput` may trade a little accuracy for speed when the hardware computes it natively.
enum class AutoPolicy { Faithful, Throughput };

struct BackendOptions {
  DeviceRequest device;                 // default: auto
  std::optional<Precision> precision;   // nullopt: auto
  int threads = 0;                      // CPU threads; 0: every core
  bool insist = false;                  // run a precision even where it would be slower than fp32
  AutoPolicy policy = AutoPolicy::Faithful;
  size_t max_batch_tokens = 0;          // 0: the encoder's default; halved on out-of-memory
};

// Parses "auto" or a precision name; errors name `what`.
std::optional<Precision> parse_precision_request(const std::string& text, const std::string& what);

}  // namespace nsmlab
