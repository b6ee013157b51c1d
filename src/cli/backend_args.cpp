#include "cli/backend_args.h"

namespace nsmlab::cli {

void add_backend_options(CLI::App& cmd, BackendArgs& a) {
  cmd.add_option("--backend", a.backend, "Device: auto, cpu, cuda or cuda:N (`nsmlab devices` lists them)")
      ->capture_default_str();
  cmd.add_option("--precision", a.precision,
                 "auto, fp32, bf16, fp16 or int8 (auto: fp32 on a CPU, the half precision sentence-transformers "
                 "users run on a GPU; what ran is recorded)")
      ->capture_default_str();
  cmd.add_option("--threads", a.threads, "CPU threads (0: all cores)")->check(CLI::Range(0, 4096));
  cmd.add_flag("--insist", a.insist, "Run a precision even where this CPU would emulate it (slower than fp32)");
}

BackendOptions backend_options(const BackendArgs& a, AutoPolicy policy) {
  BackendOptions o;
  o.device = parse_device_request(a.backend, "--backend");
  o.precision = parse_precision_request(a.precision, "--precision");
  o.threads = a.threads;
  o.insist = a.insist;
  o.policy = policy;
  return o;
}

}  // namespace nsmlab::cli
