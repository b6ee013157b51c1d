// data/nsm-dataset.json embedded in the binary, so `nsmlab` runs from any folder without
// its source tree. The assembler's .incbin copies the file into .rodata at build time.
// (The build does not see this dependency by itself: after editing the JSON, touch this file.)
#include "experiments/dataset.h"

asm(".section .rodata\n"
    ".balign 16\n"
    ".global nsmlab_builtin_dataset_begin\n"
    ".hidden nsmlab_builtin_dataset_begin\n"
    "nsmlab_builtin_dataset_begin:\n"
    ".incbin \"" NSMLAB_SOURCE_DIR "/data/nsm-dataset.json\"\n"
    ".global nsmlab_builtin_dataset_end\n"
    ".hidden nsmlab_builtin_dataset_end\n"
    "nsmlab_builtin_dataset_end:\n"
    ".previous\n");

extern "C" const char nsmlab_builtin_dataset_begin[];
extern "C" const char nsmlab_builtin_dataset_end[];

namespace nsmlab {

Dataset builtin_dataset() {
  const std::string_view bytes(nsmlab_builtin_dataset_begin,
                               static_cast<size_t>(nsmlab_builtin_dataset_end - nsmlab_builtin_dataset_begin));
  Dataset d = parse_dataset(bytes, "builtin");
  return d;
}

}  // namespace nsmlab
