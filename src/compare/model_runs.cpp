#include "compare/model_runs.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "compare/memory_usage.h"
#include "runner/run_experiments.h"
#include "util/progress.h"
#include "util/error.h"
#include "util/timer.h"

namespace nsmlab {
namespace {

// In the child: one ordinary run, then _exit, so that nothing of the parent (its staging
// folder's destructor, atexit handlers, buffered output) runs twice.
[[noreturn]] void child_run(const ModelRunPlan& plan, const RunOptions& base, const std::string& parent_dir,
                            int concurrency, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a killed comparison takes its runs with it
  if (::getppid() != parent) ::_exit(1);  // it died before prctl took effect
  int rc = 0;
  try {
    RunOptions o = base;
    o.model_dir = plan.spec;
    o.lexical = false;
    o.output_dir = parent_dir + "/" + plan.folder;
    if (concurrency > 1) {
      if (o.backend.threads == 0)
        o.backend.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / concurrency);
      ::setenv("NSMLAB_NO_PROGRESS", "1", 1);  // interleaved bars from several processes read as noise
    }
    run_experiments(o);
  } catch (const Error& e) {
    std::fprintf(stderr, "nsmlab: error: model %s: %s\n", plan.spec.c_str(), e.what());
    rc = 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nsmlab: internal error: model %s: %s\n", plan.spec.c_str(), e.what());
    rc = 2;
  }
  std::fflush(nullptr);
  ::_exit(rc);
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return fmt::format("killed by signal {} ({}){}", WTERMSIG(status), strsignal(WTERMSIG(status)),
                       WTERMSIG(status) == SIGKILL ? ", perhaps by the kernel for lack of memory" : "");
  return "stopped";
}

struct Running {
  pid_t pid;
  size_t index;
  Timer timer;
};

}  // namespace

ModelRunsOutcome run_models_in_children(const std::vector<ModelRunPlan>& plans, const RunOptions& base,
                                        const std::string& parent_dir, int concurrency) {
  ModelRunsOutcome out;
  out.concurrency = std::max(1, concurrency);
  out.runs.resize(plans.size());
  out.parent_rss_bytes = process_memory_bytes(::getpid(), "VmRSS").value_or(0);
  std::vector<Running> running;
  size_t next = 0;
  std::string failure;
  while (next < plans.size() || !running.empty()) {
    while (failure.empty() && next < plans.size() && static_cast<int>(running.size()) < out.concurrency) {
      std::fflush(nullptr);  // or the child would print the parent's buffered output again
      const pid_t parent = ::getpid();
      const pid_t pid = ::fork();
      if (pid < 0) {
        failure = fmt::format("cannot start the run of model {}: fork: {}", plans[next].spec, std::strerror(errno));
        break;
      }
      if (pid == 0) child_run(plans[next], base, parent_dir, out.concurrency, parent);
      if (Progress::enabled())  // one line per model on a terminal: which runs now
        std::fprintf(stderr, "nsmlab: model %zu/%zu: %s (%s/)\n", next + 1, plans.size(), plans[next].model.id.c_str(),
                     plans[next].folder.c_str());
      running.push_back({pid, next, Timer()});
      out.runs[next].plan = plans[next];
      ++next;
    }
    if (running.empty()) break;
    bool reaped = false;
    for (size_t i = 0; i < running.size();) {
      int status = 0;
      struct rusage usage {};
      const pid_t r = ::wait4(running[i].pid, &status, WNOHANG, &usage);
      if (r == 0 || (r < 0 && errno == EINTR)) {
        ++i;
        continue;
      }
      ModelRunRecord& rec = out.runs[running[i].index];
      rec.wall_s = running[i].timer.seconds();
      rec.peak_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux: KiB
      if (r < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (failure.empty())
          failure = fmt::format("the run of model {} failed ({}); its message is above",
                                rec.plan.spec, r < 0 ? std::string(std::strerror(errno)) : describe_status(status));
      }
      if (Progress::enabled() && failure.empty())
        std::fprintf(stderr, "nsmlab: model %zu/%zu done: %s in %.1f s, peak %.0f MiB\n", running[i].index + 1,
                     plans.size(), rec.plan.model.id.c_str(), rec.wall_s, rec.peak_rss_bytes / 1048576.0);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      reaped = true;
    }
    if (reaped || running.empty()) continue;
    uint64_t total = 0;
    for (const Running& r : running) total += process_memory_bytes(r.pid, "VmRSS").value_or(0);
    out.peak_total_rss_bytes = std::max(out.peak_total_rss_bytes, total);
    std::this_thread::sleep_for(std::chrono::milliseconds(kRssSampleMs));
  }
  if (!failure.empty()) fail("{}", failure);
  // A child that ran alone: its exact peak is a lower bound of the sampled total.
  for (const ModelRunRecord& r : out.runs) out.peak_total_rss_bytes = std::max(out.peak_total_rss_bytes, r.peak_rss_bytes);
  return out;
}

}  // namespace nsmlab
