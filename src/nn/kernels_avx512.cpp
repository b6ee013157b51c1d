// The row kernels for x86-64-v4 (AVX-512 F/BW/VL/DQ, 512-bit vectors), used only when
// cpu::isa_choice() finds them on this CPU.
#define NSMLAB_KERNEL_NS kernels_avx512
#include "nn/kernels_impl.inc"
