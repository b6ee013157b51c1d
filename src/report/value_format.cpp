#include "report/value_format.h"

#include <fmt/format.h>

#include <cmath>

namespace nsmlab {

std::string format_number(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return kMissing;
  std::string s = fmt::format("{:.{}f}", *value, decimals);
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0.000"
  return s;
}

std::string format_p_value(std::optional<double> p) {
  if (!p || !std::isfinite(*p)) return kMissing;
  if (*p < 0.001) return "< 0.001";
  return fmt::format("{:.3f}", *p);
}

std::string format_percent(std::optional<double> fraction, int decimals) {
  if (!fraction || !std::isfinite(*fraction)) return kMissing;
  return fmt::format("{:.{}f}%", *fraction * 100.0, decimals);
}

std::string format_interval(const Json& pair, int decimals) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number()) return kMissing;
  return fmt::format("[{}, {}]", format_number(pair[0].get<double>(), decimals),
                     format_number(pair[1].get<double>(), decimals));
}

std::string format_interval(const ResultInterval& interval, int decimals) {
  if (!interval.low || !interval.high) return kMissing;
  return fmt::format("[{}, {}]", format_number(interval.low, decimals), format_number(interval.high, decimals));
}

std::string format_json_value(const Json& value) {
  if (value.is_null()) return kMissing;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_number_integer()) return value.dump();
  if (value.is_number()) {
    const double d = value.get<double>();
    if (!std::isfinite(d)) return kMissing;
    return fmt::format("{:.6g}", d);
  }
  if (value.is_array()) {
    std::string out;
    for (const Json& item : value) {
      if (!out.empty()) out += ", ";
      out += format_json_value(item);
    }
    return out;
  }
  return value.dump();
}

}  // namespace nsmlab
