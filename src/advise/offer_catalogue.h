// The hardware `nsmlab advise` compares: a user-editable JSON file (data/offers.json, compiled
// into the binary; --catalogue FILE reads another). Every field is checked: the file is
// untrusted, and an error names the file, the offer and the field.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/precision.h"

namespace nsmlab {

enum class OfferKind { Cpu, Gpu, Tpu };
std::string_view offer_kind_name(OfferKind k);

struct Offer {
  std::string id, name;
  OfferKind kind = OfferKind::Cpu;
  bool measured = false;     // "this machine": peaks and bandwidth come from bench, not the file
  std::string software;      // what would run the models there
  bool runs_nsmlab = false;  // software is "nsmlab" (today: CPU offers only)
  std::map<Precision, double> peak_gflops;  // only the precisions the hardware runs natively
  double memory_bandwidth_gb_s = 0;
  double memory_gb = 0;
  double price_per_hour_usd = 0;
  double monthly_fee_usd = 0;
  double host_cpu_fp32_gflops = 0;           // runs the experiments' own analysis (0: the offer's fp32)
  std::map<Precision, double> efficiency;    // fraction of peak reached, when the file states it
  std::string availability, source;
};

struct OfferCatalogue {
  std::string origin;  // "builtin" or the file's path
  std::vector<Offer> offers;
  const Offer* find(std::string_view id) const;
};

// data/offers.json as compiled into the binary, and its text (for --write-catalogue).
std::string_view builtin_catalogue_text();
OfferCatalogue builtin_catalogue();
OfferCatalogue load_catalogue(const std::string& path);
// `origin` names the source in every error.
OfferCatalogue parse_catalogue(std::string_view text, const std::string& origin);

}  // namespace nsmlab
