#include "advise/offer_catalogue.h"

#include <cctype>
#include <cmath>
#include <set>

#include "util/atomic_file.h"
#include "util/json_file.h"

namespace nsmlab {

namespace {

constexpr size_t kMaxOffers = 200;
constexpr size_t kMaxText = 2000;
constexpr double kMaxNumber = 1e12;  // larger than any peak in GFLOP/s or price in dollars

struct Where {
  const std::string& file;
  std::string offer;  // "offer 'colab-t4' (offers[2])"
  [[noreturn]] void bad(const std::string& field, const std::string& what) const {
    fail("{}: {}: field '{}' {}", file, offer, field, what);
  }
};

void check_keys(const Json& obj, const std::set<std::string>& allowed, const Where& w, const std::string& prefix) {
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (!allowed.count(it.key()))
      w.bad(prefix + it.key(), "is not a known field (a misspelling would silently be ignored otherwise)");
}

std::string text(const Json& obj, const std::string& field, const Where& w, bool required) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    if (required) w.bad(field, "is missing (expected a string)");
    return "";
  }
  if (!it->is_string()) w.bad(field, fmt::format("must be a string, got {}", json_type_name(*it)));
  std::string s = it->get<std::string>();
  if (s.size() > kMaxText) w.bad(field, fmt::format("is longer than {} bytes", kMaxText));
  if (required && s.empty()) w.bad(field, "must not be empty");
  return s;
}

// A finite number in [0, kMaxNumber] (strictly positive when `positive`); nullopt when absent.
std::optional<double> number(const Json& obj, const std::string& field, const Where& w, bool positive,
                             const std::string& shown) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || it->is_boolean())
    w.bad(shown, fmt::format("must be a number, got {} {}", json_type_name(*it), json_excerpt(*it)));
  const double v = it->get<double>();
  if (!std::isfinite(v) || v < 0 || v > kMaxNumber || (positive && v == 0))
    w.bad(shown, fmt::format("must be a {} number up to {:g}, got {}", positive ? "positive" : "non-negative",
                             kMaxNumber, json_excerpt(*it)));
  return v;
}

std::map<Precision, double> per_precision(const Json& obj, const std::string& field, const Where& w, double max) {
  std::map<Precision, double> out;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_object()) w.bad(field, fmt::format("must be an object of precisions, got {}", json_type_name(*it)));
  for (auto p = it->begin(); p != it->end(); ++p) {
    const auto prec = parse_precision(p.key());
    if (!prec) w.bad(field + "." + p.key(), "is not a precision (expected fp32, bf16, fp16 or int8)");
    const auto v = number(*it, p.key(), w, true, field + "." + p.key());
    if (v && *v > max) w.bad(field + "." + p.key(), fmt::format("must be at most {:g}, got {:g}", max, *v));
    if (v) out[*prec] = *v;
  }
  return out;
}

Offer parse_offer(const Json& j, const Where& w) {
  if (!j.is_object()) w.bad("", fmt::format("must be an object, got {}", json_type_name(j)));
  check_keys(j,
             {"id", "name", "kind", "measured", "software", "peak_gflops", "memory_bandwidth_gb_s", "memory_gb",
              "price_per_hour_usd", "monthly_fee_usd", "host_cpu_fp32_gflops", "efficiency", "availability", "source",
              "note"},
             w, "");
  Offer o;
  o.id = text(j, "id", w, true);
  for (char c : o.id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      w.bad("id", fmt::format("'{}' may hold only letters, digits, '-', '_' and '.'", o.id));
  o.name = text(j, "name", w, true);
  const std::string kind = text(j, "kind", w, true);
  if (kind == "cpu") o.kind = OfferKind::Cpu;
  else if (kind == "gpu") o.kind = OfferKind::Gpu;
  else if (kind == "tpu") o.kind = OfferKind::Tpu;
  else w.bad("kind", fmt::format("is '{}'; expected cpu, gpu or tpu", kind));
  if (auto it = j.find("measured"); it != j.end()) {
    if (!it->is_boolean()) w.bad("measured", "must be true or false");
    o.measured = it->get<bool>();
  }
  o.software = text(j, "software", w, true);
  o.runs_nsmlab = o.software == "nsmlab";
  o.peak_gflops = per_precision(j, "peak_gflops", w, kMaxNumber);
  o.efficiency = per_precision(j, "efficiency", w, 1.0);
  o.memory_bandwidth_gb_s = number(j, "memory_bandwidth_gb_s", w, true, "memory_bandwidth_gb_s").value_or(0);
  o.memory_gb = number(j, "memory_gb", w, true, "memory_gb").value_or(0);
  const auto price = number(j, "price_per_hour_usd", w, false, "price_per_hour_usd");
  if (!price) w.bad("price_per_hour_usd", "is missing (expected a number of dollars, 0 when free)");
  o.price_per_hour_usd = *price;
  o.monthly_fee_usd = number(j, "monthly_fee_usd", w, false, "monthly_fee_usd").value_or(0);
  o.host_cpu_fp32_gflops = number(j, "host_cpu_fp32_gflops", w, true, "host_cpu_fp32_gflops").value_or(0);
  o.availability = text(j, "availability", w, false);
  o.source = text(j, "source", w, true);
  text(j, "note", w, false);
  if (!o.measured) {  // a measured offer gets these from bench; every other must state them
    if (o.peak_gflops.empty()) w.bad("peak_gflops", "is missing or names no precision (expected e.g. {\"fp32\": 8100})");
    if (o.memory_bandwidth_gb_s == 0) w.bad("memory_bandwidth_gb_s", "is missing (expected GB/s)");
    if (o.memory_gb == 0) w.bad("memory_gb", "is missing (expected GB)");
  }
  return o;
}

}  // namespace

std::string_view offer_kind_name(OfferKind k) {
  switch (k) {
    case OfferKind::Cpu: return "cpu";
    case OfferKind::Gpu: return "gpu";
    case OfferKind::Tpu: return "tpu";
  }
  return "?";
}

const Offer* OfferCatalogue::find(std::string_view id) const {
  for (const Offer& o : offers)
    if (o.id == id) return &o;
  return nullptr;
}

OfferCatalogue parse_catalogue(std::string_view bytes, const std::string& origin) {
  const Json j = parse_json_text(bytes, origin, /*refuse_duplicate_keys=*/true);
  if (!j.is_object()) fail("{}: expected a JSON object with 'format' and 'offers', got {}", origin, json_type_name(j));
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "format" && it.key() != "about" && it.key() != "offers")
      fail("{}: field '{}' is not a known field (expected format, about, offers)", origin, it.key());
  const std::string format = json_require<std::string>(j, "format", origin);
  if (format != "nsmlab-offers/1") fail("{}: field 'format' is '{}'; expected 'nsmlab-offers/1'", origin, format);
  auto it = j.find("offers");
  if (it == j.end() || !it->is_array() || it->empty())
    fail("{}: field 'offers' must be a non-empty array of offers", origin);
  if (it->size() > kMaxOffers) fail("{}: field 'offers' holds {} offers; at most {}", origin, it->size(), kMaxOffers);
  OfferCatalogue c;
  c.origin = origin;
  std::set<std::string> ids;
  size_t measured = 0;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& e = (*it)[i];
    std::string label = fmt::format("offers[{}]", i);
    if (e.is_object())
      if (auto id = e.find("id"); id != e.end() && id->is_string() && id->get_ref<const std::string&>().size() < 100)
        label = fmt::format("offer '{}' (offers[{}])", id->get<std::string>(), i);
    const Where w{origin, label};
    Offer o = parse_offer(e, w);
    if (!ids.insert(o.id).second) w.bad("id", fmt::format("'{}' is used by an earlier offer; ids must be unique", o.id));
    if (o.measured && ++measured > 1) w.bad("measured", "is true for a second offer; only one offer is this machine");
    c.offers.push_back(std::move(o));
  }
  return c;
}

OfferCatalogue load_catalogue(const std::string& path) { return parse_catalogue(read_file(path), path); }

}  // namespace nsmlab
