#include <fstream>
#include <string>

#include "cpu/cpu_features.h"

namespace nsmlab::cpu {

std::string model_name() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      auto p = line.find(':');
      if (p != std::string::npos && p + 1 < line.size()) {
        auto first = line.find_first_not_of(' ', p + 1);
        if (first != std::string::npos) return line.substr(first);
      }
    }
  return "unknown";
}

}  // namespace nsmlab::cpu
