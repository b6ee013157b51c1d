// How numbers read in the report and on the plots: fixed decimals, p-values with a floor,
// percentages, intervals; "—" for a value the run did not produce.
#pragma once
#include <optional>
#include <string>

#include "experiments/result_fields.h"
#include "util/json_file.h"

namespace nsmlab {

inline constexpr const char* kMissing = "—";

std::string format_number(std::optional<double> value, int decimals = 3);
// "< 0.001" below 0.001, else three decimals.
std::string format_p_value(std::optional<double> p);
// A fraction as a percentage: 0.4737 -> "47.4%".
std::string format_percent(std::optional<double> fraction, int decimals = 1);
// A two-number JSON array as "[0.51, 0.72]"; anything else gives "—".
std::string format_interval(const Json& pair, int decimals = 3);
// The same from results.json's typed interval; "—" when an end is missing.
std::string format_interval(const ResultInterval& interval, int decimals = 3);
// Any JSON value as one line of text: strings as they are, numbers without trailing
// zeros, booleans as yes/no, arrays joined with ", ", null as "—".
std::string format_json_value(const Json& value);

}  // namespace nsmlab
