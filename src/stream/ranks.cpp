#include "stream/ranks.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "stream/rank_device.h"
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
  // The rank-0 coordinator thread and the encoding threads message each other concurrently.
  int provided = 0;
  if (!initialised && MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided) != MPI_SUCCESS)
    fail("MPI_Init_thread failed");
  if (initialised) MPI_Query_thread(&provided);
  if (provided < MPI_THREAD_MULTIPLE) fail("this MPI library does not support MPI_THREAD_MULTIPLE (needed by embed's ranks)");
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node;  // every rank takes part in the split, then the launcher's number wins (rank_device.h)
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_rank(node, &local_rank_);
  MPI_Comm_free(&node);
  local_rank_ = local_rank_from_environment([](const char* name) { return std::getenv(name); }).value_or(local_rank_);
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

void Ranks::send(int to, int tag, const std::string& data) const {
#if NSMLAB_HAVE_MPI
  if (mpi_) {
    // Short messages go eagerly: MPI buffers them, the receiver need not be waiting.
    MPI_Send(data.data(), static_cast<int>(data.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD);
    return;
  }
#endif
  fail("internal: a message to rank {} without MPI", to);
}

bool Ranks::try_receive(int from, int tag, RankMessage& message) const {
#if NSMLAB_HAVE_MPI
  if (mpi_) {
    int flag = 0;
    MPI_Status status;
    MPI_Message handle;  // matched probe: no other thread can take this message meanwhile
    MPI_Improbe(from < 0 ? MPI_ANY_SOURCE : from, tag < 0 ? MPI_ANY_TAG : tag, MPI_COMM_WORLD, &flag, &handle, &status);
    if (!flag) return false;
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    message.from = status.MPI_SOURCE;
    message.tag = status.MPI_TAG;
    message.data.assign(static_cast<size_t>(count), '\0');
    MPI_Mrecv(message.data.data(), count, MPI_CHAR, &handle, MPI_STATUS_IGNORE);
    return true;
  }
#endif
  return false;
}

void Ranks::sum_all(double* values, size_t count) const {
#if NSMLAB_HAVE_MPI
  if (mpi_) {
    // In slices: MPI counts are ints.
    for (size_t at = 0; at < count;) {
      const int n = static_cast<int>(std::min<size_t>(count - at, size_t{1} << 28));
      MPI_Allreduce(MPI_IN_PLACE, values + at, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
      at += static_cast<size_t>(n);
    }
  }
#endif
}

}  // namespace nsmlab
