#include "backend/precision.h"

namespace nsmlab {

std::string_view precision_name(Precision p) {
  switch (p) {
    case Precision::Fp32: return "fp32";
    case Precision::Bf16: return "bf16";
    case Precision::Fp16: return "fp16";
    case Precision::Int8: return "int8";
  }
  return "?";
}

std::optional<Precision> parse_precision(std::string_view name) {
  for (Precision p : all_precisions())
    if (precision_name(p) == name) return p;
  return std::nullopt;
}

const std::vector<Precision>& all_precisions() {
  static const std::vector<Precision> all{Precision::Fp32, Precision::Bf16, Precision::Fp16, Precision::Int8};
  return all;
}

}  // namespace nsmlab
