#include "stream/chunk_schedule.h"

#include <unistd.h>

#include <fstream>

#include "util/error.h"

namespace nsmlab {

namespace {
using Clock = std::chrono::steady_clock;

enum Tag : int { kHello = 101, kRequest = 102, kAssign = 103, kCommitted = 104, kFinished = 105 };

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "?";
  return name;
}

double seconds_since(Clock::time_point t, Clock::time_point now) {
  return std::chrono::duration<double>(now - t).count();
}

// Short sleeps between polls: MPI's blocking receives spin and would take a core from the encoder.
void nap() { std::this_thread::sleep_for(std::chrono::microseconds(300)); }
}  // namespace

ChunkSchedule parse_chunk_schedule(const std::string& name) {
  if (name == "dynamic") return ChunkSchedule::dynamic;
  if (name == "static") return ChunkSchedule::static_deal;
  fail("--schedule {}: expected dynamic or static", name);
}

bool local_process_ended(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const size_t paren = line.rfind(')');  // "pid (name) S ...": the name may hold spaces
  if (paren == std::string::npos || paren + 2 >= line.size()) return false;
  const char state = line[paren + 2];
  return state == 'Z' || state == 'X';
}

bool DealtChunks::mine(size_t chunk) {
  if (!holding_ || held_ < chunk) {  // chunks come in increasing order: the next one is >= chunk
    held_ = fetch_();
    holding_ = true;
  }
  if (held_ != chunk) return false;
  holding_ = false;
  return true;
}

ChunkCoordinator::ChunkCoordinator(const Ranks& ranks, ChunkSchedule schedule, std::set<size_t> done,
                                   double rank_timeout_s)
    : ranks_(ranks), schedule_(schedule), done_(std::move(done)), timeout_s_(rank_timeout_s), host_(host_name()),
      peers_(static_cast<size_t>(ranks.size())), own_([this] {
        std::lock_guard lock(mutex_);
        return hand_out(0);
      }) {
  if (!(timeout_s_ > 0)) fail("--rank-timeout: expected a positive number of seconds");
  const auto now = Clock::now();
  for (Peer& p : peers_) p.last_heard = now;
  thread_ = std::thread([this] { serve(); });
}

ChunkCoordinator::~ChunkCoordinator() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  thread_.join();
}

size_t ChunkCoordinator::hand_out(int rank) {
  while (done_.count(next_)) ++next_;
  const size_t k = next_++;
  if (owner_.size() <= k) owner_.resize(k + 1, -1);
  owner_[k] = rank;
  return k;
}

bool ChunkCoordinator::mine(size_t chunk) {
  if (schedule_ == ChunkSchedule::static_deal) return chunk % static_cast<size_t>(ranks_.size()) == 0;
  return own_.mine(chunk);
}

int ChunkCoordinator::owner(size_t chunk) const {
  if (schedule_ == ChunkSchedule::static_deal) return static_cast<int>(chunk % static_cast<size_t>(ranks_.size()));
  std::lock_guard lock(mutex_);
  return chunk < owner_.size() ? owner_[chunk] : -1;
}

std::vector<LostRank> ChunkCoordinator::lost() const {
  std::lock_guard lock(mutex_);
  std::vector<LostRank> out;
  for (size_t r = 1; r < peers_.size(); ++r)
    if (peers_[r].lost) out.push_back({static_cast<int>(r), peers_[r].why});
  return out;
}

void ChunkCoordinator::wait_for_ranks() {
  std::unique_lock lock(mutex_);
  settled_.wait(lock, [&] { return all_settled_; });
}

void ChunkCoordinator::check_peers(Clock::time_point now) {
  bool settled = true;
  for (size_t r = 1; r < peers_.size(); ++r) {
    Peer& p = peers_[r];
    if (p.finished || p.lost) continue;
    if (p.pid > 0 && p.host == host_ && local_process_ended(p.pid)) {
      p.lost = true;
      p.why = fmt::format("its process (pid {} on {}) ended before it was done", p.pid, p.host);
    } else if (seconds_since(p.last_heard, now) > timeout_s_) {
      p.lost = true;
      p.why = fmt::format("it sent nothing for {:g} s (--rank-timeout)", timeout_s_);
    } else {
      settled = false;
    }
  }
  if (settled && !all_settled_) {
    all_settled_ = true;
    settled_.notify_all();
  }
}

void ChunkCoordinator::serve() {
  auto last_check = Clock::time_point();
  for (;;) {
    RankMessage m;
    const bool got = ranks_.try_receive(-1, -1, m);
    std::lock_guard lock(mutex_);
    if (stop_) return;
    const auto now = Clock::now();
    if (got && m.from > 0 && m.from < ranks_.size()) {
      Peer& p = peers_[static_cast<size_t>(m.from)];
      p.last_heard = now;
      if (m.tag == kHello) {
        const size_t space = m.data.rfind(' ');
        p.host = m.data.substr(0, space);
        p.pid = space == std::string::npos ? 0 : std::atol(m.data.c_str() + space + 1);
      } else if (m.tag == kRequest) {
        ranks_.send(m.from, kAssign, std::to_string(hand_out(m.from)));
      } else if (m.tag == kFinished) {
        p.finished = true;
      }
    }
    if (seconds_since(last_check, now) > 0.1 || (got && m.tag == kFinished)) {
      check_peers(now);
      last_check = now;
    }
    if (all_settled_) return;
    if (!got) {
      mutex_.unlock();
      nap();
      mutex_.lock();
    }
  }
}

ChunkClient::ChunkClient(const Ranks& ranks, ChunkSchedule schedule, double rank_timeout_s)
    : ranks_(ranks), schedule_(schedule), timeout_s_(rank_timeout_s), dealt_([this] { return fetch(); }) {
  if (!(timeout_s_ > 0)) fail("--rank-timeout: expected a positive number of seconds");
  ranks_.send(0, kHello, host_name() + " " + std::to_string(::getpid()));
}

size_t ChunkClient::fetch() {
  ranks_.send(0, kRequest, "");
  const auto asked = Clock::now();
  RankMessage m;
  while (!ranks_.try_receive(0, kAssign, m)) {
    if (seconds_since(asked, Clock::now()) > timeout_s_)
      fail("rank 0 handed out no chunk for {:g} s (--rank-timeout): it was lost", timeout_s_);
    nap();
  }
  char* end = nullptr;
  const unsigned long long k = std::strtoull(m.data.c_str(), &end, 10);
  if (m.data.empty() || *end != '\0') fail("internal: rank 0 sent a chunk number '{}'", m.data);
  return static_cast<size_t>(k);
}

bool ChunkClient::mine(size_t chunk) {
  if (schedule_ == ChunkSchedule::static_deal)
    return chunk % static_cast<size_t>(ranks_.size()) == static_cast<size_t>(ranks_.rank());
  return dealt_.mine(chunk);
}

void ChunkClient::committed(size_t chunk) { ranks_.send(0, kCommitted, std::to_string(chunk)); }

void ChunkClient::finished() { ranks_.send(0, kFinished, ""); }

}  // namespace nsmlab
