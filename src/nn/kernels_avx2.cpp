// The row kernels for x86-64-v3 (AVX2 + FMA), the baseline every supported CPU has.
#define NSMLAB_KERNEL_NS kernels_avx2
#include "nn/kernels_impl.inc"
