// The processes of one `embed` run: one alone, or the ranks of an MPI job (mpirun, or SLURM's
// srun) when nsmlab was built with MPI (NSMLAB_MPI, Debian's libopenmpi-dev) and started by
// one. MPI starts only when a launcher's variables are present, so a plain run never needs it.
#pragma once
#include <string>

namespace nsmlab {

// A short message between ranks (point to point, any thread: MPI_THREAD_MULTIPLE).
struct RankMessage {
  int from = -1, tag = 0;
  std::string data;
};

class Ranks {
 public:
  Ranks();   // MPI_Init_thread when launched by mpirun/srun
  ~Ranks();  // MPI_Finalize
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  int local_rank() const { return local_rank_; }  // among the ranks of this node: which GPU to take
  // True when every rank passes true (a collective: every rank must call it, in the same order).
  bool all_ok(bool ok) const;
  static bool built_with_mpi();
  // An error on one rank: say it, and end every rank (MPI_Abort) rather than leave the others
  // waiting forever; what was committed stays for --resume.
  [[noreturn]] void abort_all(const char* message) const;
  // Point to point: send never waits for the receiver; try_receive takes a waiting message
  // (from `from`, or any rank when -1) with tag `tag` (any when -1), or returns false at once.
  void send(int to, int tag, const std::string& data) const;
  bool try_receive(int from, int tag, RankMessage& message) const;
  // Sums `values` element-wise over every rank, in place (a collective).
  void sum_all(double* values, size_t count) const;

 private:
  int rank_ = 0, size_ = 1, local_rank_ = 0;
  bool mpi_ = false;
};

}  // namespace nsmlab
