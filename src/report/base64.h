// Base64 for the data URIs that make report.html self-contained.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab {

// Standard alphabet with '=' padding, no line breaks (RFC 4648 section 4).
std::string base64_encode(std::string_view bytes);

}  // namespace nsmlab
