#include "backend/backend_description.h"

namespace nsmlab {

std::string BackendDescription::name() const {
  std::string dev(device_kind_name(device));
  if (device == DeviceKind::Cuda && device_index >= 0) dev += ":" + std::to_string(device_index);
  return dev + "-" + std::string(precision_name(precision));
}

Json BackendDescription::to_json() const {
  Json j = {{"name", name()},
            {"device", std::string(device_kind_name(device))},
            {"device_name", device_name},
            {"precision", std::string(precision_name(precision))},
            {"instruction_set", instruction_set},
            {"threads", threads},
            {"libraries", libraries},
            {"notes", notes}};
  if (device == DeviceKind::Cuda) j["device_index"] = device_index;
  return j;
}

}  // namespace nsmlab
