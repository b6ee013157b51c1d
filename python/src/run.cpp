// nsmlab._native.run: `nsmlab run` from Python, the same runner and outputs, with the GIL
// released for the whole run.
#include <pybind11/stl.h>

#include <filesystem>

#include "backend/backend_options.h"
#include "bindings.h"
#include "experiment_options.h"
#include "model_resolution.h"
#include "runner/run_experiments.h"
#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

namespace {

py::dict run(const std::string& dataset, const std::string& model, const std::string& language,
             const std::string& output, bool lexical, const std::optional<std::string>& prompt,
             const std::string& device, const std::string& precision, int threads, bool plots,
             const py::dict& options) {
  RunOptions o;
  o.dataset_path = dataset;
  o.lexical = lexical;
  if (lexical && !model.empty()) fail("run: pass either model or lexical=True, not both");
  if (!model.empty()) o.model_dir = resolve_model_folder(model);
  o.language = language;
  o.output_dir = output;
  o.prompt = prompt;
  o.backend.device = parse_device_request(device, "device");
  o.backend.precision = parse_precision_request(precision, "precision");
  if (threads < 0) fail("threads: expected 0 (every core) or a positive count, got {}", threads);
  o.backend.threads = threads;
  o.plots = plots;
  OptionReader r(options, "run");
  int batch_tokens = static_cast<int>(o.encode.batch_tokens), max_seq_len = 0;
  r.read("batch_tokens", batch_tokens);
  r.read("max_seq_len", max_seq_len);
  r.read("normalize", o.encode.normalize);
  r.read("seed", o.h1.seed);
  r.read("n_init", o.h1.n_init);
  r.read("tsne_perplexity", o.h1.tsne_perplexity);
  r.read("tsne_iter", o.h1.tsne_iter);
  r.read("purity_threshold", o.h1.purity_threshold);
  r.read("silhouette_threshold", o.h1.silhouette_threshold);
  r.read("square_rate_threshold", o.h2.rate_threshold);
  r.read("max_components", o.h3.max_components);
  r.read("r_threshold", o.h3.r_threshold);
  r.read("isotopy_rate_threshold", o.h3.rate_threshold);
  r.read("min_occurrences", o.h3.min_occurrences);
  r.read(o.significance);
  r.finish();
  if (batch_tokens < 1) fail("run: option 'batch_tokens' expects a positive token budget, got {}", batch_tokens);
  o.encode.batch_tokens = static_cast<size_t>(batch_tokens);
  o.encode.max_seq_len = static_cast<size_t>(max_seq_len);

  RunOutcome out;
  {
    py::gil_scoped_release release;
    out = run_experiments(o);
  }
  const std::filesystem::path dir = std::filesystem::absolute(out.output_dir);
  std::vector<std::string> files;
  for (const std::string& f : out.files) files.push_back((dir / f).string());
  py::dict d;
  d["results"] = to_python(out.results);
  d["output_dir"] = dir.string();
  d["files"] = files;
  d["warnings"] = out.warnings;
  d["summary"] = run_summary(out);
  return d;
}

}  // namespace

void bind_run(py::module_& m) {
  m.def("run", &run, py::arg("dataset"), py::arg("model"), py::arg("language"), py::arg("output"), py::arg("lexical"),
        py::arg("prompt"), py::arg("device"), py::arg("precision"), py::arg("threads"), py::arg("plots"),
        py::arg("options"));
}

}  // namespace nsmlab::python
