// Which instruction set nsmlab's own kernels use, and how far oneDNN may go: chosen once, at
// run time, from the CPU and the environment variable NSMLAB_CPU_ISA (avx2 | avx512 | native).
#pragma once
#include <string>

#include "cpu/cpu_features.h"

namespace nsmlab::cpu {

enum class Isa { Avx2, Avx512 };
const char* isa_name(Isa isa);

struct IsaChoice {
  Isa kernels = Isa::Avx2;
  std::string requested;   // the value of NSMLAB_CPU_ISA, or "native" when unset
  std::string onednn_cap;  // "none", or the oneDNN ISA it is limited to ("avx2")
};

// The choice for a given NSMLAB_CPU_ISA value (null: unset) on a CPU with `f`; an ISA the CPU
// lacks, or an unknown value, is refused with an error naming the variable and what is missing.
IsaChoice choose_isa(const char* requested, const Features& f);

// This process's choice. The first call also caps oneDNN, so it must run before any oneDNN
// primitive exists: Linear and TransformerEncoder call it before touching oneDNN.
const IsaChoice& isa_choice();

}  // namespace nsmlab::cpu
