// How this binary was compiled, for results.json.
#pragma once

namespace nsmlab::cpu {

// CMAKE_CXX_FLAGS, the build type's flags and the -march the build chose (CMakeLists.txt).
const char* compile_flags();

}  // namespace nsmlab::cpu
