#include "report/base64.h"

#include <openssl/evp.h>

namespace nsmlab {

std::string base64_encode(std::string_view bytes) {
  // OpenSSL is already linked through util; EVP_EncodeBlock writes one unbroken line.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

}  // namespace nsmlab
