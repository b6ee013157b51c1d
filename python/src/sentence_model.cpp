// nsmlab._native.SentenceModel: one NeuralEncoder (the library's own, built by its backend
// factory), with the GIL released while it tokenises and encodes. Argument names, defaults and
// return shapes are sentence-transformers' and live in nsmlab/sentence_model.py.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backend/backend_options.h"
#include "bindings.h"
#include "engine/neural_encoder.h"
#include "model_resolution.h"
#include "numpy_matrix.h"
#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

namespace {

class NativeModel {
 public:
  NativeModel(const std::string& model, const std::string& device, const std::string& precision, int threads) {
    BackendOptions o;
    o.device = parse_device_request(device, "device");
    o.precision = parse_precision_request(precision, "precision");
    if (threads < 0) fail("threads: expected 0 (every core) or a positive count, got {}", threads);
    o.threads = threads;
    o.policy = AutoPolicy::Faithful;  // as `nsmlab embed`: auto never trades accuracy silently
    const std::string dir = resolve_model_folder(model);
    py::gil_scoped_release release;  // loading weights takes a while: let other threads run
    encoder_ = std::make_unique<NeuralEncoder>(dir, o);
  }

  py::array_t<float> encode(const std::vector<std::string>& texts, const std::string& prompt, bool normalize,
                            size_t batch_tokens, bool progress) {
    if (batch_tokens == 0) fail("batch_tokens: expected a positive token budget, got 0");
    EncodeOptions eo;
    eo.prompt = prompt;
    eo.normalize = normalize;
    eo.batch_tokens = batch_tokens;
    eo.max_seq_len = max_seq_len_;
    eo.progress = progress;
    eo.long_text = long_text_;
    eo.chunk_overlap = chunk_overlap_;
    Matrix m;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);  // one encode at a time per model (its backend is not shared)
      encoder_->take_long_text_count();
      m = texts.empty() ? Matrix(0, encoder_->dimension()) : encoder_->encode(texts, eo);
      last_long_text_ = long_text_summary(encoder_->take_long_text_count(),
                                          {long_text_, chunk_overlap_, encoder_->max_seq_length(eo)});
    }
    return matrix_to_numpy(std::move(m));
  }
  // The truncation report of the last encode ("" when no text was longer than max_seq_length).
  std::string last_long_text() const { return last_long_text_; }
  std::string long_text() const { return long_text_mode_name(long_text_); }
  void set_long_text(const std::string& mode) { long_text_ = parse_long_text_mode(mode); }
  size_t chunk_overlap() const { return chunk_overlap_; }
  void set_chunk_overlap(size_t n) {
    EncodeOptions eo;
    eo.max_seq_len = max_seq_len_;
    eo.chunk_overlap = n;
    encoder_->window_text_tokens(eo);  // refuses an overlap not below a window's text tokens
    chunk_overlap_ = n;
  }

  // Padded like sentence-transformers' tokenize: input_ids, token_type_ids, attention_mask.
  py::dict tokenize(const std::vector<std::string>& texts) const {
    std::vector<Encoding> enc(texts.size());
    size_t longest = 0;
    {
      py::gil_scoped_release release;
      for (size_t i = 0; i < texts.size(); ++i) {
        enc[i] = encoder_->tokenize(texts[i], max_seq_length());
        longest = std::max(longest, enc[i].ids.size());
      }
    }
    py::array_t<int64_t> ids({texts.size(), longest}), types({texts.size(), longest}), mask({texts.size(), longest});
    auto I = ids.mutable_unchecked<2>();
    auto T = types.mutable_unchecked<2>();
    auto M = mask.mutable_unchecked<2>();
    const int64_t pad = encoder_->folder().config.pad_token_id;
    for (size_t i = 0; i < enc.size(); ++i)
      for (size_t j = 0; j < longest; ++j) {
        const bool real = j < enc[i].ids.size();
        I(i, j) = real ? enc[i].ids[j] : pad;
        T(i, j) = real && j < enc[i].type_ids.size() ? enc[i].type_ids[j] : 0;
        M(i, j) = real ? 1 : 0;
      }
    py::dict out;
    out["input_ids"] = ids;
    out["token_type_ids"] = types;
    out["attention_mask"] = mask;
    return out;
  }

  size_t max_seq_length() const { return max_seq_len_ > 0 ? max_seq_len_ : encoder_->max_seq_length(); }
  void set_max_seq_length(long long n) {
    const size_t limit = encoder_->folder().config.max_sequence_positions();
    if (n <= 0 || static_cast<unsigned long long>(n) > limit)
      fail("max_seq_length: expected 1 to {} (the model's position table), got {}", limit, n);
    max_seq_len_ = static_cast<size_t>(n);
  }

  const NeuralEncoder& encoder() const { return *encoder_; }

 private:
  std::unique_ptr<NeuralEncoder> encoder_;
  size_t max_seq_len_ = 0;  // 0: the model's own
  LongTextMode long_text_ = LongTextMode::truncate;
  size_t chunk_overlap_ = 0;
  std::string last_long_text_;
  std::mutex mutex_;
};

}  // namespace

void bind_sentence_model(py::module_& m) {
  py::class_<NativeModel>(m, "SentenceModel")
      .def(py::init<const std::string&, const std::string&, const std::string&, int>(), py::arg("model"),
           py::arg("device"), py::arg("precision"), py::arg("threads"))
      .def("encode", &NativeModel::encode, py::arg("texts"), py::arg("prompt"), py::arg("normalize"),
           py::arg("batch_tokens"), py::arg("progress"))
      .def("tokenize", &NativeModel::tokenize, py::arg("texts"))
      .def_property("max_seq_length", &NativeModel::max_seq_length, &NativeModel::set_max_seq_length)
      .def_property("long_text", &NativeModel::long_text, &NativeModel::set_long_text)
      .def_property("chunk_overlap", &NativeModel::chunk_overlap, &NativeModel::set_chunk_overlap)
      .def_property_readonly("last_long_text", &NativeModel::last_long_text)
      .def_property_readonly("dimension", [](const NativeModel& s) { return s.encoder().dimension(); })
      .def_property_readonly("path", [](const NativeModel& s) { return s.encoder().model_dir(); })
      .def_property_readonly("prompts", [](const NativeModel& s) { return s.encoder().folder().prompts; })
      .def_property_readonly("default_prompt_name",
                             [](const NativeModel& s) { return s.encoder().folder().default_prompt_name; })
      .def_property_readonly("description", [](const NativeModel& s) { return s.encoder().describe(); })
      .def_property_readonly("backend", [](const NativeModel& s) { return s.encoder().backend_description().name(); })
      .def_property_readonly("notes", [](const NativeModel& s) { return s.encoder().backend_description().notes; });
}

}  // namespace nsmlab::python
