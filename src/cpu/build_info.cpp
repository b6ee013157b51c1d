#include "cpu/build_info.h"

#ifndef NSMLAB_COMPILE_FLAGS
#error "NSMLAB_COMPILE_FLAGS comes from CMakeLists.txt"
#endif

namespace nsmlab::cpu {

const char* compile_flags() { return NSMLAB_COMPILE_FLAGS; }

}  // namespace nsmlab::cpu
