// `embed` by the ranks of an MPI job (mpirun, srun): rank 0 prepares the output folder, every
// rank encodes the chunks the schedule gives it (chunk_schedule.h) into its own shards, and rank
// 0 writes the manifest once all are done, or reports the chunks a lost rank left missing.
#pragma once
#include <string>

#include "engine/neural_encoder.h"
#include "stream/chunk_schedule.h"
#include "stream/ranks.h"
#include "stream/shard_folder_sink.h"
#include "engine/long_text.h"
#include "stream/stream_embed.h"

namespace nsmlab {

struct RanksEmbedOptions {
  std::string output;  // a folder
  bool resume = false, force = false;
  ChunkSchedule schedule = ChunkSchedule::dynamic;
  double rank_timeout_s = 1800;
  std::string dtype_name;  // for the summary line
  LongTextSettings long_text;  // for the truncation report rank 0 gives for the whole input
};

// The backend this rank runs: with a CUDA device by local rank (rank_device.h) when nsmlab may
// choose and the GPU plugin sees devices; the request unchanged for a single process.
BackendOptions backend_for_rank(const BackendOptions& backend, const Ranks& ranks);

// Ends every rank (MPI_Abort, exit status non-zero) on an error or a lost rank; returns 0 otherwise.
int embed_across_ranks(const Ranks& ranks, NeuralEncoder& encoder, StreamEmbedOptions so, const Json& settings,
                       const SinkLayout& layout, const RanksEmbedOptions& o);

}  // namespace nsmlab
