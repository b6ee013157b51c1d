// Everything `nsmlab run` can be told; defaults are the original notebook's values.
#pragma once
#include <optional>
#include <string>

#include "backend/backend_options.h"
#include "engine/sentence_encoder.h"
#include "experiments/experiment_options.h"

namespace nsmlab {

struct RunOptions {
  std::string dataset_path;           // empty: the built-in dataset
  std::string model_dir;              // empty: the best model found locally, else the lexical baseline
  bool lexical = false;               // force the lexical baseline
  std::string language = "fr";
  std::string output_dir;             // empty: a new folder per run under nsmlab-out/ (see output_location.h)
  std::optional<std::string> prompt;  // unset: the model's own default prompt (e5: "query: ")
  BackendOptions backend;             // device, precision, threads (default: CPU fp32, every core)
  EncodeOptions encode = [] { EncodeOptions e; e.normalize = true; return e; }();  // the original L2-normalises
  H1Options h1;
  H2Options h2;
  H3Options h3;
  SignificanceOptions significance;
  bool plots = true;
  std::string report_language = "auto";  // en, fr, or auto: the run's language (report/messages.h)
  std::string embedding_cache;        // the cache file (src/cache); empty: none
};

}  // namespace nsmlab
