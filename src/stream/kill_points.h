// Places where a crash is tested: NSMLAB_TEST_KILL_AT=N makes the process SIGKILL itself at
// the N-th kill point it passes (counted from 1 in each process), as a power cut or `kill -9`
// would, between two steps of committing work. Unset in normal use (then a point costs a branch).
#pragma once

namespace nsmlab {

void kill_point();

}  // namespace nsmlab
