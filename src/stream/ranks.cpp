#include "stream/ranks.h"

#include <cstdio>
#include <cstdlib>

#include "util/error.h"

#if NSMLAB_HAVE_MPI
#include <mpi.h>
#endif

namespace nsmlab {

namespace {
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}
}  // namespace

bool Ranks::built_with_mpi() { return NSMLAB_HAVE_MPI != 0; }

Ranks::Ranks() {
  if (!launched_by_mpi()) return;
#if NSMLAB_HAVE_MPI
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised && MPI_Init(nullptr, nullptr) != MPI_SUCCESS) fail("MPI_Init failed");
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_rank(node, &local_rank_);
  MPI_Comm_free(&node);
#else
  fail("started by mpirun or srun, but this nsmlab was built without MPI (install libopenmpi-dev and rebuild): "
       "each process would write the whole output");
#endif
}

Ranks::~Ranks() {
#if NSMLAB_HAVE_MPI
  if (mpi_) MPI_Finalize();
#endif
}

void Ranks::abort_all(const char* message) const {
  std::fprintf(stderr, "nsmlab: error (rank %d of %d): %s\n", rank_, size_, message);
#if NSMLAB_HAVE_MPI
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, 1);
#endif
  std::_Exit(1);
}

bool Ranks::all_ok(bool ok) const {
#if NSMLAB_HAVE_MPI
  if (mpi_) {
    int mine = ok ? 1 : 0, all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all == 1;
  }
#endif
  return ok;
}

}  // namespace nsmlab
