#include "runner/run_metadata.h"

#include "cpu/cpu_features.h"

#include <ctime>
#include <fstream>

namespace nsmlab {

std::string cpu_model_name() { return cpu::model_name(); }

const char* const kNsmlabVersion = NSMLAB_VERSION;

std::string iso8601_now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace nsmlab
