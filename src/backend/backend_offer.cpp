#include "backend/backend_offer.h"

namespace nsmlab {

std::string BackendOffer::name() const {
  std::string dev(device_kind_name(device));
  if (device == DeviceKind::Cuda && device_index >= 0) dev += ":" + std::to_string(device_index);
  return dev + "-" + std::string(precision_name(precision));
}

}  // namespace nsmlab
