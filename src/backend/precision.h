// The number formats a backend can compute in. One list, one spelling: the CLI, results.json,
// bench and advise all name precisions through these functions.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab {

enum class Precision { Fp32, Bf16, Fp16, Int8 };

std::string_view precision_name(Precision p);  // "fp32", "bf16", "fp16", "int8"
std::optional<Precision> parse_precision(std::string_view name);
const std::vector<Precision>& all_precisions();

}  // namespace nsmlab
