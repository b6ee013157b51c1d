// Which rank of an MPI `embed` encodes which chunk, and what happens when a rank dies.
//
// static:  chunk k goes to rank k mod N (no messages needed to decide).
// dynamic: rank 0 hands out the chunks in increasing order to whichever rank asks next (rank 0
//          asks too), so a fast rank takes more. The bytes are the same either way: a chunk's
//          shard does not depend on who wrote it.
// In both, every other rank tells rank 0 when it committed a chunk and when it is done. Open
// MPI 4.1 has no fault tolerance (no ULFM: a message to or from a dead rank never fails, it
// waits), so rank 0 decides that a rank is lost itself: its process is gone (a rank on rank 0's
// node: /proc), or it sent nothing for --rank-timeout seconds (any node). docs/EMBED.md.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "stream/ranks.h"

namespace nsmlab {

enum class ChunkSchedule { dynamic, static_deal };
ChunkSchedule parse_chunk_schedule(const std::string& name);  // "dynamic" or "static"

// Whether a process (by pid, on this machine) has ended: gone, or a zombie not yet reaped.
bool local_process_ended(long pid);

struct LostRank {
  int rank = 0;
  std::string why;
};

// One process's side of the dynamic hand-out, for its reader thread, which asks about chunks
// k in increasing order: `fetch` gives the next chunk handed to this process.
class DealtChunks {
 public:
  explicit DealtChunks(std::function<size_t()> fetch) : fetch_(std::move(fetch)) {}
  bool mine(size_t chunk);

 private:
  std::function<size_t()> fetch_;
  size_t held_ = 0;
  bool holding_ = false;
};

// Rank 0: hands out chunks (dynamic), hears from the other ranks, notices the lost ones.
class ChunkCoordinator {
 public:
  // done: chunks committed by an earlier run (never handed out again).
  ChunkCoordinator(const Ranks& ranks, ChunkSchedule schedule, std::set<size_t> done, double rank_timeout_s);
  ~ChunkCoordinator();  // stops listening (also when rank 0 failed)
  ChunkCoordinator(const ChunkCoordinator&) = delete;
  ChunkCoordinator& operator=(const ChunkCoordinator&) = delete;
  bool mine(size_t chunk);  // rank 0's reader thread
  // Returns once every other rank has said it is done or was found lost.
  void wait_for_ranks();
  std::vector<LostRank> lost() const;
  // The rank chunk k was handed or dealt to; -1 when it was never handed out.
  int owner(size_t chunk) const;

 private:
  struct Peer {
    std::chrono::steady_clock::time_point last_heard;
    std::string host;
    long pid = 0;
    bool finished = false, lost = false;
    std::string why;
  };
  size_t hand_out(int rank);  // under mutex_
  void serve();
  void check_peers(std::chrono::steady_clock::time_point now);

  const Ranks& ranks_;
  ChunkSchedule schedule_;
  std::set<size_t> done_;
  double timeout_s_;
  std::string host_;
  mutable std::mutex mutex_;
  std::condition_variable settled_;
  std::vector<Peer> peers_;
  std::vector<int> owner_;  // dynamic: by chunk
  size_t next_ = 0;
  bool stop_ = false, all_settled_ = false;
  DealtChunks own_;
  std::thread thread_;
};

// Ranks 1..N-1: ask rank 0 for chunks (dynamic) and report to it.
class ChunkClient {
 public:
  ChunkClient(const Ranks& ranks, ChunkSchedule schedule, double rank_timeout_s);
  bool mine(size_t chunk);          // the reader thread
  void committed(size_t chunk);     // after each committed chunk
  void finished();                  // this rank's part is done

 private:
  size_t fetch();
  const Ranks& ranks_;
  ChunkSchedule schedule_;
  double timeout_s_;
  DealtChunks dealt_;
};

}  // namespace nsmlab
