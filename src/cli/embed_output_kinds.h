// embed --output-kind sparse|colbert: bge-m3's other two outputs written as files.
//   sparse:  JSON lines, one per text in input order: {"<token id>": weight, ...}, ids ascending
//            (FlagEmbedding's lexical_weights, ids as strings like its dicts).
//   colbert: <output> is one float32 .npy of every text's vectors stacked [total, dim]; rows
//            offsets[i] .. offsets[i+1] are text i's, offsets in <output without .npy>.offsets.npy
//            (int64, texts + 1 entries).
#pragma once
#include <string>
#include <vector>

#include "engine/neural_encoder.h"

namespace nsmlab::cli {

// Returns a one-line summary for the terminal ("4 texts -> out.jsonl (12 weights)").
std::string write_m3_output(NeuralEncoder& encoder, const std::string& kind, const std::vector<std::string>& texts,
                            const std::string& prompt, const std::string& output);

// The companion file of a colbert output: "x.npy" -> "x.offsets.npy".
std::string colbert_offsets_path(const std::string& output);

}  // namespace nsmlab::cli
