// Facts about the machine and build that results.json records.
#pragma once
#include <string>

namespace nsmlab {

std::string cpu_model_name();        // from /proc/cpuinfo, "unknown" otherwise
std::string iso8601_now_utc();
extern const char* const kNsmlabVersion;  // project(VERSION) in CMakeLists.txt

}  // namespace nsmlab
