// pytorch_model.bin through the restricted pickle reader. First byte: 0 = the rest is a
// zip-format data.pkl, 1 = a legacy-format state pickle (six-field persistent ids), both
// read by read_torch_state_pickle; 2 = the rest is a whole checkpoint file (zip or legacy)
// loaded by TensorArchive, every byte of every accepted tensor then read. Beyond "no crash,
// only nsmlab::Error": every accepted tensor's extent lies inside its declared storage.
#include "fuzz_support.h"
#include "model/tensor_archive.h"
#include "model/torch_pickle.h"

namespace {

void check_extents(const nsmlab::TorchStatePickle& s) {
  for (const auto& t : s.tensors) {
    const auto& storage = s.storages.at(t.storage);
    size_t last = t.offset, numel = 1;
    for (size_t i = 0; i < t.shape.size(); ++i) {
      numel *= t.shape[i];
      if (t.shape[i]) last += (t.shape[i] - 1) * t.stride[i];  // the reader checked these for overflow
    }
    if (numel > 0 && last >= storage.numel) {
      std::fprintf(stderr, "\n*** tensor %s reaches element %zu of a %zu-element storage, yet was accepted\n",
                   t.name.c_str(), last, storage.numel);
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 3;
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  if (mode < 2) {
    fuzz::expect_clean_errors([&] { check_extents(read_torch_state_pickle(body, n, "fuzz.pkl", mode == 1)); });
    return 0;
  }
  const std::string path = fuzz::write_scratch("pytorch_model.bin", fuzz::as_view(body, n));
  fuzz::expect_clean_errors([&] {
    TensorArchive archive(path);
    volatile uint8_t sink = 0;
    for (const auto& [name, t] : archive.tensors())
      for (size_t i = 0; i < t.view.bytes; ++i) sink = sink ^ t.view.data[i];
  });
  return 0;
}
